package dev.leibniz.processor.transform;

import dev.leibniz.processor.diagnostics.Diagnostic;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Exprs;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.SourceText;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rejects applications of function values whose derivative would be lost. A local lambda applied
 * through its own local is inlined by the frontend; any other {@code f.applyAsDouble(x)} calls the
 * function value's generated class, which differentiates its body in its parameters only. So a
 * function value that captures a differentiated value (held in an array, chosen by {@code ?:},
 * reassigned, cast from {@code Object}) would lose the derivative through the capture, and one
 * not made by a lambda of differentiated code ({@code DoubleUnaryOperator.identity()}) has no
 * derivative at all.
 */
final class FunctionValueChecks {
  private final Activity activity;
  private final SourceText text;
  /** What each variable may hold, traced through assignments, arrays, casts and calls. */
  private final List<Flow> flows = new ArrayList<>();

  /** {@code target} may hold what {@code source} holds. */
  private record Flow(Var target, Expr source) {}

  private FunctionValueChecks(Function f, Activity activity) {
    this.activity = activity;
    this.text = new SourceText(f);
  }

  static void check(Function f, Activity activity) {
    FunctionValueChecks c = new FunctionValueChecks(f, activity);
    c.collectFlows(f);
    Map<Var, Expr> captured = c.trace(c::differentiated);
    Map<Var, Expr> foreign = c.trace(FunctionValueChecks::madeElsewhere);
    Stmts.walkExprs(f.body(), e -> Exprs.walk(e, x -> {
      if (x instanceof Expr.Invoke i && i.callee() instanceof Callee.Apply) {
        c.checkApply(i, captured, foreign);
      }
    }));
  }

  private void checkApply(Expr.Invoke apply, Map<Var, Expr> captured, Map<Var, Expr> foreign) {
    Expr value = origin(apply.receiver(), captured, this::differentiated);
    if (value != null) {
      throw new TransformException(apply.source(), Diagnostic.FUNCTION_VALUE_CAPTURES_DIFFERENTIATED.of(
          text.of(apply.receiver()), text.of(value), text.of(value)));
    }
    Expr madeBy = origin(apply.receiver(), foreign, FunctionValueChecks::madeElsewhere);
    if (madeBy == null) {
      return;
    }
    for (Expr a : apply.args()) {
      if (activity.isActive(a)) {
        throw new TransformException(apply.source(), Diagnostic.FUNCTION_VALUE_NOT_DIFFERENTIABLE.of(
            text.of(apply.receiver()), text.of(a), text.of(madeBy)));
      }
    }
  }

  private void collectFlows(Function f) {
    Stmts.walk(f.body(), s -> {
      Var target = Stmts.target(s);
      Expr value = Stmts.assigned(s);
      if (target != null && value != null) {
        flows.add(new Flow(target, value));
        Var whole = arrayRoot(value);
        if (target.type() instanceof Type.Array && whole != null) {
          flows.add(new Flow(whole, target)); // an alias or a row: a write through one is seen by the other
        }
      } else if (s instanceof Stmt.ArrayWrite w) {
        flows.add(new Flow(w.array(), w.value()));
      }
    });
    // a call may store one argument into an array another is (Arrays.fill(fs, f)); numbers are Activity's
    Stmts.walkExprs(f.body(), e -> Exprs.walk(e, x -> {
      if (x instanceof Expr.Invoke i && !(i.callee() instanceof Callee.Apply)) {
        for (Expr a : i.args()) {
          if (a instanceof Var v && v.type() instanceof Type.Array && !Linearize.carriesDerivative(v.type())) {
            for (Expr other : i.args()) {
              if (other != a && !(other.type() instanceof Type.Prim)) {
                flows.add(new Flow(v, other));
              }
            }
          }
        }
      }
    }));
  }

  private static Var arrayRoot(Expr e) {
    return Exprs.arrayBase(e) instanceof Var v ? v : null;
  }

  /** For each variable that may hold something {@code seed} picks out: that thing. */
  private Map<Var, Expr> trace(java.util.function.Function<Expr, Expr> seed) {
    Map<Var, Expr> held = new HashMap<>();
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Flow fl : flows) {
        if (!held.containsKey(fl.target())) {
          Expr o = origin(fl.source(), held, seed);
          if (o != null) {
            held.put(fl.target(), o);
            changed = true;
          }
        }
      }
    }
    return held;
  }

  /** What {@code e} may hold that {@code seed} picks out, or null. */
  private static Expr origin(Expr e, Map<Var, Expr> held, java.util.function.Function<Expr, Expr> seed) {
    Expr s = seed.apply(e);
    if (s != null) {
      return s;
    }
    if (e instanceof Var v) {
      return held.get(v);
    }
    if (e instanceof Expr.Invoke i && i.callee() instanceof Callee.Apply) {
      return null; // a number: Activity follows it
    }
    if (e instanceof Expr.Lambda l) {
      for (Var c : l.function().captures()) {
        Expr o = origin(c, held, seed);
        if (o != null) {
          return o;
        }
      }
      return null;
    }
    for (Expr c : Exprs.children(e)) {
      Expr o = origin(c, held, seed);
      if (o != null) {
        return o;
      }
    }
    return null;
  }

  /** A differentiated variable: a lambda capturing it is differentiated only where it is inlined. */
  private Expr differentiated(Expr e) {
    return e instanceof Var v && activity.isVaried(v) && Linearize.carriesDerivative(v.type()) ? v : null;
  }

  /** An object from outside differentiated code: a method's result, a field. */
  private static Expr madeElsewhere(Expr e) {
    boolean object = !(e.type() instanceof Type.Prim);
    if (e instanceof Expr.Invoke i && object
        && (i.callee() instanceof Callee.Method || i.callee() instanceof Callee.Constructor)) {
      return e;
    }
    return e instanceof Expr.StaticField && object ? e : null;
  }
}
