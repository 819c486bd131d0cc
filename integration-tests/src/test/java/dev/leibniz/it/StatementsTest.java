package dev.leibniz.it;

import static dev.leibniz.it.Numeric.assertClose;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Second order through switch and assignments inside expressions ({@link Statements}); first
 * order is in {@link FixedFunctions}. Hessians against closed forms, or against central
 * differences of the gradient.
 */
class StatementsTest {
  private static double derivative(DoubleUnaryOperator f, double x) {
    double h = 1e-5;
    return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
  }

  @Test
  void switchesAtSecondOrder() {
    double x = 0.7;
    assertClose(2, StatementsDerivatives.switchArrowHessian(x, 1), 1e-12, "x^2 + x");
    assertClose(2 * Math.cos(x) - x * Math.sin(x), StatementsDerivatives.switchArrowHessian(x, 3), 1e-12, "x sin x");
    assertClose(0, StatementsDerivatives.switchArrowHessian(x, 4), 0, "2x + 1");
    assertClose(4, StatementsDerivatives.switchColonHessian(x, 0), 1e-12, "fall-through 2x^2");
    assertClose((2 + x) * Math.exp(x), StatementsDerivatives.switchColonHessian(x, 2), 1e-12, "x e^x");
    double e = Math.exp(x);
    assertClose((x + 3 * x * x) * e + 2 * (1 + 6 * x) * e + 6 * e, StatementsDerivatives.switchColonHessian(x, 3),
        1e-12, "default falling into case 2");
    assertClose(6, StatementsDerivatives.switchColonHessian(-x, 3), 1e-12, "default, x < 0");
    assertClose(-Math.cos(x), StatementsDerivatives.switchColonHessian(x, 4), 1e-12, "return in a case");
    assertClose(18, StatementsDerivatives.switchEnumStringHessian(x, 0), 1e-12, "9x^2");
    assertClose(6 * x, StatementsDerivatives.switchEnumStringHessian(x, 1), 1e-12, "x^3");
    assertClose(2 * Math.cos(x) - x * Math.sin(x), StatementsDerivatives.switchEnumStringHessian(x, 2), 1e-12,
        "x sin x");
    for (int n : new int[] {2, 5, 8}) {
      double numeric = derivative(z -> StatementsDerivatives.switchInLoopGrad(z, n), x);
      assertClose(numeric, StatementsDerivatives.switchInLoopHessian(x, n), 1e-7, "switch in a loop, n = " + n);
    }
  }

  @Test
  void assignmentsInsideExpressionsAtSecondOrder() {
    double x = 0.7;
    assertClose(6 * x, StatementsDerivatives.doAssignInConditionHessian(x), 1e-12, "x^3");
    double[] a = {1.0, -2.0, 0.5};
    double sum = -0.5;
    double[][] h = StatementsDerivatives.sideEffectsHessian(x, a);
    assertClose(2 * (sum + 34 * x + 10) + 34 * x, h[0][0], 1e-12, "d2/dx2");
    for (int k = 1; k <= a.length; k++) {
      assertClose(2 * x, h[0][k], 1e-12, "d2/dx da");
      assertClose(2 * x, h[k][0], 1e-12, "d2/da dx");
      for (int j = 1; j <= a.length; j++) {
        assertClose(0, h[k][j], 0, "d2/da2");
      }
    }
    double eps = 0.05;
    double[][] hc = StatementsDerivatives.assignInConditionHessian(x, eps);
    double hxx = derivative(z -> StatementsDerivatives.assignInConditionGrad(z, eps).x(), x);
    assertClose(hxx, hc[0][0], 1e-7, "data-dependent while loop whose condition assigns");
    assertClose(0, hc[1][1], 0, "eps only decides the trip count");
  }
}
