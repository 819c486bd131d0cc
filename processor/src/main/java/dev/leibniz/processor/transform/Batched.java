package dev.leibniz.processor.transform;

import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.FunctionTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The element-wise computations of the batched forms ({@code FooVectorized}, SPEC §5): for one
 * element, the same IR the scalar forms of {@code FooDerivatives} are printed from, so a batched
 * result is the scalar form's, element by element. The vector printer turns them into kernels.
 */
public final class Batched {
  private Batched() {}

  /**
   * One element's computation: {@code inputs} are the batched scalars (one array each), in the
   * order of the form's array parameters; the other parameters of {@code source} are passed as
   * they are; {@code body} has no {@code return} and leaves the form's results in {@code outputs}.
   */
  public record Kernel(Function source, List<Var> inputs, Block body, List<Expr> outputs) {}

  /**
   * Whether {@code f} has batched forms: its differentiable parameters and its result are of one
   * floating type, and it writes into no array.
   */
  public static boolean applies(FunctionInfo f) {
    if (f.kind() == FunctionInfo.Kind.RULE || f.kind() == FunctionInfo.Kind.EXTERNAL
        || !f.scalarResult() || f.differentiableParams().isEmpty() || !f.writtenParams().isEmpty()) {
      return false;
    }
    for (FunctionInfo.ParamInfo p : f.differentiableParams()) {
      if (!p.type().equals(f.resultType())) {
        return false;
      }
    }
    return true;
  }

  /** {@code m(xs…, out)}: the method's own body (null for a custom rule: its body is not read). */
  public static Kernel primal(FunctionInfo f, FunctionTable table) {
    if (f.kind() != FunctionInfo.Kind.DERIVED || f.ir() == null) {
      return null;
    }
    return kernel(f.ir(), differentiable(f.ir().params()), table);
  }

  /** {@code mJvp(xs…, xDots…, out, outDot)}: the forward form, or a JVP rule (null without forward mode). */
  public static Kernel jvp(FunctionInfo f, FunctionTable table) {
    Function forward = forward(f, table);
    return forward == null ? null : kernel(forward, differentiable(forward.params()), table);
  }

  private static Function forward(FunctionInfo f, FunctionTable table) {
    if (!f.hasJvp() || f.ir() == null) {
      return null;
    }
    return switch (f.kind()) {
      case DERIVED -> Forward.apply(f.ir(), table);
      case CUSTOM_JVP, CUSTOM_JVP_PER_ARGUMENT -> f.ir();
      default -> null;
    };
  }

  /**
   * {@code mGrad(xs…, xBars…)}, built as {@code mGrad} of {@code FooDerivatives} is: forward mode
   * with the tangent one for one input, else both sweeps of reverse mode (a JVP rule transposed),
   * the cotangent one. Null for a {@code @CustomVjp} method (its rules are not read).
   */
  public static Kernel grad(FunctionInfo f, FunctionTable table) {
    if (f.ir() == null || f.kind() == FunctionInfo.Kind.CUSTOM_VJP) {
      return null;
    }
    if (f.kind() == FunctionInfo.Kind.DERIVED && f.hasJvp() && f.differentiableParams().size() == 1) {
      return forwardGrad(f, table);
    }
    return reverseGrad(f, table);
  }

  private static Kernel forwardGrad(FunctionInfo f, FunctionTable table) {
    Function forward = Forward.apply(f.ir(), table);
    List<Param> params = forward.params();
    Var tangent = params.get(params.size() - 1).var();
    List<Stmt> seeded = new ArrayList<>();
    seeded.add(new Stmt.Declare(tangent, Const.of(tangent.type(), 1), SourceRef.NONE));
    seeded.addAll(forward.body().stmts());
    // as ReverseForms does: twice, a seed converted to another floating type becomes a constant in the first pass
    Block body = Cleanup.propagateCopies(Cleanup.propagateCopies(new Block(seeded), Set.of()), Set.of());
    Block gradOnly = DeadCode.deadCode(Cleanup.mapReturns(body, leaves -> List.of(leaves.get(1))), Set.of(),
        ref -> table.get(ref) != null && table.get(ref).pure());
    Function g = new Function(f.name(), params.subList(0, params.size() - 1), f.resultType(), gradOnly,
        forward.reserved());
    return kernel(g, differentiable(g.params()), table);
  }

  private static Kernel reverseGrad(FunctionInfo f, FunctionTable table) {
    boolean rule = f.kind() != FunctionInfo.Kind.DERIVED;
    Function source = rule ? Transposition.source(f.ir(), f.params().size(), table) : f.ir();
    Namer namer = Namer.forFunction(source);
    Var cotangent = namer.fresh("cotangent", f.resultType());
    List<Expr> seeds = new ArrayList<>();
    if (rule) {
      seeds.add(Const.zero(f.resultType()));
    }
    seeds.add(cotangent);
    Reverse.Result r = Reverse.apply(source, seeds, table, 1);
    if (rule) {
      r = Transposition.finish(r, f.ir(), f.params().size());
    }
    r = r.gradientOnly(cotangent, Const.of(f.resultType(), 1));
    List<Stmt> body = new ArrayList<>(r.forward().stmts());
    body.addAll(r.backward().stmts());
    List<Var> inputs = new ArrayList<>();
    for (int i = 0; i < f.params().size(); i++) {
      if (f.params().get(i).differentiable()) {
        inputs.add(f.ir().params().get(i).var());
      }
    }
    Function primal = new Function(f.name(), f.ir().params().subList(0, f.params().size()), f.resultType(),
        new Block(body), source.reserved());
    return new Kernel(primal, inputs, live(new Block(body), r.gradients(), table), r.gradients());
  }

  private static List<Var> differentiable(List<Param> params) {
    List<Var> out = new ArrayList<>();
    for (Param p : params) {
      if (p.differentiable()) {
        out.add(p.var());
      }
    }
    return out;
  }

  /** {@code fn} with one exit at its end, that exit's values the outputs. */
  private static Kernel kernel(Function fn, List<Var> inputs, FunctionTable table) {
    Function one = Structure.apply(fn);
    List<Stmt> stmts = one.body().stmts();
    Stmt.Return ret = (Stmt.Return) stmts.get(stmts.size() - 1);
    return new Kernel(one, inputs, live(new Block(stmts.subList(0, stmts.size() - 1)), ret.values(), table),
        ret.values());
  }

  /** {@code body} without what {@code outputs} do not need (the exit flags of a structured body). */
  private static Block live(Block body, List<Expr> outputs, FunctionTable table) {
    Set<Var> needed = new java.util.LinkedHashSet<>();
    for (Expr e : outputs) {
      needed.addAll(dev.leibniz.processor.ir.Exprs.vars(e));
    }
    return DeadCode.deadCode(body, needed, ref -> table.get(ref) != null && table.get(ref).pure());
  }
}
