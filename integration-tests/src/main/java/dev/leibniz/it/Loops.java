package dev.leibniz.it;

import dev.leibniz.Differentiable;

/** Loops, branches and early exits. */
public final class Loops {
  private Loops() {}

  /** x^n by repeated multiplication. */
  @Differentiable
  static double power(double x, int n) {
    double r = 1;
    for (int i = 0; i < n; i++) {
      r *= x;
    }
    return r;
  }

  /** Newton's method for sqrt(a), a data-dependent while loop (JAX cannot reverse through lax.while_loop). */
  @Differentiable
  static double newtonSqrt(double a) {
    double x = a;
    double prev = 0;
    while (Math.abs(x - prev) > 1e-12) {
      prev = x;
      x = 0.5 * (x + a / x);
    }
    return x;
  }

  @Differentiable
  static double firstAbove(double x, double limit) {
    double y = x;
    for (int i = 0; i < 100; i++) {
      y = y * 1.5 + Math.sin(y);
      if (y > limit) {
        break;
      }
    }
    return y;
  }

  @Differentiable
  static double earlyReturn(double x) {
    if (x < 0) {
      return x * x;
    }
    double s = 0;
    int k = 0;
    do {
      s += Math.exp(-k * x);
      k++;
      if (k > 20) {
        return s;
      }
    } while (s < 3);
    return s * x;
  }

  @Differentiable
  static double nested(double x, double y) {
    double acc = 0;
    for (int i = 1; i <= 3; i++) {
      for (int j = 0; j < i; j++) {
        if ((i + j) % 2 == 0) {
          acc += Math.sin(x * i) * y;
          continue;
        }
        acc += Math.cos(y * j + x);
      }
    }
    return acc;
  }

  @Differentiable
  static float floatPoly(float x) {
    float r = 0f;
    for (int i = 0; i < 4; i++) {
      r = r * x + (float) Math.exp(x) / (i + 1);
    }
    return r;
  }
}
