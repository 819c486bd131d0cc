package dev.leibniz.processor.ir;

/**
 * A local variable of generated or user code. Identity matters: two {@code Var}s with the same
 * name are different variables (the {@link Namer} keeps names unique within a method).
 */
public final class Var implements Expr {
  private final String name;
  private final Type type;

  public Var(String name, Type type) {
    this.name = name;
    this.type = type;
  }

  public String name() {
    return name;
  }

  @Override
  public Type type() {
    return type;
  }

  @Override
  public String toString() {
    return name;
  }
}
