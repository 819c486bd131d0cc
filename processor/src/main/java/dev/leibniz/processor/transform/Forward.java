package dev.leibniz.processor.transform;

import dev.leibniz.processor.diagnostics.Diagnostic;
import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.Ops;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.FunctionTable;
import dev.leibniz.processor.rules.PrimitiveRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Forward mode: after each statement that computes an active value, a statement computing its
 * tangent ({@code xDot}). Control flow stays as it is. Calls go to the callee's forward form; the
 * result is {@code Dual} for a {@code double} function, else {@code Jvp<R>}.
 *
 * <p>Applied to its own (linearized) output it gives second-order forms: calls of forward forms
 * become calls of the forward form of the forward form.
 */
public final class Forward {
  private final FunctionTable table;
  private final Activity activity;
  private final Namer namer;
  private final Map<Var, Var> tangents = new HashMap<>();
  private final Set<Var> nullable;

  private Forward(FunctionTable table, Activity activity, Namer namer, Set<Var> nullable) {
    this.table = table;
    this.activity = activity;
    this.namer = namer;
    this.nullable = nullable;
  }

  /** The forward form of {@code f} (linearized): parameters, then one tangent per parameter in D. */
  public static Function apply(Function f, FunctionTable table) {
    Activity activity = Activity.of(f, table);
    Forward fwd = new Forward(table, activity, Namer.forFunction(f), NullableLocals.of(f.body()));
    List<Param> params = new ArrayList<>(f.params());
    for (Param p : f.params()) {
      if (p.differentiable()) {
        Var dot = fwd.namer.fresh(p.var().name() + "Dot", p.var().type());
        fwd.tangents.put(p.var(), dot);
        params.add(new Param(dot, true));
      }
    }
    Type result = FunctionInfo.jvpResultType(f.resultType());
    // what the result does not need goes, primal and tangent alike (calls with effects stay)
    Block body = DeadCode.deadCode(fwd.block(f.body()), java.util.Set.of(), ref -> {
      FunctionInfo info = table.get(ref);
      return info != null && info.pure();
    });
    return new Function(f.name() + "Jvp", params, result, body, f.reserved());
  }

  private Block block(Block b) {
    Block.Builder out = new Block.Builder();
    for (Stmt s : b.stmts()) {
      stmt(s, out);
    }
    return out.build();
  }

  private void stmt(Stmt s, Block.Builder out) {
    SourceRef src = s.source();
    if (s instanceof Stmt.Declare d) {
      if (d.init() == null) {
        out.add(d);
        if (activity.isActive(d.var())) {
          out.add(new Stmt.Declare(tangent(d.var()), null, src));
        }
      } else {
        assign(d.var(), d.init(), true, src, out);
      }
    } else if (s instanceof Stmt.Assign a) {
      assign(a.target(), a.value(), false, src, out);
    } else if (s instanceof Stmt.ArrayWrite w) {
      out.add(w);
      if (activity.isActive(w.array())) {
        out.add(new Stmt.ArrayWrite(tangent(w.array()), w.index(), tangentOrZero(w.value()), src));
      }
    } else if (s instanceof Stmt.If i) {
      out.add(new Stmt.If(i.cond(), block(i.then()), block(i.otherwise()), src));
    } else if (s instanceof Stmt.Loop l) {
      out.add(new Stmt.Loop(l.label(), block(l.init()), l.cond(), block(l.body()), block(l.update()),
          l.testAfter(), src));
    } else if (s instanceof Stmt.Return r) {
      List<Expr> values = new ArrayList<>(r.values());
      for (Expr v : r.values()) {
        // a result's component without derivative (an int tag) is the primal's in the tangent record
        values.add(Linearize.carriesDerivative(v.type()) ? tangentOrZero(v) : v);
      }
      out.add(new Stmt.Return(values, src));
    } else if (s instanceof Stmt.Eval e && e.expr() instanceof Expr.Invoke call && needsForwardCall(call)) {
      forwardCall(null, call, false, src, out); // its value unused, what it writes into arrays is not
    } else if (s instanceof Stmt.Push) {
      throw new IllegalStateException("forward mode does not run over reverse-mode code");
    } else {
      out.add(s);
    }
  }

  private void assign(Var v, Expr value, boolean declare, SourceRef src, Block.Builder out) {
    if (value instanceof Expr.Invoke call && needsForwardCall(call)) {
      forwardCall(v, call, declare, src, out);
      return;
    }
    out.add(declare ? new Stmt.Declare(v, value, src) : new Stmt.Assign(v, value, src));
    if (activity.isActive(v)) {
      Expr t = tangentOf(value, v);
      Var dot = tangent(v);
      out.add(declare ? new Stmt.Declare(dot, t, src) : new Stmt.Assign(dot, t, src));
    }
  }

  /** Whether {@code call} needs its forward form: it has an active argument that matters. */
  private boolean needsForwardCall(Expr.Invoke call) {
    if (call.callee() instanceof Callee.Function f) {
      List<Boolean> mask = table.get(f.ref()).differentiableMask(f.form());
      for (int k = 0; k < call.args().size(); k++) {
        if (mask.get(k) && activity.isActive(call.args().get(k))) {
          return true;
        }
      }
      return false;
    }
    if (call.callee() instanceof Callee.Apply || call.callee() == Callee.Special.FN_VJP
        || call.callee() == Callee.Special.FN_JVP) {
      for (Expr a : call.args()) {
        if (activity.isActive(a)) {
          return true;
        }
      }
    }
    if (call.callee() == Callee.Special.FN_VJP_JVP || call.callee() == Callee.Special.FN_JVP_JVP) {
      for (Expr a : call.args()) {
        if (activity.isActive(a)) {
          throw new TransformException(SourceRef.NONE, Diagnostic.THIRD_ORDER_FUNCTION_VALUE.of());
        }
      }
    }
    return false;
  }

  /** {@code v = call(...)} through the callee's forward form: value and tangent come back together. */
  private void forwardCall(Var v, Expr.Invoke call, boolean declare, SourceRef src, Block.Builder out) {
    Expr.Invoke jvp;
    if (call.callee() instanceof Callee.Function f) {
      FunctionInfo info = table.get(f.ref());
      if (f.form() == Callee.Form.PRIMAL && !info.hasForwardForm()) {
        throw new TransformException(src, Diagnostic.FORWARD_THROUGH_VJP.of(info.name()));
      }
      List<Boolean> mask = info.differentiableMask(f.form());
      List<Expr> args = new ArrayList<>(call.args());
      for (int k = 0; k < call.args().size(); k++) {
        if (mask.get(k)) {
          args.add(tangentOrZero(call.args().get(k)));
        }
      }
      Callee.Form form = f.form().forward();
      jvp = new Expr.Invoke(new Callee.Function(f.ref(), form), null, args, info.formResultType(form));
    } else if (call.callee() instanceof Callee.Apply a) {
      Expr df = new Expr.Invoke(Callee.Special.DIFFERENTIABLE, null, List.of(call.receiver()),
          Type.Ref.of(a.arity() == 1 ? Known.DIFF_UNARY : Known.DIFF_BINARY));
      List<Expr> args = new ArrayList<>(call.args());
      for (Expr x : call.args()) {
        args.add(tangentOrZero(x));
      }
      jvp = new Expr.Invoke(Callee.Special.FN_JVP, df, args, Known.dualType());
    } else if (call.callee() == Callee.Special.FN_JVP) {
      List<Expr> args = new ArrayList<>(call.args());
      for (Expr x : call.args()) {
        args.add(tangentOrZero(x));
      }
      jvp = new Expr.Invoke(Callee.Special.FN_JVP_JVP, call.receiver(), args, Known.jvpType(Known.dualType()));
    } else {
      vjpJvp(v, call, declare, src, out);
      return;
    }
    if (v == null) {
      out.add(new Stmt.Eval(jvp, src));
      return;
    }
    Var j = namer.temp(jvp.type());
    out.add(new Stmt.Declare(j, jvp, src));
    Expr value = new Expr.Component(j, "value", v.type());
    out.add(declare ? new Stmt.Declare(v, value, src) : new Stmt.Assign(v, value, src));
    if (activity.isActive(v)) {
      Expr t = new Expr.Component(j, "tangent", v.type());
      Var dot = tangent(v);
      out.add(declare ? new Stmt.Declare(dot, t, src) : new Stmt.Assign(dot, t, src));
    }
  }

  /** {@code v = df.vjp(x..., g)} through {@code df.vjpJvp}: the cotangents and their tangents. */
  private void vjpJvp(Var v, Expr.Invoke call, boolean declare, SourceRef src, Block.Builder out) {
    List<Expr> args = new ArrayList<>(call.args());
    for (Expr x : call.args()) {
      args.add(tangentOrZero(x));
    }
    boolean unary = call.args().size() == 2;
    Type result = unary ? Known.dualType() : new Type.Array(Type.Prim.DOUBLE);
    Var q = namer.temp(result);
    out.add(new Stmt.Declare(q, new Expr.Invoke(Callee.Special.FN_VJP_JVP, call.receiver(), args, result), src));
    Expr value;
    Expr t;
    if (unary) {
      value = new Expr.Component(q, "value", Type.Prim.DOUBLE);
      t = new Expr.Component(q, "tangent", Type.Prim.DOUBLE);
    } else {
      value = new Expr.NewArray(new Type.Array(Type.Prim.DOUBLE), null, List.of(element(q, 0), element(q, 1)));
      t = new Expr.NewArray(new Type.Array(Type.Prim.DOUBLE), null, List.of(element(q, 2), element(q, 3)));
    }
    out.add(declare ? new Stmt.Declare(v, value, src) : new Stmt.Assign(v, value, src));
    if (activity.isActive(v)) {
      Var dot = tangent(v);
      out.add(declare ? new Stmt.Declare(dot, t, src) : new Stmt.Assign(dot, t, src));
    }
  }

  private static Expr element(Var array, int i) {
    return new Expr.ArrayRead(array, new Const(Type.Prim.INT, i), Type.Prim.DOUBLE);
  }

  /** The tangent of {@code v = value} (one operation, after Linearize). */
  private Expr tangentOf(Expr value, Var v) {
    if (value instanceof Const c && c.value() == null) {
      // an array or record declared null and assigned later: its tangent is null until then
      return c;
    }
    if (PrimitiveRules.isPrimitive(value)) {
      List<Expr> terms = new ArrayList<>();
      for (PrimitiveRules.Partial p : PrimitiveRules.partials(value, v)) {
        Expr dot = tangentOrNull(p.operand());
        if (dot != null) {
          terms.add(p.map().apply(dot));
        }
      }
      Expr sum = Ops.sum(terms);
      return sum != null ? sum : zeroLike(v);
    }
    if (value instanceof Expr.Construct c) {
      return constructTangent(c.type(), c.args());
    }
    if (value instanceof Expr.Component c) {
      Expr rt = tangentOrNull(c.record());
      return rt != null ? new Expr.Component(rt, c.name(), c.type()) : zeroLike(v);
    }
    if (value instanceof Expr.ArrayRead a) {
      Expr at = tangentOrNull(a.array());
      return at != null ? new Expr.ArrayRead(at, a.index(), a.type()) : zeroLike(v);
    }
    if (value instanceof Expr.NewArray n) {
      if (n.elements() == null) {
        return new Expr.NewArray(n.type(), n.length(), null);
      }
      List<Expr> dots = new ArrayList<>();
      for (Expr e : n.elements()) {
        dots.add(tangentOrZero(e));
      }
      return new Expr.NewArray(n.type(), null, dots);
    }
    return zeroLike(v); // stopGradient, passive calls, conditionals on constants
  }

  private Expr constructTangent(Type.Record type, List<Expr> args) {
    List<Expr> dots = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      Expr a = args.get(i);
      Type ct = type.components().get(i).type();
      dots.add(Linearize.carriesDerivative(ct) ? tangentOrZero(a) : a);
    }
    return new Expr.Construct(type, dots);
  }

  private Expr tangentOrNull(Expr operand) {
    return operand instanceof Var v && activity.isActive(v) ? tangent(v) : null;
  }

  private Expr tangentOrZero(Expr operand) {
    Expr t = tangentOrNull(operand);
    return t != null ? t : zeroLike(operand);
  }

  /** The zero tangent of {@code primal}: null while it is, for a local that may hold null. */
  private Expr zeroLike(Expr primal) {
    if (!(primal instanceof Var v && nullable.contains(v))) {
      return zero(primal.type(), primal);
    }
    Expr zero = zero(primal.type(), primal, true);
    return primal.type() instanceof Type.Record ? Ops.cond(isNull(primal), Const.zero(primal.type()), zero) : zero;
  }

  private static Expr isNull(Expr primal) {
    return Ops.compare(Expr.BinaryOp.EQ, primal, Const.zero(primal.type()));
  }

  /**
   * The body of {@code forward}, the forward form of a function of one scalar, with its tangent
   * one: it returns the value and the derivative. Copies propagated twice: a seed converted to
   * another floating type becomes a constant in the first pass.
   */
  public static Block withUnitTangent(Function forward) {
    List<Param> params = forward.params();
    Var tangent = params.get(params.size() - 1).var();
    List<Stmt> seeded = new ArrayList<>();
    seeded.add(new Stmt.Declare(tangent, Const.of(tangent.type(), 1), SourceRef.NONE));
    seeded.addAll(forward.body().stmts());
    return Cleanup.propagateCopies(Cleanup.propagateCopies(new Block(seeded), Set.of()), Set.of());
  }

  /**
   * A zero tangent of type {@code t} for the primal {@code primal}: {@code 0.0}, a record of zeros
   * (components that carry no derivative keep the primal's value), a new array of zeros.
   */
  public static Expr zero(Type t, Expr primal) {
    return zero(t, primal, false);
  }

  /**
   * As {@link #zero(Type, Expr)}; when {@code nullable} (a parameter's value, which the caller may
   * pass as {@code null} when nothing reads it) the zero of a {@code null} array is {@code null}:
   * it has the array's shape.
   */
  public static Expr zero(Type t, Expr primal, boolean nullable) {
    if (t instanceof Type.Record r) {
      List<Expr> parts = new ArrayList<>();
      for (Type.Component c : r.components()) {
        Expr part = new Expr.Component(primal, c.name(), c.type());
        parts.add(Linearize.carriesDerivative(c.type()) ? zero(c.type(), part, nullable) : part);
      }
      return new Expr.Construct(r, parts);
    }
    if (t instanceof Type.Array a && a.element() instanceof Type.Array) {
      // a matrix of zeros shaped like the primal's rows (ragged too); null for null
      return new Expr.Invoke(new Callee.Method(Known.SHAPES, "zeros", true, List.of(a)), null, List.of(primal), a);
    }
    if (t instanceof Type.Array a) {
      Expr zeros = new Expr.NewArray(a, new Expr.ArrayLength(primal), null);
      return nullable ? Ops.cond(isNull(primal), Const.zero(a), zeros) : zeros;
    }
    return Const.zero(t);
  }

  private Var tangent(Var v) {
    return tangents.computeIfAbsent(v, x -> namer.fresh(x.name() + "Dot", x.type()));
  }
}
