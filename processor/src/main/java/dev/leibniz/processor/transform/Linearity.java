package dev.leibniz.processor.transform;

import dev.leibniz.processor.diagnostics.Diagnostic;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Exprs;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.FunctionRef;
import dev.leibniz.processor.ir.MathFn;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.SourceText;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.FunctionTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that a custom JVP rule's tangent output is linear in its tangent inputs, which is what
 * lets reverse mode transpose it (JAX raises a transposition error at run time; here it is a
 * compile error on the statement).
 *
 * <p>A variable is <em>tangent</em> when its value depends on the tangents (flow-insensitively,
 * as reverse mode's activity is). Linear (SPEC §6): tangents combined by {@code +}, {@code -},
 * multiplication or division by primal values, {@code ?:}/{@code if} on primal values, arrays
 * and records filled with them, {@code Leibniz.stopGradient}, {@code df.jvp} and generated
 * {@code gJvp} forms with primal points, and calls of {@code @Differentiable} methods whose bodies
 * are linear in the arguments that receive tangents. Array lengths, the non-differentiable
 * components of records and the value of a jvp are primal. Zero ({@code 0}, {@code new double[n]})
 * is both.
 */
public final class Linearity {
  private final FunctionTable table;
  private final SourceText text;
  /** Methods whose linearity is being checked, for recursion. */
  private final Set<FunctionRef> open;
  private final Set<Var> tangent = new HashSet<>();
  /** Variables holding the {@code Dual}/{@code Jvp} of a jvp call: their value is primal. */
  private final Set<Var> jvpResults = new HashSet<>();
  /** Variables every definition of which is zero. */
  private final Set<Var> zeros = new HashSet<>();

  private Linearity(Function f, FunctionTable table, Set<FunctionRef> open) {
    this.table = table;
    this.text = new SourceText(f);
    this.open = open;
  }

  /**
   * Checks {@code rule} (linearized) with the given tangent parameters; {@code valueLeaves} is the
   * number of leading returned leaves that are the primal output.
   */
  public static void check(Function rule, Set<Var> tangents, int valueLeaves, FunctionTable table) {
    Linearity l = new Linearity(rule, table, new HashSet<>());
    l.analyze(rule, tangents);
    l.checkBody(rule, valueLeaves);
  }

  /** The variables of {@code rule} whose values depend on {@code tangents}. */
  public static Set<Var> tangentVariables(Function rule, Set<Var> tangents, FunctionTable table) {
    Linearity l = new Linearity(rule, table, new HashSet<>());
    l.analyze(rule, tangents);
    return l.tangent;
  }

  private void analyze(Function f, Set<Var> tangents) {
    tangent.addAll(tangents);
    Map<Var, List<Expr>> defs = new HashMap<>();
    Stmts.walk(f.body(), s -> {
      Var target = Stmts.target(s);
      if (target != null) {
        defs.computeIfAbsent(target, v -> new ArrayList<>()).add(value(s));
      } else if (s instanceof Stmt.ArrayWrite w) {
        defs.computeIfAbsent(w.array(), v -> new ArrayList<>()).add(w.value());
      }
    });
    for (Map.Entry<Var, List<Expr>> e : defs.entrySet()) {
      if (e.getValue().stream().allMatch(x -> isJvpCall(x) || x instanceof Var v && defs.containsKey(v)
          && defs.get(v).stream().allMatch(Linearity::isJvpCall))) {
        jvpResults.add(e.getKey());
      }
    }
    boolean changed = true;
    while (changed) {
      int before = tangent.size();
      for (Map.Entry<Var, List<Expr>> e : defs.entrySet()) {
        for (Expr value : e.getValue()) {
          if (depends(value)) {
            tangent.add(e.getKey());
            // an array copied into another variable is one array: both hold tangents
            if (value instanceof Var v && v.type() instanceof Type.Array) {
              tangent.add(v);
            }
          }
        }
      }
      changed = tangent.size() != before;
    }
    for (Map.Entry<Var, List<Expr>> e : defs.entrySet()) {
      if (!tangent.contains(e.getKey()) && e.getValue().stream().allMatch(this::isZero)) {
        zeros.add(e.getKey());
      }
    }
  }

  private static Expr value(Stmt s) {
    return s instanceof Stmt.Declare d ? d.init() : ((Stmt.Assign) s).value();
  }

  private static boolean isJvpCall(Expr e) {
    return e instanceof Expr.Invoke i && (i.callee() == Callee.Special.FN_JVP
        || i.callee() instanceof Callee.Function f && f.form() == Callee.Form.JVP);
  }

  /** Whether the value of {@code e} depends on the tangents. */
  private boolean depends(Expr e) {
    if (e instanceof Var v) {
      return tangent.contains(v);
    } else if (e instanceof Expr.ArrayLength) {
      return false;
    } else if (e instanceof Expr.Component c) {
      boolean primalPart = !Linearize.carriesDerivative(c.type())
          || c.record() instanceof Var r && jvpResults.contains(r) && c.name().equals("value");
      return !primalPart && depends(c.record());
    }
    for (Expr child : Exprs.children(e)) {
      if (depends(child)) {
        return true;
      }
    }
    return false;
  }

  /** Zero, a value both primal and linear: {@code 0}, {@code new double[n]}, a variable only ever zero. */
  private boolean isZero(Expr e) {
    return e instanceof Const c && c.isZero() || e instanceof Expr.NewArray n && n.elements() == null
        || e instanceof Var v && zeros.contains(v);
  }

  private boolean linearOrZero(Expr e) {
    return depends(e) || isZero(e);
  }

  // ---------------------------------------------------------------- the check

  private void checkBody(Function f, int valueLeaves) {
    Stmts.walk(f.body(), s -> checkStmt(s, valueLeaves));
  }

  private void checkStmt(Stmt s, int valueLeaves) {
    if (s instanceof Stmt.If i && depends(i.cond())) {
      throw error(s, "branches on a tangent (" + text.of(i.cond()) + ")");
    } else if (s instanceof Stmt.Loop l && l.cond() != null && depends(l.cond())) {
      throw error(s, "loops on a tangent (" + text.of(l.cond()) + ")");
    } else if (s instanceof Stmt.Return r) {
      checkReturn(r, valueLeaves);
    } else if (Stmts.target(s) != null) {
      Var target = Stmts.target(s);
      Expr value = value(s);
      if (depends(value)) {
        checkOperation(value, s);
      } else if (tangent.contains(target) && Linearize.carriesDerivative(target.type()) && !isZero(value)) {
        throw error(s, "mixes the primal value " + text.of(value) + " into " + holder(target));
      }
    } else if (s instanceof Stmt.ArrayWrite w) {
      if (depends(w.index())) {
        throw error(s, "indexes an array with a tangent (" + text.of(w.index()) + ")");
      }
      if (!depends(w.value()) && tangent.contains(w.array()) && !isZero(w.value())) {
        throw error(s, "writes the primal value " + text.of(w.value()) + " into " + holder(w.array()));
      }
    } else {
      for (Expr e : Stmts.exprs(s)) {
        if (depends(e)) {
          throw error(s, "passes a tangent to " + text.of(e) + ", which is not linear");
        }
      }
    }
  }

  /** How a message names a variable holding tangents: the user's name, or "a tangent" for a temporary. */
  private String holder(Var v) {
    return text.isUsers(v) ? "the tangent variable " + v.name() : "a tangent";
  }

  private void checkReturn(Stmt.Return r, int valueLeaves) {
    List<Expr> values = r.values();
    for (int i = 0; i < values.size(); i++) {
      Expr v = values.get(i);
      boolean carries = Linearize.carriesDerivative(v.type());
      if ((i < valueLeaves || !carries) && depends(v)) {
        throw error(r, "returns " + (i < valueLeaves ? "a primal output" : "a " + v.type() + " component of the"
            + " tangent") + " that depends on the tangents (" + text.of(v) + ")");
      }
      if (i >= valueLeaves && carries && !linearOrZero(v)) {
        throw error(r, "returns a tangent output that does not depend on the tangents (" + text.of(v)
            + "): it is not linear in them (return 0 for a zero tangent)");
      }
    }
  }

  /** Checks that {@code value}, which depends on the tangents, is one linear operation. */
  private void checkOperation(Expr value, Stmt s) {
    if (value instanceof Var || value instanceof Expr.Component) {
      return;
    } else if (value instanceof Expr.Unary u) {
      if (u.op() != Expr.UnaryOp.NEG) {
        throw error(s, "applies " + u.op().symbol + " to a tangent (" + text.of(value) + ")");
      }
    } else if (value instanceof Expr.Binary b) {
      binary(b, s);
    } else if (value instanceof Expr.Cast c) {
      if (!c.type().isFloating() || !c.operand().type().isFloating()) {
        throw error(s, "converts a tangent to " + c.type() + " (" + text.of(value) + ")");
      }
    } else if (value instanceof Expr.Conditional c) {
      if (depends(c.cond())) {
        throw error(s, "chooses on a tangent (" + text.of(c.cond()) + ")");
      }
      mixing(List.of(c.then(), c.otherwise()), s, "a tangent");
    } else if (value instanceof Expr.MathCall m) {
      boolean linear = m.fn() == MathFn.TORADIANS || m.fn() == MathFn.TODEGREES
          || m.fn() == MathFn.SCALB && !depends(m.args().get(1));
      if (!linear) {
        throw error(s, "applies Math." + m.fn().javaName() + " to a tangent (" + text.of(value) + ")");
      }
    } else if (value instanceof Expr.ArrayRead a) {
      if (depends(a.index())) {
        throw error(s, "indexes an array with a tangent (" + text.of(a.index()) + ")");
      }
    } else if (value instanceof Expr.NewArray n) {
      if (n.elements() == null) {
        throw error(s, "sizes an array by a tangent (" + text.of(n.length()) + ")");
      }
      mixing(n.elements(), s, "a tangent array");
    } else if (value instanceof Expr.Construct c) {
      List<Expr> differentiable = new ArrayList<>();
      for (int i = 0; i < c.args().size(); i++) {
        Expr arg = c.args().get(i);
        if (Linearize.carriesDerivative(c.type().components().get(i).type())) {
          differentiable.add(arg);
        } else if (depends(arg)) {
          throw error(s, "puts a tangent into the " + arg.type() + " component " + c.type().components().get(i).name()
              + " of " + c.type().cls().simpleName() + " (" + text.of(arg) + ")");
        }
      }
      mixing(differentiable, s, "a tangent " + c.type().cls().simpleName());
    } else if (value instanceof Expr.Invoke i) {
      call(i, s);
    } else {
      throw error(s, "uses a tangent in " + text.of(value));
    }
  }

  private void binary(Expr.Binary b, Stmt s) {
    boolean l = depends(b.left());
    boolean r = depends(b.right());
    switch (b.op()) {
      case ADD, SUB -> {
        Expr primal = l ? b.right() : b.left();
        if (l != r && !isZero(primal)) {
          throw error(s, "adds the primal value " + text.of(primal) + " to a tangent (" + text.of(b) + ")");
        }
      }
      case MUL -> {
        if (l && r) {
          throw error(s, "multiplies two tangents (" + text.of(b) + ")");
        }
      }
      case DIV -> {
        if (r) {
          throw error(s, "divides by a tangent (" + text.of(b) + ")");
        }
      }
      default -> throw error(s, "applies " + b.op().symbol + " to a tangent (" + text.of(b) + ")");
    }
  }

  /** Every one of {@code parts} must be a tangent or zero, not a primal value. */
  private void mixing(List<Expr> parts, Stmt s, String into) {
    for (Expr e : parts) {
      if (!linearOrZero(e)) {
        throw error(s, "mixes the primal value " + text.of(e) + " into " + into);
      }
    }
  }

  private void call(Expr.Invoke i, Stmt s) {
    if (i.callee() == Callee.Special.STOP_GRADIENT) {
      return; // the identity on the tangents it is given
    }
    if (i.callee() == Callee.Special.FN_JVP) {
      primalPoint(i, i.args().size() / 2, s);
      return;
    }
    if (i.callee() instanceof Callee.Function f && f.form() == Callee.Form.JVP) {
      primalPoint(i, table.get(f.ref()).params().size(), s);
      return;
    }
    if (i.callee() instanceof Callee.Function f && f.form() == Callee.Form.PRIMAL) {
      linearCallee(i, table.get(f.ref()), s);
      return;
    }
    for (Expr a : i.args()) {
      if (depends(a)) {
        throw error(s, "passes the tangent " + text.of(a) + " to " + text.of(i) + ", which Leibniz cannot tell"
            + " is linear (a @Differentiable method's body is checked)");
      }
    }
    throw error(s, "calls " + text.of(i) + " on a tangent, which Leibniz cannot tell is linear");
  }

  /** A jvp's first {@code primals} arguments are the point: they must be primal. */
  private void primalPoint(Expr.Invoke i, int primals, Stmt s) {
    for (int k = 0; k < primals; k++) {
      if (depends(i.args().get(k))) {
        throw error(s, "passes the tangent " + text.of(i.args().get(k)) + " as a primal argument of "
            + text.of(i) + ", whose result is linear only in its tangent arguments");
      }
    }
  }

  /** A call of a differentiable method with tangent arguments: its body must be linear in them. */
  private void linearCallee(Expr.Invoke i, FunctionInfo callee, Stmt s) {
    Set<Var> params = new HashSet<>();
    List<String> passed = new ArrayList<>();
    for (int k = 0; k < i.args().size(); k++) {
      Expr a = i.args().get(k);
      if (!depends(a)) {
        continue;
      }
      FunctionInfo.ParamInfo p = callee.params().get(k);
      if (!p.differentiable()) {
        throw error(s, "passes the tangent " + text.of(a) + " to the non-differentiable parameter " + p.name()
            + " of " + callee.name() + "(...)");
      }
      passed.add(text.of(a));
      if (callee.ir() != null) {
        params.add(callee.ir().params().get(k).var());
      }
    }
    String what = "passes the tangent " + String.join(", ", passed) + " to " + callee.name() + "(...), which";
    if (callee.kind() != FunctionInfo.Kind.DERIVED || callee.ir() == null) {
      throw error(s, what + " may not be linear: Leibniz tells linear methods from their @Differentiable bodies,"
          + " and " + callee.name() + (callee.kind() == FunctionInfo.Kind.EXTERNAL ? " was compiled elsewhere"
              : " has a custom rule") + " (compute the tangent in the rule itself)");
    }
    if (!open.add(callee.ref())) {
      return; // recursive: its statements are being checked already
    }
    try {
      Linearity inner = new Linearity(callee.ir(), table, open);
      inner.analyze(callee.ir(), params);
      inner.checkBody(callee.ir(), 0);
    } catch (TransformException e) {
      throw error(s, what + " is not linear in it: " + callee.name() + " " + e.message().arg(0));
    } finally {
      open.remove(callee.ref());
    }
  }

  private static TransformException error(Stmt s, String what) {
    return new TransformException(s.source(), Diagnostic.JVP_RULE_NOT_LINEAR.of(what));
  }

  /** The tangent parameters of a JVP rule: those after the method's own {@code primals}. */
  public static Set<Var> tangentParams(Function rule, int primals) {
    Set<Var> out = new HashSet<>();
    List<Param> params = rule.params();
    for (int i = primals; i < params.size(); i++) {
      out.add(params.get(i).var());
    }
    return out;
  }
}
