package dev.leibniz.processor.transform;

import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The locals that may hold {@code null} (an array declared {@code null} and assigned later, in a
 * branch, a loop, a {@code switch} expression's result), and those copied from one: a zero tangent
 * or a cotangent sized by such a local is {@code null} while it is, not read through it.
 */
final class NullableLocals {
  private NullableLocals() {}

  static Set<Var> of(Block body) {
    Set<Var> out = new HashSet<>();
    List<Var[]> copies = new ArrayList<>(); // {target, source}
    Stmts.walk(body, s -> {
      Var target = Stmts.target(s);
      Expr value = target == null ? null : Stmts.exprs(s).get(0);
      if (value instanceof Const c && c.value() == null) {
        out.add(target);
      } else if (value instanceof Var source) {
        copies.add(new Var[] {target, source});
      }
    });
    for (boolean grew = true; grew; ) {
      grew = false;
      for (Var[] copy : copies) {
        grew |= out.contains(copy[1]) && out.add(copy[0]);
      }
    }
    return out;
  }
}
