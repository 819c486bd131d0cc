package dev.leibniz.processor.ir;

import java.util.ArrayList;
import java.util.List;

/** A sequence of statements. */
public record Block(List<Stmt> stmts) {
  public static final Block EMPTY = new Block(List.of());

  public Block {
    stmts = List.copyOf(stmts);
  }

  public boolean isEmpty() {
    return stmts.isEmpty();
  }

  public static Block of(Stmt... stmts) {
    return new Block(List.of(stmts));
  }

  /** A block builder. */
  public static final class Builder {
    private final List<Stmt> stmts = new ArrayList<>();

    public Builder add(Stmt stmt) {
      stmts.add(stmt);
      return this;
    }

    public Builder addAll(List<Stmt> more) {
      stmts.addAll(more);
      return this;
    }

    public List<Stmt> stmts() {
      return stmts;
    }

    public Block build() {
      return new Block(stmts);
    }
  }
}
