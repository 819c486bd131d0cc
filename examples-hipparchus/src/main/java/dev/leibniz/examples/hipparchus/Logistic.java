package dev.leibniz.examples.hipparchus;

import dev.leibniz.Differentiable;
import dev.leibniz.NonDiff;

/** Logistic growth, the model fitted by {@link LogisticFit}: Leibniz generates {@code LogisticDerivatives}. */
public final class Logistic {
  private Logistic() {}

  /**
   * The curve {@code K / (1 + exp(-r (t - t0)))} at each time {@code t[i]}, for parameters
   * {@code p = {K, r, t0}} (capacity, rate, midpoint). The times are data, not differentiated.
   */
  @Differentiable
  public static double[] model(double[] p, @NonDiff double[] t) {
    double[] y = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      y[i] = p[0] / (1 + Math.exp(-p[1] * (t[i] - p[2])));
    }
    return y;
  }
}
