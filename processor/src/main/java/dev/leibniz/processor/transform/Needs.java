package dev.leibniz.processor.transform;

import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Exprs;
import dev.leibniz.processor.ir.MathFn;
import dev.leibniz.processor.ir.Ops;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The primal values one statement's cotangent code reads, and how the backward sweep gets each:
 * the variable itself, a copy taken in the forward sweep, or a value popped from the tape.
 *
 * <p>Owns how the backward sweep gets primal values (copies, pushes and pops, values computed
 * again, accumulators of {@code Math.max}); {@link Reverse} asks one {@code Needs} per statement.
 */
final class Needs {
  private final Reverse reverse;
  private final Stmt at;
  private final Map<Var, Expr> before = new LinkedHashMap<>();
  private final Map<Var, Expr> after = new LinkedHashMap<>();
  private final List<Stmt> fwdBefore = new ArrayList<>();
  private final List<Stmt> fwdAfter = new ArrayList<>();
  private final List<Stmt> popsBefore = new ArrayList<>();
  private final List<Stmt> popsAfter = new ArrayList<>();

  /** The statement as the forward sweep runs it, when not as written. */
  private Stmt forward;

  Needs(Reverse reverse, Stmt at) {
    this.reverse = reverse;
    this.at = at;
  }

  /** {@code s}, this statement, as the forward sweep runs it. */
  Stmt forward(Stmt s) {
    return forward != null ? forward : s;
  }

  /** {@code e} rewritten to read, in the backward sweep, the values it had at this statement. */
  Expr access(Expr e, Var result) {
    e = readsKept(e, result);
    Map<Var, Expr> map = new HashMap<>();
    for (Var v : Exprs.vars(e)) {
      if (isBackwardLocal(v)) {
        continue;
      }
      map.put(v, v == result ? after(v) : beforeVar(v));
    }
    return Exprs.substitute(e, map);
  }

  Expr before(Expr e) {
    e = readsKept(e, null);
    Map<Var, Expr> map = new HashMap<>();
    for (Var v : Exprs.vars(e)) {
      map.put(v, beforeVar(v));
    }
    return Exprs.substitute(e, map);
  }

  /**
   * {@code e} with each read of an element a later statement may write ({@code p[0]} in
   * {@code x[p[0]]}, {@code p} an index buffer written after) replaced by its value here, kept for
   * the backward sweep: the array variable's copy would hold its final contents. A {@code ?:},
   * {@code &&} or {@code ||} around such a read is kept whole, so that the read runs only where
   * it does in the forward sweep.
   */
  private Expr readsKept(Expr e, Var result) {
    return Exprs.rebuild(e, x -> {
      boolean whole = x instanceof Expr.ArrayRead || x instanceof Expr.Conditional
          || x instanceof Expr.Binary b && (b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.OR);
      return whole && readsChanging(x) && forwardValue(x, result) ? keptRead(x) : null;
    });
  }

  private boolean readsChanging(Expr e) {
    return Exprs.any(e, x -> x instanceof Expr.ArrayRead r && reverse.elementsChangeAfter(r.type(), at));
  }

  /** Whether the forward sweep can compute {@code e} before this statement: it reads no value of the backward sweep, nor the result. */
  private boolean forwardValue(Expr e, Var result) {
    return Exprs.vars(e).stream().noneMatch(v -> v == result || isBackwardLocal(v));
  }

  private final Map<Expr, Var> kept = new HashMap<>();

  /**
   * {@code e}'s value before this statement, copied by the forward sweep (pushed in a loop); the
   * copy an earlier statement of this block made, when {@code e} cannot have changed since.
   */
  private Var keptRead(Expr e) {
    Var known = kept.get(e);
    if (known != null) {
      return known;
    }
    Saved earlier = keptEarlier(e);
    Var copy;
    if (earlier != null && (earlier.push() == null || moveHere(earlier))) {
      copy = earlier.popped();
    } else {
      copy = reverse.namer.fresh(readName(e), e.type());
      Stmt push = null;
      Stmt pop = null;
      if (reverse.inLoop()) {
        push = new Stmt.Push(reverse.tape(), e, SourceRef.NONE);
        pop = new Stmt.Declare(copy, new Expr.Pop(reverse.tape(), e.type()), SourceRef.NONE);
        fwdBefore.add(push);
        popsBefore.add(0, pop);
      } else {
        fwdBefore.add(new Stmt.Declare(copy, e, SourceRef.NONE));
      }
      earlier = new Saved(swept() ? reverse.sweeping.current : -1, false, push, pop, copy);
    }
    if (swept()) {
      reverse.sweeping.keptReads.put(e, new Saved(reverse.sweeping.current, false, earlier.push(), earlier.pop(), copy));
    }
    kept.put(e, copy);
    return copy;
  }

  /** The copy of {@code e} an earlier statement of this block made, when nothing {@code e} reads was written since; or null. */
  private Saved keptEarlier(Expr e) {
    Saved saved = swept() ? reverse.sweeping.keptReads.get(e) : null;
    if (saved == null || saved.index() >= reverse.sweeping.current) {
      return null;
    }
    int from = reverse.position.get(reverse.sweeping.stmts.get(saved.index())) - 1;
    int to = reverse.position.get(at);
    for (Var v : Exprs.vars(e)) {
      if (assignedBetween(v, from, to)) {
        return null;
      }
    }
    boolean written = Exprs.any(e, x -> x instanceof Expr.ArrayRead r && reverse.elementsWrittenBetween(r.type(), from, to));
    return written ? null : saved;
  }

  /** {@code pRead} for {@code p[i]}, {@code m[i][j]}; {@code read} otherwise. */
  private static String readName(Expr e) {
    Expr array = Exprs.arrayBase(e);
    return array instanceof Var v && array != e ? v.name() + "Read" : "read";
  }

  /** The value {@code v} has before this statement, kept whether or not a later statement overwrites it. */
  Expr saved(Var v) {
    return beforeVar(v, true);
  }

  private Expr beforeVar(Var v) {
    return beforeVar(v, false);
  }

  private Expr beforeVar(Var v, boolean keep) {
    Expr known = before.get(v);
    if (known != null) {
      return known;
    }
    Expr access;
    Expr recomputed;
    if (!keep && finalBefore(v)) {
      access = v;
    } else if (!keep && reverse.inLoop() && (recomputed = reverse.recompute(v, 0)) != null) {
      access = recomputed;
    } else if (!reverse.inLoop()) {
      Var copy = reverse.namer.fresh(v.name() + "Saved", v.type());
      fwdBefore.add(new Stmt.Declare(copy, v, SourceRef.NONE));
      access = copy;
    } else if (!keep && (recomputed = restored(v)) != null) {
      access = recomputed;
    } else if (!keep && (recomputed = reuse(v)) != null) {
      access = recomputed;
    } else if (!keep && recomputable(v)) {
      access = fromDefinition(v);
    } else {
      Stmt push = new Stmt.Push(reverse.tape(), v, SourceRef.NONE);
      fwdBefore.add(push);
      Var popped = reverse.namer.fresh(v.name() + "Saved", v.type());
      Stmt pop = new Stmt.Declare(popped, new Expr.Pop(reverse.tape(), v.type()), SourceRef.NONE);
      popsBefore.add(0, pop);
      if (!keep) {
        remember(v, false, push, pop, popped);
      }
      access = popped;
    }
    before.put(v, access);
    return access;
  }

  /** Whether {@code v} keeps the value it has before this statement: neither it nor a later one assigns it. */
  private boolean finalBefore(Var v) {
    return !reverse.overwrittenAfter(v, at) && reverse.defs.getOrDefault(v, List.of()).stream().noneMatch(d -> d == at);
  }

  /** Whether this statement is the one of the block being swept (not one made for it). */
  private boolean swept() {
    return reverse.sweeping != null && reverse.sweeping.stmts.get(reverse.sweeping.current) == at;
  }

  private void remember(Var v, boolean afterAt, Stmt push, Stmt pop, Var popped) {
    if (swept() && v.type() instanceof Type.Prim) {
      reverse.sweeping.saved.put(v, new Saved(reverse.sweeping.current, afterAt, push, pop, popped));
    }
  }

  /** A value of {@code v} pushed for an earlier statement of this block that {@code v} still has here; or null. */
  private Saved savedEarlier(Var v) {
    Saved saved = swept() ? reverse.sweeping.saved.get(v) : null;
    if (saved == null || saved.index() >= reverse.sweeping.current) {
      return null;
    }
    int from = reverse.position.get(reverse.sweeping.stmts.get(saved.index())) - (saved.after() ? 0 : 1);
    return assignedBetween(v, from, reverse.position.get(at)) ? null : saved;
  }

  /**
   * {@code v}'s value before this statement when it is {@code t = Math.max(v, e)} (or {@code min},
   * either order), the next one {@code v = t}, and nothing else assigns {@code v} after its
   * declaration outside loops: an accumulation. Where {@code v > e} ({@code <} for min) the
   * maximum is {@code v} itself, bit for bit, so the backward sweep, which keeps {@code v}'s value
   * going backwards in {@code vNow}, has it; only otherwise (the maximum changes, a tie, NaN) is
   * {@code v} pushed. The maximum of 10^6 random values so pushes a few values, not 10^6. Needs
   * {@code e}'s value here without a pop; or null.
   */
  private Expr restored(Var v) {
    Expr e = accumulatedWith(v);
    Expr other = e == null || e instanceof Const || finalBefore((Var) e) ? e : reverse.recompute((Var) e, 0);
    if (other == null) {
      return null;
    }
    Expr.BinaryOp kept = ((Expr.MathCall) ((Stmt.Declare) at).init()).fn() == MathFn.MAX
        ? Expr.BinaryOp.GT : Expr.BinaryOp.LT;
    Var now = reverse.accumulators.computeIfAbsent(v, x -> reverse.namer.fresh(x.name() + "Now", x.type()));
    fwdBefore.add(new Stmt.If(new Expr.Unary(Expr.UnaryOp.NOT, Ops.compare(kept, v, e), Type.Prim.BOOLEAN),
        Block.of(new Stmt.Push(reverse.tape(), v, SourceRef.NONE)), Block.EMPTY, SourceRef.NONE));
    // the forward sweep tests it already: where v is kept, no Math.max is computed (its latency
    // would chain the iterations)
    Stmt.Declare d = (Stmt.Declare) at;
    forward = new Stmt.Declare(d.var(), new Expr.Conditional(Ops.compare(kept, v, e), v, d.init(), v.type()),
        d.source());
    Var popped = reverse.namer.fresh(v.name() + "Saved", v.type());
    popsBefore.add(0, new Stmt.Assign(now, popped, SourceRef.NONE));
    popsBefore.add(0, new Stmt.Declare(popped, new Expr.Conditional(Ops.compare(kept, now, other), now,
        new Expr.Pop(reverse.tape(), v.type()), v.type()), SourceRef.NONE));
    return popped;
  }

  /** The operand {@code e} when this statement accumulates into {@code v} as {@link #restored} says; or null. */
  private Expr accumulatedWith(Var v) {
    if (!swept() || !(at instanceof Stmt.Declare d) || !(d.init() instanceof Expr.MathCall m)
        || m.fn() != MathFn.MAX && m.fn() != MathFn.MIN || !v.type().isFloating()) {
      return null;
    }
    int next = reverse.sweeping.current + 1;
    if (next >= reverse.sweeping.stmts.size() || !(reverse.sweeping.stmts.get(next) instanceof Stmt.Assign u)
        || u.target() != v || u.value() != d.var()) {
      return null;
    }
    List<Stmt> assigned = reverse.defs.get(v);
    boolean onlyHere = reverse.params.contains(v) ? assigned.size() == 1
        : assigned.size() == 2 && assigned.get(0) instanceof Stmt.Declare first && first.init() != null
            && reverse.declLoopDepth.get(v) == 0;
    Expr a = m.args().get(0);
    Expr b = m.args().get(1);
    Expr e = a == v ? b : a;
    return onlyHere && (a == v) != (b == v) && (e instanceof Const || e instanceof Var) ? e : null;
  }

  /**
   * The value of {@code v} pushed for an earlier statement of this block, when {@code v} has not
   * been assigned since: so that it is pushed once, its push moves here and its pop to this
   * statement's backward sweep, which runs before the earlier one's; or null.
   */
  private Expr reuse(Var v) {
    Saved saved = savedEarlier(v);
    if (saved == null || !moveHere(saved)) {
      return null;
    }
    remember(v, false, saved.push(), saved.pop(), saved.popped());
    return saved.popped();
  }

  /** Moves the push of {@code saved} here, its pop to this statement's backward sweep; whether it could. */
  private boolean moveHere(Saved saved) {
    List<Stmt> earlier = reverse.sweeping.mirrors.get(saved.index());
    int push = indexOfSame(reverse.sweeping.fwd, saved.push());
    int pop = indexOfSame(earlier, saved.pop());
    if (push < 0 || pop < 0) {
      return false;
    }
    reverse.sweeping.fwd.remove(push);
    earlier.remove(pop);
    fwdBefore.add(saved.push());
    popsBefore.add(0, saved.pop());
    return true;
  }

  /** How deep {@link #recomputable} looks through definitions. */
  private int depth;

  /**
   * Whether {@code v}'s value here can be computed again from its one definition, a cheap
   * expression earlier in this block whose operands have not changed since and need no push of
   * their own: the recurrence's {@code h * sin(x)} from the {@code x} kept for {@code cos(x)}.
   */
  private boolean recomputable(Var v) {
    Stmt.Declare d = definitionHere(v);
    if (d == null || depth >= 4) {
      return false;
    }
    depth++;
    try {
      for (Var u : Exprs.vars(d.init())) {
        if (!before.containsKey(u) && !finalBefore(u) && reverse.recompute(u, 0) == null && savedEarlier(u) == null
            && !recomputable(u)) {
          return false;
        }
      }
      return true;
    } finally {
      depth--;
    }
  }

  /**
   * {@code v}'s definition read again with the operands' values here, as {@link #recomputable}
   * allows. A {@code Math} function is computed once per block: into a local of the backward
   * sweep, declared by the last statement of the block that needs it (the first to run backwards).
   */
  private Expr fromDefinition(Var v) {
    Stmt.Declare d = definitionHere(v);
    Map<Var, Expr> map = new HashMap<>();
    for (Var u : Exprs.vars(d.init())) {
      map.put(u, beforeVar(u));
    }
    Expr value = Exprs.substitute(d.init(), map);
    if (!(value instanceof Expr.MathCall)) {
      return value;
    }
    Saved earlier = reverse.sweeping.recomputed.get(v);
    List<Stmt> earlierMirror = earlier == null ? List.of() : reverse.sweeping.mirrors.get(earlier.index());
    int declared = earlier == null ? -1 : indexOfSame(earlierMirror, earlier.pop());
    Stmt.Declare local;
    if (declared >= 0 && ((Stmt.Declare) earlier.pop()).init().equals(value)) {
      local = (Stmt.Declare) earlierMirror.remove(declared); // the same value: declared here instead
    } else {
      local = new Stmt.Declare(reverse.namer.fresh(v.name() + "Again", v.type()), value, SourceRef.NONE);
    }
    popsBefore.add(local);
    reverse.sweeping.recomputed.put(v, new Saved(reverse.sweeping.current, false, null, local, local.var()));
    return local.var();
  }

  /** The one declaration of {@code v}, earlier in this block, when cheap and its operands not assigned since; or null. */
  private Stmt.Declare definitionHere(Var v) {
    List<Stmt> d = reverse.defs.get(v);
    if (!swept() || !(v.type() instanceof Type.Prim) || d == null || d.size() != 1
        || !(d.get(0) instanceof Stmt.Declare decl) || !cheap(decl.init())) {
      return null;
    }
    int index = indexOfSame(reverse.sweeping.stmts, decl);
    if (index < 0 || index >= reverse.sweeping.current) {
      return null;
    }
    for (Var u : Exprs.vars(decl.init())) {
      if (assignedBetween(u, reverse.position.get(decl), reverse.position.get(at))) {
        return null;
      }
    }
    return decl;
  }

  private Expr after(Var v) {
    Expr known = after.get(v);
    if (known != null) {
      return known;
    }
    Expr access;
    if (!reverse.overwrittenAfter(v, at) && !reverse.inLoop()) {
      access = v;
    } else if (!reverse.inLoop()) {
      Var copy = reverse.namer.fresh(v.name() + "Saved", v.type());
      fwdAfter.add(new Stmt.Declare(copy, v, SourceRef.NONE));
      access = copy;
    } else {
      Stmt push = new Stmt.Push(reverse.tape(), v, SourceRef.NONE);
      fwdAfter.add(push);
      Var popped = reverse.namer.fresh(v.name() + "Saved", v.type());
      Stmt pop = new Stmt.Declare(popped, new Expr.Pop(reverse.tape(), v.type()), SourceRef.NONE);
      popsAfter.add(0, pop);
      remember(v, true, push, pop, popped);
      access = popped;
    }
    after.put(v, access);
    return access;
  }

  void emitBefore(List<Stmt> fwd) {
    fwd.addAll(fwdBefore);
    fwdBefore.clear();
  }

  void emitAfter(List<Stmt> fwd) {
    fwd.addAll(fwdAfter);
    fwdAfter.clear();
  }

  /** The pops, in the reverse of the pushes' order. */
  List<Stmt> pops() {
    List<Stmt> out = new ArrayList<>(popsAfter);
    out.addAll(popsBefore);
    return out;
  }

  static final class Sweeping {
    final List<Stmt> stmts;
    final List<Stmt> fwd;
    /** The backward sweep of each statement swept so far. */
    final List<List<Stmt>> mirrors;
    /** The statement being swept. */
    int current;
    /** The last value of each variable pushed for a statement of this block. */
    final Map<Var, Saved> saved = new HashMap<>();
    /** The last local each variable was computed again into ({@link Needs#fromDefinition}), its declaration as pop. */
    final Map<Var, Saved> recomputed = new HashMap<>();
    /** The last copy of each array element read kept for a statement of this block ({@link Needs#keptRead}). */
    final Map<Expr, Saved> keptReads = new HashMap<>();

    Sweeping(List<Stmt> stmts, List<Stmt> fwd, List<List<Stmt>> mirrors) {
      this.stmts = stmts;
      this.fwd = fwd;
      this.mirrors = mirrors;
    }
  }

  /**
   * A value pushed for statement {@code index} of the block being swept, before it or after it
   * ({@code after}), and popped into {@code popped} by that statement's backward sweep.
   */
  record Saved(int index, boolean after, Stmt push, Stmt pop, Var popped) {}

  /** Whether a statement with a position in {@code (from, to)} may assign {@code v}. */
  private boolean assignedBetween(Var v, int from, int to) {
    for (Stmt d : reverse.defs.getOrDefault(v, List.of())) {
      int at = reverse.position.get(d);
      if (from < at && at < to) {
        return true;
      }
    }
    return false;
  }

  /** An arithmetic operation, cast or {@code Math} function of variables and constants: cheap to compute again. */
  private static boolean cheap(Expr e) {
    List<Expr> operands = e instanceof Expr.Binary b && b.op().isArithmetic() ? List.of(b.left(), b.right())
        : e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG ? List.of(u.operand())
        : e instanceof Expr.Cast c && c.type() instanceof Type.Prim ? List.of(c.operand())
        : e instanceof Expr.MathCall m ? m.args() : null;
    return e.type() instanceof Type.Prim && operands != null
        && operands.stream().allMatch(x -> x instanceof Const || x instanceof Var v && v.type() instanceof Type.Prim);
  }

  private static int indexOfSame(List<Stmt> stmts, Stmt s) {
    for (int i = 0; i < stmts.size(); i++) {
      if (stmts.get(i) == s) {
        return i;
      }
    }
    return -1;
  }

  /** A variable of the backward sweep itself (a cotangent, a copy), not of the primal body. */
  private boolean isBackwardLocal(Var v) {
    return !reverse.defs.containsKey(v) && !reverse.declaredIn.containsKey(v);
  }
}
