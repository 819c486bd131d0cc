package dev.leibniz.it;

import dev.leibniz.Differentiable;

/** Annotated methods of another class, called from {@link Calls}. */
public final class Helpers {
  private Helpers() {}

  @Differentiable
  static double softplus(double x) {
    return Math.log1p(Math.exp(x));
  }

  @Differentiable
  static double scaled(double x, int k) {
    return k * x * Calls.square(x);
  }

  /** An integer helper: not differentiable, called with an int argument only. */
  static int triangle(int n) {
    return n * (n + 1) / 2;
  }
}
