package dev.leibniz.it;

import static dev.leibniz.it.Numeric.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

class SecondOrderTest {
  /** The Hessian of f at (x, y) from second central differences. */
  private static double[][] numericHessian(DoubleBinaryOperator f, double x, double y) {
    double h = 1e-4;
    double fxx = (f.applyAsDouble(x + h, y) - 2 * f.applyAsDouble(x, y) + f.applyAsDouble(x - h, y)) / (h * h);
    double fyy = (f.applyAsDouble(x, y + h) - 2 * f.applyAsDouble(x, y) + f.applyAsDouble(x, y - h)) / (h * h);
    double fxy = (f.applyAsDouble(x + h, y + h) - f.applyAsDouble(x + h, y - h) - f.applyAsDouble(x - h, y + h)
        + f.applyAsDouble(x - h, y - h)) / (4 * h * h);
    return new double[][] {{fxx, fxy}, {fxy, fyy}};
  }

  @Test
  void rosenbrockHessianIsExact() {
    double x = 0.3;
    double y = -0.7;
    double[][] h = SecondOrderDerivatives.rosenbrockHessian(x, y);
    assertClose(2 - 400 * (y - 3 * x * x), h[0][0], 1e-12, "d2/dx2");
    assertClose(-400 * x, h[0][1], 1e-12, "d2/dxdy");
    assertClose(h[0][1], h[1][0], 0, "symmetric");
    assertClose(200, h[1][1], 1e-12, "d2/dy2");
    SecondOrderDerivatives.RosenbrockGradient hv = SecondOrderDerivatives.rosenbrockHvp(x, y, 0.5, -2.0);
    assertClose(h[0][0] * 0.5 + h[0][1] * -2.0, hv.x(), 1e-12, "Hv x");
    assertClose(h[1][0] * 0.5 + h[1][1] * -2.0, hv.y(), 1e-12, "Hv y");
  }

  @Test
  void hessianThroughLoopsAndCalls() {
    double[][] expected = numericHessian(SecondOrder::looped, 0.4, 0.9);
    double[][] h = SecondOrderDerivatives.loopedHessian(0.4, 0.9);
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        assertClose(expected[i][j], h[i][j], 1e-5, "H[" + i + "][" + j + "]");
      }
    }
  }

  @Test
  void customRuleAtSecondOrder() {
    double x = 0.6;
    double y = 1.7;
    double[][] h = SecondOrderDerivatives.usesSquareHessian(x, y);
    // f = (xy)^2 + y: f_xx = 2y^2, f_xy = 4xy, f_yy = 2x^2
    assertClose(2 * y * y, h[0][0], 1e-12, "fxx");
    assertClose(4 * x * y, h[0][1], 1e-12, "fxy");
    assertClose(2 * x * x, h[1][1], 1e-12, "fyy");
    assertClose(2.0, SecondOrderDerivatives.squareHessian(x), 1e-12, "square''");
  }

  @Test
  void floatSecondOrder() {
    assertClose(6 * 1.5, SecondOrderDerivatives.floatCubicHessian(1.5f), 1e-6, "6x");
    assertClose(6 * 1.5 * 2, SecondOrderDerivatives.floatCubicHvp(1.5f, 2f), 1e-6, "6x v");
  }

  @Test
  void recordParametersAreFlattened() {
    SecondOrder.Labelled p = new SecondOrder.Labelled(0.5, 1.2, 3);
    double k = 2.0;
    double[][] h = SecondOrderDerivatives.energyHessian(p, k);
    // leaves: p.x, p.y, k; f = k x^2 y + 3 sin(y)
    double[][] expected = {
      {2 * k * p.y(), 2 * k * p.x(), 2 * p.x() * p.y()},
      {2 * k * p.x(), -3 * Math.sin(p.y()), p.x() * p.x()},
      {2 * p.x() * p.y(), p.x() * p.x(), 0},
    };
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertClose(expected[i][j], h[i][j], 1e-12, "H[" + i + "][" + j + "]");
      }
    }
    SecondOrderDerivatives.EnergyGradient hv =
        SecondOrderDerivatives.energyHvp(p, k, new SecondOrder.Labelled(1, -1, 7), 0.5);
    double[] v = {1, -1, 0.5};
    assertClose(expected[0][0] * v[0] + expected[0][1] * v[1] + expected[0][2] * v[2], hv.p().x(), 1e-12, "Hv x");
    assertClose(expected[1][0] * v[0] + expected[1][1] * v[1] + expected[1][2] * v[2], hv.p().y(), 1e-12, "Hv y");
    assertClose(expected[2][0] * v[0] + expected[2][1] * v[1] + expected[2][2] * v[2], hv.k(), 1e-12, "Hv k");
    assertClose(3, hv.p().label(), 0, "the label is the primal's");
  }

  @Test
  void arrayParametersAreFlattened() {
    double[] z = {0.4, -1.1, 0.9};
    double k = 1.3;
    double[][] h = SecondOrderDerivatives.chainHessian(z, k);
    assertEquals(4, h.length, "three elements and the weight");
    // each column is the derivative of the gradient along one leaf (central differences)
    for (int j = 0; j < 4; j++) {
      double step = 1e-5;
      double[] up = gradientAt(z, k, j, step);
      double[] down = gradientAt(z, k, j, -step);
      for (int i = 0; i < 4; i++) {
        assertClose((up[i] - down[i]) / (2 * step), h[i][j], 1e-6, "H[" + i + "][" + j + "]");
        assertEquals(h[i][j], h[j][i], "symmetric");
      }
    }
    double[] v = {0.5, -2, 1, 0.25};
    SecondOrderDerivatives.ChainGradient hv =
        SecondOrderDerivatives.chainHvp(z, k, new double[] {v[0], v[1], v[2]}, v[3]);
    double[] flat = {hv.z()[0], hv.z()[1], hv.z()[2], hv.k()};
    for (int i = 0; i < 4; i++) {
      double expected = 0;
      for (int j = 0; j < 4; j++) {
        expected += h[i][j] * v[j];
      }
      assertClose(expected, flat[i], 1e-12, "(H v)[" + i + "]");
    }
  }

  /**
   * A rule whose tangent is not a true gradient (issue 7): JAX's hessian, jacfwd of jacrev, gives
   * [[0, 0], [1, 0]]; the Hessian used to copy H[0][1] into H[1][0] and give zeros.
   */
  @Test
  void asymmetricRuleHessianIsJaxs() {
    double[][] h = SecondOrderDerivatives.skewHessian(2, 3);
    assertMatrix(new double[][] {{0, 0}, {1, 0}}, h, "skew");
    SecondOrderDerivatives.SkewGradient hv = SecondOrderDerivatives.skewHvp(2, 3, 1, 0);
    assertClose(0, hv.x(), 0, "Hv x along x");
    assertClose(1, hv.y(), 0, "Hv y along x");
  }

  /** The same rule under arrays and records: grad skewed = (0, v0 py + px, v1, 0) over (v0, v1, px, py). */
  @Test
  void asymmetricRuleUnderArraysAndRecords() {
    double[] v = {0.5, -1.5};
    SecondOrder.Labelled p = new SecondOrder.Labelled(0.25, 2.0, 4);
    double[][] expected = {
      {0, 0, 0, 0},
      {p.y(), 0, 1, v[0]},
      {0, 1, 0, 0},
      {0, 0, 0, 0},
    };
    assertMatrix(expected, SecondOrderDerivatives.skewedHessian(v, p), "skewed");
  }

  /** Every fixed second-order function: the Hessian's column j is {@code mHvp} along leaf j. */
  @Test
  void hessianColumnsAreHvps() {
    List<Object[]> cases = List.of(
        new Object[] {"rosenbrock", 0.3, -0.7},
        new Object[] {"looped", 0.4, 0.9},
        new Object[] {"usesSquare", 0.6, 1.7},
        new Object[] {"energy", new SecondOrder.Labelled(0.5, 1.2, 3), 2.0},
        new Object[] {"chain", new double[] {0.4, -1.1, 0.9}, 1.3},
        new Object[] {"skew", 2.0, 3.0},
        new Object[] {"skewed", new double[] {0.5, -1.5}, new SecondOrder.Labelled(0.25, 2.0, 4)},
        new Object[] {"weightedCubes", new SecondOrder.Weighted(new double[] {0.5, -1.2, 0.3}, 2.0, 3), 0.7},
        new Object[] {"rowCoupling", new double[][] {{0.3, 1.1, -0.6}, {-0.4}, {0.2, 0.9}}, 1.5});
    for (Object[] c : cases) {
      String name = (String) c[0];
      Object[] args = Arrays.copyOfRange(c, 1, c.length);
      Checker checker = Checker.of(SecondOrder.class, name);
      assertColumnsAreHvps(checker, name, hessian(checker, name, args), args);
    }
  }

  /** {@code mHessian} of the method {@code name} at {@code args}. */
  static double[][] hessian(Checker checker, String name, Object... args) {
    return (double[][]) Checker.invoke(Checker.method(checker.derivatives(), name + "Hessian"), null, args);
  }

  /**
   * A record holding an array: {@code s = k scale sum v_i^3 + id k^2} over the leaves (v, scale, k);
   * {@code d2s/dv_i^2 = 6 k scale v_i}, {@code d2s/dv_i dscale = 3 k v_i^2}, {@code d2s/dv_i dk = 3
   * scale v_i^2}, {@code d2s/dscale dk = sum v_i^3}, {@code d2s/dk2 = 2 id}.
   */
  @Test
  void recordsHoldingArraysAreFlattened() {
    double[] v = {0.5, -1.2, 0.3};
    double scale = 2.0;
    double k = 0.7;
    int id = 3;
    SecondOrder.Weighted w = new SecondOrder.Weighted(v, scale, id);
    double[][] expected = new double[5][5];
    double cubes = 0;
    for (int i = 0; i < 3; i++) {
      expected[i][i] = 6 * k * scale * v[i];
      expected[i][3] = expected[3][i] = 3 * k * v[i] * v[i];
      expected[i][4] = expected[4][i] = 3 * scale * v[i] * v[i];
      cubes += v[i] * v[i] * v[i];
    }
    expected[3][4] = expected[4][3] = cubes;
    expected[4][4] = 2 * id;
    assertMatrix(expected, SecondOrderDerivatives.weightedCubesHessian(w, k), "weightedCubes");
    FormChecks.assertHessian(SecondOrder.class, "weightedCubes", w, k);
    SecondOrderDerivatives.WeightedCubesGradient hv = SecondOrderDerivatives.weightedCubesHvp(w, k,
        new SecondOrder.Weighted(new double[] {0, 1, 0}, 0, 99), 0);
    assertArrayEquals(new double[] {0, expected[1][1], 0}, hv.w().samples(), 1e-12, "H v along v_1: the samples");
    assertClose(expected[3][1], hv.w().scale(), 1e-12, "H v along v_1: the scale");
    assertEquals(id, hv.w().id(), "a component without derivative keeps the primal's");
    assertClose(expected[4][1], hv.k(), 1e-12, "H v along v_1: k");
  }

  /** Matrices, ragged rows included, flattened row after row; against differences of the gradient. */
  @Test
  void matricesAreFlattenedRowAfterRow() {
    double[][] a = {{0.3, 1.1, -0.6}, {-0.4}, {0.2, 0.9}};
    double[][] h = SecondOrderDerivatives.rowCouplingHessian(a, 1.5);
    assertEquals(7, h.length, "six elements and the weight");
    assertClose(1.5 * Math.cos(0.3), h[0][1], 1e-12, "d2/da00 da01 = k cos(a00)");
    FormChecks.assertHessian(SecondOrder.class, "rowCoupling", a, 1.5);
    float[][] f = {{0.5f, -1f}, {2f, 0.25f, 1.5f}};
    double[][] hf = SecondOrderDerivatives.floatRowCouplingHessian(f);
    assertEquals(5, hf.length);
    assertClose(2 * 0.5, hf[0][1], 1e-6, "d2/da00 da01 = 2 a00");
    assertClose(2 * -1f, hf[0][0], 1e-6, "d2/da00^2 = 2 a01");
    float[][] hv = SecondOrderDerivatives.floatRowCouplingHvp(f, new float[][] {{1, 0}, {0, 0, 0}});
    assertEquals(2, hv[0].length);
    assertEquals(3, hv[1].length, "H v shaped like the matrix, ragged rows included");
    assertClose(hf[0][0], hv[0][0], 1e-6, "H v along a00");
    assertClose(hf[1][0], hv[0][1], 1e-6, "H v along a00, row 0 element 1");
  }

  /** Each column j of {@code h} is {@code mHvp} of the method {@code name} along leaf j. */
  static void assertColumnsAreHvps(Checker checker, String name, double[][] h, Object... args) {
    for (int j = 0; j < h.length; j++) {
      double[] e = new double[h.length];
      e[j] = 1;
      double[] column = checker.flattenGradient(Checker.invoke(Checker.method(checker.derivatives(), name + "Hvp"),
          null, checker.withTangents(args, e)));
      for (int i = 0; i < h.length; i++) {
        assertClose(h[i][j], column[i], 1e-12, name + ": H[" + i + "][" + j + "] vs Hvp along leaf " + j);
      }
    }
  }

  private static void assertMatrix(double[][] expected, double[][] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": rows");
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected.length; j++) {
        assertClose(expected[i][j], actual[i][j], 1e-12, what + ": H[" + i + "][" + j + "]");
      }
    }
  }

  /** The gradient of {@code chain}, flattened, with leaf {@code leaf} moved by {@code step}. */
  private static double[] gradientAt(double[] z, double k, int leaf, double step) {
    double[] zs = z.clone();
    double ks = k;
    if (leaf < zs.length) {
      zs[leaf] += step;
    } else {
      ks += step;
    }
    SecondOrderDerivatives.ChainGradient g = SecondOrderDerivatives.chainGrad(zs, ks);
    return new double[] {g.z()[0], g.z()[1], g.z()[2], g.k()};
  }
}
