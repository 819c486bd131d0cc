package dev.leibniz.it;

import static dev.leibniz.it.Numeric.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** JVP rules calling other methods' generated forms (issue 7, item 8), against closed forms. */
class RulesCallingFormsTest {
  private static final double X = 0.7;

  /** g(x) = x sin x. */
  private static double g(double x) {
    return x * Math.sin(x);
  }

  private static double gPrime(double x) {
    return Math.sin(x) + x * Math.cos(x);
  }

  /** A rule chaining two jvps: the value of the first is the point of the second (it was refused). */
  @Test
  void ruleChainingJvps() {
    double x = 0.7;
    double inner = Math.log1p(Math.exp(x));
    double slope = 1 / (1 + Math.exp(-x)) / (1 + Math.exp(-inner));
    assertClose(slope, RulesCallingFormsDerivatives.softplusTwiceGrad(x), 1e-15, "grad");
    assertClose(2 * slope, RulesCallingFormsDerivatives.softplusTwiceJvp(x, 2).tangent(), 1e-15, "jvp");
    assertClose(3 * slope, RulesCallingFormsDerivatives.softplusTwiceVjp(x).pullback(3), 1e-15, "vjp");
  }

  @Test
  void ruleThatIsAnotherMethodsJvp() {
    assertClose(gPrime(X), RulesCallingFormsDerivatives.viaGGrad(X), 1e-15, "g'");
    assertClose(3 * gPrime(X), RulesCallingFormsDerivatives.viaGVjp(X).pullback(3), 1e-15, "3 g'");
    assertClose(2 * gPrime(X), RulesCallingFormsDerivatives.viaGJvp(X, 2).tangent(), 1e-15, "jvp");
    assertClose(2 * g(X) * gPrime(X), RulesCallingFormsDerivatives.useViaGGrad(X), 1e-15, "(g^2)'");
  }

  @Test
  void ruleCombiningJvpGradAndValueAndGrad() {
    double[] x = {2, 3};
    // 2 x0 x1 y + g(y)
    RulesCallingFormsDerivatives.CombinedGradient c = RulesCallingFormsDerivatives.combinedGrad(x, 0.5);
    assertArrayEquals(new double[] {3, 2}, c.x(), 1e-15);
    assertClose(12 + gPrime(0.5), c.y(), 1e-15, "d/dy");
    assertClose(6 + g(0.5), RulesCallingFormsDerivatives.combinedJvp(x, 0.5, new double[] {1, 0}, 0).value(), 1e-15,
        "value");
  }

  @Test
  void ruleWithAnArrayResultFromAnotherMethodsJvp() {
    // (x, x^2): J^T (1, 10) = 1 + 20 x
    assertClose(1 + 20 * X, RulesCallingFormsDerivatives.powersAgainVjp(X).pullback(new double[] {1, 10}), 1e-15,
        "J^T c");
  }

  @Test
  void secondOrderThroughARuleCallingGJvp() {
    assertClose(2 * Math.cos(X) - X * Math.sin(X), RulesCallingFormsDerivatives.viaGTwiceHessian(X), 1e-14, "g''");
  }

  @Test
  void ruleCallingALibrarysGeneratedForm() {
    // softplus' = the logistic function
    assertClose(1 / (1 + Math.exp(-X)), RulesCallingFormsDerivatives.librarySoftplusGrad(X), 1e-15, "sigmoid");
  }
}
