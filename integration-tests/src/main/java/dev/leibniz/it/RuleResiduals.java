package dev.leibniz.it;

import dev.leibniz.CustomJvp;
import dev.leibniz.CustomVjp;
import dev.leibniz.Differentiable;
import dev.leibniz.NonDiff;
import dev.leibniz.runtime.Dual;
import dev.leibniz.runtime.Fwd;

/**
 * {@code @CustomVjp} rules whose residuals hold the caller's arrays, which the caller writes after
 * the call: the backward rule, run later, must see them as the call did (the VJP object keeps
 * copies). Each caller returns the written element too, so that the write shows in the gradient.
 */
public final class RuleResiduals {
  private RuleResiduals() {}

  /** A residual record holding the argument's array. */
  public record Kept(double[] x, double scale) {}

  /** {@code a0^2 + a1}, the residual the argument itself. */
  @CustomVjp(fwd = "squareFwd", bwd = "squareBwd")
  static double square(double[] a) {
    return a[0] * a[0] + a[1];
  }

  static Fwd<Double, double[]> squareFwd(double[] a) {
    return new Fwd<>(square(a), a);
  }

  static double[] squareBwd(double[] a, double g) {
    return new double[] {2 * a[0] * g, g};
  }

  /** {@code a0^2 + a1 + 10 a0}. */
  @Differentiable
  static double arrayWrittenLater(double[] a) {
    double y = square(a);
    a[0] = 10 * a[0];
    return y + a[0];
  }

  /** {@code 3 a0 a1}, the residual a record holding the argument. */
  @CustomVjp(fwd = "productFwd", bwd = "productBwd")
  static double product(double[] a) {
    return 3 * a[0] * a[1];
  }

  static Fwd<Double, Kept> productFwd(double[] a) {
    return new Fwd<>(product(a), new Kept(a, 3));
  }

  static double[] productBwd(Kept k, double g) {
    return new double[] {k.scale() * k.x()[1] * g, k.scale() * k.x()[0] * g};
  }

  /** {@code 3 a0 a1 + a1^2}. */
  @Differentiable
  static double recordWrittenLater(double[] a) {
    double y = product(a);
    a[1] = a[1] * a[1];
    return y + a[1];
  }

  /** {@code m00^2 + m01}, the residual the matrix's first row. */
  @CustomVjp(fwd = "rowSquareFwd", bwd = "rowSquareBwd")
  static double rowSquare(double[][] m) {
    return m[0][0] * m[0][0] + m[0][1];
  }

  static Fwd<Double, double[]> rowSquareFwd(double[][] m) {
    return new Fwd<>(rowSquare(m), m[0]);
  }

  static double[][] rowSquareBwd(double[] row, double g) {
    return new double[][] {{2 * row[0] * g, g}, null};
  }

  /** {@code m00^2 + m01 + 5 m00}. */
  @Differentiable
  static double rowWrittenLater(double[][] m) {
    double y = rowSquare(m);
    m[0][0] = 5 * m[0][0];
    return y + m[0][0];
  }

  /** {@code m00 m10}, the residual a new matrix of the argument's rows. */
  @CustomVjp(fwd = "columnProductFwd", bwd = "columnProductBwd")
  static double columnProduct(double[][] m) {
    return m[0][0] * m[1][0];
  }

  static Fwd<Double, double[][]> columnProductFwd(double[][] m) {
    return new Fwd<>(columnProduct(m), new double[][] {m[0], m[1]});
  }

  static double[][] columnProductBwd(double[][] rows, double g) {
    return new double[][] {{rows[1][0] * g, 0}, {rows[0][0] * g, 0}};
  }

  /** {@code m00 m10 + m10^3}. */
  @Differentiable
  static double rowsWrittenLater(double[][] m) {
    double y = columnProduct(m);
    m[1][0] = m[1][0] * m[1][0] * m[1][0];
    return y + m[1][0];
  }

  /** {@code a_{i0}^2}, the index array a {@code @NonDiff} argument the backward rule reads. */
  @CustomVjp(fwd = "pickFwd", bwd = "pickBwd")
  static double pick(double[] a, @NonDiff int[] index) {
    return a[index[0]] * a[index[0]];
  }

  static Fwd<Double, double[]> pickFwd(double[] a, int[] index) {
    return new Fwd<>(pick(a, index), new double[] {a[index[0]], a.length});
  }

  static double[] pickBwd(int[] index, double[] kept, double g) {
    double[] out = new double[(int) kept[1]];
    out[index[0]] = 2 * kept[0] * g;
    return out;
  }

  /** {@code a0^2 + a1}, the index changed after the call. */
  @Differentiable
  static double indexWrittenLater(double[] a) {
    int[] index = {0};
    double y = pick(a, index);
    index[0] = 1;
    return y + a[index[0]];
  }

  /** {@code a0^3}, a JVP rule transposed for reverse mode. */
  @CustomJvp("cubeJvp")
  static double cube(double[] a) {
    return a[0] * a[0] * a[0];
  }

  static Dual cubeJvp(double[] a, double[] aDot) {
    return new Dual(cube(a), 3 * a[0] * a[0] * aDot[0]);
  }

  /** {@code a0^3 + 10 a0}. */
  @Differentiable
  static double cubeWrittenLater(double[] a) {
    double y = cube(a);
    a[0] = 10 * a[0];
    return y + a[0];
  }
}
