package dev.leibniz.it;

import dev.leibniz.Differentiable;

/**
 * One method per {@code Math} function with a derivative, plus a few {@code StrictMath} ones.
 * Piecewise-constant functions are multiplied by {@code x} so their (zero) derivative shows up in
 * a non-zero gradient.
 */
public final class MathFunctions {
  private MathFunctions() {}

  @Differentiable
  static double sin(double x) {
    return Math.sin(x);
  }

  @Differentiable
  static double cos(double x) {
    return Math.cos(x);
  }

  @Differentiable
  static double tan(double x) {
    return Math.tan(x);
  }

  @Differentiable
  static double asin(double x) {
    return Math.asin(x);
  }

  @Differentiable
  static double acos(double x) {
    return Math.acos(x);
  }

  @Differentiable
  static double atan(double x) {
    return Math.atan(x);
  }

  @Differentiable
  static double sinh(double x) {
    return Math.sinh(x);
  }

  @Differentiable
  static double cosh(double x) {
    return Math.cosh(x);
  }

  @Differentiable
  static double tanh(double x) {
    return Math.tanh(x);
  }

  @Differentiable
  static double exp(double x) {
    return Math.exp(x);
  }

  @Differentiable
  static double expm1(double x) {
    return Math.expm1(x);
  }

  @Differentiable
  static double log(double x) {
    return Math.log(x);
  }

  @Differentiable
  static double log10(double x) {
    return Math.log10(x);
  }

  @Differentiable
  static double log1p(double x) {
    return Math.log1p(x);
  }

  @Differentiable
  static double sqrt(double x) {
    return Math.sqrt(x);
  }

  @Differentiable
  static double cbrt(double x) {
    return Math.cbrt(x);
  }

  @Differentiable
  static double pow(double x, double y) {
    return Math.pow(x, y);
  }

  /** An integer-valued exponent, written as a literal. */
  @Differentiable
  static double cube(double x) {
    return Math.pow(x, 3);
  }

  @Differentiable
  static double hypot(double x, double y) {
    return Math.hypot(x, y);
  }

  @Differentiable
  static double atan2(double y, double x) {
    return Math.atan2(y, x);
  }

  @Differentiable
  static double ieeeRemainder(double x, double y) {
    return Math.IEEEremainder(x, y);
  }

  @Differentiable
  static double abs(double x) {
    return Math.abs(x);
  }

  @Differentiable
  static double min(double x, double y) {
    return Math.min(x, y);
  }

  @Differentiable
  static double max(double x, double y) {
    return Math.max(x, y);
  }

  @Differentiable
  static double copySign(double x, double y) {
    return Math.copySign(x, y);
  }

  @Differentiable
  static double fma(double x, double y, double z) {
    return Math.fma(x, y, z);
  }

  /** {@code x * 2^n}; {@code n} is an int, so not differentiable. */
  @Differentiable
  static double scalb(double x, int n) {
    return Math.scalb(x, n);
  }

  @Differentiable
  static double nextUp(double x) {
    return Math.nextUp(x) * x;
  }

  @Differentiable
  static double nextDown(double x) {
    return Math.nextDown(x) + x;
  }

  @Differentiable
  static double toRadians(double x) {
    return Math.toRadians(x);
  }

  @Differentiable
  static double toDegrees(double x) {
    return Math.toDegrees(x);
  }

  @Differentiable
  static double signum(double x) {
    return Math.signum(x) * x * x;
  }

  @Differentiable
  static double floor(double x) {
    return Math.floor(x) * x;
  }

  @Differentiable
  static double ceil(double x) {
    return Math.ceil(x) * x;
  }

  @Differentiable
  static double rint(double x) {
    return Math.rint(x) * x;
  }

  @Differentiable
  static double ulp(double x) {
    return Math.ulp(x) * 1e15 + x;
  }

  @Differentiable
  static double strictSin(double x) {
    return StrictMath.sin(x);
  }

  @Differentiable
  static double strictExpLog(double x) {
    return StrictMath.exp(x) * StrictMath.log(x);
  }

  @Differentiable
  static double strictPow(double x, double y) {
    return StrictMath.pow(x, y);
  }

  @Differentiable
  static double strictAtan2(double y, double x) {
    return StrictMath.atan2(y, x);
  }

  @Differentiable
  static double strictHypotCbrt(double x, double y) {
    return StrictMath.hypot(x, StrictMath.cbrt(y));
  }

  /** The chain rule through several functions at once. */
  @Differentiable
  static double composite(double x, double y) {
    return Math.exp(Math.sin(x) * Math.cos(y)) / Math.sqrt(1 + x * x) + Math.atan2(Math.tanh(y), 2 + x);
  }
}
