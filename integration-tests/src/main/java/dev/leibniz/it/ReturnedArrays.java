package dev.leibniz.it;

import dev.leibniz.Differentiable;

/**
 * A method returning its parameter's array, called where nothing writes the array after the call
 * while the result is still used: the two names of one array never disagree, so the derivatives
 * are right (issue 8). Where they would disagree the call is refused ({@code RETURNS_PARAMETER_ARRAY}).
 */
public final class ReturnedArrays {
  private ReturnedArrays() {}

  /** Scales {@code a[0]} by {@code x} in place and returns {@code a} itself. */
  @Differentiable
  public static double[] scaled(double[] a, double x) {
    a[0] *= x;
    return a;
  }

  /** {@code x⁶}: {@code a[0]} is {@code x²}, then {@code x³} through the call, read under both names. */
  @Differentiable
  public static double writtenBefore(double[] a, double x) {
    a[0] = x * x;
    double[] w = scaled(a, x);
    return w[0] * a[0];
  }

  /** {@code a[0] x + 2x}: the argument written after the result's last read. */
  @Differentiable
  public static double resultNoLongerUsed(double[] a, double x) {
    double[] u = scaled(a, x);
    double s = u[0];
    a[0] = 2 * x;
    return s + a[0];
  }

  /** {@code 3 a[0] x²}: the result copied at once, the copy and the argument written after. */
  @Differentiable
  public static double copiedAtOnce(double[] a, double x) {
    double[] c = scaled(a, x).clone();
    a[0] = c[0] * x;
    c[0] = 2 * a[0];
    return c[0] + a[0];
  }

  /** The argument written before each call in a loop: the result read before the next write. */
  @Differentiable
  public static double eachIteration(double[] a, double x) {
    double s = 0;
    for (int i = 0; i < 3; i++) {
      a[0] = a[0] * x;
      double[] r = scaled(a, x);
      s += r[0] * r[0];
    }
    return s + a[0];
  }
}
