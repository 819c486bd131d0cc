package dev.leibniz.processor.ir;

import java.util.Locale;

/**
 * The {@code Math}/{@code StrictMath} functions with a derivative (their rules live in
 * {@code rules.PrimitiveRules}). {@code floatNative} marks those with a {@code float} overload;
 * the others run in {@code float} as {@code (float) Math.f(x)}.
 */
public enum MathFn {
  SIN(1), COS(1), TAN(1), ASIN(1), ACOS(1), ATAN(1),
  SINH(1), COSH(1), TANH(1),
  EXP(1), EXPM1(1), LOG(1), LOG10(1), LOG1P(1), SQRT(1), CBRT(1),
  POW(2), HYPOT(2), ATAN2(2), IEEEREMAINDER(2, "IEEEremainder"),
  ABS(1, true), MIN(2, true), MAX(2, true), COPYSIGN(2, true, "copySign"), FMA(3, true),
  SCALB(2, true), NEXTUP(1, true, "nextUp"), NEXTDOWN(1, true, "nextDown"),
  TORADIANS(1, "toRadians"), TODEGREES(1, "toDegrees"),
  // Piecewise constant: their derivative is zero everywhere it exists (JAX: a symbolic zero).
  SIGNUM(1, true), FLOOR(1), CEIL(1), RINT(1), ULP(1, true);

  private final int arity;
  private final boolean floatNative;
  private final String javaName;

  MathFn(int arity) {
    this(arity, false);
  }

  MathFn(int arity, String javaName) {
    this(arity, false, javaName);
  }

  MathFn(int arity, boolean floatNative) {
    this(arity, floatNative, null);
  }

  MathFn(int arity, boolean floatNative, String javaName) {
    this.arity = arity;
    this.floatNative = floatNative;
    this.javaName = javaName != null ? javaName : name().toLowerCase(Locale.ROOT);
  }

  public int arity() {
    return arity;
  }

  /** The method name in {@code java.lang.Math}. */
  public String javaName() {
    return javaName;
  }

  /** Whether {@code Math} has a {@code float} overload returning {@code float}. */
  public boolean floatNative() {
    return floatNative;
  }

  /** Whether the derivative is zero wherever it exists, so the result carries no tangent. */
  public boolean piecewiseConstant() {
    return this == SIGNUM || this == FLOOR || this == CEIL || this == RINT || this == ULP;
  }

  /** The parameter positions that take an {@code int} rather than the floating type. */
  public boolean intParameter(int index) {
    return this == SCALB && index == 1;
  }

  public static MathFn byJavaName(String name) {
    for (MathFn fn : values()) {
      if (fn.javaName.equals(name)) {
        return fn;
      }
    }
    return null;
  }
}
