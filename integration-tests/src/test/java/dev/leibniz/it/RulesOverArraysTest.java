package dev.leibniz.it;

import static dev.leibniz.it.Numeric.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Custom JVP rules over arrays, every form, against closed forms (issue 7, item 6). */
class RulesOverArraysTest {
  private static final double[] X = {3, 4};

  @Test
  void ruleOfAMethodWithAnArrayParameter() {
    assertArrayEquals(new double[] {1, 0}, RulesOverArraysDerivatives.firstGrad(X));
    assertEquals(3, RulesOverArraysDerivatives.firstJvp(X, new double[] {1, 2}).value());
    assertEquals(1, RulesOverArraysDerivatives.firstJvp(X, new double[] {1, 2}).tangent());
    assertArrayEquals(new double[] {5, 0}, RulesOverArraysDerivatives.firstVjp(X).pullback(5));
    RulesOverArraysDerivatives.FirstValueAndGrad vg = RulesOverArraysDerivatives.firstValueAndGrad(X);
    assertEquals(3, vg.value());
    assertArrayEquals(new double[] {1, 0}, vg.gradient());
    // x0 x1 through the rule
    assertArrayEquals(new double[] {4, 3}, RulesOverArraysDerivatives.firstTimesSecondGrad(X));
    assertEquals(4 + 3 * 2, RulesOverArraysDerivatives.firstTimesSecondJvp(X, new double[] {1, 2}).tangent());
  }

  @Test
  void ruleWithAnArrayResult() {
    assertArrayEquals(new double[] {2, 20}, RulesOverArraysDerivatives.scaleVjp(X).pullback(new double[] {1, 10}));
    assertArrayEquals(new double[] {2, -4}, RulesOverArraysDerivatives.scaleJvp(X, new double[] {1, -2}).tangent());
    // 4 x0 x1
    assertArrayEquals(new double[] {16, 12}, RulesOverArraysDerivatives.productOfScaledGrad(X));
  }

  @Test
  void secondOrderThroughARuleOverAnArray() {
    double[] x = {1, 2, 3};
    // |x|^2 y: gradient (2 x y, |x|^2); Hessian 2y I, 2x against y, 0
    RulesOverArraysDerivatives.WeightedNormGradient g = RulesOverArraysDerivatives.weightedNormGrad(x, 0.5);
    assertArrayEquals(new double[] {1, 2, 3}, g.x(), 1e-15);
    assertEquals(14, g.y(), 1e-15);
    assertMatrix(new double[][] {{1, 0, 0, 2}, {0, 1, 0, 4}, {0, 0, 1, 6}, {2, 4, 6, 0}},
        RulesOverArraysDerivatives.weightedNormHessian(x, 0.5));
    // |x|^2 y x0
    RulesOverArraysDerivatives.UseWeightedNormGradient u = RulesOverArraysDerivatives.useWeightedNormGrad(x, 0.5);
    assertArrayEquals(new double[] {8, 2, 3}, u.x(), 1e-14);
    assertEquals(14, u.y(), 1e-14);
    assertMatrix(new double[][] {{3, 2, 3, 16}, {2, 1, 0, 4}, {3, 0, 1, 6}, {16, 4, 6, 0}},
        RulesOverArraysDerivatives.useWeightedNormHessian(x, 0.5));
  }

  @Test
  void floatRules() {
    float[] x = {2, 3};
    // x0^2 x1
    assertArrayEquals(new float[] {12, 4}, RulesOverArraysDerivatives.squareTimesGrad(x));
    assertMatrix(new double[][] {{6, 4}, {4, 0}}, RulesOverArraysDerivatives.squareTimesHessian(x));
    // (x0 x1, x1): J^T (1, 10) = (3, 2 + 10)
    assertArrayEquals(new float[] {3, 12}, RulesOverArraysDerivatives.pairVjp(x).pullback(new float[] {1, 10}));
    // x0 x1^2
    assertArrayEquals(new float[] {9, 12}, RulesOverArraysDerivatives.usePairGrad(x));
  }

  @Test
  void moreShapes() {
    RulesOverArraysDerivatives.ProductAtGradient p =
        RulesOverArraysDerivatives.productAtGrad(1, new double[] {1, 2}, new double[] {3, 4});
    assertArrayEquals(new double[] {0, 4}, p.x());
    assertArrayEquals(new double[] {0, 2}, p.y());
    RulesOverArrays.Weights g = RulesOverArraysDerivatives.scaledFirstGrad(new RulesOverArrays.Weights(
        new double[] {2, 5}, 3));
    assertArrayEquals(new double[] {3, 0}, g.w());
    assertEquals(3, g.scale());
    assertArrayEquals(new double[] {1, 10}, RulesOverArraysDerivatives.copyVjp(X).pullback(new double[] {1, 10}));
  }

  /** Per-argument rules over an array parameter (their generated code did not compile). */
  @Test
  void perArgumentRuleOfAnArrayParameter() {
    double[] x = {1.5, -0.5};
    RulesOverArraysDerivatives.WeightedSumGradient g = RulesOverArraysDerivatives.weightedSumGrad(x, 3);
    assertArrayEquals(new double[] {3, 6}, g.x());
    assertEquals(0.5, g.y());
    assertEquals(3 * 1 + 0.5 * 2, RulesOverArraysDerivatives.weightedSumJvp(x, 3, new double[] {1, 0}, 2).tangent());
    Checker.of(RulesOverArrays.class, "weightedSum").checkAll(new Object[] {x, 3.0});
  }

  static void assertMatrix(double[][] expected, double[][] actual) {
    assertEquals(expected.length, actual.length, "rows");
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected.length; j++) {
        assertClose(expected[i][j], actual[i][j], 1e-12, "H[" + i + "][" + j + "]");
      }
    }
  }
}
