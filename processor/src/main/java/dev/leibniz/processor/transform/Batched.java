package dev.leibniz.processor.transform;

import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Exprs;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.Kernel;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.FunctionTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The element-wise computations of the batched forms ({@code FooVectorized}, SPEC §5): for one
 * element, the same IR the scalar forms of {@code FooDerivatives} are printed from, with the forms
 * of other methods they call inlined ({@link BatchedCalls}), so a batched result is the scalar
 * form's, element by element. The vector printer turns them into kernels.
 */
public final class Batched {
  private Batched() {}

  /** Why a form has no element-wise computation to print: the construct, for the compile-time note. */
  public static final class NotBatched extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotBatched(String construct) {
      super(construct, null, false, false);
    }
  }

  /**
   * What the batched forms inline that the scalar forms only call: parsed on demand, null when
   * Leibniz cannot read it.
   */
  public interface Bodies {
    /** The own body of {@code f}, a method with a custom rule. */
    Function body(FunctionInfo f);

    /** The forward ({@code backward} false) or backward rule of {@code f}, a {@code @CustomVjp} method. */
    Function vjpRule(FunctionInfo f, boolean backward);

    /** Why {@code f}'s body or rules could not be read: the first problem met, or null. */
    String problem(FunctionInfo f);
  }

  /**
   * Whether {@code f} has batched forms: its differentiable parameters and its result are
   * {@code double} or {@code float}, and it writes into no array.
   */
  public static boolean applies(FunctionInfo f) {
    if (f.kind() == FunctionInfo.Kind.RULE || f.kind() == FunctionInfo.Kind.EXTERNAL
        || !f.resultType().isFloating() || f.differentiableParams().isEmpty() || !f.writtenParams().isEmpty()) {
      return false;
    }
    return f.differentiableParams().stream().allMatch(p -> p.type().isFloating());
  }

  /** Whether {@code f}'s batched forms have one element type, which a kernel needs: its scalars all double or all float. */
  public static boolean oneElementType(FunctionInfo f) {
    return f.differentiableParams().stream().allMatch(p -> p.type().equals(f.resultType()));
  }

  /** {@code ": problem"}, or nothing when the problem is not known. */
  static String because(String problem) {
    return problem == null ? "" : ": " + problem;
  }

  /** {@code m(xs…, out)}: the method's own body, also for a method with a custom rule. */
  public static Kernel primal(FunctionInfo f, FunctionTable table, Bodies bodies) {
    Function body = f.kind() == FunctionInfo.Kind.DERIVED ? f.ir() : bodies.body(f);
    if (body == null) {
      throw new NotBatched("its body, which Leibniz cannot read (its derivatives need only its rule)"
          + because(bodies.problem(f)));
    }
    return kernel(body, table, bodies);
  }

  /** {@code mJvp(xs…, xDots…, out, outDot)}: the forward form, or the JVP rule. */
  public static Kernel jvp(FunctionInfo f, FunctionTable table, Bodies bodies) {
    return kernel(f.kind() == FunctionInfo.Kind.DERIVED ? Forward.apply(f.ir(), table) : f.ir(), table, bodies);
  }

  /**
   * {@code mGrad(xs…, xBars…)}, built as {@code mGrad} of {@code FooDerivatives} is: forward mode
   * with the tangent one for one input, else both sweeps of reverse mode (a JVP rule transposed),
   * the cotangent one; for a {@code @CustomVjp} method its backward rule after its forward rule.
   */
  public static Kernel grad(FunctionInfo f, FunctionTable table, Bodies bodies) {
    if (f.kind() == FunctionInfo.Kind.CUSTOM_VJP) {
      return ruleGrad(f, table, bodies);
    }
    if (f.kind() == FunctionInfo.Kind.DERIVED && f.hasJvp() && f.differentiableParams().size() == 1) {
      return forwardGrad(f, table, bodies);
    }
    return reverseGrad(f, table, bodies);
  }

  private static Kernel forwardGrad(FunctionInfo f, FunctionTable table, Bodies bodies) {
    Function forward = Forward.apply(f.ir(), table);
    List<Param> params = forward.params();
    Block body = Forward.withUnitTangent(forward);
    Block gradOnly = DeadCode.deadCode(Cleanup.mapReturns(body, leaves -> List.of(leaves.get(1))), Set.of(),
        ref -> table.get(ref) != null && table.get(ref).pure());
    Function g = new Function(f.name(), params.subList(0, params.size() - 1), f.resultType(), gradOnly,
        forward.reserved());
    return kernel(g, table, bodies);
  }

  private static Kernel reverseGrad(FunctionInfo f, FunctionTable table, Bodies bodies) {
    Var cotangent = Namer.forFunction(f.ir()).fresh("cotangent", f.resultType());
    Reverse.Result r = reverse(f, cotangent, table).gradientOnly(cotangent, Const.of(f.resultType(), 1));
    List<Stmt> body = new ArrayList<>(r.forward().stmts());
    body.addAll(r.backward().stmts());
    Function primal = new Function(f.name(), f.ir().params().subList(0, f.params().size()), f.resultType(),
        new Block(body), f.ir().reserved());
    return finish(primal, new Block(body), r.gradients(), table, bodies);
  }

  /**
   * Both sweeps of {@code f}'s pullback of {@code cotangent}, as {@code FooDerivatives} builds
   * them: reverse mode of the body, or of a JVP rule with respect to its tangents (transposed).
   */
  static Reverse.Result reverse(FunctionInfo f, Var cotangent, FunctionTable table) {
    boolean rule = f.kind() != FunctionInfo.Kind.DERIVED && f.kind() != FunctionInfo.Kind.RULE;
    Function source = rule ? Transposition.source(f.ir(), f.params().size(), table) : f.ir();
    List<Expr> seeds = new ArrayList<>();
    if (rule) {
      seeds.add(Const.zero(f.resultType()));
    }
    seeds.add(cotangent);
    Reverse.Result r = Reverse.apply(source, seeds, table, 1);
    return rule ? Transposition.finish(r, f.ir(), f.params().size()) : r;
  }

  /** The gradient of a {@code @CustomVjp} method: its rules' bodies, inlined as its scalar gradient calls them. */
  private static Kernel ruleGrad(FunctionInfo f, FunctionTable table, Bodies bodies) {
    Namer namer = new Namer(Set.of());
    List<Param> params = new ArrayList<>();
    List<Expr> args = new ArrayList<>();
    for (FunctionInfo.ParamInfo p : f.params()) {
      Var v = new Var(namer.declare(p.name()), p.type());
      params.add(new Param(v, p.differentiable()));
      args.add(v);
    }
    Var vjp = namer.fresh("vjp", f.formResultType(Callee.Form.VJP));
    Var gradient = namer.fresh("gradient", f.gradientType());
    Block body = new Block(List.of(
        new Stmt.Declare(vjp, new Expr.Invoke(new Callee.Function(f.ref(), Callee.Form.VJP), null, args,
            vjp.type()), SourceRef.NONE),
        new Stmt.Declare(gradient, new Expr.Invoke(new Callee.Method(f.vjpClass(), "pullback", false,
            List.of(f.resultType())), vjp, List.of(Const.of(f.resultType(), 1)), gradient.type()), SourceRef.NONE)));
    List<Expr> outputs = new ArrayList<>();
    List<FunctionInfo.ParamInfo> d = f.differentiableParams();
    for (FunctionInfo.ParamInfo p : d) {
      outputs.add(d.size() == 1 ? gradient : new Expr.Component(gradient, p.name(), p.type()));
    }
    return finish(new Function(f.name(), params, f.resultType(), body, Set.of()), body, outputs, table, bodies);
  }

  /** {@code fn} with one exit at its end, that exit's values the outputs. */
  private static Kernel kernel(Function fn, FunctionTable table, Bodies bodies) {
    Function one = Structure.apply(fn);
    List<Stmt> stmts = one.body().stmts();
    Stmt.Return ret = (Stmt.Return) stmts.get(stmts.size() - 1);
    return finish(one, new Block(stmts.subList(0, stmts.size() - 1)), ret.values(), table, bodies);
  }

  /**
   * The kernel of {@code body} computing {@code outputs} from the differentiable parameters of
   * {@code source}: calls inlined, then without what the outputs do not need.
   */
  private static Kernel finish(Function source, Block body, List<Expr> outputs, FunctionTable table,
      Bodies bodies) {
    Namer namer = Namer.forFunction(source);
    for (Var v : Stmts.mentioned(body)) {
      namer.take(v.name());
    }
    BatchedCalls calls = new BatchedCalls(table, bodies, namer);
    BatchedCalls.Inlined in = calls.inline(body, outputs);
    Set<Var> needed = new LinkedHashSet<>();
    for (Expr e : in.outputs()) {
      needed.addAll(Exprs.vars(e));
    }
    // arguments bound to an inlined method's parameters are copies: propagated, its Math calls are the caller's
    Block copies = Cleanup.propagateCopies(mathOnce(Cleanup.propagateCopies(in.body(), needed)), needed);
    // the exit flags of a structured body, and what an inlined form computes that is not used
    Block live = DeadCode.deadCode(copies, needed, ref -> table.get(ref) != null && table.get(ref).pure());
    List<Var> inputs = new ArrayList<>();
    for (Param p : source.params()) {
      if (p.differentiable()) {
        inputs.add(p.var());
      }
    }
    return new Kernel(source, inputs, live, in.outputs(), calls.origins());
  }

  /**
   * {@code b} with each Math function of values set once computed once, at the top level: a JVP
   * rule that calls its own method computes {@code exp(x)} in the method's inlined body and again
   * in the rule, as the scalar form does. The same function of the same values is the same number.
   */
  private static Block mathOnce(Block b) {
    Map<Var, Integer> sets = new HashMap<>();
    Stmts.walk(b, s -> {
      if (s instanceof Stmt.Declare d) {
        sets.merge(d.var(), 1, Integer::sum);
      } else if (Stmts.target(s) != null) {
        sets.merge(Stmts.target(s), 1, Integer::sum);
      }
    });
    Map<Expr.MathCall, Var> computed = new HashMap<>();
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : b.stmts()) {
      if (s instanceof Stmt.Declare d && d.init() instanceof Expr.MathCall m && sets.get(d.var()) == 1
          && Exprs.vars(m).stream().allMatch(v -> sets.getOrDefault(v, 0) <= 1)) {
        Var earlier = computed.putIfAbsent(m, d.var());
        if (earlier != null) {
          out.add(new Stmt.Declare(d.var(), earlier, d.source()));
          continue;
        }
      }
      out.add(s);
    }
    return new Block(out);
  }
}
