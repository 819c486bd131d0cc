package dev.leibniz.it;

import dev.leibniz.it.Programs.Apply;
import dev.leibniz.it.Programs.ArrReadInc;
import dev.leibniz.it.Programs.ArrayCopy;
import dev.leibniz.it.Programs.AssignExpr;
import dev.leibniz.it.Programs.AssignLoop;
import dev.leibniz.it.Programs.Case;
import dev.leibniz.it.Programs.CopyOf;
import dev.leibniz.it.Programs.CopyOfRange;
import dev.leibniz.it.Programs.ExprStmt;
import dev.leibniz.it.Programs.Fill;
import dev.leibniz.it.Programs.IBin;
import dev.leibniz.it.Programs.IFloor;
import dev.leibniz.it.Programs.ILen;
import dev.leibniz.it.Programs.ILit;
import dev.leibniz.it.Programs.IVar;
import dev.leibniz.it.Programs.Inc;
import dev.leibniz.it.Programs.IndexBuffer;
import dev.leibniz.it.Programs.ConstList;
import dev.leibniz.it.Programs.Guard;
import dev.leibniz.it.Programs.ListGet;
import dev.leibniz.it.Programs.Text;
import dev.leibniz.it.Programs.IntArg;
import dev.leibniz.it.Programs.IntDecl;
import dev.leibniz.it.Programs.IntE;
import dev.leibniz.it.Programs.Selector;
import dev.leibniz.it.Programs.Braced;
import dev.leibniz.it.Programs.Switch;
import dev.leibniz.it.Programs.SwitchExpr;
import dev.leibniz.it.Programs.Unset;
import dev.leibniz.it.Programs.Yield;
import dev.leibniz.it.Programs.ArrRead;
import dev.leibniz.it.Programs.ArrWrite;
import dev.leibniz.it.Programs.Assign;
import dev.leibniz.it.Programs.Bin;
import dev.leibniz.it.Programs.Break;
import dev.leibniz.it.Programs.Call;
import dev.leibniz.it.Programs.CloneArr;
import dev.leibniz.it.Programs.CallStmt;
import dev.leibniz.it.Programs.Cmp;
import dev.leibniz.it.Programs.Cond;
import dev.leibniz.it.Programs.Continue;
import dev.leibniz.it.Programs.Decl;
import dev.leibniz.it.Programs.DoWhile;
import dev.leibniz.it.Programs.Expr;
import dev.leibniz.it.Programs.First;
import dev.leibniz.it.Programs.Fn;
import dev.leibniz.it.Programs.Get;
import dev.leibniz.it.Programs.For;
import dev.leibniz.it.Programs.ForEach;
import dev.leibniz.it.Programs.If;
import dev.leibniz.it.Programs.IntVar;
import dev.leibniz.it.Programs.Lambda;
import dev.leibniz.it.Programs.Len;
import dev.leibniz.it.Programs.MatLoop;
import dev.leibniz.it.Programs.MatRead;
import dev.leibniz.it.Programs.MatWrite;
import dev.leibniz.it.Programs.Method;
import dev.leibniz.it.Programs.MethodRef;
import dev.leibniz.it.Programs.Neg;
import dev.leibniz.it.Programs.NewArr;
import dev.leibniz.it.Programs.NewMat;
import dev.leibniz.it.Programs.NewPair;
import dev.leibniz.it.Programs.NewSamples;
import dev.leibniz.it.Programs.NewSeg;
import dev.leibniz.it.Programs.Num;
import dev.leibniz.it.Programs.Return;
import dev.leibniz.it.Programs.Row;
import dev.leibniz.it.Programs.RowLen;
import dev.leibniz.it.Programs.Rule;
import dev.leibniz.it.Programs.SegGet;
import dev.leibniz.it.Programs.Stmt;
import dev.leibniz.it.Programs.Stop;
import dev.leibniz.it.Programs.ToFloat;
import dev.leibniz.it.Programs.Ty;
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
 *
 * <p>Derivatives are JAX's: like a trace, the run follows the executed path only, and a value
 * that does not depend on an input along it (a constant, a floor, a stopped value) has a
 * structural zero tangent that drops its terms even for an infinite coefficient, while a computed
 * {@code 0 * inf} stays NaN (SPEC §4). So a value whose derivative is NaN but that the result
 * does not use leaves the result's derivative finite, as JAX's grad and jvp both give.
 */
final class Interpreter {
  /**
   * A value, its gradient over the method's inputs, the sum of the magnitudes of its terms, and
   * whether it depends on an input (else its tangent is a structural zero).
   */
  record D(double v, double[] d, double[] a, boolean live) {}

  /** A record value: its two components. */
  record PairV(D a, D b) {}

  /** The nested record {@code Seg(Pair p, double w, int k)}. */
  record SegV(PairV p, D w, int k) {}

  /** An array value; local arrays are written in place. */
  record ArrV(D[] elements) {}

  /** The record {@code Samples(double[] xs, double w)}: its array is shared with whatever else holds it. */
  record SamplesV(ArrV xs, D w) {}

  /** A matrix: its rows, each an array value that row locals and callees share. */
  record MatV(ArrV[] rows) {}

  /** A function value. */
  interface FunctionV {
    D apply(D x);
  }

  /** What the tests pass to a function-value parameter: {@code sin(v) + v / 2} (see {@code RandomProgramTest}). */
  private FunctionV testFunction() {
    return x -> make(Math.sin(x.v) + x.v / 2, Math.cos(x.v) + 0.5, x);
  }

  /**
   * What one run produced: the result flattened to scalars (one for a scalar method; for a void method the
   * array parameters' final contents, as {@code written}), each with
   * its gradient and term magnitudes over the flattened inputs; the array parameters' final
   * contents, flattened ({@code written}); whether some value on the way had an infinite or NaN
   * value or derivative ({@code singular}), and whether a rule that is not a derivative ran
   * ({@code notGradient}: then finite differences of the primal mean nothing).
   */
  record Outcome(List<D> outputs, List<Object> trace, boolean stopped, boolean narrowed, boolean wellBehaved,
      List<D> written, boolean singular, boolean notGradient) {}

  private final int inputs;
  private final boolean floats;
  private final List<Object> trace = new ArrayList<>();
  private boolean stopped;
  private boolean narrowed;
  private boolean wellBehaved = true;
  private boolean singular;
  private boolean notGradient;
  /** The value being made is log(0) (see {@link #make}). */
  private boolean logOfZero;
  private int steps;
  /** The label of the loop a pending break or continue targets; null for the innermost. */
  private String jump;

  private Interpreter(int inputs, boolean floats) {
    this.inputs = inputs;
    this.floats = floats;
  }

  /**
   * Runs {@code m} with its differentiable parameters given as flattened leaves {@code x} (a
   * record as its scalar components, an array as its elements) and {@code n} as its int
   * parameter; {@code shapes[p]} holds the length of array parameter p, the int component of
   * a {@code Seg} parameter p, or the lengths of matrix parameter p's rows.
   */
  static Outcome run(Method m, double[] x, int[][] shapes, int n) {
    Interpreter in = new Interpreter(x.length, m.floats());
    List<Object> args = new ArrayList<>();
    int[] next = {0};
    for (int p = 0; p < m.params().size(); p++) {
      Ty t = m.params().get(p);
      if (t == Ty.FN) {
        args.add(in.testFunction());
      } else if (t == Ty.NUM) {
        args.add(in.input(x, next));
      } else if (t == Ty.PAIR) {
        args.add(new PairV(in.input(x, next), in.input(x, next)));
      } else if (t == Ty.SEG) {
        PairV pair = new PairV(in.input(x, next), in.input(x, next));
        args.add(new SegV(pair, in.input(x, next), shapes[p][0]));
      } else if (t == Ty.SAMPLES) {
        ArrV xs = in.inputs(x, next, shapes[p][0]);
        args.add(new SamplesV(xs, in.input(x, next)));
      } else if (t == Ty.MAT) {
        ArrV[] rows = new ArrV[shapes[p].length];
        for (int r = 0; r < rows.length; r++) {
          rows[r] = in.inputs(x, next, shapes[p][r]);
        }
        args.add(new MatV(rows));
      } else {
        args.add(in.inputs(x, next, shapes[p][0]));
      }
    }
    Object out = in.call(m, args, n);
    List<D> written = new ArrayList<>();
    for (Object a : args) {
      if (a instanceof ArrV array) {
        written.addAll(List.of(array.elements()));
      } else if (a instanceof MatV matrix) {
        for (ArrV row : matrix.rows()) {
          written.addAll(List.of(row.elements()));
        }
      }
    }
    List<D> outputs = new ArrayList<>();
    if (m.result() == Ty.VOID) {
      outputs.addAll(written);
    } else if (out instanceof D d) {
      outputs.add(d);
    } else if (out instanceof PairV p) {
      outputs.add(p.a());
      outputs.add(p.b());
    } else if (out instanceof SegV g) {
      outputs.add(g.p().a());
      outputs.add(g.p().b());
      outputs.add(g.w());
    } else if (out instanceof SamplesV g) {
      outputs.addAll(List.of(g.xs().elements()));
      outputs.add(g.w());
    } else {
      outputs.addAll(List.of(((ArrV) out).elements()));
    }
    // a singular value on the way is fine as long as the result does not depend on it
    List<D> results = new ArrayList<>(outputs);
    results.addAll(written);
    for (D d : results) {
      in.checkRange(d.v, d.d, d.a, true);
    }
    return new Outcome(outputs, in.trace, in.stopped, in.narrowed, in.wellBehaved, written, in.singular,
        in.notGradient);
  }

  /** An array of {@code length} inputs. */
  private ArrV inputs(double[] x, int[] next, int length) {
    D[] elements = new D[length];
    for (int i = 0; i < length; i++) {
      elements[i] = input(x, next);
    }
    return new ArrV(elements);
  }

  private D input(double[] x, int[] next) {
    int i = next[0]++;
    double[] d = new double[inputs];
    d[i] = 1;
    return new D(round(x[i]), d, d.clone(), true);
  }

  private static final class Frame {
    final Map<String, Object> values = new HashMap<>();
    final Map<String, Integer> ints = new HashMap<>();
    Object returned;
    /** The value of the {@code yield} that ended a switch expression's case. */
    D yielded;

    D num(String name) {
      return (D) values.get(name);
    }

    /** The array of a variable, or of a Samples variable s for {@code s.xs()}. */
    ArrV array(String name) {
      if (name.endsWith(".xs()")) {
        return ((SamplesV) values.get(name.substring(0, name.length() - ".xs()".length()))).xs();
      }
      return (ArrV) values.get(name);
    }

    MatV matrix(String name) {
      return (MatV) values.get(name);
    }
  }

  /** How a statement ended; EXIT is a break consumed by the loop it leaves. */
  private enum Signal { NORMAL, BREAK, CONTINUE, RETURN, EXIT, YIELD }

  private Object call(Method m, List<Object> args, int n) {
    Frame f = new Frame();
    for (int i = 0; i < args.size(); i++) {
      f.values.put("x" + i, args.get(i));
    }
    f.ints.put("n", n);
    if (!m.floats()) {
      // STATIC_TABLE: the class's constants (the programs never write the table)
      D[] table = new D[Programs.TABLE_VALUES.length];
      for (int i = 0; i < table.length; i++) {
        table[i] = constant(Programs.TABLE_VALUES[i]);
      }
      f.values.put(Programs.TABLE, new ArrV(table));
      f.values.put(Programs.ROOT2, constant(Math.sqrt(2.0)));
    }
    Signal s = block(m.body(), f);
    if (s != Signal.RETURN && m.result() != Ty.VOID) {
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
      if (d.init() == null) {
        D[] zeros = new D[d.size()];
        for (int i = 0; i < zeros.length; i++) {
          zeros[i] = constant(0);
        }
        f.values.put(d.name(), new ArrV(zeros));
      } else {
        f.values.put(d.name(), eval(d.init(), f));
      }
    } else if (s instanceof Assign a) {
      assign(a.name(), a.op(), a.e(), f);
    } else if (s instanceof ArrWrite w) {
      D[] elements = f.array(w.array()).elements();
      int i = index(w.index(), f) % elements.length;
      // Java saves the element before it evaluates the right-hand side (which may write the array)
      D old = elements[i];
      D e = (D) eval(w.e(), f);
      elements[i] = w.op().equals("=") ? e : compound(w.op(), old, e);
    } else if (s instanceof CallStmt c) {
      eval(c.call(), f);
    } else if (s instanceof If i) {
      return test(i.cond(), f) ? block(i.then(), f) : block(i.otherwise(), f);
    } else if (s instanceof For l) {
      // the counter is incremented first (in the header, or at the end of a body that has no continue)
      f.ints.put(l.counter(), 0);
      while (f.ints.get(l.counter()) < bound(l.bound(), f)) {
        Signal signal = loopBody(l.body(), l.label(), f);
        if (signal == Signal.EXIT) {
          break;
        }
        if (signal != Signal.NORMAL) {
          return signal;
        }
        f.ints.put(l.counter(), f.ints.get(l.counter()) + 1);
        if (l.update() != null) {
          stmt(l.update(), f);
        }
      }
    } else if (s instanceof While l) {
      f.ints.put(l.counter(), 0);
      while (f.ints.get(l.counter()) < bound(l.bound(), f) && (l.guard() == null || test(l.guard(), f))) {
        Signal signal = loopBody(l.body(), l.label(), f);
        if (signal == Signal.EXIT) {
          break;
        }
        if (signal != Signal.NORMAL) {
          return signal;
        }
        f.ints.put(l.counter(), f.ints.get(l.counter()) + 1);
      }
    } else if (s instanceof DoWhile l) {
      f.ints.put(l.counter(), 0);
      do {
        Signal signal = loopBody(l.body(), l.label(), f);
        if (signal == Signal.EXIT) {
          break;
        }
        if (signal != Signal.NORMAL) {
          return signal;
        }
        f.ints.put(l.counter(), f.ints.get(l.counter()) + 1);
      } while (f.ints.get(l.counter()) < bound(l.bound(), f));
    } else if (s instanceof ForEach l) {
      // the loop reads the array as it is when each element is reached
      D[] elements = f.array(l.array()).elements();
      for (int i = 0; i < elements.length; i++) {
        f.values.put(l.element(), elements[i]);
        Signal signal = loopBody(l.body(), l.label(), f);
        if (signal == Signal.EXIT) {
          break;
        }
        if (signal != Signal.NORMAL) {
          return signal;
        }
      }
    } else if (s instanceof Break b) {
      jump = b.label();
      return Signal.BREAK;
    } else if (s instanceof Continue c) {
      jump = c.label();
      return Signal.CONTINUE;
    } else if (s instanceof Return r) {
      f.returned = r.e() == null ? null : eval(r.e(), f);
      return Signal.RETURN;
    } else if (s instanceof Switch sw) {
      List<Case> cases = sw.cases();
      // colon form: from the matching case on, through the cases it falls into, to a break
      for (int c = matchingCase(sw.selector(), cases, f); c >= 0 && c < cases.size(); c++) {
        Signal signal = block(cases.get(c).body(), f);
        if (signal == Signal.BREAK && jump == null) {
          break;
        }
        if (signal != Signal.NORMAL) {
          return signal;
        }
        if (sw.arrow()) {
          break;
        }
      }
    } else if (s instanceof Yield y) {
      f.yielded = num(y.e(), f);
      return Signal.YIELD;
    } else if (s instanceof Braced b) {
      return block(b.body(), f);
    } else if (s instanceof Unset) {
      // nothing until assigned: the program reads it after every path assigned it
    } else if (s instanceof ArrayCopy c) {
      D[] src = f.array(c.src()).elements();
      int from = intValue(c.srcPos(), f);
      int to = intValue(c.dstPos(), f);
      int length = intValue(c.length(), f);
      // as if through a temporary array, so a copy within one array may overlap
      System.arraycopy(java.util.Arrays.copyOfRange(src, from, from + length), 0, f.array(c.dst()).elements(), to,
          length);
    } else if (s instanceof Fill fill) {
      D[] elements = f.array(fill.array()).elements();
      int from = fill.from() == null ? 0 : intValue(fill.from(), f);
      int to = fill.from() == null ? elements.length : intValue(fill.to(), f);
      java.util.Arrays.fill(elements, from, to, num(fill.v(), f));
    } else if (s instanceof ExprStmt e) {
      eval(e.e(), f);
    } else if (s instanceof IntDecl d) {
      f.ints.put(d.name(), intValue(d.init(), f));
    } else if (s instanceof ConstList l) {
      // CONSTANT_LIST: held as an array of constants, read by ListGet
      f.values.put(l.name(), new ArrV(l.values().stream().map(this::constant).toArray(D[]::new)));
    } else if (s instanceof Text t) {
      eval(t.e(), f); // for its effects: the text itself goes nowhere
    } else if (s instanceof Guard g) {
      if (test(g.cond(), f)) {
        wellBehaved = false; // Java throws here; past 1e30 the point was unusable anyway (checkRange)
      }
    } else if (s instanceof IndexBuffer b) {
      String element = b.name() + "[0]"; // an int, by the name of its element
      f.ints.put(element, b.declare() ? b.value() : (f.ints.get(element) + b.value()) % 4);
    } else if (s instanceof MatWrite w) {
      // as for an element of an array: the row and the old element first, then the right-hand side
      D[] elements = row(w.matrix(), w.i(), f).elements();
      int j = index(w.j(), f) % elements.length;
      D old = elements[j];
      D e = num(w.e(), f);
      elements[j] = w.op().equals("=") ? e : compound(w.op(), old, e);
    } else if (s instanceof MatLoop l) {
      ArrV[] rows = f.matrix(l.matrix()).rows();
      for (int i = 0; i < rows.length; i++) {
        f.ints.put(l.i(), i);
        for (int j = 0; j < rows[i].elements().length; j++) {
          f.ints.put(l.j(), j);
          block(l.body(), f);
        }
      }
    } else if (s instanceof AssignLoop l) {
      f.ints.put(l.counter(), 0);
      while (true) {
        D v = num(l.step(), f);
        f.values.put(l.target(), v);
        boolean go = v.v > num(l.limit(), f).v;
        trace.add(go);
        int k = f.ints.get(l.counter());
        if (go) {
          f.ints.put(l.counter(), k + 1); // k++ < bound runs only when the left operand of && is true
        }
        if (!go || k >= l.bound()) {
          break;
        }
        Signal signal = loopBody(l.body(), l.label(), f);
        if (signal == Signal.EXIT) {
          break;
        }
        if (signal != Signal.NORMAL) {
          return signal;
        }
      }
    } else {
      throw new IllegalArgumentException(s.toString());
    }
    return Signal.NORMAL;
  }

  /**
   * Runs one trip of a loop labeled {@code label}: NORMAL to go on (also after a continue of this
   * loop), EXIT to leave it, or a signal for an enclosing loop or the method.
   */
  private Signal loopBody(List<Stmt> body, String label, Frame f) {
    Signal signal = block(body, f);
    if ((signal == Signal.BREAK || signal == Signal.CONTINUE) && (jump == null || jump.equals(label))) {
      jump = null;
      return signal == Signal.BREAK ? Signal.EXIT : Signal.NORMAL;
    }
    return signal;
  }

  /** {@code name op e}: a compound assignment reads the old value before it evaluates e, as Java does. */
  private D assign(String name, String op, Expr e, Frame f) {
    if (op.equals("=")) {
      Object value = eval(e, f);
      f.values.put(name, value);
      return value instanceof D d ? d : null;
    }
    D old = f.num(name);
    D value = compound(op, old, num(e, f));
    f.values.put(name, value);
    return value;
  }

  /** The index of the case a switch runs: the one naming the selector's value, else default; -1 for none. */
  private int matchingCase(Selector s, List<Case> cases, Frame f) {
    int k = intValue(s.value(), f);
    int label = s.wrap() == null ? k : Math.floorMod(k, s.wrap().equals("mode") ? 3 : 4);
    trace.add(List.of("switch", label));
    int fallback = -1;
    for (int c = 0; c < cases.size(); c++) {
      if (cases.get(c).labels().contains(label)) {
        return c;
      }
      if (cases.get(c).labels().isEmpty()) {
        fallback = c;
      }
    }
    return fallback;
  }

  /** {@code matrix[i % matrix.length]}. */
  private static ArrV row(String matrix, String i, Frame f) {
    ArrV[] rows = f.matrix(matrix).rows();
    return rows[index(i, f) % rows.length];
  }

  private int intValue(IntE e, Frame f) {
    if (e instanceof ILit l) {
      return l.value();
    } else if (e instanceof IVar v) {
      return f.ints.get(v.name());
    } else if (e instanceof ILen l) {
      return f.array(l.array()).elements().length;
    } else if (e instanceof IBin b) {
      int x = intValue(b.a(), f);
      int y = intValue(b.b(), f);
      return switch (b.op()) {
        case '+' -> x + y;
        case '-' -> x - y;
        case '%' -> x % y;
        default -> Math.min(x, y);
      };
    }
    int floor = (int) Math.floor(num(((IFloor) e).e(), f).v);
    trace.add(floor);
    return floor;
  }

  private static int bound(String bound, Frame f) {
    if (bound.endsWith(".length")) {
      return f.array(bound.substring(0, bound.length() - ".length".length())).elements().length;
    }
    return index(bound, f);
  }

  private static int index(String name, Frame f) {
    return Character.isDigit(name.charAt(0)) ? Integer.parseInt(name) : f.ints.get(name);
  }

  private D compound(String op, D old, D e) {
    return switch (op) {
      case "+=" -> arith('+', old, e);
      case "-=" -> arith('-', old, e);
      case "*=" -> arith('*', old, e);
      case "/=" -> arith('/', old, e);
      case "%=" -> arith('%', old, e);
      default -> throw new IllegalArgumentException(op);
    };
  }

  private boolean test(Cmp c, Frame f) {
    double a = ((D) eval(c.a(), f)).v;
    double b = ((D) eval(c.b(), f)).v;
    boolean out = switch (c.op()) {
      case "<" -> a < b;
      case "<=" -> a <= b;
      case ">" -> a > b;
      case ">=" -> a >= b;
      case "!=" -> a != b;
      default -> throw new IllegalArgumentException(c.op());
    };
    trace.add(out);
    return out;
  }

  private D num(Expr e, Frame f) {
    return (D) eval(e, f);
  }

  private Object eval(Expr e, Frame f) {
    if (e instanceof Num n) {
      return constant(round(n.value()));
    } else if (e instanceof Var v) {
      return f.values.get(v.name());
    } else if (e instanceof IntVar i) {
      return constant(round(f.ints.get(i.name())));
    } else if (e instanceof Neg n) {
      D a = num(n.e(), f);
      return make(-a.v, -1, a);
    } else if (e instanceof Bin b) {
      D a = num(b.a(), f);
      return arith(b.op(), a, num(b.b(), f));
    } else if (e instanceof Fn fn) {
      List<D> args = new ArrayList<>();
      for (Expr a : fn.args()) {
        args.add(num(a, f));
      }
      return function(fn.name(), args);
    } else if (e instanceof Cond c) {
      return test(c.cmp(), f) ? eval(c.then(), f) : eval(c.otherwise(), f);
    } else if (e instanceof Call c) {
      List<Object> args = new ArrayList<>();
      for (Expr a : c.args()) {
        args.add(eval(a, f));
      }
      int n = c.intArg() == null ? 0 : index(c.intArg(), f);
      return call(c.target(), args, n);
    } else if (e instanceof Stop s) {
      stopped = true;
      return constant(num(s.e(), f).v);
    } else if (e instanceof NewPair p) {
      D a = num(p.a(), f);
      return new PairV(a, num(p.b(), f));
    } else if (e instanceof NewSeg g) {
      PairV p = (PairV) eval(g.p(), f);
      return new SegV(p, num(g.w(), f), g.k());
    } else if (e instanceof NewSamples g) {
      ArrV xs = (ArrV) eval(g.xs(), f);
      return new SamplesV(xs, num(g.w(), f));
    } else if (e instanceof First a) {
      return ((ArrV) eval(a.array(), f)).elements()[0];
    } else if (e instanceof IntArg a) {
      return constant(round(index(a.name(), f)));
    } else if (e instanceof SegGet g) {
      Object value = eval(g.seg(), f);
      if (value instanceof SamplesV record) {
        return g.accessor().equals("xs") ? record.xs() : record.w();
      }
      SegV seg = (SegV) value;
      return switch (g.accessor()) {
        case "p" -> seg.p();
        case "w" -> seg.w();
        default -> constant(round(seg.k()));
      };
    } else if (e instanceof Get g) {
      PairV p = (PairV) eval(g.pair(), f);
      return g.component() == 0 ? p.a() : p.b();
    } else if (e instanceof ArrRead a) {
      D[] elements = f.array(a.array()).elements();
      return elements[index(a.index(), f) % elements.length];
    } else if (e instanceof ListGet g) {
      D[] elements = f.array(g.list()).elements();
      return elements[index(g.index(), f) % elements.length];
    } else if (e instanceof Len l) {
      return constant(f.array(l.array()).elements().length);
    } else if (e instanceof CloneArr c) {
      return new ArrV(((ArrV) eval(c.array(), f)).elements().clone());
    } else if (e instanceof CopyOf c) {
      return copy(f.array(c.array()).elements(), 0, intValue(c.length(), f));
    } else if (e instanceof CopyOfRange c) {
      int from = intValue(c.from(), f);
      return copy(f.array(c.array()).elements(), from, intValue(c.to(), f));
    } else if (e instanceof SwitchExpr sw) {
      int c = matchingCase(sw.selector(), sw.cases(), f);
      if (block(sw.cases().get(c).body(), f) != Signal.YIELD) {
        throw new IllegalStateException("no yield in " + sw);
      }
      return f.yielded;
    } else if (e instanceof AssignExpr a) {
      return assign(a.name(), a.op(), a.e(), f);
    } else if (e instanceof Inc inc) {
      D[] elements = inc.index() == null ? null : f.array(inc.name()).elements();
      int i = elements == null ? 0 : index(inc.index(), f) % elements.length;
      D old = elements == null ? f.num(inc.name()) : elements[i];
      D updated = make(old.v + (inc.up() ? 1 : -1), 1, old);
      if (elements == null) {
        f.values.put(inc.name(), updated);
      } else {
        elements[i] = updated;
      }
      return inc.prefix() ? updated : old;
    } else if (e instanceof ArrReadInc a) {
      D[] elements = f.array(a.array()).elements();
      int j = f.ints.get(a.counter());
      f.ints.put(a.counter(), j + 1);
      return elements[j % elements.length];
    } else if (e instanceof NewMat a) {
      ArrV[] rows = new ArrV[a.rows()];
      for (int i = 0; i < rows.length; i++) {
        if (a.literal() != null) {
          rows[i] = (ArrV) eval(a.literal().get(i), f);
        } else {
          rows[i] = new ArrV(new D[a.cols()]);
          java.util.Arrays.fill(rows[i].elements(), constant(0));
        }
      }
      return new MatV(rows);
    } else if (e instanceof MatRead a) {
      D[] elements = row(a.matrix(), a.i(), f).elements();
      return elements[index(a.j(), f) % elements.length];
    } else if (e instanceof Row a) {
      return row(a.matrix(), a.i(), f);
    } else if (e instanceof RowLen a) {
      return constant(row(a.matrix(), a.i(), f).elements().length);
    } else if (e instanceof NewArr a) {
      D[] elements = new D[a.elements().size()];
      for (int i = 0; i < elements.length; i++) {
        elements[i] = num(a.elements().get(i), f);
      }
      return new ArrV(elements);
    } else if (e instanceof ToFloat t) {
      // like JAX's convert_element_type, the derivative code may round tangents to float too
      narrowed = true;
      D a = num(t.e(), f);
      return make((float) a.v, 1, a);
    } else if (e instanceof Apply a) {
      D arg = num(a.arg(), f);
      return ((FunctionV) f.values.get(a.function())).apply(arg);
    } else if (e instanceof Lambda l) {
      // what the body reads is effectively final: its values now are its values when applied
      Map<String, Object> values = new HashMap<>(f.values);
      Map<String, Integer> ints = new HashMap<>(f.ints);
      return (FunctionV) x -> {
        Frame inner = new Frame();
        inner.values.putAll(values);
        inner.ints.putAll(ints);
        inner.values.put(l.param(), x);
        return num(l.body(), inner);
      };
    } else if (e instanceof MethodRef ref) {
      if (ref.target() == null) {
        return (FunctionV) x -> function(ref.name(), List.of(x));
      }
      return (FunctionV) x -> (D) call(ref.target(), List.of(x), 0);
    } else if (e instanceof Rule rule) {
      List<Object> args = new ArrayList<>();
      for (Expr a : rule.args()) {
        args.add(eval(a, f));
      }
      return rule(rule.name(), args);
    }
    throw new IllegalArgumentException(e.toString());
  }

  /** {@code Arrays.copyOfRange(elements, from, to)}: zeros (constants) past the end. */
  private ArrV copy(D[] elements, int from, int to) {
    D[] out = new D[to - from];
    for (int i = 0; i < out.length; i++) {
      out[i] = from + i < elements.length ? elements[from + i] : constant(0);
    }
    return new ArrV(out);
  }

  /** The methods of {@code Rules}: their bodies, and the derivatives their rules give. */
  private Object rule(String name, List<Object> args) {
    if (name.equals("weigh") || name.equals("spread")) {
      return arrayRule(name, ((ArrV) args.get(0)).elements(), args);
    }
    D x = (D) args.get(0);
    double a = x.v;
    return switch (name) {
      case "smooth" -> make(a * Math.tanh(a), Math.tanh(a) + a / (Math.cosh(a) * Math.cosh(a)), x);
      case "mix" -> {
        D y = (D) args.get(1);
        yield make(a * Math.sin(y.v), Math.sin(y.v), x, a * Math.cos(y.v), y);
      }
      case "cube" -> make(a * a * a, 3 * a * a, x);
      case "skew" -> {
        // x y, whose rule gives sin(y) dx + x dy
        notGradient = true;
        D y = (D) args.get(1);
        yield make(a * y.v, Math.sin(y.v), x, a, y);
      }
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** {@code weigh(x)}: the sum of (i + 1) x[i]^2; {@code spread(x, s)}: the array x[i] s + i. */
  private Object arrayRule(String name, D[] x, List<Object> args) {
    if (name.equals("weigh")) {
      double s = 0;
      Object[] terms = new Object[2 * x.length];
      for (int i = 0; i < x.length; i++) {
        s += (i + 1) * x[i].v * x[i].v;
        terms[2 * i] = 2 * (i + 1) * x[i].v;
        terms[2 * i + 1] = x[i];
      }
      return make(s, terms);
    }
    D s = (D) args.get(1);
    D[] out = new D[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = make(x[i].v * s.v + i, s.v, x[i], x[i].v, s);
    }
    return new ArrV(out);
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
      case "tanh": {
        // JAX's 1 - tanh^2: where tanh rounds to 1 it is what JAX computes, not the exact sech^2 (1e-8 at 9.5)
        double t = Math.tanh(a);
        return make(t, 1 - t * t, x);
      }
      case "exp": return make(Math.exp(a), Math.exp(a), x);
      case "expm1": return make(Math.expm1(a), Math.exp(a), x);
      case "log": {
        // log(0) = -inf: ONE_BRANCH_SINGULAR's singular value (used only where it exceeds -1)
        logOfZero = a == 0;
        D out = make(Math.log(a), 1 / a, x);
        logOfZero = false;
        return out;
      }
      case "log1p": return make(Math.log1p(a), 1 / (1 + a), x);
      case "log10": return make(Math.log10(a), 1 / (a * Math.log(10)), x);
      case "sqrt": return make(Math.sqrt(a), 0.5 / Math.sqrt(a), x);
      case "cbrt": return make(Math.cbrt(a), 1 / (3 * Math.cbrt(a) * Math.cbrt(a)), x);
      case "toDegrees": return make(Math.toDegrees(a), 180 / Math.PI, x);
      case "toRadians": return make(Math.toRadians(a), Math.PI / 180, x);
      case "abs":
        trace.add(a < 0);
        // JAX: 1 at 0 (and at -0.0)
        return make(Math.abs(a), a >= 0 ? 1 : -1, x);
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
        // JAX's rules: 0 for the base when the exponent is 0, log(1) for the exponent at base 0
        double da = b == 0 ? 0 : b * Math.pow(a, b - 1);
        double db = Math.log(a == 0 ? 1 : a) * v;
        // there the first rule is not a gradient: d/db of da is 0, d/da of db is 1/a (as in JAX)
        notGradient |= b == 0 || a == 0;
        // a pole (0 to a negative power): the function has no derivative there to compare against
        wellBehaved &= !Double.isInfinite(v) || Double.isInfinite(a) || Double.isInfinite(b);
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

  private double round(double v) {
    return floats ? (double) (float) v : v;
  }

  private D constant(double v) {
    return new D(v, new double[inputs], new double[inputs], false);
  }

  /**
   * A result {@code v} with tangent {@code sum c_k dx_k} over the (coefficient, operand) pairs. A value that is NaN,
   * or infinite other than log(0) (an overflow, the log of a negative number), is out of the programs' range: the
   * point is not used. (A known limit, README "Not there yet": reverse mode can give a NaN gradient through such a
   * value that the result does not use, where forward mode and JAX do not, when a computed zero crosses a call for a
   * record component or through a custom rule; scalar arguments and unused values of writing callees are fixed.)
   */
  private D make(double v, Object... pairs) {
    v = round(v);
    if (Double.isNaN(v) || (Double.isInfinite(v) && !logOfZero)) {
      wellBehaved = false;
    }
    double[] d = new double[inputs];
    double[] a = new double[inputs];
    boolean live = false;
    for (int k = 0; k < pairs.length; k += 2) {
      double c = ((Number) pairs[k]).doubleValue();
      D x = (D) pairs[k + 1];
      if (!x.live) {
        continue; // a structural zero: no term, even for an infinite coefficient
      }
      live = true;
      for (int i = 0; i < inputs; i++) {
        d[i] += c * x.d[i];
        a[i] += Math.abs(c) * x.a[i];
      }
    }
    checkRange(v, d, a, false);
    return new D(v, d, a, live);
  }

  /**
   * Flags values and derivatives the checks cannot use: finite but huge anywhere, or infinite or
   * NaN in a {@code result}; an infinite or NaN one on the way only marks the run singular.
   */
  private void checkRange(double v, double[] d, double[] a, boolean result) {
    boolean finite = Double.isFinite(v);
    boolean huge = Math.abs(v) > 1e6;
    for (int i = 0; i < inputs; i++) {
      finite &= Double.isFinite(d[i]) && Double.isFinite(a[i]);
      huge |= Math.abs(a[i]) > 1e8;
    }
    if ((finite && huge) || (!finite && result)) {
      wellBehaved = false;
    }
    singular |= !finite;
  }
}
