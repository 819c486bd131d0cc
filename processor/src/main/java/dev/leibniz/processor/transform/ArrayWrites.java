package dev.leibniz.processor.transform;

import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.FunctionTable;
import java.util.HashMap;
import java.util.Set;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which array parameters a body writes into (SPEC §5a): element writes to the parameter or to a
 * local holding the same array, and arrays passed to a parameter a callee writes into.
 */
public final class ArrayWrites {
  private ArrayWrites() {}

  /** The positions of {@code f}'s parameters it may write into, given its callees' in {@code table}. */
  public static Set<Integer> writtenParams(Function f, FunctionTable table) {
    Map<Var, Var> sameArray = new HashMap<>();
    Stmts.walk(f.body(), s -> {
      Var target = Stmts.target(s);
      Expr value = s instanceof Stmt.Declare d ? d.init() : s instanceof Stmt.Assign a ? a.value() : null;
      if (target != null && target.type() instanceof Type.Array && value instanceof Var source) {
        union(sameArray, target, source);
      }
    });
    Set<Var> written = new java.util.HashSet<>();
    Stmts.walk(f.body(), s -> {
      if (s instanceof Stmt.ArrayWrite w) {
        written.add(root(sameArray, w.array()));
      }
      for (Expr top : Stmts.exprs(s)) {
        dev.leibniz.processor.ir.Exprs.walk(top, e -> {
          if (e instanceof Expr.Invoke i && i.callee() instanceof Callee.Function fn) {
            FunctionInfo callee = table.get(fn.ref());
            for (int k : callee == null ? Set.<Integer>of() : callee.writtenParams()) {
              if (k < i.args().size() && i.args().get(k) instanceof Var v) {
                written.add(root(sameArray, v));
              }
            }
          }
        });
      }
    });
    Set<Integer> out = new TreeSet<>();
    for (int k = 0; k < f.params().size(); k++) {
      Param p = f.params().get(k);
      if (p.var().type() instanceof Type.Array && written.contains(root(sameArray, p.var()))) {
        out.add(k);
      }
    }
    return out;
  }

  private static Var root(Map<Var, Var> sameArray, Var v) {
    Var r = v;
    while (sameArray.containsKey(r)) {
      r = sameArray.get(r);
    }
    return r;
  }

  private static void union(Map<Var, Var> sameArray, Var a, Var b) {
    Var ra = root(sameArray, a);
    Var rb = root(sameArray, b);
    if (!ra.equals(rb)) {
      sameArray.put(ra, rb);
    }
  }
}
