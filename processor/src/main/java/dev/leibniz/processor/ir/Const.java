package dev.leibniz.processor.ir;

/** A literal: a boxed number, {@code Boolean}, {@code Character}, {@code String}, or {@code null}. */
public record Const(Type type, Object value) implements Expr {

  public static Const of(double value) {
    return new Const(Type.Prim.DOUBLE, value);
  }

  /** The number {@code value} as a literal of the floating type {@code type}. */
  public static Const of(Type type, double value) {
    return type == Type.Prim.FLOAT ? new Const(type, (float) value) : new Const(Type.Prim.DOUBLE, value);
  }

  public static Const zero(Type type) {
    if (type instanceof Type.Prim p) {
      return switch (p) {
        case BOOLEAN -> new Const(p, false);
        case CHAR -> new Const(p, '\0');
        case LONG -> new Const(p, 0L);
        case FLOAT -> new Const(p, 0f);
        case DOUBLE -> new Const(p, 0.0);
        default -> new Const(p, 0);
      };
    }
    return new Const(type, null);
  }

  /** Whether this is the number zero of either sign. */
  public boolean isZero() {
    return value instanceof Number n && n.doubleValue() == 0.0;
  }

  public boolean isOne() {
    return value instanceof Number n && n.doubleValue() == 1.0;
  }

  @Override
  public String toString() {
    return String.valueOf(value);
  }
}
