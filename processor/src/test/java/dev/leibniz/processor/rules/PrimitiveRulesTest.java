package dev.leibniz.processor.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.MathFn;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every {@link MathFn}'s rule against central finite differences of the {@code java.lang.Math}
 * function itself, at points inside its domain and away from its kinks: the partial of each
 * floating argument is evaluated by a small interpreter of the IR it builds; an argument without
 * a partial (and every argument of a piecewise-constant function) must have a zero difference.
 */
class PrimitiveRulesTest {

  @ParameterizedTest
  @EnumSource(MathFn.class)
  void partialsMatchFiniteDifferences(MathFn fn) throws ReflectiveOperationException {
    Method java = javaMethod(fn);
    for (double[] point : points(fn)) {
      List<Var> args = new ArrayList<>();
      for (int i = 0; i < fn.arity(); i++) {
        args.add(new Var("a" + i, fn.intParameter(i) ? Type.Prim.INT : Type.Prim.DOUBLE));
      }
      Var result = new Var("r", Type.Prim.DOUBLE);
      Expr.MathCall call = new Expr.MathCall(fn, List.copyOf(args), Type.Prim.DOUBLE, false);
      List<PrimitiveRules.Partial> partials = PrimitiveRules.partials(call, result);
      assertEquals(fn.piecewiseConstant(), partials.isEmpty(), fn + ": piecewise constant iff it has no partials");
      Map<Var, Double> env = new HashMap<>();
      for (int i = 0; i < args.size(); i++) {
        env.put(args.get(i), point[i]);
      }
      env.put(result, invoke(java, fn, point));
      int next = 0;
      for (int i = 0; i < fn.arity(); i++) {
        if (fn.intParameter(i)) {
          continue;
        }
        double numeric = centralDifference(java, fn, point, i);
        String where = fn + " at " + Arrays.toString(point) + ", argument " + i;
        if (next < partials.size() && partials.get(next).operand() == args.get(i)) {
          double rule = eval(partials.get(next).map().apply(Const.of(1.0)), env);
          assertEquals(numeric, rule, 1e-6 * (1 + Math.abs(numeric)), where);
          next++;
        } else {
          assertEquals(0.0, numeric, 1e-9, where + " has no partial, so its derivative must be zero");
        }
      }
      assertEquals(partials.size(), next, fn + ": partials in argument order, one per floating argument");
    }
  }

  /** Points inside the domain, away from kinks, ties and jumps (an exhaustive switch as well). */
  private static List<double[]> points(MathFn fn) {
    return switch (fn) {
      case ASIN, ACOS -> List.of(new double[] {-0.6}, new double[] {0.3}, new double[] {0.8});
      case LOG, LOG10, SQRT, CBRT -> List.of(new double[] {0.4}, new double[] {2.5}, new double[] {17});
      case LOG1P -> List.of(new double[] {-0.5}, new double[] {0.3}, new double[] {4});
      case TAN -> List.of(new double[] {-1.2}, new double[] {0.4}, new double[] {1.1});
      case POW -> List.of(new double[] {0.7, 2.3}, new double[] {1.9, -1.4}, new double[] {3, 0.5});
      case HYPOT, ATAN2 -> List.of(new double[] {0.7, 2.3}, new double[] {-1.9, 0.4}, new double[] {3, -0.5});
      case IEEEREMAINDER -> List.of(new double[] {5.3, 2.1}, new double[] {-7.2, 1.5}, new double[] {0.4, 3});
      case MIN, MAX, COPYSIGN -> List.of(new double[] {0.7, 2.3}, new double[] {-1.9, 0.4}, new double[] {3, -0.5});
      case FMA -> List.of(new double[] {0.7, 2.3, -1.1}, new double[] {-1.9, 0.4, 5});
      case SCALB -> List.of(new double[] {0.7, 3}, new double[] {-1.9, -2});
      case ABS, SIGNUM, FLOOR, CEIL, RINT, ULP, NEXTUP, NEXTDOWN ->
          List.of(new double[] {-1.3}, new double[] {0.3}, new double[] {2.7});
      case SIN, COS, ATAN, SINH, COSH, TANH, EXP, EXPM1, TORADIANS, TODEGREES ->
          List.of(new double[] {-1.3}, new double[] {0.3}, new double[] {2.1});
    };
  }

  private static Method javaMethod(MathFn fn) throws NoSuchMethodException {
    Class<?>[] types = new Class<?>[fn.arity()];
    for (int i = 0; i < types.length; i++) {
      types[i] = fn.intParameter(i) ? int.class : double.class;
    }
    return Math.class.getMethod(fn.javaName(), types);
  }

  private static double invoke(Method java, MathFn fn, double[] point) {
    Object[] args = new Object[point.length];
    for (int i = 0; i < point.length; i++) {
      args[i] = fn.intParameter(i) ? (Object) (int) point[i] : (Object) point[i];
    }
    try {
      return ((Number) java.invoke(null, args)).doubleValue();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static double centralDifference(Method java, MathFn fn, double[] point, int i) {
    double h = 1e-5 * Math.max(1, Math.abs(point[i]));
    double[] up = point.clone();
    double[] down = point.clone();
    up[i] += h;
    down[i] -= h;
    return (invoke(java, fn, up) - invoke(java, fn, down)) / (up[i] - down[i]);
  }

  /** The few IR expressions rules build, in {@code double}; Math calls through {@code java.lang.Math}. */
  private static double eval(Expr e, Map<Var, Double> env) {
    if (e instanceof Var v) {
      assertTrue(env.containsKey(v), "unbound " + v);
      return env.get(v);
    }
    if (e instanceof Const c) {
      return ((Number) c.value()).doubleValue();
    }
    if (e instanceof Expr.Unary u) {
      assertSame(Expr.UnaryOp.NEG, u.op());
      return -eval(u.operand(), env);
    }
    if (e instanceof Expr.Conditional c) {
      return truth(c.cond(), env) ? eval(c.then(), env) : eval(c.otherwise(), env);
    }
    if (e instanceof Expr.MathCall m) {
      double[] args = new double[m.args().size()];
      for (int i = 0; i < args.length; i++) {
        args[i] = eval(m.args().get(i), env);
      }
      try {
        return invoke(javaMethod(m.fn()), m.fn(), args);
      } catch (NoSuchMethodException ex) {
        throw new AssertionError(ex);
      }
    }
    Expr.Binary b = (Expr.Binary) e;
    double x = eval(b.left(), env);
    double y = eval(b.right(), env);
    return switch (b.op()) {
      case ADD -> x + y;
      case SUB -> x - y;
      case MUL -> x * y;
      case DIV -> x / y;
      default -> throw new AssertionError("not arithmetic: " + b.op());
    };
  }

  private static boolean truth(Expr e, Map<Var, Double> env) {
    Expr.Binary b = (Expr.Binary) e;
    double x = eval(b.left(), env);
    double y = eval(b.right(), env);
    return switch (b.op()) {
      case EQ -> x == y;
      case LT -> x < y;
      case GT -> x > y;
      case GE -> x >= y;
      default -> throw new AssertionError("not a comparison: " + b.op());
    };
  }
}
