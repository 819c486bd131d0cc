package dev.leibniz.processor.transform;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Exprs;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Var;
import java.util.List;

/**
 * Whether a method reads a parameter on every path through its body. On a path that leaves it
 * unread, the method's gradient for it is a computed zero where JAX's is a symbolic one; a caller
 * then treats a zero there as structural ({@link Reverse}), so {@code 0 * inf} in its own sweep (the
 * argument was {@code Math.sqrt(0)}) does not make its gradient NaN.
 */
final class PathReads {
  private PathReads() {}

  /** Whether {@code f} reads its parameter {@code k}, never assigned, on every path. */
  static boolean readOnEveryPath(Function f, int k) {
    Var p = f.params().get(k).var();
    if (Stmts.any(f.body(), s -> p.equals(Stmts.target(s)))) {
      return false; // read after an assignment, it is not the argument that is read
    }
    return reads(f.body().stmts(), p);
  }

  private static boolean reads(List<Stmt> stmts, Var p) {
    for (Stmt s : stmts) {
      if (surelyReads(s, p)) {
        return true;
      }
      if (mayLeave(s)) {
        return false;
      }
    }
    return false;
  }

  private static boolean surelyReads(Stmt s, Var p) {
    if (s instanceof Stmt.If i) {
      return reads(i.cond(), p) || reads(i.then().stmts(), p) && reads(i.otherwise().stmts(), p);
    }
    if (s instanceof Stmt.Loop l) { // the body may not run; the test runs first unless it comes after
      return reads(l.init().stmts(), p) || l.cond() != null && !l.testAfter() && reads(l.cond(), p);
    }
    return Stmts.exprs(s).stream().anyMatch(e -> reads(e, p));
  }

  /** Whether {@code s} may jump out of the statements it is in: a return, throw, break or continue in it. */
  private static boolean mayLeave(Stmt s) {
    return leaves(s) || Stmts.blocks(s).stream().anyMatch(b -> Stmts.any(b, PathReads::leaves));
  }

  private static boolean leaves(Stmt s) {
    return s instanceof Stmt.Return || s instanceof Stmt.Throw || s instanceof Stmt.Break || s instanceof Stmt.Continue;
  }

  /** Whether evaluating {@code e} reads {@code p} whatever the values (not only in one branch of ?: or after && ||). */
  private static boolean reads(Expr e, Var p) {
    if (p.equals(e)) {
      return true;
    }
    if (e instanceof Expr.Conditional c) {
      return reads(c.cond(), p) || reads(c.then(), p) && reads(c.otherwise(), p);
    }
    if (e instanceof Expr.Binary b && (b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.OR)) {
      return reads(b.left(), p);
    }
    if (e instanceof Expr.Lambda) {
      return false; // read when the function is applied, if ever
    }
    return Exprs.children(e).stream().anyMatch(c -> reads(c, p));
  }
}
