package dev.leibniz.it;

import dev.leibniz.Differentiable;

/**
 * {@code float} code: functions without a float overload written {@code (float) Math.f(x)}, the
 * float overloads of {@code Math}, float arithmetic and casts between float, double and int.
 */
public final class Floats {
  private Floats() {}

  @Differentiable
  static float sin(float x) {
    return (float) Math.sin(x);
  }

  @Differentiable
  static float cos(float x) {
    return (float) Math.cos(x);
  }

  @Differentiable
  static float tan(float x) {
    return (float) Math.tan(x);
  }

  @Differentiable
  static float asin(float x) {
    return (float) Math.asin(x);
  }

  @Differentiable
  static float acos(float x) {
    return (float) Math.acos(x);
  }

  @Differentiable
  static float atan(float x) {
    return (float) Math.atan(x);
  }

  @Differentiable
  static float sinh(float x) {
    return (float) Math.sinh(x);
  }

  @Differentiable
  static float cosh(float x) {
    return (float) Math.cosh(x);
  }

  @Differentiable
  static float tanh(float x) {
    return (float) Math.tanh(x);
  }

  @Differentiable
  static float exp(float x) {
    return (float) Math.exp(x);
  }

  @Differentiable
  static float expm1(float x) {
    return (float) Math.expm1(x);
  }

  @Differentiable
  static float log(float x) {
    return (float) Math.log(x);
  }

  @Differentiable
  static float log10(float x) {
    return (float) Math.log10(x);
  }

  @Differentiable
  static float log1p(float x) {
    return (float) Math.log1p(x);
  }

  @Differentiable
  static float sqrt(float x) {
    return (float) Math.sqrt(x);
  }

  @Differentiable
  static float cbrt(float x) {
    return (float) Math.cbrt(x);
  }

  @Differentiable
  static float pow(float x, float y) {
    return (float) Math.pow(x, y);
  }

  @Differentiable
  static float hypot(float x, float y) {
    return (float) Math.hypot(x, y);
  }

  @Differentiable
  static float atan2(float y, float x) {
    return (float) Math.atan2(y, x);
  }

  @Differentiable
  static float ieeeRemainder(float x, float y) {
    return (float) Math.IEEEremainder(x, y);
  }

  @Differentiable
  static float toRadians(float x) {
    return (float) Math.toRadians(x);
  }

  @Differentiable
  static float toDegrees(float x) {
    return (float) Math.toDegrees(x);
  }

  @Differentiable
  static float floorCeilRint(float x) {
    return (float) (Math.floor(x) + Math.ceil(x) + Math.rint(x)) * x;
  }

  // Math's own float overloads.

  @Differentiable
  static float abs(float x) {
    return Math.abs(x);
  }

  @Differentiable
  static float min(float x, float y) {
    return Math.min(x, y);
  }

  @Differentiable
  static float max(float x, float y) {
    return Math.max(x, y);
  }

  @Differentiable
  static float copySign(float x, float y) {
    return Math.copySign(x, y);
  }

  @Differentiable
  static float fma(float x, float y, float z) {
    return Math.fma(x, y, z);
  }

  @Differentiable
  static float scalb(float x, int n) {
    return Math.scalb(x, n);
  }

  @Differentiable
  static float nextUpDown(float x) {
    return Math.nextUp(x) * Math.nextDown(x);
  }

  @Differentiable
  static float signumUlp(float x) {
    return Math.signum(x) * x + Math.ulp(x);
  }

  /** Float arithmetic, float literals, an int→float promotion and %. */
  @Differentiable
  static float arithmetic(float x, float y) {
    int k = 3;
    float a = x * y - x / y + 2.5f * -x;
    float b = (x + k) % y;
    return a * b + k * x;
  }

  /** double→float narrowing of a double computation on a float parameter. */
  @Differentiable
  static float narrowed(float x) {
    double wide = Math.exp(x) * 1.5 + x;
    return (float) wide;
  }

  /** float→double widening: a double result from a float parameter. */
  @Differentiable
  static double widened(float x) {
    double d = x;
    return d * d + (double) x;
  }

  /** A mixed double/float signature. */
  @Differentiable
  static double mixed(double a, float b) {
    float c = (float) a * b;
    return a * c + Math.sin(b);
  }
}
