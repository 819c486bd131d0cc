package dev.leibniz.benchmarks;

/** The same gradients written by hand, the way a careful programmer would. */
final class HandWritten {
  private HandWritten() {}

  static double log1pexpGrad(double x) {
    double e = Math.exp(x);
    return e / (1 + e);
  }

  /** Returns the gradient w.r.t. x in {@code out[0]} and y in {@code out[1]}. */
  static double sinTimesGradX(double x, double y) {
    return Math.cos(x) * y;
  }

  static double sinTimesGradY(double x) {
    return Math.sin(x);
  }

  static double mixedGrad(double x) {
    double e = Math.exp(-x * x);
    double c = Math.cos(3 * x);
    double s = Math.sin(3 * x);
    double q = 1 + x * x;
    double l = Math.log1p(x * x);
    return -2 * x * e * c - 3 * e * s + (2 * x / q) / q - l * 2 * x / (q * q);
  }

  static double hornerGrad(double x) {
    double r = 0.5;
    double d = 0.0;
    d = d * x + r;
    r = r * x - 1.25;
    d = d * x + r;
    r = r * x + 0.75;
    d = d * x + r;
    r = r * x + 2.0;
    d = d * x + r;
    r = r * x - 0.3;
    d = d * x + r;
    r = r * x + 1.1;
    d = d * x + r;
    r = r * x - 0.9;
    d = d * x + r;
    r = r * x + 0.05;
    return d * x + r;
  }

  /** The transposed rule of {@code stableLog1pexp}: one evaluation of the rule's tangent factor. */
  static double stableLog1pexpGrad(double x) {
    return 1 - 1 / (1 + Math.exp(x));
  }
}
