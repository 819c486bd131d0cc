package dev.leibniz.processor.transform;

import dev.leibniz.processor.diagnostics.Diagnostic;
import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Exprs;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.FunctionTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which variables carry a derivative: those <em>varied</em> (depending on a differentiated input)
 * and <em>useful</em> (the result depends on them). Everything else has a structural zero
 * derivative and gets no tangent or cotangent code. The analysis is flow-insensitive; arrays that
 * may alias share one answer.
 *
 * <p>It also rejects what would silently lose a derivative: a differentiated value passed to a
 * method with no derivative, or to a {@code @NonDiff} parameter ({@link HeldValues}: or held where
 * no derivative follows it).
 */
public final class Activity {
  private final Set<Var> varied = new HashSet<>();
  private final Set<Var> useful = new HashSet<>();
  private final Map<Var, Var> alias = new HashMap<>();
  private final Map<Var, Expr.Lambda> lambdaInits = new HashMap<>();
  /** Results besides the returned value: array parameters written in place. */
  private final Set<Var> extraOutputs = new LinkedHashSet<>();
  /** The data flow of the body: what each assignment, write and call makes depend on what. */
  final List<Edge> edges = new ArrayList<>();

  private Activity() {}

  /**
   * Activity of {@code f}'s body with respect to its parameters in {@code inputs}; {@code written}
   * array parameters are results too (SPEC §5a: what the body writes into them).
   */
  public static Activity of(Function f, Set<Var> inputs, Set<Var> written, FunctionTable table) {
    Activity a = new Activity();
    a.extraOutputs.addAll(written);
    a.analyze(f.body(), inputs, table);
    HeldValues.check(f, table, a);
    FunctionValueChecks.check(f, a);
    return a;
  }

  /**
   * Activity of forward mode, with respect to {@code f}'s differentiable parameters: the array
   * parameters it writes into are results too, their tangents updated in place.
   */
  public static Activity of(Function f, FunctionTable table) {
    Set<Var> inputs = new LinkedHashSet<>();
    for (Param p : f.params()) {
      if (p.differentiable()) {
        inputs.add(p.var());
      }
    }
    return of(f, inputs, writtenParams(f, table), table);
  }

  /** The differentiable array parameters {@code f} writes into. */
  public static Set<Var> writtenParams(Function f, FunctionTable table) {
    Set<Var> out = new LinkedHashSet<>();
    for (int k : ArrayWrites.writtenParams(f, table)) {
      if (f.params().get(k).differentiable()) {
        out.add(f.params().get(k).var());
      }
    }
    return out;
  }

  public boolean isActive(Var v) {
    Var r = root(v);
    return varied.contains(r) && useful.contains(r);
  }

  public boolean isVaried(Var v) {
    return varied.contains(root(v));
  }

  /** Whether {@code e} is an active variable. */
  public boolean isActive(Expr e) {
    return e instanceof Var v && isActive(v);
  }

  Var root(Var v) {
    Var r = v;
    while (alias.containsKey(r)) {
      r = alias.get(r);
    }
    return r;
  }

  private void union(Var a, Var b) {
    Var ra = root(a);
    Var rb = root(b);
    if (ra != rb) {
      alias.put(ra, rb);
    }
  }

  /** A data-flow edge: {@code target} depends on {@code sources}. */
  record Edge(Var target, Set<Var> sources, Stmt at) {}

  private void analyze(Block body, Set<Var> inputs, FunctionTable table) {
    Set<Var> outputs = new LinkedHashSet<>(extraOutputs);
    Map<Var, Expr.Invoke> forwardCalls = forwardCalls(body);
    Stmts.walk(body, s -> {
      Var target = Stmts.target(s);
      if (target != null) {
        Expr value = s instanceof Stmt.Declare d ? d.init() : ((Stmt.Assign) s).value();
        Expr.Invoke call = primalOfForwardCall(value, forwardCalls);
        if (call != null) {
          // the value of gJvp(x..., xDot...) depends on the point only, as in JAX's jvp
          edges.add(new Edge(target, primalDependencies(call, table), s));
          return;
        }
        if (target.type() instanceof Type.Array && value instanceof Var source) {
          union(target, source);
        }
        if (target.type() instanceof Type.Array && value instanceof Expr.ArrayRead r && r.array() instanceof Var m) {
          union(target, m); // a row of a matrix is part of it
        }
        edges.add(new Edge(target, isText(target.type()) ? Exprs.vars(value) : dependencies(value, table), s));
      } else if (s instanceof Stmt.ArrayWrite w) {
        edges.add(new Edge(w.array(), dependencies(w.value(), table), s));
      } else if (s instanceof Stmt.Return r) {
        for (Expr v : r.values()) {
          if (v instanceof Var var) {
            outputs.add(var);
          }
        }
      }
    });
    Stmts.walk(body, s -> {
      for (Expr top : Stmts.exprs(s)) {
        if (top instanceof Expr.Invoke i) {
          for (Var written : writtenWithDerivatives(i, table)) {
            edges.add(new Edge(written, dependencies(i, table), s)); // the callee writes what it computes
          }
        }
      }
    });
    for (Var in : inputs) {
      varied.add(root(in));
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Edge e : edges) {
        if (!varied.contains(root(e.target())) && (carries(e.target()) || isText(e.target().type()))) {
          for (Var s : e.sources()) {
            if (varied.contains(root(s))) {
              varied.add(root(e.target()));
              changed = true;
              break;
            }
          }
        }
      }
    }
    for (Var o : outputs) {
      useful.add(root(o));
    }
    changed = true;
    while (changed) {
      changed = false;
      for (Edge e : edges) {
        if (useful.contains(root(e.target()))) {
          for (Var s : e.sources()) {
            changed |= useful.add(root(s));
          }
        }
      }
    }
    Stmts.walk(body, s -> {
      Var target = Stmts.target(s);
      Expr value = Stmts.assigned(s);
      if (target != null && value instanceof Expr.Lambda l) {
        lambdaInits.put(target, l);
      }
    });
    Stmts.walk(body, s -> check(s, table));
  }

  /**
   * The variables declared once from a call of a generated forward form ({@code Dual a = gJvp(...)},
   * in a rule), and the call.
   */
  private static Map<Var, Expr.Invoke> forwardCalls(Block body) {
    Map<Var, Expr.Invoke> calls = new HashMap<>();
    Map<Var, Integer> sets = new HashMap<>();
    Stmts.walk(body, s -> {
      Var target = Stmts.target(s);
      if (target != null) {
        sets.merge(target, 1, Integer::sum);
      }
      if (s instanceof Stmt.Declare d && d.init() instanceof Expr.Invoke i && i.callee() instanceof Callee.Function f
          && f.form() == Callee.Form.JVP) {
        calls.put(d.var(), i);
      }
    });
    calls.keySet().removeIf(v -> sets.get(v) != 1);
    return calls;
  }

  /** The call when {@code e} reads the value (not the tangent) of a forward call's result; else null. */
  private static Expr.Invoke primalOfForwardCall(Expr e, Map<Var, Expr.Invoke> forwardCalls) {
    String first = null;
    while (e instanceof Expr.Component c) {
      first = c.name();
      e = c.record();
    }
    return e instanceof Var v && "value".equals(first) ? forwardCalls.get(v) : null;
  }

  /** What the value of a forward call depends on: its differentiable primal arguments. */
  private static Set<Var> primalDependencies(Expr.Invoke call, FunctionTable table) {
    FunctionInfo info = table.get(((Callee.Function) call.callee()).ref());
    List<Boolean> mask = info.differentiableMask(Callee.Form.PRIMAL);
    Set<Var> deps = new LinkedHashSet<>();
    for (int k = 0; k < mask.size(); k++) {
      if (mask.get(k)) {
        addVar(deps, call.args().get(k));
      }
    }
    return deps;
  }

  /** The arrays a call of a differentiable method writes into: its arguments for written parameters. */
  public static List<Var> writtenArguments(Expr.Invoke i, FunctionTable table) {
    List<Var> out = new ArrayList<>();
    if (i.callee() instanceof Callee.Function f) {
      FunctionInfo info = table.get(f.ref());
      for (int k : info.writtenArguments(f.form())) {
        if (i.args().get(k) instanceof Var v) {
          out.add(v);
        }
      }
    }
    return out;
  }

  /**
   * The arrays a call writes derivatives into: its written arguments but for those of @NonDiff
   * parameters, into which the callee writes no differentiated value (checkNonDiffArrays).
   */
  private static List<Var> writtenWithDerivatives(Expr.Invoke i, FunctionTable table) {
    List<Var> out = new ArrayList<>();
    if (i.callee() instanceof Callee.Function f) {
      FunctionInfo info = table.get(f.ref());
      for (int k : info.writtenArguments(f.form())) {
        if (i.args().get(k) instanceof Var v && (k >= info.params().size() || info.params().get(k).differentiable())) {
          out.add(v);
        }
      }
    }
    return out;
  }

  private static boolean carries(Var v) {
    return Linearize.carriesDerivative(v.type());
  }

  /** The variables whose derivative flows into the value of {@code e} (one operation). */
  static Set<Var> dependencies(Expr e, FunctionTable table) {
    Set<Var> deps = new LinkedHashSet<>();
    if (e instanceof Var v) {
      deps.add(v);
    } else if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG) {
      addVar(deps, u.operand());
    } else if (e instanceof Expr.Binary b && b.op().isArithmetic() && b.type().isFloating()) {
      addVar(deps, b.left());
      addVar(deps, b.right());
    } else if (e instanceof Expr.Cast c) {
      if (c.type().isFloating() && c.operand().type().isFloating()) {
        addVar(deps, c.operand());
      }
    } else if (e instanceof Expr.MathCall m) {
      if (!m.fn().piecewiseConstant()) {
        for (int i = 0; i < m.args().size(); i++) {
          if (!m.fn().intParameter(i)) {
            addVar(deps, m.args().get(i));
          }
        }
      }
    } else if (e instanceof Expr.Invoke i) {
      if (i.callee() instanceof Callee.Function f) {
        FunctionInfo info = table.get(f.ref());
        List<Boolean> mask = info.differentiableMask(f.form());
        for (int k = 0; k < i.args().size(); k++) {
          if (mask.get(k)) {
            addVar(deps, i.args().get(k));
          }
        }
      } else if (i.callee() instanceof Callee.Apply || i.callee() == Callee.Special.FN_VJP
          || i.callee() == Callee.Special.FN_JVP || i.callee() == Callee.Special.FN_VJP_JVP) {
        for (Expr a : i.args()) {
          addVar(deps, a);
        }
      }
    } else if (e instanceof Expr.ArrayRead a) {
      addVar(deps, a.array());
    } else if (e instanceof Expr.NewArray n && n.elements() != null) {
      for (Expr x : n.elements()) {
        addVar(deps, x);
      }
    } else if (e instanceof Expr.Construct c) {
      for (Expr x : c.args()) {
        addVar(deps, x);
      }
    } else if (e instanceof Expr.Component c) {
      if (Linearize.carriesDerivative(c.type())) {
        addVar(deps, c.record());
      }
    } else if (e instanceof Expr.Conditional c) {
      addVar(deps, c.then());
      addVar(deps, c.otherwise());
    }
    return deps;
  }

  private static void addVar(Set<Var> deps, Expr e) {
    if (e instanceof Var v && Linearize.carriesDerivative(v.type())) {
      deps.add(v);
    }
  }

  /**
   * Whether {@code e} reads a differentiated number, or text made from one (which may be read back,
   * {@code Double.parseDouble(s)}); not through an array's length, an {@code int}.
   */
  boolean variedExpr(Expr e) {
    if (e instanceof Expr.ArrayLength) {
      return false;
    }
    if (e instanceof Var v) {
      return isVaried(v) && (carries(v) || isText(v.type()));
    }
    return Exprs.children(e).stream().anyMatch(this::variedExpr);
  }

  /** {@code String} and {@code StringBuilder}: they hold no number, but text made from one. */
  static boolean isText(Type t) {
    return t instanceof Type.Ref r && r.cls().packageName().equals("java.lang")
        && (r.cls().simpleName().equals("String") || r.cls().simpleName().equals("StringBuilder"));
  }

  /**
   * JDK methods that read their arguments only, and whose results (an {@code int}, a {@code boolean},
   * text) carry no derivative: {@code Arrays.binarySearch(knots, x)}, {@code String.format(...)}.
   */
  private static boolean readOnly(Callee.Method m) {
    String owner = m.owner().packageName() + "." + m.owner().simpleName();
    return switch (owner) {
      case "java.util.Arrays" -> List.of("binarySearch", "toString", "deepToString", "equals", "deepEquals", "hashCode",
          "deepHashCode", "mismatch", "compare").contains(m.name());
      case "java.lang.String" -> m.name().equals("format") || m.name().equals("valueOf");
      case "java.lang.Double", "java.lang.Float" -> List.of("compare", "isNaN", "isInfinite", "isFinite", "toString",
          "hashCode").contains(m.name());
      default -> false;
    };
  }

  /** {@code System.out.println(...)} and the like: what they are given goes out, never back in. */
  private static boolean printing(Callee.Method m) {
    return m.owner().packageName().equals("java.io") && m.owner().simpleName().equals("PrintStream");
  }

  /** Rejects calls that would drop a derivative on the floor. */
  private void check(Stmt s, FunctionTable table) {
    for (Expr top : Stmts.exprs(s)) {
      Exprs.walk(top, e -> {
        if (s instanceof Stmt.Throw t && e == t.exception()) {
          return; // the exception thrown leaves the method: its message may show a differentiated value
        }
        if (e instanceof Expr.Invoke i) {
          checkCall(i, s, table);
        }
      });
    }
  }

  private void checkCall(Expr.Invoke i, Stmt s, FunctionTable table) {
    SourceRef at = i.source() != SourceRef.NONE ? i.source()
        : s.source();
    if (i.callee() instanceof Callee.Method m && m.owner().equals(Known.SHAPES) && m.name().equals("zeros")) {
      return; // a matrix's zero tangent (Forward.zero), shaped like it: none of its values comes out (order 2)
    }
    if (i.callee() instanceof Callee.Method m && (printing(m) || readOnly(m) && !mayHoldANumber(i.type()))) {
      return; // what is printed goes out, never back in; a search or a text keeps and writes nothing
    }
    if (i.callee() instanceof Callee.Method m) {
      // a differentiated value may go into a call only if nothing numeric can come back out of it
      boolean receiverVaried = i.receiver() != null && variedExpr(i.receiver());
      boolean argVaried = false;
      boolean arrayArgVaried = false;
      boolean arrayArg = false;
      for (Expr a : i.args()) {
        argVaried |= variedExpr(a);
        arrayArgVaried |= variedExpr(a) && a.type() instanceof Type.Array;
        arrayArg |= a.type() instanceof Type.Array;
      }
      // text made from a differentiated value may be read, but not turned back into a number
      if (receiverVaried && isText(i.receiver().type()) && !mayHoldANumber(i.type())) {
        receiverVaried = false;
      }
      // it may also write a differentiated value into an array argument (Arrays.fill(a, x)), keep it
      // in its receiver (list.add(x)) or, returning nothing, somewhere else (a static field)
      boolean keeps = i.receiver() != null || i.type() == Type.Prim.VOID;
      for (int k = 0; k < i.args().size() && !m.parameterTypes().isEmpty(); k++) { // boxed: Collections.addAll(l, x)
        keeps |= variedExpr(i.args().get(k))
            && HeldValues.holdsObjects(m.parameterTypes().get(Math.min(k, m.parameterTypes().size() - 1)));
      }
      if (receiverVaried || arrayArgVaried || (argVaried && (arrayArg || keeps || mayHoldANumber(i.type())))) {
        if (m.name().equals("clone") && i.receiver() != null && i.receiver().type() instanceof Type.Array a
            && a.element() instanceof Type.Array) {
          throw new TransformException(at, Diagnostic.MATRIX_CLONE.of());
        }
        boolean jdk = m.owner().packageName().startsWith("java.") || m.owner().packageName().startsWith("javax.");
        throw new TransformException(at, (jdk ? Diagnostic.JDK_CALL_NOT_DIFFERENTIABLE : Diagnostic.CALL_NOT_DIFFERENTIABLE)
            .of(m.owner().simpleName() + "." + m.name() + signature(m.parameterTypes())));
      }
    } else if (i.callee() instanceof Callee.Constructor c) {
      // an object made from a differentiated number may hand it back later (a getter), derivative lost
      for (Expr a : i.args()) {
        if (variedExpr(a) && (Linearize.carriesDerivative(a.type()) || mayHoldANumber(i.type()))) {
          throw new TransformException(at, Diagnostic.CONSTRUCTOR_NOT_DIFFERENTIABLE.of(c.owner().simpleName()));
        }
      }
    } else if (i.callee() instanceof Callee.Function f && f.form() == Callee.Form.PRIMAL) {
      FunctionInfo info = table.get(f.ref());
      for (int k = 0; k < i.args().size(); k++) {
        FunctionInfo.ParamInfo p = info.params().get(k);
        if (p.differentiable()) {
          continue;
        }
        Expr a = i.args().get(k);
        Expr.Lambda lambda = a instanceof Expr.Lambda l ? l : lambdaHeldIn(a);
        if (lambda != null) {
          for (Var c : lambda.function().captures()) {
            if (isVaried(c) && carries(c)) {
              throw new TransformException(lambda.function().source(), Diagnostic.LAMBDA_CAPTURES_DIFFERENTIATED.of(p.name(),
                  info.name(), c.name(), c.name(), info.name()));
            }
          }
        } else if (variedExpr(a)) {
          throw new TransformException(at, Diagnostic.DIFFERENTIATED_TO_NON_DIFF.of(a, p.nonDiff() ? "@NonDiff" : "non-differentiable",
              p.name(), info.name()));
        }
      }
    }
  }

  /** The lambda a function-valued local holds, if it was declared with one. */
  private Expr.Lambda lambdaHeldIn(Expr e) {
    return e instanceof Var v ? lambdaInits.get(v) : null;
  }

  /**
   * Whether a value of type {@code t} may hold a number it was given: anything but primitives that
   * are not floating, {@code void}, and text ({@code String}, {@code StringBuilder}).
   */
  private static boolean mayHoldANumber(Type t) {
    if (Linearize.carriesDerivative(t) || t instanceof Type.Record) {
      return true;
    }
    return t instanceof Type.Ref r && !(r.cls().packageName().equals("java.lang")
        && List.of("String", "StringBuilder", "Boolean", "Integer", "Long", "Short", "Byte", "Character")
            .contains(r.cls().simpleName()));
  }

  private static String signature(List<Type> params) {
    StringBuilder sb = new StringBuilder("(");
    for (int k = 0; k < params.size(); k++) {
      if (k > 0) {
        sb.append(", ");
      }
      sb.append(HeldValues.display(params.get(k)));
    }
    return sb.append(")").toString();
  }
}
