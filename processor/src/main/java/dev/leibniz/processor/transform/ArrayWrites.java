package dev.leibniz.processor.transform;

import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Exprs;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.FunctionTable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which array parameters a body writes into (SPEC §5a): element writes to the parameter, to a
 * local holding the same array or one of its rows ({@code double[][]}), and arrays passed to a
 * parameter a callee writes into.
 */
public final class ArrayWrites {
  private ArrayWrites() {}

  /** The positions of {@code f}'s array parameters it may write into, given its callees' in {@code table}. */
  public static Set<Integer> writtenParams(Function f, FunctionTable table) {
    return positions(f, written(f, table), t -> t instanceof Type.Array);
  }

  /**
   * The positions of {@code f}'s record parameters holding an array it may write into (through a
   * component read into a local, or passed to a callee that writes into it).
   */
  public static Set<Integer> writtenRecordParams(Function f, FunctionTable table) {
    return positions(f, written(f, table), t -> t instanceof Type.Record);
  }

  private static Set<Integer> positions(Function f, Set<Var> written, java.util.function.Predicate<Type> kind) {
    Set<Integer> out = new TreeSet<>();
    for (int k = 0; k < f.params().size(); k++) {
      Var p = f.params().get(k).var();
      if (kind.test(p.type()) && written.contains(p)) {
        out.add(k);
      }
    }
    return out;
  }

  /** The variables holding arrays {@code f} may write into, and the records and matrices holding them. */
  private static Set<Var> written(Function f, FunctionTable table) {
    // which arrays each array variable may hold: itself, and what was assigned to it
    Map<Var, Set<Var>> sources = new HashMap<>();
    Stmts.walk(f.body(), s -> {
      Var target = Stmts.target(s);
      Expr value = s instanceof Stmt.Declare d ? d.init() : s instanceof Stmt.Assign a ? a.value() : null;
      if (target != null && target.type() instanceof Type.Array && value instanceof Var source) {
        sources.computeIfAbsent(target, v -> new HashSet<>()).add(source);
      }
      if (target != null && target.type() instanceof Type.Array && value instanceof Expr.ArrayRead r
          && r.array() instanceof Var matrix) {
        sources.computeIfAbsent(target, v -> new HashSet<>()).add(matrix); // a row: writing it writes the matrix
      }
      if (target != null && target.type() instanceof Type.Array && value instanceof Expr.Component c
          && holder(c) != null) {
        sources.computeIfAbsent(target, v -> new HashSet<>()).add(holder(c)); // a record's array
      }
    });
    Set<Var> written = new HashSet<>();
    Stmts.walk(f.body(), s -> {
      if (s instanceof Stmt.ArrayWrite w) {
        written.addAll(mayHold(w.array(), sources));
      }
      for (Expr top : Stmts.exprs(s)) {
        Exprs.walk(top, e -> {
          if (e instanceof Expr.Invoke i && i.callee() instanceof Callee.Function fn) {
            FunctionInfo callee = table.get(fn.ref());
            for (int k : callee == null ? Set.<Integer>of() : callee.writtenArguments(fn.form())) {
              if (k < i.args().size() && i.args().get(k) instanceof Var v) {
                written.addAll(mayHold(v, sources));
              }
            }
          }
        });
      }
    });
    return written;
  }

  /** The record variable whose (nested) component {@code c} reads, or null. */
  private static Var holder(Expr.Component c) {
    Expr e = c;
    while (e instanceof Expr.Component inner) {
      e = inner.record();
    }
    return e instanceof Var v ? v : null;
  }

  /** {@code v} and every array assigned to it, transitively. */
  private static Set<Var> mayHold(Var v, Map<Var, Set<Var>> sources) {
    Set<Var> seen = new HashSet<>();
    Deque<Var> work = new ArrayDeque<>(List.of(v));
    while (!work.isEmpty()) {
      Var next = work.pop();
      if (seen.add(next)) {
        work.addAll(sources.getOrDefault(next, Set.of()));
      }
    }
    return seen;
  }
}
