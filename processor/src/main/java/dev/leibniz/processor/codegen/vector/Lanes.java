package dev.leibniz.processor.codegen.vector;

import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Exprs;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which variables of a kernel's body vary from lane to lane: the batched inputs, what is computed
 * from them, and what is assigned under a condition that varies (it is blended). The others (loop
 * counters, non-differentiable parameters) stay scalars shared by all lanes.
 */
final class Lanes {
  private final Set<Var> varying;

  private Lanes(Set<Var> varying) {
    this.varying = varying;
  }

  static Lanes of(Block body, Collection<Var> inputs) {
    Set<Var> varying = new LinkedHashSet<>(inputs);
    int before;
    do {
      before = varying.size();
      mark(body, false, varying);
    } while (varying.size() != before);
    return new Lanes(varying);
  }

  private static void mark(Block b, boolean underVaryingCondition, Set<Var> varying) {
    for (Stmt s : b.stmts()) {
      Var target = s instanceof Stmt.Declare d && d.init() != null ? d.var()
          : s instanceof Stmt.Assign a ? a.target() : null;
      if (target != null && (underVaryingCondition || Stmts.exprs(s).stream().anyMatch(e -> varies(e, varying)))) {
        varying.add(target);
      }
      boolean nested = underVaryingCondition
          || (s instanceof Stmt.If i && varies(i.cond(), varying))
          || (s instanceof Stmt.Loop l && l.cond() != null && varies(l.cond(), varying));
      for (Block inner : Stmts.blocks(s)) {
        mark(inner, nested, varying);
      }
    }
  }

  private static boolean varies(Expr e, Set<Var> varying) {
    return Exprs.any(e, x -> x instanceof Var v && varying.contains(v));
  }

  boolean varying(Expr e) {
    return varies(e, varying);
  }

  /** A varying variable whose type is neither {@code element} nor boolean, or null. */
  Var unsupported(Type element) {
    for (Var v : varying) {
      if (v.type() != element && v.type() != Type.Prim.BOOLEAN) {
        return v;
      }
    }
    return null;
  }
}
