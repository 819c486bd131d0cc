package dev.leibniz.it;

import dev.leibniz.it.Programs.Assign;
import dev.leibniz.it.Programs.Bin;
import dev.leibniz.it.Programs.Break;
import dev.leibniz.it.Programs.Call;
import dev.leibniz.it.Programs.Cmp;
import dev.leibniz.it.Programs.Cond;
import dev.leibniz.it.Programs.Continue;
import dev.leibniz.it.Programs.Decl;
import dev.leibniz.it.Programs.DoWhile;
import dev.leibniz.it.Programs.Expr;
import dev.leibniz.it.Programs.Fn;
import dev.leibniz.it.Programs.For;
import dev.leibniz.it.Programs.ForEach;
import dev.leibniz.it.Programs.If;
import dev.leibniz.it.Programs.IntVar;
import dev.leibniz.it.Programs.Method;
import dev.leibniz.it.Programs.Neg;
import dev.leibniz.it.Programs.Num;
import dev.leibniz.it.Programs.Return;
import dev.leibniz.it.Programs.Stmt;
import dev.leibniz.it.Programs.Stop;
import dev.leibniz.it.Programs.Var;
import dev.leibniz.it.Programs.While;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a generated program with forward-mode dual numbers written from textbook derivative rules,
 * independently of the processor: the value (bit for bit what the compiled Java computes, float
 * rounding included), the gradient, a magnitude for tolerances, and the trace of every discrete
 * decision (branches, floors, min/max choices) so finite differences are only trusted where the
 * trace does not change.
 */
final class Interpreter {
  /** A value, its gradient over the method's inputs, and the sum of the magnitudes of its terms. */
  record D(double v, double[] d, double[] a) {}

  /** What one run produced. */
  record Outcome(double value, double[] gradient, double[] scale, List<Object> trace, boolean stopped,
      boolean wellBehaved) {}

  private final int inputs;
  private final boolean floats;
  private final List<Object> trace = new ArrayList<>();
  private boolean stopped;
  private boolean wellBehaved = true;
  private int steps;

  private Interpreter(int inputs, boolean floats) {
    this.inputs = inputs;
    this.floats = floats;
  }

  /** Runs {@code m} at {@code x} (its floating parameters) and {@code n} (its int parameter, if any). */
  static Outcome run(Method m, double[] x, int n) {
    Interpreter in = new Interpreter(x.length, m.floats());
    List<D> args = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      double[] d = new double[x.length];
      d[i] = 1;
      args.add(new D(in.round(x[i]), d, d.clone()));
    }
    D out = in.call(m, args, n);
    return new Outcome(out.v, out.d, out.a, in.trace, in.stopped, in.wellBehaved);
  }

  private static final class Frame {
    final Map<String, D> doubles = new HashMap<>();
    final Map<String, Integer> ints = new HashMap<>();
    D returned;
  }

  private enum Signal { NORMAL, BREAK, CONTINUE, RETURN }

  private D call(Method m, List<D> args, int n) {
    Frame f = new Frame();
    for (int i = 0; i < m.arity(); i++) {
      f.doubles.put("x" + i, args.get(i));
    }
    f.ints.put("n", n);
    Signal s = block(m.body(), f);
    if (s != Signal.RETURN) {
      throw new IllegalStateException("no return in " + m.name());
    }
    return f.returned;
  }

  private Signal block(List<Stmt> body, Frame f) {
    for (Stmt s : body) {
      Signal signal = stmt(s, f);
      if (signal != Signal.NORMAL) {
        return signal;
      }
    }
    return Signal.NORMAL;
  }

  private Signal stmt(Stmt s, Frame f) {
    if (++steps > 1_000_000) {
      throw new IllegalStateException("runaway program");
    }
    if (s instanceof Decl d) {
      f.doubles.put(d.name(), eval(d.init(), f));
    } else if (s instanceof Assign a) {
      D e = eval(a.e(), f);
      D old = f.doubles.get(a.name());
      D now = switch (a.op()) {
        case "=" -> e;
        case "+=" -> arith('+', old, e);
        case "-=" -> arith('-', old, e);
        case "*=" -> arith('*', old, e);
        case "/=" -> arith('/', old, e);
        default -> throw new IllegalArgumentException(a.op());
      };
      f.doubles.put(a.name(), now);
    } else if (s instanceof If i) {
      return test(i.cond(), f) ? block(i.then(), f) : block(i.otherwise(), f);
    } else if (s instanceof For l) {
      for (int c = 0; c < bound(l.bound(), f); c++) {
        f.ints.put(l.counter(), c);
        Signal signal = block(l.body(), f);
        if (signal == Signal.BREAK) {
          break;
        }
        if (signal == Signal.RETURN) {
          return signal;
        }
      }
    } else if (s instanceof While l) {
      f.ints.put(l.counter(), 0);
      while (f.ints.get(l.counter()) < bound(l.bound(), f)) {
        Signal signal = block(l.body(), f);
        if (signal == Signal.BREAK) {
          break;
        }
        if (signal == Signal.RETURN) {
          return signal;
        }
        f.ints.put(l.counter(), f.ints.get(l.counter()) + 1);
      }
    } else if (s instanceof DoWhile l) {
      f.ints.put(l.counter(), 0);
      do {
        Signal signal = block(l.body(), f);
        if (signal == Signal.BREAK) {
          break;
        }
        if (signal == Signal.RETURN) {
          return signal;
        }
        f.ints.put(l.counter(), f.ints.get(l.counter()) + 1);
      } while (f.ints.get(l.counter()) < bound(l.bound(), f));
    } else if (s instanceof ForEach l) {
      List<D> array = new ArrayList<>();
      for (Expr e : l.elements()) {
        array.add(eval(e, f));
      }
      for (D element : array) {
        f.doubles.put(l.element(), element);
        Signal signal = block(l.body(), f);
        if (signal == Signal.BREAK) {
          break;
        }
        if (signal == Signal.RETURN) {
          return signal;
        }
      }
    } else if (s instanceof Break) {
      return Signal.BREAK;
    } else if (s instanceof Continue) {
      return Signal.CONTINUE;
    } else if (s instanceof Return r) {
      f.returned = eval(r.e(), f);
      return Signal.RETURN;
    } else {
      throw new IllegalArgumentException(s.toString());
    }
    return Signal.NORMAL;
  }

  private static int bound(String bound, Frame f) {
    return bound.equals("n") ? f.ints.get("n") : Integer.parseInt(bound);
  }

  private boolean test(Cmp c, Frame f) {
    double a = eval(c.a(), f).v;
    double b = eval(c.b(), f).v;
    boolean out = switch (c.op()) {
      case "<" -> a < b;
      case "<=" -> a <= b;
      case ">" -> a > b;
      case ">=" -> a >= b;
      default -> throw new IllegalArgumentException(c.op());
    };
    trace.add(out);
    return out;
  }

  private D eval(Expr e, Frame f) {
    if (e instanceof Num n) {
      return constant(round(n.value()));
    } else if (e instanceof Var v) {
      return f.doubles.get(v.name());
    } else if (e instanceof IntVar i) {
      return constant(round(f.ints.get(i.name())));
    } else if (e instanceof Neg n) {
      D a = eval(n.e(), f);
      return make(-a.v, -1, a);
    } else if (e instanceof Bin b) {
      return arith(b.op(), eval(b.a(), f), eval(b.b(), f));
    } else if (e instanceof Fn fn) {
      List<D> args = new ArrayList<>();
      for (Expr a : fn.args()) {
        args.add(eval(a, f));
      }
      return function(fn.name(), args);
    } else if (e instanceof Cond c) {
      return test(c.cmp(), f) ? eval(c.then(), f) : eval(c.otherwise(), f);
    } else if (e instanceof Call c) {
      List<D> args = new ArrayList<>();
      for (Expr a : c.args()) {
        args.add(eval(a, f));
      }
      int n = c.intArg() == null ? 0 : c.intArg().equals("n") ? f.ints.get("n") : Integer.parseInt(c.intArg());
      return call(c.target(), args, n);
    } else if (e instanceof Stop s) {
      stopped = true;
      return constant(eval(s.e(), f).v);
    }
    throw new IllegalArgumentException(e.toString());
  }

  private D arith(char op, D x, D y) {
    double a = x.v;
    double b = y.v;
    return switch (op) {
      case '+' -> make(a + b, 1, x, 1, y);
      case '-' -> make(a - b, 1, x, -1, y);
      case '*' -> make(a * b, b, x, a, y);
      case '/' -> make(a / b, 1 / b, x, -a / (b * b), y);
      case '%' -> {
        // a % b = a - b * q with q the quotient truncated toward zero
        double q = (long) (a / b);
        trace.add(q);
        yield make(a % b, 1, x, -q, y);
      }
      default -> throw new IllegalArgumentException(String.valueOf(op));
    };
  }

  private D function(String name, List<D> args) {
    D x = args.get(0);
    double a = x.v;
    switch (name) {
      case "sin": return make(Math.sin(a), Math.cos(a), x);
      case "cos": return make(Math.cos(a), -Math.sin(a), x);
      case "tan": return make(Math.tan(a), 1 / (Math.cos(a) * Math.cos(a)), x);
      case "asin": return make(Math.asin(a), 1 / Math.sqrt(1 - a * a), x);
      case "acos": return make(Math.acos(a), -1 / Math.sqrt(1 - a * a), x);
      case "atan": return make(Math.atan(a), 1 / (1 + a * a), x);
      case "sinh": return make(Math.sinh(a), Math.cosh(a), x);
      case "cosh": return make(Math.cosh(a), Math.sinh(a), x);
      case "tanh": return make(Math.tanh(a), 1 / (Math.cosh(a) * Math.cosh(a)), x);
      case "exp": return make(Math.exp(a), Math.exp(a), x);
      case "expm1": return make(Math.expm1(a), Math.exp(a), x);
      case "log": return make(Math.log(a), 1 / a, x);
      case "log1p": return make(Math.log1p(a), 1 / (1 + a), x);
      case "log10": return make(Math.log10(a), 1 / (a * Math.log(10)), x);
      case "sqrt": return make(Math.sqrt(a), 0.5 / Math.sqrt(a), x);
      case "cbrt": return make(Math.cbrt(a), 1 / (3 * Math.cbrt(a) * Math.cbrt(a)), x);
      case "toDegrees": return make(Math.toDegrees(a), 180 / Math.PI, x);
      case "toRadians": return make(Math.toRadians(a), Math.PI / 180, x);
      case "abs":
        trace.add(a < 0);
        return make(Math.abs(a), Math.signum(a), x);
      case "floor": return piecewiseConstant(Math.floor(a));
      case "ceil": return piecewiseConstant(Math.ceil(a));
      case "rint": return piecewiseConstant(Math.rint(a));
      case "signum": return piecewiseConstant(Math.signum(a));
      default: break;
    }
    D y = args.get(1);
    double b = y.v;
    switch (name) {
      case "pow": {
        double v = Math.pow(a, b);
        // each partial only where its operand varies: a constant exponent contributes nothing
        double da = isConstant(x) ? 0 : b * Math.pow(a, b - 1);
        double db = isConstant(y) ? 0 : Math.log(a) * v;
        return make(v, da, x, db, y);
      }
      case "hypot": {
        double h = Math.hypot(a, b);
        return make(h, a / h, x, b / h, y);
      }
      case "atan2": {
        double r2 = a * a + b * b;
        return make(Math.atan2(a, b), b / r2, x, -a / r2, y);
      }
      case "min":
      case "max": {
        boolean max = name.equals("max");
        int c = Double.compare(a, b);
        trace.add(c);
        double v = max ? Math.max(a, b) : Math.min(a, b);
        if (a == b) {
          return make(v, 0.5, x, 0.5, y);
        }
        boolean first = max ? a > b : a < b;
        return make(v, first ? 1 : 0, x, first ? 0 : 1, y);
      }
      case "copySign": {
        trace.add(List.of(Math.signum(a), Math.copySign(1.0, b)));
        return make(Math.copySign(a, b), Math.signum(a) * Math.copySign(1.0, b), x);
      }
      case "IEEEremainder": {
        double q = Math.rint(a / b);
        trace.add(q);
        return make(Math.IEEEremainder(a, b), 1, x, -q, y);
      }
      case "fma": {
        D z = args.get(2);
        double v = floats ? Math.fma((float) a, (float) b, (float) z.v) : Math.fma(a, b, z.v);
        return make(v, b, x, a, y, 1, z);
      }
      default:
        throw new IllegalArgumentException(name);
    }
  }

  private D piecewiseConstant(double v) {
    trace.add(v);
    return constant(v);
  }

  private static boolean isConstant(D x) {
    for (double d : x.d) {
      if (d != 0) {
        return false;
      }
    }
    return true;
  }

  private double round(double v) {
    return floats ? (double) (float) v : v;
  }

  private D constant(double v) {
    return new D(v, new double[inputs], new double[inputs]);
  }

  /** A result {@code v} with tangent {@code sum c_k dx_k} over the (coefficient, operand) pairs. */
  private D make(double v, Object... pairs) {
    v = round(v);
    if (!Double.isFinite(v) || Math.abs(v) > 1e6) {
      wellBehaved = false;
    }
    double[] d = new double[inputs];
    double[] a = new double[inputs];
    for (int k = 0; k < pairs.length; k += 2) {
      double c = ((Number) pairs[k]).doubleValue();
      D x = (D) pairs[k + 1];
      if (isConstant(x)) {
        continue; // a structural zero: no term, even for an infinite coefficient
      }
      for (int i = 0; i < inputs; i++) {
        d[i] += c * x.d[i];
        a[i] += Math.abs(c) * x.a[i];
      }
    }
    for (int i = 0; i < inputs; i++) {
      if (!Double.isFinite(d[i]) || Math.abs(a[i]) > 1e8) {
        wellBehaved = false;
      }
    }
    return new D(v, d, a);
  }
}
