package dev.leibniz.processor.ir;

import java.util.List;

/** A statement. Control flow stays structured: {@code if} and loops, as the user wrote them. */
public sealed interface Stmt
    permits Stmt.Declare, Stmt.Assign, Stmt.ArrayWrite, Stmt.Eval, Stmt.If, Stmt.Loop, Stmt.Break,
        Stmt.Continue, Stmt.Return, Stmt.Throw, Stmt.Push {

  SourceRef source();

  /** Declares {@code var}, with an initial value when {@code init} is not null. */
  record Declare(Var var, Expr init, SourceRef source) implements Stmt {}

  record Assign(Var target, Expr value, SourceRef source) implements Stmt {}

  record ArrayWrite(Var array, Expr index, Expr value, SourceRef source) implements Stmt {}

  /** An expression evaluated for its effect, such as {@code System.out.println(x)}. */
  record Eval(Expr expr, SourceRef source) implements Stmt {}

  record If(Expr cond, Block then, Block otherwise, SourceRef source) implements Stmt {}

  /**
   * {@code label: for (init; cond; update) body}; a {@code while} loop has empty {@code init} and
   * {@code update}, a {@code do} loop has {@code testAfter}. A null {@code cond} means {@code true}.
   */
  record Loop(String label, Block init, Expr cond, Block body, Block update, boolean testAfter,
      SourceRef source) implements Stmt {}

  /** {@code break}, with a label or null. */
  record Break(String label, SourceRef source) implements Stmt {}

  record Continue(String label, SourceRef source) implements Stmt {}

  /** Returns the leaves of the result: one value, or a record's components flattened. */
  record Return(List<Expr> values, SourceRef source) implements Stmt {
    public Return {
      values = List.copyOf(values);
    }
  }

  record Throw(Expr exception, SourceRef source) implements Stmt {}

  /** Pushes a value on a reverse-mode tape. */
  record Push(Var tape, Expr value, SourceRef source) implements Stmt {}
}
