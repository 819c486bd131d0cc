package dev.leibniz.it;

import dev.leibniz.Differentiable;
import dev.leibniz.NonDiff;

/**
 * Loops whose reverse mode keeps little on the tape (issue 8, tape economy): values computed again
 * from what is kept, one push per value, trip counts known, and the cases where none of that applies.
 */
public final class TapeEconomy {
  private TapeEconomy() {}

  /** {@code x += h sin(x) k}: the tape keeps {@code x} only, 8 bytes a step. */
  @Differentiable(order = 2)
  public static double recurrence(double x0, double k, double h, int steps) {
    double x = x0;
    for (int s = 0; s < steps; s++) {
      x += h * Math.sin(x) * k;
    }
    return x;
  }

  /** The recurrence from an array's first element: its VJP object keeps its tape, which a test measures. */
  @Differentiable
  public static double recurrenceFrom(double[] start, double k, double h, int steps) {
    double x = start[0];
    for (int s = 0; s < steps; s++) {
      x += h * Math.sin(x) * k;
    }
    return x;
  }

  /** {@code sin(x)} is needed after {@code x} changed: it is kept, not computed again from the new {@code x}. */
  @Differentiable(order = 2)
  static double operandChanged(double x, int steps) {
    double y = 0;
    for (int s = 0; s < steps; s++) {
      double sn = Math.sin(x);
      x = 0.5 * x + 0.1;
      y += sn * x;
    }
    return y + x;
  }

  /** As {@link #operandChanged}, where {@code x} changes in a branch only. */
  @Differentiable(order = 2)
  static double operandChangedInBranch(double x, int steps) {
    double y = 0;
    for (int s = 0; s < steps; s++) {
      double t = x * x;
      if (t > 0.5) {
        x = x - 0.3 * t;
      }
      y += t * x;
    }
    return y;
  }

  /** The value read twice before it changes ({@code z}, {@code e}): pushed once each. */
  @Differentiable(order = 2)
  static double logisticLoss(double[] w, @NonDiff double[] x, @NonDiff double[] y) {
    int d = w.length;
    double loss = 0;
    for (int i = 0; i < y.length; i++) {
      double z = 0;
      for (int j = 0; j < d; j++) {
        z += x[i * d + j] * w[j];
      }
      double e = Math.exp(-Math.abs(z));
      loss += Math.max(z, 0) + Math.log1p(e) - y[i] * z;
    }
    return loss / y.length;
  }

  /** An inner loop whose trip count is the outer counter: known, not recorded. */
  @Differentiable(order = 2)
  static double triangular(double[] a, double c) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < i; j++) {
        s += a[j] * Math.sin(a[i] * c);
      }
    }
    return s;
  }

  /** A bound the body lowers: the trip count is recorded. */
  @Differentiable(order = 2)
  static double boundLowered(double x, int n) {
    int m = n;
    for (int i = 0; i < m; i++) {
      x = x * 0.9 + Math.sin(x);
      if (x > 1.2) {
        m = m - 1;
      }
    }
    return x;
  }

  /** A loop left early: the trip count is recorded. */
  @Differentiable(order = 2)
  static double leftEarly(double x, int n) {
    for (int i = 0; i < n; i++) {
      x = x * 1.3 + 0.1 * Math.cos(x);
      if (x > 4) {
        break;
      }
    }
    return x;
  }

  /** Log-sum-exp: the running maximum is pushed only where it changes (or ties), each {@code exp} once. */
  @Differentiable(order = 2)
  public static double logSumExp(double[] x) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < x.length; i++) {
      max = Math.max(max, x[i]);
    }
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += Math.exp(x[i] - max);
    }
    return max + Math.log(s);
  }

  /** A running minimum of scaled values, its operands the other way round, from a parameter. */
  @Differentiable(order = 2)
  public static double runningMin(double m, double[] x, double c) {
    for (int i = 0; i < x.length; i++) {
      m = Math.min(x[i] * c, m);
    }
    return m * m;
  }

  /** A running maximum in {@code float}, over nested loops whose counters scale the values. */
  @Differentiable
  public static float nestedMax(float[] x, int n) {
    float m = 0;
    float s = 0;
    for (int k = 0; k < n; k++) {
      for (int i = 0; i < x.length; i++) {
        m = Math.max(m, x[i] * k);
      }
      s += m;
    }
    return s;
  }
}
