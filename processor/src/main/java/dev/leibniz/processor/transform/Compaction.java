package dev.leibniz.processor.transform;

import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Exprs;
import dev.leibniz.processor.ir.FunctionRef;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Compaction for reading (and for javac: less code), changing no value: a single-use pure
 * temporary folded into its use, a temporary assigned to a variable right after becoming that
 * assignment.
 */
public final class Compaction {
  private Compaction() {}

  /**
   * A temporary whose one use is a later {@code w = t} of the same block becomes that assignment,
   * when nothing in between touches {@code w}: {@code double t1Dot = rDot * x + r; r = r * x;
   * rDot = t1Dot;} becomes {@code rDot = rDot * x + r; r = r * x;}.
   */
  public static Block assignAtDefinition(Block b, Set<Var> keep) {
    Map<Var, Integer> uses = Cleanup.useCounts(b);
    Map<Var, Integer> assignments = Cleanup.assignmentCounts(b);
    return assignAtDefinition(b, v -> !keep.contains(v) && uses.getOrDefault(v, 0) == 1
        && assignments.getOrDefault(v, 0) == 1);
  }

  private static Block assignAtDefinition(Block b, Predicate<Var> once) {
    List<Stmt> stmts = new ArrayList<>();
    for (Stmt s : b.stmts()) {
      stmts.add(Cleanup.mapBlocks(s, inner -> assignAtDefinition(inner, once)));
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

  /**
   * Folds each pure temporary used exactly once, by a later statement of the same block, into that
   * use, when nothing in between assigns what it reads: {@code double t1 = y * y; double t2 = 1.0 +
   * t1;} becomes {@code double t2 = 1.0 + y * y;}. Variables in {@code keep} (read outside
   * {@code b}) stay.
   */
  public static Block inlineSingleUses(Block b, Set<Var> keep,
      Predicate<FunctionRef> pureFunctions) {
    Map<Var, Integer> uses = Cleanup.useCounts(b);
    Map<Var, Integer> assignments = Cleanup.assignmentCounts(b);
    return inlineIn(b, v -> !keep.contains(v) && uses.getOrDefault(v, 0) == 1 && assignments.getOrDefault(v, 0) == 1,
        pureFunctions);
  }

  private static Block inlineIn(Block b, Predicate<Var> once,
      Predicate<FunctionRef> pureFunctions) {
    List<Stmt> stmts = new ArrayList<>();
    for (Stmt s : b.stmts()) {
      stmts.add(Cleanup.mapBlocks(s, inner -> inlineIn(inner, once, pureFunctions)));
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
}
