package dev.leibniz.it;

import dev.leibniz.Differentiable;

/** Arrays: parameters, local arrays written element by element, array results. */
public final class Arrays {
  private Arrays() {}

  @Differentiable
  static double sumOfSquares(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return s;
  }

  /** Prefix sums into a local array, then a weighted read. */
  @Differentiable
  static double prefixWeighted(double[] v, double w) {
    double[] prefix = new double[v.length];
    double running = 0;
    for (int i = 0; i < v.length; i++) {
      running += v[i];
      prefix[i] = running * w;
    }
    double total = 0;
    for (int i = 0; i < prefix.length; i++) {
      total += Math.sin(prefix[i]) * (i + 1);
    }
    return total;
  }

  /** An array result: its vjp pulls a vector back. */
  @Differentiable
  static double[] scaled(double[] v, double k) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * k + Math.exp(v[i]);
    }
    return out;
  }

  @Differentiable
  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** Calls with array arguments. */
  @Differentiable
  static double composed(double[] v, double k) {
    double[] s = scaled(v, k);
    return dot(s, v) + sumOfSquares(s);
  }

  /** A fresh array in every iteration. */
  @Differentiable
  static double freshEachIteration(double x) {
    double s = 0;
    for (int i = 1; i <= 3; i++) {
      double[] w = new double[i];
      for (int j = 0; j < i; j++) {
        w[j] = Math.sin(x * (j + 1));
      }
      s += w[i - 1] * w[0];
    }
    return s;
  }

  /** An array returned from two places. */
  @Differentiable
  static double[] twoReturns(double x) {
    if (x > 0) {
      return new double[] {x * x};
    }
    return new double[] {x, 2 * x};
  }

  /** An array result after a loop left by break. */
  @Differentiable
  static double[] afterBreak(double x) {
    double[] r = new double[] {x, x * x};
    for (int i = 0; i < 10; i++) {
      r[0] = r[0] * 1.5;
      if (r[0] > 4) {
        break;
      }
    }
    return r;
  }

  /**
   * Writes into both its array parameters (SPEC §5a): in terms of the contents on entry,
   * sin(x0) y0 x1^2 + y0; afterwards y0 holds sin(x0) y0 and x1 holds x1^2.
   */
  @Differentiable
  static double writesInPlace(double[] x, double[] y) {
    double old = y[0];
    y[0] = Math.sin(x[0]) * y[0];
    x[1] = x[1] * x[1];
    return y[0] * x[1] + old;
  }

  /** Squares x[0] in place; returns sqrt(x[1]). */
  @Differentiable
  static double squareFirst(double[] x) {
    x[0] = x[0] * x[0];
    return Math.sqrt(x[1]);
  }

  /**
   * Issue 7: the callee's write into x was lost (the gradient at {3, 4} was {4, 9}). In terms of
   * x on entry, x0^2 x1: the gradient at {3, 4} is {24, 9}.
   */
  @Differentiable
  static double afterSquareFirst(double[] x) {
    squareFirst(x);
    return x[0] * x[1];
  }

  /** Two calls writing the same array, one value kept: x0^4 x1 + sqrt(x1). */
  @Differentiable
  static double squareFirstTwice(double[] x) {
    double r = squareFirst(x);
    squareFirst(x);
    return x[0] * x[1] + r;
  }

  /** A damped oscillator's right-hand side, written into {@code dydt} (SPEC §5a style). */
  @Differentiable
  static double oscillator(double k, double[] y, double[] dydt) {
    dydt[0] = y[1];
    dydt[1] = -k * y[0] - 0.1 * y[1];
    return 0;
  }

  /** Explicit Euler over {@link #oscillator}: the position after {@code steps} steps. */
  @Differentiable
  static double finalPosition(double k, double[] y0, int steps, double h) {
    double[] y = y0.clone(), d = new double[2]; // as in issue 8
    for (int s = 0; s < steps; s++) {
      oscillator(k, y, d);
      for (int i = 0; i < 2; i++) {
        y[i] += h * d[i];
      }
    }
    return y[0];
  }
}
