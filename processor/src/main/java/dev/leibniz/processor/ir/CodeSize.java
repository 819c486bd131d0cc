package dev.leibniz.processor.ir;

import java.util.List;

/**
 * A rough, generous estimate of the bytecode size of statements. HotSpot never JIT-compiles a
 * method of more than 8000 bytes of bytecode, so a body estimated above {@link #LIMIT} is generated
 * in parts.
 */
public final class CodeSize {
  /** Estimated bytecode size above which a body is split; well under HotSpot's 8000. */
  public static final int LIMIT = 5000;
  /** The estimated size of one part of a split body. */
  public static final int PART = 2500;

  private CodeSize() {}

  public static int of(List<Stmt> stmts) {
    int size = 0;
    for (Stmt s : stmts) {
      size += of(s);
    }
    return size;
  }

  public static int of(Stmt s) {
    int size = 4;
    for (Expr e : Stmts.exprs(s)) {
      size += of(e);
    }
    for (Block b : Stmts.blocks(s)) {
      size += of(b.stmts()) + 3;
    }
    return size;
  }

  private static int of(Expr e) {
    int[] size = {0};
    Exprs.walk(e, x -> size[0] += x instanceof Expr.Invoke || x instanceof Expr.MathCall
        || x instanceof Expr.Construct || x instanceof Expr.Component ? 6 : 3);
    return size[0];
  }

  public static boolean tooLarge(List<Stmt> stmts) {
    return of(stmts) > LIMIT;
  }
}
