package dev.leibniz.processor.transform;

import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Exprs;
import dev.leibniz.processor.ir.Ops;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Simplifications of generated code that change no value: copies propagated, values the backward
 * sweep reads declared where it can see them, a cotangent's first contribution made its
 * declaration, copies sunk past their last use. Dead code is {@link DeadCode}'s, compaction for
 * reading {@link Compaction}'s.
 */
public final class Cleanup {
  private Cleanup() {}

  /** {@code b} with the values of every {@code return} replaced by {@code f} of them. */
  public static Block mapReturns(Block b, UnaryOperator<List<Expr>> f) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : b.stmts()) {
      out.add(s instanceof Stmt.Return r ? new Stmt.Return(f.apply(r.values()), r.source())
          : mapBlocks(s, inner -> mapReturns(inner, f)));
    }
    return new Block(out);
  }

  static Stmt mapBlocks(Stmt s, UnaryOperator<Block> f) {
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
  static Map<Var, Integer> assignmentCounts(Block b) {
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
  static Map<Var, Integer> useCounts(Block b) {
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
    Set<Var> captured = new HashSet<>(); // a lambda's captures stay variables: its class takes them by name
    Stmts.walkExprs(b, e -> {
      if (e instanceof Expr.Lambda l) {
        captured.addAll(l.function().captures());
      }
    });
    Map<Var, Expr> values = new HashMap<>();
    Stmts.walk(b, s -> {
      if (s instanceof Stmt.Declare d && d.init() != null && !keep.contains(d.var()) && !captured.contains(d.var())
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
    } else if (s instanceof Stmt.Throw t) {
      return new Stmt.Throw(resolve(t.exception(), values), t.source());
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

}
