package dev.leibniz.it;

import dev.leibniz.CustomJvp;
import dev.leibniz.Differentiable;
import dev.leibniz.runtime.Dual;

/** Second-order forms: Hessians and Hessian-vector products. */
public final class SecondOrder {
  private SecondOrder() {}

  @Differentiable(order = 2)
  static double rosenbrock(double x, double y) {
    double a = 1 - x;
    double b = y - x * x;
    return a * a + 100 * b * b;
  }

  /** Through a loop and a call. */
  @Differentiable(order = 2)
  static double looped(double x, double y) {
    double s = 0;
    for (int i = 1; i <= 4; i++) {
      s += helper(x * i, y) / i;
    }
    return s;
  }

  @Differentiable
  static double helper(double u, double v) {
    return Math.sin(u) * Math.exp(v * 0.3);
  }

  /** A custom rule used at both orders: the rule's tangent factor 2u is what gets differentiated. */
  @CustomJvp(value = "squareJvp", order = 2)
  static double square(double u) {
    return u * u;
  }

  static Dual squareJvp(double u, double uDot) {
    return new Dual(square(u), 2 * u * uDot);
  }

  @Differentiable(order = 2)
  static double usesSquare(double x, double y) {
    return square(x * y) + y;
  }

  @Differentiable(order = 2)
  static float floatCubic(float x) {
    return x * x * x - 2f * x;
  }

  /** A point and a label: the Hessian is over the point's two coordinates. */
  record Labelled(double x, double y, int label) {}

  @Differentiable(order = 2)
  static double energy(Labelled p, double k) {
    return k * p.x() * p.x() * p.y() + Math.sin(p.y()) * p.label();
  }

  /** A chain over an array and a weight: the Hessian's size is known only at run time. */
  @Differentiable(order = 2)
  static double chain(double[] z, double k) {
    double s = 0;
    for (int i = 0; i + 1 < z.length; i++) {
      s += k * z[i] * Math.sin(z[i + 1]);
    }
    return s + k * k * z[0];
  }

  /**
   * A rule whose tangent is not a true gradient: the gradient it implies is (0, x), so the Hessian
   * (JAX's jacfwd of jacrev) is [[0, 0], [1, 0]], not symmetric.
   */
  @CustomJvp(value = "skewJvp", order = 2)
  static double skew(double x, double y) {
    return x * y;
  }

  static Dual skewJvp(double x, double y, double xDot, double yDot) {
    return new Dual(skew(x, y), x * yDot);
  }

  /** {@code skew} over an array's elements and a record's, plus a symmetric term. */
  @Differentiable(order = 2)
  static double skewed(double[] v, Labelled p) {
    return skew(v[0] * p.y(), v[1]) + p.x() * v[1];
  }

  /** Samples, their scale and an id: D's leaves are the samples, then the scale (the id has none). */
  record Weighted(double[] samples, double scale, int id) {}

  /** Second order over a record holding an array. */
  @Differentiable(order = 2)
  static double weightedCubes(Weighted w, double k) {
    double s = 0;
    for (int i = 0; i < w.samples().length; i++) {
      s += w.scale() * w.samples()[i] * w.samples()[i] * w.samples()[i];
    }
    return s * k + w.id() * k * k;
  }

  /** Second order over a ragged matrix: neighbours in a row are coupled. */
  @Differentiable(order = 2)
  static double rowCoupling(double[][] a, double k) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j + 1 < a[i].length; j++) {
        s += k * Math.sin(a[i][j]) * a[i][j + 1];
      }
      s += a[i][0] * a[i][0];
    }
    return s;
  }

  /** The same over {@code float[][]}. */
  @Differentiable(order = 2)
  static float floatRowCoupling(float[][] a) {
    float s = 0f;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j + 1 < a[i].length; j++) {
        s += a[i][j] * a[i][j] * a[i][j + 1];
      }
    }
    return s;
  }
}
