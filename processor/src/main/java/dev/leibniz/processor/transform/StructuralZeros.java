package dev.leibniz.processor.transform;

import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Exprs;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.Ops;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps a cotangent that the executed path never set a <em>structural</em> zero in the backward
 * sweep: its contributions do not run, so {@code 0 * inf} cannot turn it into NaN. This is what JAX
 * does (a symbolic zero flows through no rule) and what forward mode gives, where a value used only
 * on a branch not taken has no effect.
 *
 * <p>A must-analysis over the sweep's structured control flow gives every cotangent one of three
 * states: zero (never set), set (set on every path) or maybe. A contribution read from zero
 * cotangents is dropped; one read from maybe cotangents runs under a flag ({@code rBarSet}) that
 * the sweep sets where the cotangent is set, so straight-line code and cotangents set on every path
 * get no flag. Array cotangents are tracked as a whole: their elements are dense, as JAX's are. A
 * matrix's cotangent and its rows' ({@code rBar = mBar[i]}) share elements: they are one cotangent here.
 *
 * <p>The cotangent of an array held by a reassigned variable ({@link ReassignedArrays}) belongs to
 * the array, and other variables may hold it too: its flag is on the tape ({@code tape.isSet(id)},
 * set by {@code tape.set(id)}), maybe set wherever the variable is pointed at an array's cotangent.
 */
final class StructuralZeros {
  private enum State {
    ZERO, SET, MAYBE;

    State join(State other) {
      return this == other ? this : MAYBE;
    }

    /** The state after adding a contribution of state {@code c}; also that of a value read from both. */
    State plus(State c) {
      if (this == SET || c == SET) {
        return SET;
      }
      return this == ZERO ? c : MAYBE;
    }
  }

  private static final Const TRUE = new Const(Type.Prim.BOOLEAN, true);
  private static final Const FALSE = new Const(Type.Prim.BOOLEAN, false);

  private final Set<Var> tracked;
  private final Namer namer;
  /** Pullback calls that take only cotangent arrays (of void callees), no value cotangent first. */
  private final Set<Expr> voidPullbacks;
  /** The cotangents that are maybe set somewhere, with their flags (known after the first pass). */
  private final Map<Var, Var> flags = new LinkedHashMap<>();
  /** Cotangents of numbered arrays, with the {@code tape.doubles(id)} they are read by. */
  private final Map<Var, Expr.Invoke> numbered;
  /** The cotangents of rows of matrices ({@code rBar = mBar[i]}), with the matrix's. */
  private final Map<Var, Var> rowOf = new HashMap<>();
  private final Set<Var> maybe = new LinkedHashSet<>();
  private boolean emit;

  private StructuralZeros(Set<Var> tracked, Map<Var, Expr.Invoke> numbered, Namer namer, Set<Expr> voidPullbacks) {
    this.tracked = tracked;
    this.numbered = numbered;
    this.namer = namer;
    this.voidPullbacks = voidPullbacks;
  }

  /**
   * A backward sweep with contributions of cotangents not set on the executed path skipped, and
   * whether each seed is set where it ends: {@code true}, or its flag.
   */
  record Swept(Block backward, Map<Var, Expr> seedsSet) {}

  /**
   * {@code backward} with contributions of cotangents not set on the executed path skipped;
   * {@code maybeSeeds} are cotangents given to the sweep that are set when their condition holds.
   */
  static Swept apply(Block backward, Namer namer, Map<Var, Expr> maybeSeeds, Set<Expr> voidPullbacks) {
    Set<Var> tracked = new LinkedHashSet<>(maybeSeeds.keySet());
    Map<Var, Expr.Invoke> numbered = numberedCotangents(backward);
    tracked.addAll(numbered.keySet()); // also a pullback's parameters pointed at an array's cotangent
    Stmts.walk(backward, s -> {
      if (s instanceof Stmt.Declare d && isCotangent(d, tracked)) {
        tracked.add(d.var());
      }
    });
    StructuralZeros z = new StructuralZeros(tracked, numbered, namer, voidPullbacks);
    Stmts.walk(backward, s -> {
      if (s instanceof Stmt.Declare d && d.init() instanceof Expr.ArrayRead r && r.array() instanceof Var m
          && tracked.contains(m) && m.type() instanceof Type.Array a && a.element() instanceof Type.Array) {
        z.rowOf.put(d.var(), z.rowOf.getOrDefault(m, m));
      }
    });
    tracked.addAll(z.rowOf.keySet());
    z.block(backward.stmts(), z.seeded(maybeSeeds)); // finds the cotangents that need a flag
    z.emit = true;
    List<Stmt> body;
    Map<Var, State> atEnd;
    do { // until every cotangent found maybe-set has its flag
      for (Var v : z.maybe) {
        if (!numbered.containsKey(v)) {
          z.flags.computeIfAbsent(v, x -> namer.fresh(x.name() + "Set", Type.Prim.BOOLEAN));
        }
      }
      atEnd = z.seeded(maybeSeeds);
      body = z.block(backward.stmts(), atEnd);
    } while (!z.maybe.stream().allMatch(v -> z.flag(v) != null));
    List<Stmt> out = new ArrayList<>();
    for (Map.Entry<Var, Expr> seed : maybeSeeds.entrySet()) {
      out.add(new Stmt.Declare(z.flags.get(seed.getKey()), seed.getValue(), SourceRef.NONE));
    }
    out.addAll(body);
    Map<Var, Expr> seedsSet = new LinkedHashMap<>();
    for (Var seed : maybeSeeds.keySet()) {
      seedsSet.put(seed, z.state(seed, atEnd) == State.SET ? TRUE : z.flag(seed));
    }
    return new Swept(new Block(out), seedsSet);
  }

  /**
   * Whether {@code d} declares a cotangent: one starting at zero, a copy of one or a callee's
   * gradient. Primal values the sweep restores from the tape or recomputes are not cotangents (a
   * product of a maybe-set cotangent and such a value is maybe set too); a row of a matrix's
   * cotangent is the matrix's ({@link #rowOf}).
   */
  private static boolean isCotangent(Stmt.Declare d, Set<Var> tracked) {
    if (!Linearize.carriesDerivative(d.var().type()) || d.init() instanceof Expr.ArrayRead) {
      return false;
    }
    return d.init() == null || isZero(d.init()) || isPullback(d.init())
        || Exprs.vars(d.init()).stream().anyMatch(tracked::contains);
  }

  /**
   * The variables pointed at numbered arrays' cotangents ({@code aBar = tape.doubles(aBarId)}),
   * each always by the same number variable and by nothing else.
   */
  private static Map<Var, Expr.Invoke> numberedCotangents(Block backward) {
    Map<Var, Expr.Invoke> reads = new HashMap<>();
    Set<Var> other = new LinkedHashSet<>();
    Stmts.walk(backward, s -> {
      Var target = s instanceof Stmt.Declare d ? d.var() : s instanceof Stmt.Assign a ? a.target() : null;
      Expr value = Stmts.assigned(s);
      Expr.Invoke read = ReassignedArrays.cotangentRead(value);
      if (target != null && (read == null || reads.containsKey(target) && !reads.get(target).equals(read))) {
        other.add(target);
      } else if (target != null) {
        reads.put(target, read);
      }
    });
    reads.keySet().removeAll(other);
    return reads;
  }

  /** Whether {@code v} may be set: its flag, a variable or the tape's; null where it has none yet. */
  private Expr flag(Var v) {
    Expr.Invoke read = numbered.get(v);
    return read != null ? ReassignedArrays.isSet(read) : flags.get(root(v));
  }

  /** The cotangent whose state {@code v}'s is: its matrix's for a row's, else its own. */
  private Var root(Var v) {
    return rowOf.getOrDefault(v, v);
  }

  private Map<Var, State> seeded(Map<Var, Expr> maybeSeeds) {
    Map<Var, State> states = new HashMap<>();
    for (Var v : maybeSeeds.keySet()) {
      setState(v, State.MAYBE, states);
    }
    return states;
  }


  private State state(Var v, Map<Var, State> states) {
    return states.getOrDefault(root(v), State.SET);
  }

  private void setState(Var v, State s, Map<Var, State> states) {
    states.put(root(v), s);
    if (s == State.MAYBE) {
      maybe.add(root(v));
    }
  }

  /** The state of a value read from {@code e}: set when it reads no cotangent. */
  private State stateOf(Expr e, Map<Var, State> states) {
    State out = null;
    for (Var v : Exprs.vars(e)) {
      if (tracked.contains(v)) {
        State s = state(v, states);
        out = out == null ? s : out.plus(s);
      }
    }
    return out == null ? State.SET : out;
  }

  private static boolean isPullback(Expr e) {
    return e instanceof Expr.Invoke call && call.callee() instanceof Callee.Method m && m.name().equals("pullback");
  }

  /**
   * The state of a callee's gradient: every argument of its pullback is a cotangent, so one not
   * tracked here (a cotangent array the caller gave, one followed through the tape) counts as set.
   */
  private State pullbackState(Expr.Invoke call, Map<Var, State> states) {
    State out = State.ZERO;
    for (Expr arg : call.args()) {
      out = out.plus(isZero(arg) ? State.ZERO : stateOf(arg, states));
    }
    return out;
  }

  /** A zero cotangent: {@code 0}, an array or a matrix of zeros, or {@code null} for a {@code null} array's. */
  private static boolean isZero(Expr e) {
    return e instanceof Const c && (c.value() instanceof Number n ? n.doubleValue() == 0 : c.value() == null)
        || e instanceof Expr.NewArray a && a.elements() == null
        || e instanceof Expr.Invoke call && call.callee() instanceof Callee.Method m && m.owner().equals(Known.SHAPES)
            && m.name().equals("zeros")
        || e instanceof Expr.Conditional c && isZero(c.then()) && isZero(c.otherwise());
  }

  private List<Stmt> block(List<Stmt> stmts, Map<Var, State> states) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      stmt(s, states, out);
    }
    return merged(out);
  }

  /** Consecutive contributions under the same flag, under one {@code if}. */
  private static List<Stmt> merged(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      if (!out.isEmpty() && out.get(out.size() - 1) instanceof Stmt.If prev && s instanceof Stmt.If next
          && prev.otherwise().isEmpty() && next.otherwise().isEmpty() && prev.cond().equals(next.cond())
          && !assigns(prev.then(), Exprs.vars(prev.cond()))) {
        List<Stmt> then = new ArrayList<>(prev.then().stmts());
        then.addAll(next.then().stmts());
        out.set(out.size() - 1, new Stmt.If(prev.cond(), new Block(then), Block.EMPTY, prev.source()));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private static boolean assigns(Block b, Set<Var> vars) {
    return Stmts.any(b, s -> Stmts.target(s) != null && vars.contains(Stmts.target(s)));
  }

  private void stmt(Stmt s, Map<Var, State> states, List<Stmt> out) {
    simpleStmt(emit ? withInPlaceCotangents(s, states) : s, states, out);
  }

  /**
   * A callee's pullback taking the cotangent arrays of what it wrote ({@code pullback(g, xBar...)})
   * updates them in place when they are set; one not set is passed as {@code null}, a structural
   * zero to the callee too, which then makes its own (the caller adds it).
   */
  private Stmt withInPlaceCotangents(Stmt s, Map<Var, State> states) {
    Expr value = s instanceof Stmt.Declare d ? d.init() : s instanceof Stmt.Eval e ? e.expr() : null;
    if (!(value instanceof Expr.Invoke call && isPullback(call))) {
      return s;
    }
    int seeds = voidPullbacks.contains(call) ? 0 : 1;
    if (call.args().size() <= seeds) {
      return s;
    }
    List<Expr> args = new ArrayList<>(call.args().subList(0, seeds));
    for (Expr arg : call.args().subList(seeds, call.args().size())) {
      State st = arg instanceof Var v && tracked.contains(v) ? state(v, states) : State.SET;
      args.add(switch (st) {
        case SET -> arg;
        case ZERO -> Const.zero(arg.type());
        case MAYBE -> flag((Var) arg) != null ? Ops.cond(flag((Var) arg), arg, Const.zero(arg.type())) : arg;
      });
    }
    Expr rewritten = new Expr.Invoke(call.callee(), call.receiver(), args, call.type(), call.source());
    return s instanceof Stmt.Declare d ? new Stmt.Declare(d.var(), rewritten, d.source())
        : new Stmt.Eval(rewritten, s.source());
  }

  private void simpleStmt(Stmt s, Map<Var, State> states, List<Stmt> out) {
    if (s instanceof Stmt.If i) {
      Map<Var, State> other = new HashMap<>(states);
      List<Stmt> then = block(i.then().stmts(), states);
      List<Stmt> otherwise = block(i.otherwise().stmts(), other);
      joinInto(states, other);
      out.add(new Stmt.If(i.cond(), new Block(then), new Block(otherwise), i.source()));
    } else if (s instanceof Stmt.Loop l) {
      loop(l, states, out);
    } else if (s instanceof Stmt.Declare d && rowOf.containsKey(d.var())) {
      out.add(s); // a row of a matrix's cotangent: the matrix's state
    } else if (s instanceof Stmt.Eval e && addedTo(e.expr()) != null) {
      contribute(addedTo(e.expr()), ((Expr.Invoke) e.expr()).args().get(1), s, states, out);
    } else if (Stmts.target(s) != null && numbered.containsKey(Stmts.target(s))) {
      setState(Stmts.target(s), State.MAYBE, states); // pointed at an array's cotangent, set or not
      out.add(s);
    } else if (s instanceof Stmt.Declare d && tracked.contains(d.var())) {
      State st = d.init() == null || isZero(d.init()) ? State.ZERO
          : isPullback(d.init()) ? pullbackState((Expr.Invoke) d.init(), states) : stateOf(d.init(), states);
      Expr flag = flagValue(st, d.init(), states);
      setState(d.var(), st, states);
      out.add(s);
      setFlag(d.var(), flag, out, true);
    } else if (s instanceof Stmt.Assign a && tracked.contains(a.target())) {
      Expr c = contribution(a.target(), a.value());
      if (c == null) {
        State st = isZero(a.value()) ? State.ZERO : stateOf(a.value(), states);
        Expr flag = flagValue(st, a.value(), states);
        setState(a.target(), st, states);
        out.add(s);
        setFlag(a.target(), flag, out, false);
      } else {
        contribute(a.target(), c, s, states, out);
      }
    } else if (s instanceof Stmt.ArrayWrite w && tracked.contains(w.array())
        && w.value() instanceof Expr.Binary b && b.op() == Expr.BinaryOp.ADD
        && b.left() instanceof Expr.ArrayRead r && r.array().equals(w.array()) && r.index().equals(w.index())) {
      contribute(w.array(), b.right(), s, states, out);
    } else {
      out.add(s);
    }
  }

  /** The matrix cotangent {@code Shapes.addTo(mBar, c)} adds {@code c} to, else null. */
  private Var addedTo(Expr e) {
    return e instanceof Expr.Invoke call && call.callee() instanceof Callee.Method m && m.owner().equals(Known.SHAPES)
        && m.name().equals("addTo") && call.args().get(0) instanceof Var bar && tracked.contains(bar) ? bar : null;
  }

  /** {@code c} when {@code value} is {@code target + c}, else null. */
  private static Expr contribution(Var target, Expr value) {
    if (value instanceof Expr.Binary b && b.op() == Expr.BinaryOp.ADD && b.left().equals(target)) {
      return b.right();
    }
    return null;
  }

  /** {@code s} adds {@code c} to the cotangent {@code v}. */
  private void contribute(Var v, Expr c, Stmt s, Map<Var, State> states, List<Stmt> out) {
    State cs = stateOf(c, states);
    boolean pops = Exprs.any(c, x -> x instanceof Expr.Pop);
    if (cs == State.ZERO && !pops) {
      return; // a structural zero: nothing to add
    }
    if (cs == State.MAYBE && !pops) {
      List<Stmt> guarded = new ArrayList<>();
      guarded.add(s);
      setFlag(v, TRUE, guarded, false);
      if (emit) {
        out.add(new Stmt.If(guard(c, states), new Block(guarded), Block.EMPTY, SourceRef.NONE));
      }
      setState(v, state(v, states).plus(State.MAYBE), states);
      return;
    }
    out.add(s);
    State before = state(v, states);
    setState(v, before.plus(cs == State.ZERO ? State.ZERO : State.SET), states);
    if (before != State.SET) {
      setFlag(v, TRUE, out, false);
    }
  }

  /** The flags of the maybe-set cotangents {@code c} reads, or-ed. */
  private Expr guard(Expr c, Map<Var, State> states) {
    Expr cond = null;
    for (Var v : Exprs.vars(c)) {
      Expr f = flag(v);
      if (tracked.contains(v) && state(v, states) == State.MAYBE && f != null) {
        cond = cond == null ? f : new Expr.Binary(Expr.BinaryOp.OR, cond, f, Type.Prim.BOOLEAN);
      }
    }
    return cond == null ? TRUE : cond; // a flag not made yet: the next pass has it
  }

  /** What a flag holds for a cotangent of state {@code st} read from {@code value}. */
  private Expr flagValue(State st, Expr value, Map<Var, State> states) {
    if (!emit) {
      return null;
    }
    return switch (st) {
      case ZERO -> FALSE;
      case SET -> TRUE;
      case MAYBE -> guard(value, states); // a copy: set when what it copies is
    };
  }

  /** Records a cotangent's new state in its flag, when it has one. */
  private void setFlag(Var v, Expr value, List<Stmt> out, boolean declare) {
    Expr.Invoke read = numbered.get(v);
    if (emit && read != null && value == TRUE) {
      out.add(ReassignedArrays.set(read)); // on the tape: every variable holding the array sees it
    }
    Var flag = flags.get(root(v));
    if (!emit || flag == null) {
      return;
    }
    out.add(declare ? new Stmt.Declare(flag, value, SourceRef.NONE) : new Stmt.Assign(flag, value, SourceRef.NONE));
  }


  private void joinInto(Map<Var, State> states, Map<Var, State> other) {
    Set<Var> vars = new LinkedHashSet<>(states.keySet());
    vars.addAll(other.keySet());
    for (Var v : vars) {
      setState(v, state(v, states).join(state(v, other)), states);
    }
  }

  /** A loop may run any number of times: its body is analysed from the join of all entries. */
  private void loop(Stmt.Loop l, Map<Var, State> states, List<Stmt> out) {
    List<Stmt> init = block(l.init().stmts(), states);
    boolean saved = emit;
    emit = false;
    Map<Var, State> head = new HashMap<>(states);
    while (true) {
      Map<Var, State> after = new HashMap<>(head);
      block(l.body().stmts(), after);
      block(l.update().stmts(), after);
      Map<Var, State> joined = new HashMap<>(head);
      joinInto(joined, after);
      if (joined.equals(head)) {
        break;
      }
      head = joined;
    }
    emit = saved;
    Map<Var, State> body = new HashMap<>(head);
    List<Stmt> bodyOut = block(l.body().stmts(), body);
    List<Stmt> updateOut = block(l.update().stmts(), body);
    states.clear();
    states.putAll(head);
    out.add(new Stmt.Loop(l.label(), new Block(init), l.cond(), new Block(bodyOut), new Block(updateOut),
        l.testAfter(), l.source()));
  }
}
