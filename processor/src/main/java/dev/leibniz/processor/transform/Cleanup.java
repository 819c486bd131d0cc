package dev.leibniz.processor.transform;

import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Exprs;
import dev.leibniz.processor.ir.FunctionRef;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.Ops;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Simplifications of generated code that change no value: dead assignments go (liveness over
 * structured control flow), values the backward sweep reads are declared where it can see them,
 * and a cotangent's first contribution becomes its declaration.
 */
public final class Cleanup {
  private final Set<Var> all;
  private final Predicate<FunctionRef> pureFunctions;

  private Cleanup(Set<Var> all, Predicate<FunctionRef> pureFunctions) {
    this.all = all;
    this.pureFunctions = pureFunctions;
  }

  /** The variables live on entry to {@code b} when {@code liveOut} are live after it. */
  public static Set<Var> liveIn(Block b, Set<Var> liveOut) {
    List<Stmt> ignored = new ArrayList<>();
    return new Cleanup(Stmts.mentioned(b), ref -> false).block(b.stmts(), liveOut, ignored);
  }

  /**
   * {@code b} without assignments whose value nobody reads; calls stay, but those of the methods
   * {@code pureFunctions} accepts (bodies without side effects), and tape operations stay.
   */
  public static Block deadCode(Block b, Set<Var> liveOut,
      Predicate<FunctionRef> pureFunctions) {
    List<Stmt> out = new ArrayList<>();
    new Cleanup(Stmts.mentioned(b), pureFunctions).block(b.stmts(), liveOut, out);
    return dropUnusedDeclarations(new Block(out));
  }

  private boolean isPure(Expr e) {
    return Exprs.isPure(e, pureFunctions) || makesOrNumbersTape(e);
  }

  /**
   * {@code new Tape()} or {@code tape.number(a)}: what only a backward sweep reads, so a forward
   * sweep whose backward sweep does not run (a VJP object that runs both sweeps again) drops them.
   */
  private static boolean makesOrNumbersTape(Expr e) {
    return e instanceof Expr.Invoke i && (i.callee() instanceof Callee.Constructor c && c.owner().equals(Known.TAPE)
        || i.callee() instanceof Callee.Method m && m.owner().equals(Known.TAPE) && m.name().equals("number")
            && i.args().stream().allMatch(a -> a instanceof Var));
  }

  private Set<Var> block(List<Stmt> stmts, Set<Var> liveOut, List<Stmt> out) {
    Set<Var> live = new HashSet<>(liveOut);
    List<Stmt> reversed = new ArrayList<>();
    for (int i = stmts.size() - 1; i >= 0; i--) {
      Stmt kept = stmt(stmts.get(i), live);
      if (kept != null) {
        reversed.add(kept);
      }
    }
    Collections.reverse(reversed);
    out.addAll(reversed);
    return live;
  }

  /** Updates {@code live} across {@code s}; returns {@code s} as rewritten, or null to drop it. */
  private Stmt stmt(Stmt s, Set<Var> live) {
    if (s instanceof Stmt.Declare d) {
      if (d.init() == null) {
        live.remove(d.var());
        return s;
      }
      if (!live.contains(d.var()) && isPure(d.init())) {
        return new Stmt.Declare(d.var(), null, d.source());
      }
      live.remove(d.var());
      live.addAll(Exprs.vars(d.init()));
      return s;
    }
    if (s instanceof Stmt.Assign a) {
      if (!live.contains(a.target()) && isPure(a.value())) {
        return null;
      }
      live.remove(a.target());
      live.addAll(Exprs.vars(a.value()));
      return s;
    }
    if (s instanceof Stmt.If i) {
      List<Stmt> thenOut = new ArrayList<>();
      List<Stmt> elseOut = new ArrayList<>();
      Set<Var> liveThen = block(i.then().stmts(), live, thenOut);
      Set<Var> liveElse = block(i.otherwise().stmts(), live, elseOut);
      live.addAll(liveThen);
      live.addAll(liveElse);
      live.addAll(Exprs.vars(i.cond()));
      if (thenOut.isEmpty() && elseOut.isEmpty() && isPure(i.cond())) {
        return null;
      }
      return new Stmt.If(i.cond(), new Block(thenOut), new Block(elseOut), i.source());
    }
    if (s instanceof Stmt.Loop l) {
      return loop(l, live);
    }
    if (s instanceof Stmt.Return r) {
      live.clear();
      for (Expr v : r.values()) {
        live.addAll(Exprs.vars(v));
      }
      return s;
    }
    if (s instanceof Stmt.Throw t) {
      live.clear();
      live.addAll(Exprs.vars(t.exception()));
      return s;
    }
    if (s instanceof Stmt.Break || s instanceof Stmt.Continue) {
      live.addAll(all); // not expected in reverse-mode code: stay safe
      return s;
    }
    for (Expr e : Stmts.exprs(s)) {
      live.addAll(Exprs.vars(e));
    }
    if (s instanceof Stmt.Push p && !live.contains(p.tape())) {
      return null; // nothing pops it
    }
    return s; // Eval, ArrayWrite, Push
  }

  private Stmt loop(Stmt.Loop l, Set<Var> live) {
    Set<Var> condVars = l.cond() == null ? Set.of() : Exprs.vars(l.cond());
    Set<Var> head = new HashSet<>(live);
    head.addAll(condVars);
    Cleanup analysis = new Cleanup(all, pureFunctions);
    while (true) {
      Set<Var> afterBody = analysis.block(l.update().stmts(), head, new ArrayList<>());
      Set<Var> bodyIn = analysis.block(l.body().stmts(), afterBody, new ArrayList<>());
      Set<Var> next = new HashSet<>(live);
      next.addAll(condVars);
      next.addAll(bodyIn);
      if (next.equals(head)) {
        break;
      }
      head = next;
    }
    List<Stmt> updateOut = new ArrayList<>();
    Set<Var> afterBody = block(l.update().stmts(), head, updateOut);
    List<Stmt> bodyOut = new ArrayList<>();
    block(l.body().stmts(), afterBody, bodyOut);
    List<Stmt> initOut = new ArrayList<>();
    Set<Var> before = block(l.init().stmts(), head, initOut);
    live.clear();
    live.addAll(before);
    return new Stmt.Loop(l.label(), new Block(initOut), l.cond(), new Block(bodyOut), new Block(updateOut),
        l.testAfter(), l.source());
  }

  /** Removes declarations without a value of variables nothing else mentions. */
  private static Block dropUnusedDeclarations(Block b) {
    Set<Var> used = new HashSet<>();
    Stmts.walk(b, s -> {
      if (!(s instanceof Stmt.Declare)) {
        if (s instanceof Stmt.Assign a) {
          used.add(a.target());
        } else if (s instanceof Stmt.ArrayWrite w) {
          used.add(w.array());
        }
      }
    });
    Stmts.walkExprs(b, e -> {
      if (e instanceof Var v) {
        used.add(v);
      }
    });
    return filterDeclarations(b, used);
  }

  private static Block filterDeclarations(Block b, Set<Var> used) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : b.stmts()) {
      if (s instanceof Stmt.Declare d && d.init() == null && !used.contains(d.var())) {
        continue;
      }
      out.add(mapBlocks(s, inner -> filterDeclarations(inner, used)));
    }
    return new Block(out);
  }

  /** {@code b} with the values of every {@code return} replaced by {@code f} of them. */
  public static Block mapReturns(Block b, UnaryOperator<List<Expr>> f) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : b.stmts()) {
      out.add(s instanceof Stmt.Return r ? new Stmt.Return(f.apply(r.values()), r.source())
          : mapBlocks(s, inner -> mapReturns(inner, f)));
    }
    return new Block(out);
  }

  private static Stmt mapBlocks(Stmt s, UnaryOperator<Block> f) {
    if (s instanceof Stmt.If i) {
      return new Stmt.If(i.cond(), f.apply(i.then()), f.apply(i.otherwise()), i.source());
    }
    if (s instanceof Stmt.Loop l) {
      return new Stmt.Loop(l.label(), f.apply(l.init()), l.cond(), f.apply(l.body()), f.apply(l.update()),
          l.testAfter(), l.source());
    }
    return s;
  }

  /**
   * Declares at the top of {@code b} the variables of {@code visible} declared in nested blocks
   * (their declarations become assignments), so code after {@code b} can read them.
   */
  public static Block hoist(Block b, Set<Var> visible) {
    Set<Var> nested = new LinkedHashSet<>();
    for (Stmt s : b.stmts()) {
      for (Block inner : Stmts.blocks(s)) {
        Stmts.walk(inner, x -> {
          if (x instanceof Stmt.Declare d && visible.contains(d.var())) {
            nested.add(d.var());
          }
        });
      }
    }
    if (nested.isEmpty()) {
      return b;
    }
    List<Stmt> out = new ArrayList<>();
    for (Var v : nested) {
      out.add(new Stmt.Declare(v, Const.zero(v.type()), SourceRef.NONE));
    }
    for (Stmt s : b.stmts()) {
      out.add(mapBlocks(s, inner -> undeclare(inner, nested)));
    }
    return new Block(out);
  }

  private static Block undeclare(Block b, Set<Var> vars) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : b.stmts()) {
      if (s instanceof Stmt.Declare d && vars.contains(d.var())) {
        if (d.init() != null) {
          out.add(new Stmt.Assign(d.var(), d.init(), d.source()));
        }
        continue;
      }
      out.add(mapBlocks(s, inner -> undeclare(inner, vars)));
    }
    return new Block(out);
  }

  /** How often each variable is set; an element write counts twice, so arrays written into are never inlined. */
  private static Map<Var, Integer> assignmentCounts(Block b) {
    Map<Var, Integer> assignments = new HashMap<>();
    Stmts.walk(b, s -> {
      Var t = s instanceof Stmt.Declare d ? d.var() : Stmts.target(s);
      if (t != null) {
        assignments.merge(t, 1, Integer::sum);
      }
      if (s instanceof Stmt.ArrayWrite w) {
        assignments.merge(w.array(), 2, Integer::sum);
      }
    });
    return assignments;
  }

  /** How often each variable is read; a lambda's capture counts twice, so captures stay variables. */
  private static Map<Var, Integer> useCounts(Block b) {
    Map<Var, Integer> uses = new HashMap<>();
    Stmts.walkExprs(b, e -> {
      if (e instanceof Var v) {
        uses.merge(v, 1, Integer::sum);
      } else if (e instanceof Expr.Lambda l) {
        for (Var c : l.function().captures()) {
          uses.merge(c, 2, Integer::sum);
        }
      }
    });
    return uses;
  }

  /**
   * Replaces variables that are set once and never reassigned by their value, when that value is a
   * constant or another such variable ({@code double t2Bar = 1.0;}, {@code double t1Bar = xBar;}), and
   * drops multiplications by the literal one this exposes (exact in IEEE arithmetic).
   */
  public static Block propagateCopies(Block b, Set<Var> keep) {
    Map<Var, Integer> assignments = assignmentCounts(b);
    // a variable that never changes: set only where declared, or never set here (a parameter)
    Set<Var> declared = new HashSet<>();
    Stmts.walk(b, s -> {
      if (s instanceof Stmt.Declare d && d.init() != null) {
        declared.add(d.var());
      }
    });
    Predicate<Var> fixed = v -> assignments.getOrDefault(v, 0) == 0
        || (assignments.get(v) == 1 && declared.contains(v));
    Map<Var, Expr> values = new HashMap<>();
    Stmts.walk(b, s -> {
      if (s instanceof Stmt.Declare d && d.init() != null && !keep.contains(d.var())
          && assignments.getOrDefault(d.var(), 0) == 1 && d.var().type() instanceof Type.Prim
          && (d.init() instanceof Const
              || (d.init() instanceof Var source && fixed.test(source)
                  && source.type().equals(d.var().type())))) {
        values.put(d.var(), d.init());
      }
    });
    if (values.isEmpty()) {
      return b;
    }
    return substitute(b, values);
  }

  private static Expr resolve(Expr e, Map<Var, Expr> values) {
    Expr r = Exprs.rebuild(e, x -> {
      if (x instanceof Var v && values.containsKey(v)) {
        return resolve(values.get(v), values);
      }
      return null;
    });
    return simplify(r);
  }

  /** Folds what substituting constants exposes: {@code 1 * x}, {@code -1 * x}, {@code -(c)}; all exact. */
  private static Expr simplify(Expr e) {
    if (e instanceof Expr.Binary b && b.op() == Expr.BinaryOp.MUL) {
      Expr l = simplify(b.left());
      Expr r = simplify(b.right());
      if (l instanceof Const c && c.value() instanceof Number n && n.doubleValue() == -1.0) {
        return Ops.neg(r);
      }
      if (r instanceof Const c && c.value() instanceof Number n && n.doubleValue() == -1.0) {
        return Ops.neg(l);
      }
      return Ops.mul(l, r);
    }
    if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG) {
      return Ops.neg(simplify(u.operand()));
    }
    if (e instanceof Expr.Cast c) {
      return Ops.convert(simplify(c.operand()), c.type()); // (double) 1.0f is 1.0
    }
    if (e instanceof Var || e instanceof Const) {
      return e;
    }
    return Exprs.rebuild(e, x -> x == e ? null : simplify(x));
  }

  /** {@code b} with the variables in {@code values} replaced by their expressions (their declarations go). */
  public static Block substitute(Block b, Map<Var, Expr> values) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : b.stmts()) {
      if (s instanceof Stmt.Declare d && values.containsKey(d.var())) {
        continue;
      }
      out.add(substituteStmt(s, values));
    }
    return new Block(out);
  }

  private static Stmt substituteStmt(Stmt s, Map<Var, Expr> values) {
    if (s instanceof Stmt.Declare d) {
      return new Stmt.Declare(d.var(), d.init() == null ? null : resolve(d.init(), values), d.source());
    } else if (s instanceof Stmt.Assign a) {
      return new Stmt.Assign(a.target(), resolve(a.value(), values), a.source());
    } else if (s instanceof Stmt.ArrayWrite w) {
      return new Stmt.ArrayWrite(w.array(), resolve(w.index(), values), resolve(w.value(), values), w.source());
    } else if (s instanceof Stmt.Eval e) {
      return new Stmt.Eval(resolve(e.expr(), values), e.source());
    } else if (s instanceof Stmt.If i) {
      return new Stmt.If(resolve(i.cond(), values), substitute(i.then(), values),
          substitute(i.otherwise(), values), i.source());
    } else if (s instanceof Stmt.Loop l) {
      return new Stmt.Loop(l.label(), substitute(l.init(), values),
          l.cond() == null ? null : resolve(l.cond(), values), substitute(l.body(), values),
          substitute(l.update(), values), l.testAfter(), l.source());
    } else if (s instanceof Stmt.Return r) {
      List<Expr> vals = new ArrayList<>();
      for (Expr v : r.values()) {
        vals.add(resolve(v, values));
      }
      return new Stmt.Return(vals, r.source());
    } else if (s instanceof Stmt.Push p) {
      return new Stmt.Push(p.tape(), resolve(p.value(), values), p.source());
    }
    return s;
  }

  /**
   * {@code double xBar = 0.0; ... xBar = xBar + e;} becomes {@code double xBar = e;} when nothing
   * in between mentions {@code xBar}: the first contribution is taken as it is, as in JAX (which
   * keeps the sign of a {@code -0.0} cotangent).
   */
  public static Block mergeFirstContributions(Block b) {
    List<Stmt> stmts = new ArrayList<>();
    for (Stmt s : b.stmts()) {
      stmts.add(mapBlocks(s, Cleanup::mergeFirstContributions));
    }
    // for each variable, the statements that mention it, in order
    Map<Var, List<Integer>> mentions = new HashMap<>();
    for (int i = 0; i < stmts.size(); i++) {
      for (Var v : Stmts.mentioned(Block.of(stmts.get(i)))) {
        mentions.computeIfAbsent(v, x -> new ArrayList<>()).add(i);
      }
    }
    Set<Integer> dropped = new HashSet<>();
    Map<Integer, Stmt> replaced = new HashMap<>();
    for (int i = 0; i < stmts.size(); i++) {
      if (!(stmts.get(i) instanceof Stmt.Declare d) || !(d.init() instanceof Const c) || !c.isZero()
          || !(d.var().type() instanceof Type.Prim)) {
        continue;
      }
      List<Integer> uses = mentions.get(d.var());
      int at = uses.indexOf(i);
      if (at + 1 >= uses.size()) {
        continue;
      }
      int j = uses.get(at + 1);
      Expr first = firstContribution(stmts.get(j), d.var());
      if (first != null && !replaced.containsKey(j)) {
        dropped.add(i);
        replaced.put(j, new Stmt.Declare(d.var(), first, stmts.get(j).source()));
      }
    }
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < stmts.size(); i++) {
      if (!dropped.contains(i)) {
        out.add(replaced.getOrDefault(i, stmts.get(i)));
      }
    }
    return new Block(out);
  }

  /** {@code v = 0; v = v + e;} (a reset cotangent taking its next contribution) becomes {@code v = e;}. */
  public static Block mergeResets(Block b) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : b.stmts()) {
      Stmt mapped = mapBlocks(s, Cleanup::mergeResets);
      if (!out.isEmpty() && out.get(out.size() - 1) instanceof Stmt.Assign reset
          && reset.value() instanceof Const c && c.isZero() && reset.target().type() instanceof Type.Prim) {
        Expr first = firstContribution(mapped, reset.target());
        if (first != null) {
          out.set(out.size() - 1, new Stmt.Assign(reset.target(), first, mapped.source()));
          continue;
        }
      }
      out.add(mapped);
    }
    return new Block(out);
  }

  /**
   * Removes the copy a cotangent makes before it is overwritten, by moving the overwrite after the
   * copy's last use: {@code double c = rBar; rBar = c * x; xBar += r * c;} becomes {@code xBar +=
   * r * rBar; rBar = rBar * x;}. Only straight-line statements are crossed, and the moved value
   * reads nothing they write. Copies in {@code keep} (read after {@code b}) stay.
   */
  public static Block sinkCopies(Block b, Set<Var> keep) {
    Map<Var, Integer> assignments = assignmentCounts(b);
    return sinkCopies(b, keep, assignments);
  }

  private static Block sinkCopies(Block b, Set<Var> keep, Map<Var, Integer> assignments) {
    List<Stmt> stmts = new ArrayList<>();
    for (Stmt s : b.stmts()) {
      Stmt mapped = mapBlocks(s, inner -> sinkCopies(inner, keep, assignments));
      if (!(mapped instanceof Stmt.If i && i.then().stmts().isEmpty() && i.otherwise().stmts().isEmpty()
          && movable(i.cond()))) {
        stmts.add(mapped); // an if left with nothing to do goes
      }
    }
    for (int i = 0; i < stmts.size(); i++) {
      if (stmts.get(i) instanceof Stmt.Declare copy && copy.init() instanceof Var v && v != copy.var()
          && !keep.contains(copy.var()) && assignments.getOrDefault(copy.var(), 0) == 1 && v.type().equals(copy.var().type())
          && sinkCopy(stmts, i, copy.var(), v)) {
        i--; // look at the statement now here
      }
    }
    return new Block(stmts);
  }

  /** Sinks the overwrite of {@code v} after the last use of its copy {@code c}, declared at {@code i}. */
  private static boolean sinkCopy(List<Stmt> stmts, int i, Var c, Var v) {
    int j = i + 1;
    while (j < stmts.size() && !Stmts.mentioned(Block.of(stmts.get(j))).contains(v)) {
      j++;
    }
    if (j == stmts.size() || !(stmts.get(j) instanceof Stmt.Assign overwrite) || overwrite.target() != v
        || Exprs.vars(overwrite.value()).contains(v) || !movable(overwrite.value())) {
      return false;
    }
    int last = j;
    for (int k = j + 1; k < stmts.size(); k++) {
      if (Stmts.mentioned(Block.of(stmts.get(k))).contains(c)) {
        last = k;
      }
    }
    Set<Var> read = Exprs.vars(overwrite.value());
    for (int k = j + 1; k <= last; k++) {
      Stmt s = stmts.get(k);
      boolean simple = s instanceof Stmt.Declare || s instanceof Stmt.Assign;
      Var target = Stmts.target(s);
      if (!simple || Stmts.mentioned(Block.of(s)).contains(v) || (target != null && read.contains(target))) {
        return false;
      }
    }
    Map<Var, Expr> toV = Map.of(c, v);
    List<Stmt> out = new ArrayList<>(stmts.subList(0, i));
    for (int k = i + 1; k <= last; k++) {
      if (k != j) {
        out.add(substituteStmt(stmts.get(k), toV));
      }
    }
    Expr moved = resolve(overwrite.value(), toV);
    if (moved != v) { // v = v goes
      out.add(new Stmt.Assign(v, moved, overwrite.source()));
    }
    out.addAll(stmts.subList(last + 1, stmts.size()));
    stmts.clear();
    stmts.addAll(out);
    return true;
  }

  /**
   * A temporary whose one use is a later {@code w = t} of the same block becomes that assignment,
   * when nothing in between touches {@code w}: {@code double t1Dot = rDot * x + r; r = r * x;
   * rDot = t1Dot;} becomes {@code rDot = rDot * x + r; r = r * x;}.
   */
  public static Block assignAtDefinition(Block b, Set<Var> keep) {
    Map<Var, Integer> uses = useCounts(b);
    Map<Var, Integer> assignments = assignmentCounts(b);
    return assignAtDefinition(b, v -> !keep.contains(v) && uses.getOrDefault(v, 0) == 1
        && assignments.getOrDefault(v, 0) == 1);
  }

  private static Block assignAtDefinition(Block b, Predicate<Var> once) {
    List<Stmt> stmts = new ArrayList<>();
    for (Stmt s : b.stmts()) {
      stmts.add(mapBlocks(s, inner -> assignAtDefinition(inner, once)));
    }
    for (int i = 0; i < stmts.size(); i++) {
      if (!(stmts.get(i) instanceof Stmt.Declare d) || d.init() == null || !once.test(d.var())) {
        continue;
      }
      int use = i + 1;
      while (use < stmts.size() && !Stmts.mentioned(Block.of(stmts.get(use))).contains(d.var())) {
        use++;
      }
      if (use == stmts.size() || !(stmts.get(use) instanceof Stmt.Assign a) || a.value() != d.var()
          || !a.target().type().equals(d.var().type())) {
        continue;
      }
      boolean untouched = true;
      for (int k = i + 1; k < use; k++) {
        untouched &= !Stmts.mentioned(Block.of(stmts.get(k))).contains(a.target());
      }
      if (untouched) {
        stmts.set(i, new Stmt.Assign(a.target(), d.init(), d.source()));
        stmts.remove(use);
      }
    }
    return new Block(stmts);
  }

  /** Arithmetic on variables: moving it changes no effect and reads no array or tape. */
  private static boolean movable(Expr e) {
    boolean[] ok = {true};
    Exprs.walk(e, x -> ok[0] &= !(x instanceof Expr.Invoke || x instanceof Expr.Pop || x instanceof Expr.ArrayRead
        || x instanceof Expr.Lambda));
    return ok[0];
  }

  private static Expr firstContribution(Stmt s, Var bar) {
    if (s instanceof Stmt.Assign a && a.target() == bar && a.value() instanceof Expr.Binary sum
        && sum.left() == bar && !Exprs.vars(sum.right()).contains(bar)) {
      if (sum.op() == Expr.BinaryOp.ADD) {
        return sum.right();
      }
      if (sum.op() == Expr.BinaryOp.SUB) {
        return Ops.neg(sum.right());
      }
    }
    return null;
  }

  /**
   * Folds each pure temporary used exactly once, by a later statement of the same block, into that
   * use, when nothing in between assigns what it reads: {@code double t1 = y * y; double t2 = 1.0 +
   * t1;} becomes {@code double t2 = 1.0 + y * y;}. Variables in {@code keep} (read outside
   * {@code b}) stay.
   */
  public static Block inlineSingleUses(Block b, Set<Var> keep,
      Predicate<FunctionRef> pureFunctions) {
    Map<Var, Integer> uses = useCounts(b);
    Map<Var, Integer> assignments = assignmentCounts(b);
    return inlineIn(b, v -> !keep.contains(v) && uses.getOrDefault(v, 0) == 1 && assignments.getOrDefault(v, 0) == 1,
        pureFunctions);
  }

  private static Block inlineIn(Block b, Predicate<Var> once,
      Predicate<FunctionRef> pureFunctions) {
    List<Stmt> stmts = new ArrayList<>();
    for (Stmt s : b.stmts()) {
      stmts.add(mapBlocks(s, inner -> inlineIn(inner, once, pureFunctions)));
    }
    for (int i = 0; i < stmts.size(); i++) {
      if (!(stmts.get(i) instanceof Stmt.Declare d) || d.init() == null || !once.test(d.var())
          || !Exprs.isPure(d.init(), pureFunctions) || d.init() instanceof Expr.Lambda) {
        continue;
      }
      Var t = d.var();
      Set<Var> reads = Exprs.vars(d.init());
      boolean readsArrays = containsArrayRead(d.init());
      for (int j = i + 1; j < stmts.size(); j++) {
        Stmt next = stmts.get(j);
        boolean usesHere = Stmts.mentioned(Block.of(next)).contains(t);
        if (usesHere) {
          Stmt replaced = replaceAtTopLevel(next, t, d.init());
          if (replaced != null) {
            stmts.set(j, replaced);
            stmts.remove(i);
            i--;
          }
          break;
        }
        if (changes(next, reads, readsArrays, pureFunctions)) {
          break;
        }
      }
    }
    return new Block(stmts);
  }

  private static boolean containsArrayRead(Expr e) {
    return Exprs.any(e, x -> x instanceof Expr.ArrayRead || x instanceof Expr.Pop);
  }

  /** Whether {@code s} may change a variable in {@code reads}, or an array's elements. */
  private static boolean changes(Stmt s, Set<Var> reads, boolean readsArrays,
      Predicate<FunctionRef> pureFunctions) {
    boolean[] changed = {false};
    Stmts.walk(Block.of(s), x -> {
      Var target = x instanceof Stmt.Declare d ? d.var() : Stmts.target(x);
      if (target != null && reads.contains(target)) {
        changed[0] = true;
      }
      if (readsArrays && (x instanceof Stmt.ArrayWrite || x instanceof Stmt.Push)) {
        changed[0] = true;
      }
      for (Expr e : Stmts.exprs(x)) {
        if (readsArrays && !Exprs.isPure(e, pureFunctions)) {
          changed[0] = true;
        }
      }
    });
    return changed[0];
  }

  /**
   * {@code s} with {@code t} replaced by {@code value}, when {@code t} is read in {@code s}'s own
   * expressions (not in a nested block, a loop condition, or a push on the tape); else null.
   */
  private static Stmt replaceAtTopLevel(Stmt s, Var t, Expr value) {
    Map<Var, Expr> map = Map.of(t, value);
    if (s instanceof Stmt.Declare d && d.init() != null) {
      return new Stmt.Declare(d.var(), Exprs.substitute(d.init(), map), d.source());
    } else if (s instanceof Stmt.Assign a && a.target() != t) {
      return new Stmt.Assign(a.target(), Exprs.substitute(a.value(), map), a.source());
    } else if (s instanceof Stmt.Return r) {
      List<Expr> values = new ArrayList<>();
      for (Expr v : r.values()) {
        values.add(Exprs.substitute(v, map));
      }
      return new Stmt.Return(values, r.source());
    } else if (s instanceof Stmt.ArrayWrite w && w.array() != t) {
      return new Stmt.ArrayWrite(w.array(), Exprs.substitute(w.index(), map), Exprs.substitute(w.value(), map),
          w.source());
    } else if (s instanceof Stmt.If i && !Stmts.mentioned(i.then()).contains(t)
        && !Stmts.mentioned(i.otherwise()).contains(t)) {
      return new Stmt.If(Exprs.substitute(i.cond(), map), i.then(), i.otherwise(), i.source());
    }
    return null;
  }

  /**
   * Whether running {@code b} twice is the same as running it once: no calls but of Math, of
   * methods {@code pureFunctions} accepts (in any form), and the making of a tape.
   */
  public static boolean sideEffectFree(Block b,
      Predicate<FunctionRef> pureFunctions) {
    boolean[] free = {true};
    Stmts.walk(b, s -> free[0] &= !(s instanceof Stmt.Throw) && !(s instanceof Stmt.Eval));
    Stmts.walkExprs(b, e -> {
      if (e instanceof Expr.Invoke i) {
        boolean ok = i.callee() == Callee.Special.STOP_GRADIENT || makesOrNumbersTape(i)
            || (i.callee() instanceof Callee.Function f && pureFunctions.test(f.ref()))
            || (i.callee() instanceof Callee.Constructor c
                && c.owner().equals(Known.TAPE))
            || (i.callee() instanceof Callee.Method m
                && m.owner().simpleName().endsWith("Vjp") && m.name().equals("value"));
        free[0] &= ok;
      }
    });
    return free[0];
  }
}
