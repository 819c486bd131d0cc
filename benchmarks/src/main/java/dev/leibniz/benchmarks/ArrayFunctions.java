package dev.leibniz.benchmarks;

import dev.leibniz.Differentiable;
import dev.leibniz.NonDiff;

/** Functions over large arrays and long loops, differentiated by Leibniz for {@link ArrayBenchmarks}. */
public final class ArrayFunctions {
  private ArrayFunctions() {}

  @Differentiable
  public static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** {@code log(sum exp(x[i]))}, shifted by the maximum so that it does not overflow. */
  @Differentiable
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

  /**
   * The mean logistic loss of weights {@code w} (and a bias) on rows {@code x[i * d .. i * d + d)}
   * with labels {@code y[i]} in {0, 1} (data: not differentiated): the mean of {@code log(1 + exp(z)) - y z}, {@code z = x w + bias}.
   */
  @Differentiable
  public static double logisticLoss(double[] w, double bias, @NonDiff double[] x, @NonDiff double[] y) {
    int d = w.length;
    int n = y.length;
    double loss = 0;
    for (int i = 0; i < n; i++) {
      double z = bias;
      for (int j = 0; j < d; j++) {
        z += x[i * d + j] * w[j];
      }
      // log(1 + exp(z)), written to not overflow
      double softplus = Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
      loss += softplus - y[i] * z;
    }
    return loss / n;
  }

  /** The scalar recurrence {@code x += h sin(x) k}, {@code steps} times. */
  @Differentiable
  public static double recurrence(double x0, double k, double h, int steps) {
    double x = x0;
    for (int s = 0; s < steps; s++) {
      x += h * Math.sin(x) * k;
    }
    return x;
  }
}
