package dev.leibniz.processor.transform;

import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Exprs;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.MathFn;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Var;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks that a custom JVP rule's tangent output is linear in its tangent inputs, which is what
 * lets reverse mode transpose it (JAX raises a transposition error at run time; here it is a
 * compile error on the statement). Tangents may be added, negated, scaled by primal values,
 * divided by them and passed through {@code df.jvp}; anything else that touches a tangent, or a
 * branch on one, is rejected.
 */
public final class Linearity {
  private final Set<Var> tangent = new HashSet<>();
  /** Record temporaries of {@code df.jvp(x, xDot)}: only their tangent component is linear. */
  private final Set<Var> jvpResults = new HashSet<>();

  private Linearity() {}

  /**
   * Checks {@code rule} (linearized) with the given tangent parameters; {@code valueLeaves} is the
   * number of leading returned leaves that are the primal output.
   */
  public static void check(Function rule, Set<Var> tangents, int valueLeaves) {
    Linearity l = new Linearity();
    l.tangent.addAll(tangents);
    // flow-insensitive: iterate to a fixed point, then check every statement
    boolean changed = true;
    while (changed) {
      int before = l.tangent.size();
      Stmts.walk(rule.body(), s -> l.propagate(s));
      changed = l.tangent.size() != before;
    }
    Stmts.walk(rule.body(), s -> l.checkStmt(s, valueLeaves));
  }

  private boolean touches(Expr e) {
    for (Var v : Exprs.vars(e)) {
      if (tangent.contains(v)) {
        return true;
      }
    }
    return false;
  }

  private boolean isTangent(Expr e) {
    if (e instanceof Expr.Component c && c.record() instanceof Var r && jvpResults.contains(r)) {
      return c.name().equals("tangent");
    }
    return touches(e);
  }

  private void propagate(Stmt s) {
    Var target = Stmts.target(s);
    if (target != null) {
      Expr value = s instanceof Stmt.Declare d ? d.init() : ((Stmt.Assign) s).value();
      if (value instanceof Expr.Invoke i && i.callee() == Callee.Special.FN_JVP) {
        jvpResults.add(target);
        return;
      }
      if (isTangent(value)) {
        tangent.add(target);
      }
    } else if (s instanceof Stmt.ArrayWrite w && touches(w.value())) {
      tangent.add(w.array());
    }
  }

  private void checkStmt(Stmt s, int valueLeaves) {
    if (s instanceof Stmt.If i && touches(i.cond())) {
      throw error(s, "branches on a tangent");
    }
    if (s instanceof Stmt.Loop l && l.cond() != null && touches(l.cond())) {
      throw error(s, "loops on a tangent");
    }
    if (s instanceof Stmt.Return r) {
      List<Expr> values = r.values();
      for (int i = 0; i < values.size(); i++) {
        Expr v = values.get(i);
        if (i < valueLeaves && isTangent(v)) {
          throw error(s, "returns a primal output that depends on the tangents");
        }
        if (i >= valueLeaves && !isTangent(v) && !(v instanceof Const c && c.isZero())) {
          throw error(s, "returns a tangent output that does not depend on the tangents: it is not linear"
              + " in them (return 0 for a zero tangent)");
        }
      }
      return;
    }
    Var target = Stmts.target(s);
    if (target != null) {
      Expr value = s instanceof Stmt.Declare d ? d.init() : ((Stmt.Assign) s).value();
      if (tangent.contains(target) && !isTangent(value) && !(value instanceof Const c && c.isZero())) {
        throw error(s, "mixes the primal value " + value + " into the tangent variable " + target.name());
      }
      checkValue(value, s);
    } else if (s instanceof Stmt.ArrayWrite w) {
      if (tangent.contains(w.array()) && !touches(w.value()) && !(w.value() instanceof Const c && c.isZero())) {
        throw error(s, "writes a primal value into the tangent array " + w.array().name());
      }
      if (touches(w.index())) {
        throw error(s, "indexes an array with a tangent");
      }
    } else {
      for (Expr e : Stmts.exprs(s)) {
        if (touches(e)) {
          throw error(s, "passes a tangent to an operation that is not linear");
        }
      }
    }
  }

  private void checkValue(Expr value, Stmt s) {
    if (!touches(value) && !(value instanceof Expr.Component)) {
      return;
    }
    if (value instanceof Var || value instanceof Expr.Component || value instanceof Expr.ArrayRead) {
      return;
    }
    if (value instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG) {
      return;
    }
    if (value instanceof Expr.Cast c && c.type().isFloating() && c.operand().type().isFloating()) {
      return;
    }
    if (value instanceof Expr.Binary b) {
      boolean l = isTangent(b.left());
      boolean r = isTangent(b.right());
      switch (b.op()) {
        case ADD, SUB -> {
          if (l != r && !isZero(l ? b.right() : b.left())) {
            throw error(s, "adds the primal value " + (l ? b.right() : b.left()) + " to a tangent");
          }
          return;
        }
        case MUL -> {
          if (l && r) {
            throw error(s, "multiplies two tangents");
          }
          return;
        }
        case DIV -> {
          if (r) {
            throw error(s, "divides by a tangent");
          }
          return;
        }
        default -> throw error(s, "applies " + b.op().symbol + " to a tangent");
      }
    }
    if (value instanceof Expr.MathCall m) {
      MathFn fn = m.fn();
      boolean linearInFirst = fn == MathFn.SCALB || fn == MathFn.TORADIANS || fn == MathFn.TODEGREES;
      if (linearInFirst && !touches(m.args().size() > 1 ? m.args().get(1) : new Const(m.type(), 0.0))) {
        return;
      }
      throw error(s, "applies Math." + fn.javaName() + " to a tangent");
    }
    if (value instanceof Expr.NewArray n && n.elements() != null) {
      for (Expr e : n.elements()) {
        if (!isTangent(e) && !isZero(e)) {
          throw error(s, "mixes the primal value " + e + " into a tangent array");
        }
      }
      return;
    }
    if (value instanceof Expr.Construct c) {
      return;
    }
    if (value instanceof Expr.Invoke i && i.callee() == Callee.Special.FN_JVP) {
      // df.jvp(x..., xDot...): linear in the tangents when the primals are not tangents
      int arity = i.args().size() / 2;
      for (int k = 0; k < arity; k++) {
        if (touches(i.args().get(k))) {
          throw error(s, "passes a tangent as a primal argument of jvp(...)");
        }
      }
      return;
    }
    if (value instanceof Expr.Invoke i) {
      String what = i.callee() instanceof Callee.Function f ? f.ref().name()
          : i.callee() instanceof Callee.Method m ? m.name()
          : i.callee() instanceof Callee.Apply ? "applyAsDouble" : "a function value's method";
      throw error(s, "passes a tangent to " + what + "(...), which is not linear");
    }
    throw error(s, "uses a tangent in " + value);
  }

  private static boolean isZero(Expr e) {
    return e instanceof Const c && c.isZero();
  }

  private static TransformException error(Stmt s, String what) {
    return new TransformException(s.source(), "this JVP rule " + what + ": the tangent output must be linear"
        + " in the tangents, so that reverse mode can transpose the rule");
  }
}
