package dev.leibniz.examples.hipparchus;

import dev.leibniz.Differentiable;

/** Rosenbrock's function in n dimensions, minimised by {@link RosenbrockMinimum}. */
public final class Rosenbrock {
  private Rosenbrock() {}

  /** {@code sum 100 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2}: its minimum is 0 at {@code (1, ..., 1)}. */
  @Differentiable
  public static double rosenbrock(double[] x) {
    double sum = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      sum += 100 * a * a + b * b;
    }
    return sum;
  }
}
