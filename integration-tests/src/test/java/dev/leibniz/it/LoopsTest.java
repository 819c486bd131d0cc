package dev.leibniz.it;

import static dev.leibniz.it.Numeric.assertClose;

import org.junit.jupiter.api.Test;

class LoopsTest {
  @Test
  void power() {
    for (double x : new double[] {-1.5, 0.3, 2.0}) {
      assertClose(5 * Math.pow(x, 4), LoopsDerivatives.powerGrad(x, 5), 1e-12, "d/dx x^5 at " + x);
      assertClose(LoopsDerivatives.powerGrad(x, 5), LoopsDerivatives.powerJvp(x, 5, 1.0).tangent(), 1e-12, "fwd=rev");
    }
  }

  @Test
  void whileLoopsReverse() {
    for (double a : new double[] {0.5, 2.0, 9.0}) {
      assertClose(0.5 / Math.sqrt(a), LoopsDerivatives.newtonSqrtGrad(a), 1e-9, "newton sqrt at " + a);
      assertClose(LoopsDerivatives.newtonSqrtGrad(a), LoopsDerivatives.newtonSqrtJvp(a, 1).tangent(), 1e-9, "fwd");
    }
  }

  @Test
  void breaksReturnsNestedLoops() {
    for (double x : new double[] {0.2, 0.7, 1.3}) {
      assertClose(Numeric.derivative(v -> Loops.firstAbove(v, 50), x), LoopsDerivatives.firstAboveGrad(x, 50).x(),
          1e-6, "firstAbove");
      assertClose(LoopsDerivatives.firstAboveGrad(x, 50).x(), LoopsDerivatives.firstAboveJvp(x, 50, 1, 0).tangent(),
          1e-12, "firstAbove fwd");
      assertClose(Numeric.derivative(Loops::earlyReturn, x), LoopsDerivatives.earlyReturnGrad(x), 1e-6, "early");
      assertClose(Numeric.derivative(v -> Loops.nested(v, 0.4), x), LoopsDerivatives.nestedGrad(x, 0.4).x(), 1e-6,
          "nested x");
      assertClose(Numeric.derivative(v -> Loops.nested(x, v), 0.4), LoopsDerivatives.nestedGrad(x, 0.4).y(), 1e-6,
          "nested y");
    }
    assertClose(Numeric.derivative(Loops::earlyReturn, -0.5), LoopsDerivatives.earlyReturnGrad(-0.5), 1e-6, "neg");
  }

  @Test
  void floatLoop() {
    float x = 0.7f;
    float h = 1e-2f;
    double fd = (Loops.floatPoly(x + h) - Loops.floatPoly(x - h)) / (2.0 * h);
    assertClose(fd, LoopsDerivatives.floatPolyGrad(x), 1e-3, "float");
    assertClose(LoopsDerivatives.floatPolyGrad(x), LoopsDerivatives.floatPolyJvp(x, 1f).tangent(), 1e-5, "fwd");
  }
}
