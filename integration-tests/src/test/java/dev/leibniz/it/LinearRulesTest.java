package dev.leibniz.it;

import static dev.leibniz.it.Numeric.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.it.LinearRules.Sample;
import org.junit.jupiter.api.Test;

/**
 * Linear JVP rules the check used to reject (issue 7, item 7): accepted, and transposed right
 * (grad and vjp against closed forms, jvp against the rule).
 */
class LinearRulesTest {

  @Test
  void tangentThroughALinearDifferentiableMethod() {
    assertEquals(-1, LinearRulesDerivatives.negatedGrad(2));
    assertEquals(-3, LinearRulesDerivatives.negatedVjp(2).pullback(3));
    assertEquals(-5, LinearRulesDerivatives.negatedJvp(2, 5).tangent());
    assertEquals(-3, LinearRulesDerivatives.useNegatedGrad(1.5)); // -x^2
  }

  @Test
  void tangentArraySizedByItsLength() {
    double[] x = {3, 4, 5};
    assertArrayEquals(new double[] {3, 3, 3}, LinearRulesDerivatives.tripledSumGrad(x));
    assertArrayEquals(new double[] {6, 6, 6}, LinearRulesDerivatives.tripledSumVjp(x).pullback(2));
    assertEquals(18, LinearRulesDerivatives.tripledSumJvp(x, new double[] {1, 2, 3}).tangent());
  }

  @Test
  void recordTangentWithAnIntComponentFromThePrimal() {
    assertEquals(new Sample(2, 7), LinearRulesDerivatives.doubledVjp(new Sample(1.5, 7)).pullback(new Sample(1, 7)));
    assertEquals(new Sample(0.5, 7), LinearRulesDerivatives.doubledJvp(new Sample(1.5, 7), new Sample(0.25, 7))
        .tangent());
    assertEquals(new Sample(3, 3), LinearRulesDerivatives.totalGrad(new Sample(1.5, 3)));
    assertEquals(12, LinearRulesDerivatives.useSamplesGrad(0.5)); // 12 v^2
  }

  @Test
  void primalSlopesFromJvpsAlongConstantDirections() {
    LinearRulesDerivatives.UseAppliedGradient g = LinearRulesDerivatives.useAppliedGrad(2, 3); // x^2 y
    assertClose(12, g.x(), 1e-15, "2 x y");
    assertClose(4, g.y(), 1e-15, "x^2");
  }

  @Test
  void stopGradientOfATangentIsTheTangent() {
    assertEquals(3, LinearRulesDerivatives.tripledGrad(1));
    assertEquals(6, LinearRulesDerivatives.tripledVjp(1).pullback(2));
    assertEquals(3, LinearRulesDerivatives.tripledJvp(1, 1).tangent());
  }

  @Test
  void tangentChosenByThePrimal() {
    assertEquals(-1, LinearRulesDerivatives.magnitudeGrad(-2));
    assertEquals(1, LinearRulesDerivatives.magnitudeGrad(2));
  }
}
