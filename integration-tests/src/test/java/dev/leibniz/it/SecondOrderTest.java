package dev.leibniz.it;

import static dev.leibniz.it.Numeric.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
