package dev.leibniz.it;

import dev.leibniz.Differentiable;

/** Issue 8 / SPEC §3: {@code double[][]} and {@code float[][]}, ragged rows included. */
public final class Matrices {
  private Matrices() {}

  /** y = A x, each row read into a local. */
  @Differentiable
  static double[] matVec(double[][] a, double[] x) {
    double[] y = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      double[] row = a[i];
      for (int j = 0; j < x.length; j++) {
        y[i] += row[j] * x[j];
      }
    }
    return y;
  }

  /** A matrix made with new double[n][m], its rows passed to a method. */
  @Differentiable
  static double outer(double[] u, double[] v) {
    double[][] m = new double[u.length][v.length];
    for (int i = 0; i < u.length; i++) {
      for (int j = 0; j < v.length; j++) {
        m[i][j] = u[i] * Math.sin(v[j]);
      }
    }
    double s = 0;
    for (double[] r : m) {
      s += norm2(r);
    }
    return s;
  }

  @Differentiable
  static double norm2(double[] r) {
    double s = 0;
    for (double x : r) {
      s += x * x;
    }
    return s;
  }

  /** Written in place, ragged rows: a[i][j] *= k (i + 1). */
  @Differentiable
  static void scaleRows(double[][] a, double k) {
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[i].length; j++) {
        a[i][j] *= k * (i + 1);
      }
    }
  }

  /** A matrix result: the Gram matrix A A^T. */
  @Differentiable
  static double[][] gram(double[][] a) {
    double[][] g = new double[a.length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        for (int k = 0; k < a[i].length; k++) {
          g[i][j] += a[i][k] * a[j][k];
        }
      }
    }
    return g;
  }

  @Differentiable
  static float diagonalSquares(float[][] a) {
    float s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i][i] * a[i][i];
    }
    return s;
  }

  /** A matrix literal from a copied row and elements, passed to a void method writing into it. */
  @Differentiable
  static double useScale(double[][] a, double k) {
    double[][] b = new double[][] {a[0].clone(), {a[1][0], 2}};
    scaleRows(b, k);
    return b[0][0] * b[1][0] + b[1][1];
  }

  /** A row written by a callee in place (SPEC §5a through a row), then read through the matrix. */
  @Differentiable
  static double rowsInPlace(double[][] a, double k) {
    for (double[] row : a) {
      scale(row, k);
    }
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += Math.exp(a[i][0]) * (i + 1);
    }
    return s;
  }

  @Differentiable
  static void scale(double[] x, double k) {
    for (int i = 0; i < x.length; i++) {
      x[i] = x[i] * k + Math.sin(x[i]);
    }
  }

  /**
   * {@code s r[1] + s x} with {@code s = x (r[0]² + r[1]²)}: a row looped over, then written
   * through the matrix, then read again (the backward sweep read the row's new first element for
   * the loop's; the gradient was wrong).
   */
  @Differentiable
  static double rowWrittenThroughTheMatrix(double[][] m, double x) {
    double[] r = m[0];
    double s = 0;
    for (int i = 0; i < r.length; i++) {
      s += r[i] * r[i] * x;
    }
    m[0][0] = s;
    return m[0][0] * r[1] + r[0] * x;
  }
}
