package dev.leibniz.it;

import dev.leibniz.Differentiable;

/**
 * Zero cotangents across calls that JAX keeps symbolic: a callee's gradient for an argument it did
 * not read on the path it took, and the cotangent of a value the caller did not use. With an
 * infinite partial on the other side ({@code Math.sqrt(0)}), a computed zero made the gradient NaN
 * where forward mode and JAX are finite (issue 8).
 */
public final class CallZeros {
  private CallZeros() {}

  /** {@code x²} for positive {@code x}, else {@code sqrt(y) x}: {@code y} is read on one path only. */
  @Differentiable
  public static double branchy(double x, double y) {
    if (x > 0) {
      return x * x;
    }
    return Math.sqrt(y) * x;
  }

  /** {@code x² z} for positive {@code x}, the argument {@code sqrt(x - 1)} not read by the callee. */
  @Differentiable
  public static double argumentNotRead(double x, double z) {
    double y = Math.sqrt(x - 1);
    return branchy(x, y) * z;
  }

  /** Scales {@code a[0]} by {@code x}; its value {@code sqrt(x - 1)} has an infinite partial at 1. */
  @Differentiable
  public static double scaleAndMeasure(double[] a, double x) {
    a[0] = a[0] * x;
    return Math.sqrt(x - 1);
  }

  /** {@code a[0] x}: the callee's value not used. */
  @Differentiable
  public static double valueNotUsed(double[] a, double x) {
    scaleAndMeasure(a, x);
    return a[0];
  }
}
