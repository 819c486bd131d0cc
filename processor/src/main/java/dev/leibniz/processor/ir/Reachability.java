package dev.leibniz.processor.ir;

import java.util.List;

/**
 * Whether statements can complete normally, by the rules javac applies to the code Leibniz prints
 * (JLS 14.22): a statement placed after code that cannot is a compile error.
 */
public final class Reachability {
  private Reachability() {}

  /** Whether the statements of a block, all reachable, can complete normally: the last decides. */
  public static boolean completesNormally(List<Stmt> stmts) {
    return stmts.isEmpty() || completesNormally(stmts.get(stmts.size() - 1));
  }

  private static boolean completesNormally(Stmt s) {
    if (s instanceof Stmt.Break || s instanceof Stmt.Continue || s instanceof Stmt.Return
        || s instanceof Stmt.Throw) {
      return false;
    }
    if (s instanceof Stmt.If i) {
      return completesNormally(i.then().stmts()) || completesNormally(i.otherwise().stmts());
    }
    if (s instanceof Stmt.Loop l) {
      if (jumpsTo(l, l.body(), true, false) || jumpsTo(l, l.update(), true, false)) {
        return true;
      }
      if (l.cond() == null || l.cond() instanceof Const c && Boolean.TRUE.equals(c.value())) {
        return false;
      }
      // a do loop reaches its test from the end of its body (and update) or by a continue
      return !l.testAfter() || completesNormally(l.update().isEmpty() ? l.body().stmts() : l.update().stmts())
          || jumpsTo(l, l.body(), false, false);
    }
    return true;
  }

  /**
   * Whether {@code b}, inside loop {@code l} ({@code nested} in another loop of it), holds a break
   * (or a continue) of {@code l}.
   */
  private static boolean jumpsTo(Stmt.Loop l, Block b, boolean isBreak, boolean nested) {
    for (Stmt s : b.stmts()) {
      boolean jump = isBreak ? s instanceof Stmt.Break : s instanceof Stmt.Continue;
      String label = s instanceof Stmt.Break k ? k.label() : s instanceof Stmt.Continue k ? k.label() : null;
      if (jump && (label == null ? !nested : label.equals(l.label()))) {
        return true;
      }
      if (s instanceof Stmt.If i
          && (jumpsTo(l, i.then(), isBreak, nested) || jumpsTo(l, i.otherwise(), isBreak, nested))) {
        return true;
      }
      if (s instanceof Stmt.Loop inner
          && (jumpsTo(l, inner.body(), isBreak, true) || jumpsTo(l, inner.update(), isBreak, true))) {
        return true;
      }
    }
    return false;
  }
}
