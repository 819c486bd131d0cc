package dev.leibniz.it;

import dev.leibniz.Differentiable;

/** Smoke test functions. */
public final class Basics {
  private Basics() {}

  @Differentiable
  static double f(double x, double y) {
    return Math.sin(x) * y;
  }

  @Differentiable
  static double log1pexp(double x) {
    return Math.log(1.0 + Math.exp(x));
  }
}
