package dev.leibniz.processor.transform;

import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.MathFn;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs IR as Java would, so transforms are checked by their numbers without compiling Java: values
 * are boxed ({@code Double}, {@code Integer}, {@code Boolean}), arrays are Java arrays, records are
 * {@link RecordValue}s, a tape is a {@link TapeValue}. Calls of other methods are not supported.
 * One environment holds every variable, so a forward sweep and then a backward sweep run in turn
 * share their values and their tape, as they do in a generated pullback.
 */
final class IrEval {
  /** A record: its components by name. */
  record RecordValue(Type.Record type, Map<String, Object> components) {}

  /** A reverse-mode tape: one stack; a pop checks it gets a value of the type pushed. */
  static final class TapeValue {
    final Deque<Object> stack = new ArrayDeque<>();
  }

  /** How a statement ended: normally (null), or by a jump. */
  private record Jump(Stmt kind, String label, List<Object> values) {}

  private static final Object UNSET = new Object();
  private final Map<Var, Object> env = new HashMap<>(); // Var has identity equality

  /** Runs {@code f} on {@code args}; returns the leaves its {@code return} gives. */
  static List<Object> call(Function f, Object... args) {
    IrEval eval = new IrEval();
    for (int k = 0; k < args.length; k++) {
      eval.bind(f.params().get(k).var(), args[k]);
    }
    return eval.run(f.body());
  }

  void bind(Var v, Object value) {
    env.put(v, value);
  }

  /** Runs {@code b}; the values of the {@code return} it reached, or null if it fell off its end. */
  List<Object> run(Block b) {
    Jump j = block(b);
    if (j != null && !(j.kind() instanceof Stmt.Return)) {
      throw new IllegalStateException("jump out of the body: " + j.kind());
    }
    return j == null ? null : j.values();
  }

  private Jump block(Block b) {
    for (Stmt s : b.stmts()) {
      Jump j = stmt(s);
      if (j != null) {
        return j;
      }
    }
    return null;
  }

  private Jump stmt(Stmt s) {
    if (s instanceof Stmt.Declare d) {
      env.put(d.var(), d.init() == null ? UNSET : convert(eval(d.init()), d.var().type()));
    } else if (s instanceof Stmt.Assign a) {
      if (!env.containsKey(a.target())) {
        throw new IllegalStateException("assignment of undeclared " + a.target());
      }
      env.put(a.target(), convert(eval(a.value()), a.target().type()));
    } else if (s instanceof Stmt.ArrayWrite w) {
      java.lang.reflect.Array.set(eval(w.array()), (Integer) eval(w.index()),
          convert(eval(w.value()), ((Type.Array) w.array().type()).element()));
    } else if (s instanceof Stmt.Eval e) {
      eval(e.expr());
    } else if (s instanceof Stmt.If i) {
      return block((Boolean) eval(i.cond()) ? i.then() : i.otherwise());
    } else if (s instanceof Stmt.Loop l) {
      return loop(l);
    } else if (s instanceof Stmt.Break || s instanceof Stmt.Continue) {
      return new Jump(s, s instanceof Stmt.Break b ? b.label() : ((Stmt.Continue) s).label(), null);
    } else if (s instanceof Stmt.Return r) {
      return new Jump(s, null, r.values().stream().map(this::eval).toList());
    } else if (s instanceof Stmt.Push p) {
      ((TapeValue) eval(p.tape())).stack.push(eval(p.value()));
    } else {
      throw new UnsupportedOperationException("statement " + s);
    }
    return null;
  }

  private Jump loop(Stmt.Loop l) {
    Jump init = block(l.init());
    if (init != null) {
      return init;
    }
    boolean first = true;
    while ((first && l.testAfter()) || l.cond() == null || (Boolean) eval(l.cond())) {
      first = false;
      Jump j = block(l.body());
      boolean ours = j != null && (j.label() == null || j.label().equals(l.label()));
      if (j != null && j.kind() instanceof Stmt.Break && ours) {
        return null;
      }
      if (j != null && !(j.kind() instanceof Stmt.Continue && ours)) {
        return j; // a return, or a jump to an outer loop
      }
      block(l.update());
    }
    return null;
  }

  Object eval(Expr e) {
    if (e instanceof Var v) {
      Object value = env.get(v);
      if (value == null && !env.containsKey(v) || value == UNSET) {
        throw new IllegalStateException("read of unset variable " + v);
      }
      return value;
    } else if (e instanceof Const c) {
      return c.value();
    } else if (e instanceof Expr.Unary u) {
      Object x = eval(u.operand());
      return switch (u.op()) {
        case NEG -> convert(-((Number) x).doubleValue(), u.type());
        case NOT -> !(Boolean) x;
        case BITNOT -> convert(~((Number) x).longValue(), u.type());
      };
    } else if (e instanceof Expr.Binary b) {
      return binary(b);
    } else if (e instanceof Expr.Cast c) {
      return convert(eval(c.operand()), c.type());
    } else if (e instanceof Expr.Conditional c) {
      return convert(eval((Boolean) eval(c.cond()) ? c.then() : c.otherwise()), c.type());
    } else if (e instanceof Expr.MathCall m) {
      double[] args = m.args().stream().mapToDouble(a -> ((Number) eval(a)).doubleValue()).toArray();
      return convert(math(m.fn(), args), m.type());
    } else if (e instanceof Expr.ArrayRead a) {
      return java.lang.reflect.Array.get(eval(a.array()), (Integer) eval(a.index()));
    } else if (e instanceof Expr.ArrayLength a) {
      return java.lang.reflect.Array.getLength(eval(a.array()));
    } else if (e instanceof Expr.NewArray n) {
      return newArray(n);
    } else if (e instanceof Expr.Construct c) {
      Map<String, Object> components = new HashMap<>();
      for (int k = 0; k < c.args().size(); k++) {
        Type.Component comp = c.type().components().get(k);
        components.put(comp.name(), convert(eval(c.args().get(k)), comp.type()));
      }
      return new RecordValue(c.type(), components);
    } else if (e instanceof Expr.Component c) {
      return ((RecordValue) eval(c.record())).components().get(c.name());
    } else if (e instanceof Expr.Invoke i && i.callee() instanceof Callee.Constructor k && k.owner().equals(Known.TAPE)) {
      return new TapeValue();
    } else if (e instanceof Expr.Invoke i && i.callee() == Callee.Special.STOP_GRADIENT) {
      return eval(i.args().get(0));
    } else if (e instanceof Expr.Pop p) {
      Object value = ((TapeValue) eval(p.tape())).stack.pop();
      if (!boxed(p.type()).isInstance(value)) {
        throw new IllegalStateException("popped " + value + " as a " + p.type());
      }
      return value;
    }
    throw new UnsupportedOperationException("expression " + e);
  }

  private Object binary(Expr.Binary b) {
    if (b.op() == Expr.BinaryOp.AND) {
      return (Boolean) eval(b.left()) && (Boolean) eval(b.right());
    } else if (b.op() == Expr.BinaryOp.OR) {
      return (Boolean) eval(b.left()) || (Boolean) eval(b.right());
    }
    Object l = eval(b.left());
    Object r = eval(b.right());
    if (!(l instanceof Number x) || !(r instanceof Number y)) { // references, booleans
      return switch (b.op()) {
        case EQ -> l instanceof Boolean ? l.equals(r) : l == r;
        case NE -> l instanceof Boolean ? !l.equals(r) : l != r;
        default -> throw new UnsupportedOperationException(b.op() + " on " + l);
      };
    }
    if (b.op().isComparison()) {
      boolean floating = b.left().type().isFloating() || b.right().type().isFloating();
      int cmp = floating ? Double.compare(x.doubleValue(), y.doubleValue()) : Long.compare(x.longValue(), y.longValue());
      boolean nan = floating && (Double.isNaN(x.doubleValue()) || Double.isNaN(y.doubleValue()));
      return switch (b.op()) {
        case LT -> !nan && cmp < 0;
        case LE -> !nan && cmp <= 0;
        case GT -> !nan && cmp > 0;
        case GE -> !nan && cmp >= 0;
        case EQ -> floating ? x.doubleValue() == y.doubleValue() : cmp == 0;
        default -> floating ? x.doubleValue() != y.doubleValue() : cmp != 0;
      };
    }
    if (b.type().isFloating()) {
      double p = x.doubleValue();
      double q = y.doubleValue();
      return convert(switch (b.op()) {
        case MUL -> p * q;
        case DIV -> p / q;
        case REM -> p % q;
        case ADD -> p + q;
        case SUB -> p - q;
        default -> throw new UnsupportedOperationException(b.op() + " on " + b.type());
      }, b.type());
    }
    long p = x.longValue();
    long q = y.longValue();
    return convert(switch (b.op()) {
      case MUL -> p * q;
      case DIV -> p / q;
      case REM -> p % q;
      case ADD -> p + q;
      case SUB -> p - q;
      case BITAND -> p & q;
      case BITOR -> p | q;
      case XOR -> p ^ q;
      default -> throw new UnsupportedOperationException(b.op() + " on " + b.type());
    }, b.type());
  }

  private Object newArray(Expr.NewArray n) {
    Type element = n.type().element();
    List<Object> elements = new ArrayList<>();
    if (n.elements() != null) {
      n.elements().forEach(x -> elements.add(eval(x)));
    }
    int length = n.elements() != null ? elements.size() : (Integer) eval(n.length());
    Class<?> cls = element == Type.Prim.DOUBLE ? double.class : element == Type.Prim.INT ? int.class
        : element == Type.Prim.FLOAT ? float.class : Object.class;
    Object array = java.lang.reflect.Array.newInstance(cls, length);
    for (int k = 0; k < elements.size(); k++) {
      java.lang.reflect.Array.set(array, k, convert(elements.get(k), element));
    }
    return array;
  }

  /** The class of values of {@code type} here: {@code Double} for {@code double}... */
  private static Class<?> boxed(Type type) {
    if (type == Type.Prim.DOUBLE) {
      return Double.class;
    } else if (type == Type.Prim.FLOAT) {
      return Float.class;
    } else if (type == Type.Prim.INT) {
      return Integer.class;
    } else if (type == Type.Prim.BOOLEAN) {
      return Boolean.class;
    }
    return type instanceof Type.Array a && a.element() == Type.Prim.DOUBLE ? double[].class : Object.class;
  }

  /** {@code value} as Java converts it to {@code type}: numbers widened or narrowed, the rest as is. */
  static Object convert(Object value, Type type) {
    if (!(value instanceof Number n) || !(type instanceof Type.Prim p)) {
      return value;
    }
    return switch (p) {
      case DOUBLE -> n.doubleValue();
      case FLOAT -> n.floatValue();
      case LONG -> n.longValue();
      case INT -> value instanceof Double || value instanceof Float ? (int) n.doubleValue() : n.intValue();
      default -> value;
    };
  }

  private static double math(MathFn fn, double[] a) {
    return switch (fn) {
      case SIN -> Math.sin(a[0]);
      case COS -> Math.cos(a[0]);
      case TAN -> Math.tan(a[0]);
      case ASIN -> Math.asin(a[0]);
      case ACOS -> Math.acos(a[0]);
      case ATAN -> Math.atan(a[0]);
      case SINH -> Math.sinh(a[0]);
      case COSH -> Math.cosh(a[0]);
      case TANH -> Math.tanh(a[0]);
      case EXP -> Math.exp(a[0]);
      case EXPM1 -> Math.expm1(a[0]);
      case LOG -> Math.log(a[0]);
      case LOG10 -> Math.log10(a[0]);
      case LOG1P -> Math.log1p(a[0]);
      case SQRT -> Math.sqrt(a[0]);
      case CBRT -> Math.cbrt(a[0]);
      case POW -> Math.pow(a[0], a[1]);
      case HYPOT -> Math.hypot(a[0], a[1]);
      case ATAN2 -> Math.atan2(a[0], a[1]);
      case IEEEREMAINDER -> Math.IEEEremainder(a[0], a[1]);
      case ABS -> Math.abs(a[0]);
      case MIN -> Math.min(a[0], a[1]);
      case MAX -> Math.max(a[0], a[1]);
      case COPYSIGN -> Math.copySign(a[0], a[1]);
      case FMA -> Math.fma(a[0], a[1], a[2]);
      case SCALB -> Math.scalb(a[0], (int) a[1]);
      case NEXTUP -> Math.nextUp(a[0]);
      case NEXTDOWN -> Math.nextDown(a[0]);
      case TORADIANS -> Math.toRadians(a[0]);
      case TODEGREES -> Math.toDegrees(a[0]);
      case SIGNUM -> Math.signum(a[0]);
      case FLOOR -> Math.floor(a[0]);
      case CEIL -> Math.ceil(a[0]);
      case RINT -> Math.rint(a[0]);
      case ULP -> Math.ulp(a[0]);
    };
  }
}
