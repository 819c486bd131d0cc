package dev.leibniz.processor.plan;

import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.CodeSize;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.LambdaFunction;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.FunctionTable;
import dev.leibniz.processor.transform.Cleanup;
import dev.leibniz.processor.transform.Compaction;
import dev.leibniz.processor.transform.Forward;
import dev.leibniz.processor.transform.Linearize;
import dev.leibniz.processor.transform.Structure;
import dev.leibniz.processor.transform.TransformException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides what is generated for each annotated method and builds the IR of each form through its
 * pipeline (forward mode, reverse mode, cleanups), so that {@code codegen} only prints. A form
 * Leibniz cannot derive is a {@link TransformException} naming the user's expression.
 */
public final class Planner {
  private final FunctionTable table;
  private final Map<FunctionInfo, Function> level1 = new HashMap<>();

  public Planner(FunctionTable table) {
    this.table = table;
  }

  /** The plan of {@code f}; {@link TransformException} when one of its forms cannot be derived. */
  public FunctionPlan plan(FunctionInfo f) {
    Set<Form> forms = EnumSet.noneOf(Form.class);
    Body jvp = null;
    Body jvpJvp = null;
    if (f.hasForwardForm() && f.ir() != null) {
      forms.add(Form.JVP);
      if (f.kind() != FunctionInfo.Kind.CUSTOM_JVP) {
        jvp = body(level1(f));
      }
      if (f.secondOrder()) {
        forms.add(Form.JVP_JVP);
        jvpJvp = body(Forward.apply(Linearize.apply(level1(f)), table));
      }
    }
    ReversePlan reverse = null;
    if (f.kind() == FunctionInfo.Kind.CUSTOM_VJP) {
      forms.add(Form.CUSTOM_VJP);
    } else if (f.kind() != FunctionInfo.Kind.RULE) {
      forms.add(Form.VJP);
      reverse = new ReversePlanner(f, table, this).plan(forwardGradient(f));
    }
    if (hasJacobian(f)) {
      forms.add(Form.JACOBIAN);
    }
    if (f.order() >= 2 && f.kind() != FunctionInfo.Kind.RULE) {
      forms.add(Form.HESSIAN);
    }
    Lambdas lambdas = new Lambdas(table, f.secondOrder());
    lambdas.addAll(jvp, jvpJvp, reverse);
    return new FunctionPlan(f, forms, jvp, jvpJvp, reverse, lambdas.plans());
  }

  /**
   * Whether {@code f} gets {@code mJacobian}: a result with leaves, other than one scalar, or a
   * {@code void} method (its results are the arrays it writes into).
   */
  static boolean hasJacobian(FunctionInfo f) {
    return f.kind() != FunctionInfo.Kind.RULE && !f.scalarResult() && (f.isVoid() || hasLeaves(f.resultType()));
  }

  /** Whether values of type {@code t} have leaves (differentiable parts). */
  private static boolean hasLeaves(Type t) {
    return t.isDifferentiable()
        || t instanceof Type.Record r && r.components().stream().anyMatch(c -> hasLeaves(c.type()));
  }

  /** The first-order forward form of {@code f} as IR (computed once). */
  private Function level1(FunctionInfo f) {
    return level1.computeIfAbsent(f, x -> switch (x.kind()) {
      case DERIVED, RULE -> Forward.apply(x.ir(), table);
      default -> x.ir();
    });
  }

  /**
   * The forward form that gives {@code f}'s gradient best, or null: for a function of one scalar
   * (one differentiable {@code double} or {@code float}, a scalar result), forward mode with the
   * tangent one is a single pass, with no tape and nothing kept.
   */
  private Function forwardGradient(FunctionInfo f) {
    List<FunctionInfo.ParamInfo> d = f.differentiableParams();
    if (f.kind() != FunctionInfo.Kind.DERIVED || !f.hasJvp() || !f.scalarResult() || d.size() != 1
        || !(d.get(0).type() instanceof Type.Prim p && p.isFloating())) {
      return null;
    }
    Function forward = level1(f);
    return CodeSize.tooLarge(forward.body().stmts()) ? null : forward;
  }

  /** A method's body as printed: compacted, or with one exit at its end to be split into a frame. */
  private Body body(Function fn) {
    if (CodeSize.tooLarge(fn.body().stmts())) {
      return new Body(Structure.apply(fn), true);
    }
    return new Body(fn.withBody(compact(fn.body(), Set.of())), false);
  }

  /**
   * {@code b} with single-use pure temporaries folded into their use, for reading (and for javac:
   * less code); {@code keep} are read after {@code b}.
   */
  Block compact(Block b, Set<Var> keep) {
    Block inlined = Compaction.inlineSingleUses(b, keep, ref -> {
      FunctionInfo f = table.get(ref);
      return f != null && f.pure();
    });
    return Compaction.assignAtDefinition(inlined, keep);
  }

  /** The function values built by a method's forms, each with its derivatives, nested ones too. */
  private static final class Lambdas {
    private final FunctionTable table;
    private final boolean secondOrder;
    private final Map<LambdaFunction, LambdaPlan> plans = new LinkedHashMap<>();

    Lambdas(FunctionTable table, boolean secondOrder) {
      this.table = table;
      this.secondOrder = secondOrder;
    }

    void addAll(Body jvp, Body jvpJvp, ReversePlan reverse) {
      for (Body b : new Body[] {jvp, jvpJvp}) {
        if (b != null) {
          add(b.function().body());
        }
      }
      if (reverse != null) {
        reverse.blocks().forEach(this::add);
      }
    }

    private void add(Block b) {
      List<Expr> found = new ArrayList<>();
      Stmts.walkExprs(b, e -> {
        if (e instanceof Expr.Lambda) {
          found.add(e);
        }
      });
      for (Expr e : found) {
        LambdaFunction fn = ((Expr.Lambda) e).function();
        if (!plans.containsKey(fn)) {
          LambdaPlan plan = LambdaPlanner.plan(fn, table, secondOrder);
          plans.put(fn, plan);
          for (Function derived : new Function[] {plan.body(), plan.jvp(), plan.jvpJvp()}) {
            if (derived != null) {
              add(derived.body());
            }
          }
          add(plan.forward());
          add(plan.backward());
        }
      }
    }

    Map<LambdaFunction, LambdaPlan> plans() {
      return plans;
    }
  }
}
