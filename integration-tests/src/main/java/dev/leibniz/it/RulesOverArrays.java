package dev.leibniz.it;

import dev.leibniz.CustomJvp;
import dev.leibniz.Differentiable;
import dev.leibniz.NonDiff;
import dev.leibniz.runtime.Dual;
import dev.leibniz.runtime.Jvp;

/** {@code @CustomJvp} rules of methods with array parameters and array results (issue 7, item 6). */
public final class RulesOverArrays {
  private RulesOverArrays() {}

  /** The example: its generated grad and vjp did not compile (they read {@code xDot}). */
  @CustomJvp("firstJvp")
  static double first(double[] x) {
    return x[0];
  }

  static Dual firstJvp(double[] x, double[] xDot) {
    return new Dual(x[0], xDot[0]);
  }

  /** Calls the rule's method: {@code x0 * x1}. */
  @Differentiable
  static double firstTimesSecond(double[] x) {
    return first(x) * x[1];
  }

  /** An array result: {@code 2 x}, its tangent a new array filled in a loop. */
  @CustomJvp("scaleJvp")
  static double[] scale(double[] x) {
    double[] r = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      r[i] = 2 * x[i];
    }
    return r;
  }

  static Jvp<double[]> scaleJvp(double[] x, double[] xDot) {
    double[] t = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      t[i] = 2 * xDot[i];
    }
    return new Jvp<>(scale(x), t);
  }

  /** {@code scale(x)[0] * scale(x)[1] = 4 x0 x1}. */
  @Differentiable
  static double productOfScaled(double[] x) {
    double[] s = scale(x);
    return s[0] * s[1];
  }

  /** {@code sum x_i^2 y}, second order through a rule that loops over the tangent array. */
  @CustomJvp(value = "weightedNormJvp", order = 2)
  static double weightedNorm(double[] x, double y) {
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    return s * y;
  }

  static Dual weightedNormJvp(double[] x, double y, double[] xDot, double yDot) {
    double s = 0;
    double t = 0;
    for (int i = 0; i < xDot.length; i++) {
      s += x[i] * x[i];
      t += 2 * x[i] * xDot[i];
    }
    return new Dual(weightedNorm(x, y), t * y + s * yDot);
  }

  /** Calls it: {@code weightedNorm(x, y) * x0}. */
  @Differentiable(order = 2)
  static double useWeightedNorm(double[] x, double y) {
    return weightedNorm(x, y) * x[0];
  }

  /** {@code float}: {@code x0^2 x1}. */
  @CustomJvp(value = "squareTimesJvp", order = 2)
  static float squareTimes(float[] x) {
    return x[0] * x[0] * x[1];
  }

  static Jvp<Float> squareTimesJvp(float[] x, float[] xDot) {
    return new Jvp<>(squareTimes(x), 2 * x[0] * x[1] * xDot[0] + x[0] * x[0] * xDot[1]);
  }

  /** A {@code float[]} result: {@code (x0 x1, x1)}. */
  @CustomJvp("pairJvp")
  static float[] pair(float[] x) {
    return new float[] {x[0] * x[1], x[1]};
  }

  static Jvp<float[]> pairJvp(float[] x, float[] xDot) {
    return new Jvp<>(pair(x), new float[] {xDot[0] * x[1] + x[0] * xDot[1], xDot[1]});
  }

  @Differentiable
  static float usePair(float[] x) {
    float[] p = pair(x);
    return p[0] * p[1];
  }

  /** {@code x_k y_k}: two arrays and a {@code @NonDiff} index. */
  @CustomJvp("productAtJvp")
  static double productAt(@NonDiff int k, double[] x, double[] y) {
    return x[k] * y[k];
  }

  static Dual productAtJvp(int k, double[] x, double[] y, double[] xDot, double[] yDot) {
    return new Dual(productAt(k, x, y), xDot[k] * y[k] + x[k] * yDot[k]);
  }

  /** A record holding an array: its tangent's {@code scale} is the primal's. */
  record Weights(double[] w, int scale) {}

  /** {@code w0 * scale}. */
  @CustomJvp("scaledFirstJvp")
  static double scaledFirst(Weights v) {
    return v.w()[0] * v.scale();
  }

  static Dual scaledFirstJvp(Weights v, Weights vDot) {
    return new Dual(scaledFirst(v), vDot.w()[0] * vDot.scale());
  }

  /** The identity, its tangent the tangent array itself. */
  @CustomJvp("copyJvp")
  static double[] copy(double[] x) {
    return x.clone();
  }

  static Jvp<double[]> copyJvp(double[] x, double[] xDot) {
    return new Jvp<>(x.clone(), xDot);
  }

  /**
   * Per-argument rules ({@code defjvps}) over an array and a scalar: each returns its parameter's
   * contribution to the result's tangent, a {@code double}.
   */
  @CustomJvp(perArgument = {"weightedSumX", "weightedSumY"})
  static double weightedSum(double[] x, double y) {
    return (x[0] + 2 * x[1]) * y;
  }

  static double weightedSumX(double[] xDot, double primalOut, double[] x, double y) {
    return (xDot[0] + 2 * xDot[1]) * y;
  }

  static double weightedSumY(double yDot, double primalOut, double[] x, double y) {
    return (x[0] + 2 * x[1]) * yDot;
  }
}
