package dev.leibniz.it;

import dev.leibniz.Differentiable;

/** Issue 8 / SPEC §5a: {@code void} methods that write their results into array parameters. */
public final class VoidMethods {
  private VoidMethods() {}

  /** A damped oscillator's right-hand side, written into {@code dydt}. */
  @Differentiable
  static void rhs(double k, double[] y, double[] dydt) {
    dydt[0] = y[1];
    dydt[1] = -k * y[0] - 0.1 * y[1];
  }

  /** Explicit Euler through the in-place right-hand side (the example). */
  @Differentiable
  static double finalPosition(double k, double[] y0, int steps, double h) {
    double[] y = y0.clone(), d = new double[2];
    for (int s = 0; s < steps; s++) {
      rhs(k, y, d);
      for (int i = 0; i < 2; i++) {
        y[i] += h * d[i];
      }
    }
    return y[0];
  }

  /** Updates {@code x} in place, with an early return and a loop. */
  @Differentiable
  static void smooth(double[] x, double a) {
    if (x.length < 2) {
      return;
    }
    for (int i = x.length - 1; i > 0; i--) {
      x[i] = (1 - a) * x[i] + a * Math.sin(x[i - 1]);
    }
  }

  /** Calls a void method twice, then reads the array. */
  @Differentiable(order = 2)
  static double smoothTwice(double[] x, double a) {
    double[] y = x.clone();
    smooth(y, a);
    smooth(y, a * a);
    double s = 0;
    for (double v : y) {
      s += v * v;
    }
    return s;
  }

  /** Writes two outputs from a record-free scalar input: the Jacobian's rows in parameter order. */
  @Differentiable
  static void polar(double r, double theta, double[] xy, double[] scaled) {
    xy[0] = r * Math.cos(theta);
    xy[1] = r * Math.sin(theta);
    scaled[0] = 3 * xy[0] * xy[1];
  }

  /** Writes {@code r}, then reads {@code m}: wrong derivatives if {@code r} is a row of {@code m}. */
  @Differentiable
  static void rowFromMatrix(double[][] m, double[] r) {
    r[0] = 2 * m[0][0];
    r[1] = m[1][0] * m[1][0];
  }

  /** Squares every entry, row by row: wrong derivatives if two rows are one array. */
  @Differentiable
  static void squareEntries(double[][] m) {
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[i].length; j++) {
        m[i][j] = m[i][j] * m[i][j];
      }
    }
  }

  /** Two arrays in a record. */
  record Pair(double[] a, double[] b) {}

  /** Writes {@code z}, reads the record's arrays: wrong derivatives if the record holds {@code z}. */
  @Differentiable
  static double scaleByPair(Pair p, double[] z) {
    z[0] = z[0] * p.a()[0];
    return z[0] + p.b()[0];
  }

  /** Swaps and scales between its two arrays: a = (b1, b0), b = (3 a1, 0). */
  @Differentiable
  static void exchange(double[] a, double[] b) {
    double t = a[1];
    a[0] = b[1];
    a[1] = b[0];
    b[0] = t * 3;
    b[1] = 0;
  }
}
