package dev.leibniz.it;

import static dev.leibniz.it.Numeric.assertClose;

import org.junit.jupiter.api.Test;

class ConditionalsTest {
  @Test
  void recordCallsInBranches() {
    for (double x : new double[] {-0.8, 0.6}) {
      assertClose(Numeric.derivative(Conditionals::pick, x), ConditionalsDerivatives.pickGrad(x), 1e-7, "x=" + x);
      assertClose(ConditionalsDerivatives.pickGrad(x), ConditionalsDerivatives.pickJvp(x, 1).tangent(), 1e-12,
          "forward");
    }
  }

  @Test
  void callsInBranchesAreDifferentiated() {
    for (double x : new double[] {0.5, 2.0}) {
      assertClose(Numeric.derivative(Conditionals::lazy, x), ConditionalsDerivatives.lazyGrad(x), 1e-6, "x=" + x);
    }
  }
}
