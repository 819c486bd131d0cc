package dev.leibniz.benchmarks;

/** The gradients of {@link ArrayFunctions} written by hand as reverse-mode loops, for comparison. */
final class HandWrittenArrays {
  private HandWrittenArrays() {}

  /** Both gradients of the dot product: {@code (b, a)}. */
  static double[][] dotGrad(double[] a, double[] b) {
    double[] aBar = new double[a.length];
    double[] bBar = new double[b.length];
    for (int i = a.length - 1; i >= 0; i--) {
      aBar[i] += b[i];
      bBar[i] += a[i];
    }
    return new double[][] {aBar, bBar};
  }

  /** The softmax of {@code x}: the gradient of log-sum-exp (a tie of maxima splits as Math.max's rule does not matter: it cancels). */
  static double[] logSumExpGrad(double[] x) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      max = Math.max(max, v);
    }
    double s = 0;
    double[] e = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      e[i] = Math.exp(x[i] - max);
      s += e[i];
    }
    double[] xBar = new double[x.length];
    for (int i = x.length - 1; i >= 0; i--) {
      xBar[i] = e[i] / s;
    }
    return xBar;
  }

  /** The gradient of the logistic loss with respect to the weights (the bias's last). */
  static double[] logisticLossGrad(double[] w, double bias, double[] x, double[] y) {
    int d = w.length;
    int n = y.length;
    double[] g = new double[d + 1];
    for (int i = 0; i < n; i++) {
      double z = bias;
      for (int j = 0; j < d; j++) {
        z += x[i * d + j] * w[j];
      }
      double r = (1 / (1 + Math.exp(-z)) - y[i]) / n;
      for (int j = 0; j < d; j++) {
        g[j] += r * x[i * d + j];
      }
      g[d] += r;
    }
    return g;
  }

  /** The gradient of the recurrence with respect to {@code x0}, {@code k}: one double kept per step. */
  static double[] recurrenceGrad(double x0, double k, double h, int steps) {
    double[] xs = new double[steps];
    double x = x0;
    for (int s = 0; s < steps; s++) {
      xs[s] = x;
      x += h * Math.sin(x) * k;
    }
    double xBar = 1;
    double kBar = 0;
    for (int s = steps - 1; s >= 0; s--) {
      kBar += xBar * h * Math.sin(xs[s]);
      xBar += xBar * h * Math.cos(xs[s]) * k;
    }
    return new double[] {xBar, kBar};
  }
}
