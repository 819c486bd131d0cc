package dev.leibniz.it.poisoned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.leibniz.runtime.Dual;
import org.junit.jupiter.api.Test;

/**
 * Every derivative form of a function with a poisoned rule, and of its callers, gives the poisoned
 * derivative: the rule was used, and the body was not differentiated instead. Each test first
 * checks that the poisoned value differs from the true derivative at the point used.
 */
class PoisonedTest {
  private static final double X = 0.5;
  private static final double Y = 1.5;

  private static void is(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)), what);
  }

  private static void poisonDiffers(double poisoned, double truth) {
    assertNotEquals(poisoned, truth, 1e-3, "the poisoned derivative must differ from the truth here");
  }

  @Test
  void fullJvpRule() {
    poisonDiffers(7, Math.cos(X));
    Dual d = PoisonedDerivatives.sinJvp(X, 2);
    is(Math.sin(X), d.value(), "jvp value");
    is(7 * 2, d.tangent(), "jvp tangent");
    is(7, PoisonedDerivatives.sinGrad(X), "grad");
    PoisonedDerivatives.SinValueAndGrad vg = PoisonedDerivatives.sinValueAndGrad(X);
    is(Math.sin(X), vg.value(), "value_and_grad value");
    is(7, vg.gradient(), "value_and_grad gradient");
    PoisonedDerivatives.SinVjp vjp = PoisonedDerivatives.sinVjp(X);
    is(Math.sin(X), vjp.value(), "vjp value");
    is(7 * 3, vjp.pullback(3), "vjp pullback");
    is(7 * -0.5, vjp.pullback(-0.5), "vjp pullback again");
  }

  @Test
  void callerOfFullJvpRule() {
    // 3 sin(x) + x
    poisonDiffers(3 * 7 + 1, 3 * Math.cos(X) + 1);
    is(22, PoisonedDerivatives.sinCallerGrad(X), "caller grad");
    is(22 * 2, PoisonedDerivatives.sinCallerJvp(X, 2).tangent(), "caller jvp");
    is(22, PoisonedDerivatives.sinCallerValueAndGrad(X).gradient(), "caller value_and_grad");
    is(22 * 3, PoisonedDerivatives.sinCallerVjp(X).pullback(3), "caller vjp");
  }

  @Test
  void perArgumentRules() {
    poisonDiffers(5, Y);
    poisonDiffers(11 * X, X);
    Dual d = PoisonedDerivatives.mulJvp(X, Y, 2, 3);
    is(X * Y, d.value(), "jvp value");
    is(5 * 2 + 11 * X * 3, d.tangent(), "jvp tangent: both rules summed");
    PoisonedDerivatives.MulGradient g = PoisonedDerivatives.mulGrad(X, Y);
    is(5, g.x(), "grad x");
    is(11 * X, g.y(), "grad y");
    PoisonedDerivatives.MulGradient vg = PoisonedDerivatives.mulValueAndGrad(X, Y).gradient();
    is(5, vg.x(), "value_and_grad x");
    is(11 * X, vg.y(), "value_and_grad y");
    PoisonedDerivatives.MulGradient p = PoisonedDerivatives.mulVjp(X, Y).pullback(3);
    is(5 * 3, p.x(), "pullback x");
    is(11 * X * 3, p.y(), "pullback y");
  }

  @Test
  void callerOfPerArgumentRules() {
    // mul(x, x^2): 5 + 11 x * 2x
    double poisoned = 5 + 11 * X * 2 * X;
    poisonDiffers(poisoned, 3 * X * X);
    is(poisoned, PoisonedDerivatives.mulCallerGrad(X), "caller grad");
    is(poisoned * 2, PoisonedDerivatives.mulCallerJvp(X, 2).tangent(), "caller jvp");
    is(poisoned, PoisonedDerivatives.mulCallerValueAndGrad(X).gradient(), "caller value_and_grad");
    is(poisoned * 3, PoisonedDerivatives.mulCallerVjp(X).pullback(3), "caller vjp");
  }

  @Test
  void perArgumentNoneIsZero() {
    poisonDiffers(0, Y);
    poisonDiffers(4, X);
    is(4 * 3, PoisonedDerivatives.mulNoneJvp(X, Y, 2, 3).tangent(), "jvp: no x contribution");
    PoisonedDerivatives.MulNoneGradient g = PoisonedDerivatives.mulNoneGrad(X, Y);
    is(0, g.x(), "grad x");
    is(4, g.y(), "grad y");
    PoisonedDerivatives.MulNoneGradient vg = PoisonedDerivatives.mulNoneValueAndGrad(X, Y).gradient();
    is(0, vg.x(), "value_and_grad x");
    is(4, vg.y(), "value_and_grad y");
    PoisonedDerivatives.MulNoneGradient p = PoisonedDerivatives.mulNoneVjp(X, Y).pullback(3);
    is(0, p.x(), "pullback x");
    is(4 * 3, p.y(), "pullback y");
  }

  @Test
  void vjpRule() {
    poisonDiffers(5, 2 * X);
    is(5, PoisonedDerivatives.squareGrad(X), "grad");
    PoisonedDerivatives.SquareValueAndGrad vg = PoisonedDerivatives.squareValueAndGrad(X);
    is(X * X, vg.value(), "value_and_grad value");
    is(5, vg.gradient(), "value_and_grad gradient");
    PoisonedDerivatives.SquareVjp vjp = PoisonedDerivatives.squareVjp(X);
    is(X * X, vjp.value(), "vjp value");
    is(5 * 3, vjp.pullback(3), "vjp pullback");
    is(5 * 7, vjp.pullback(7), "vjp pullback again");
  }

  @Test
  void callerOfVjpRule() {
    // square(3x) + x: 5 * 3 + 1
    poisonDiffers(16, 18 * X + 1);
    is(16, PoisonedDerivatives.squareCallerGrad(X), "caller grad");
    is(16, PoisonedDerivatives.squareCallerValueAndGrad(X).gradient(), "caller value_and_grad");
    is(16 * 3, PoisonedDerivatives.squareCallerVjp(X).pullback(3), "caller vjp");
  }

  @Test
  void vjpRuleOfTwoArguments() {
    poisonDiffers(2, Math.cos(X) * Y);
    poisonDiffers(3, Math.sin(X));
    PoisonedDerivatives.SinTimesGradient g = PoisonedDerivatives.sinTimesGrad(X, Y);
    is(2, g.x(), "grad x");
    is(3, g.y(), "grad y");
    PoisonedDerivatives.SinTimesValueAndGrad vg = PoisonedDerivatives.sinTimesValueAndGrad(X, Y);
    is(Math.sin(X) * Y, vg.value(), "value");
    is(2, vg.gradient().x(), "value_and_grad x");
    is(3, vg.gradient().y(), "value_and_grad y");
    PoisonedDerivatives.SinTimesGradient p = PoisonedDerivatives.sinTimesVjp(X, Y).pullback(-2);
    is(-4, p.x(), "pullback x");
    is(-6, p.y(), "pullback y");
  }

  @Test
  void secondOrderJvpRule() {
    // the rule says exp' = x^2, so exp'' = 2x
    poisonDiffers(X * X, Math.exp(X));
    poisonDiffers(2 * X, Math.exp(X));
    is(X * X * 2, PoisonedDerivatives.expJvp(X, 2).tangent(), "jvp");
    is(X * X, PoisonedDerivatives.expGrad(X), "grad");
    is(X * X, PoisonedDerivatives.expValueAndGrad(X).gradient(), "value_and_grad");
    is(X * X * 3, PoisonedDerivatives.expVjp(X).pullback(3), "vjp");
    is(2 * X, PoisonedDerivatives.expHessian(X), "hessian");
    is(2 * X * 3, PoisonedDerivatives.expHvp(X, 3), "hvp");
  }

  @Test
  void callerOfSecondOrderJvpRule() {
    // exp(2x): first derivative (2x)^2 * 2 = 8 x^2, second 16 x
    poisonDiffers(8 * X * X, 2 * Math.exp(2 * X));
    poisonDiffers(16 * X, 4 * Math.exp(2 * X));
    is(8 * X * X, PoisonedDerivatives.expCallerGrad(X), "caller grad");
    is(8 * X * X * 2, PoisonedDerivatives.expCallerJvp(X, 2).tangent(), "caller jvp");
    is(8 * X * X, PoisonedDerivatives.expCallerValueAndGrad(X).gradient(), "caller value_and_grad");
    is(8 * X * X * 3, PoisonedDerivatives.expCallerVjp(X).pullback(3), "caller vjp");
    is(16 * X, PoisonedDerivatives.expCallerHessian(X), "caller hessian");
    is(16 * X * 3, PoisonedDerivatives.expCallerHvp(X, 3), "caller hvp");
  }

  @Test
  void secondOrderVjpRule() {
    // the backward rule says cube' = 5 x^2; differentiated, cube'' = 10 x
    poisonDiffers(5 * X * X, 3 * X * X);
    poisonDiffers(10 * X, 6 * X);
    is(5 * X * X, PoisonedDerivatives.cubeGrad(X), "grad");
    is(5 * X * X, PoisonedDerivatives.cubeValueAndGrad(X).gradient(), "value_and_grad");
    is(5 * X * X * 3, PoisonedDerivatives.cubeVjp(X).pullback(3), "vjp");
    is(10 * X, PoisonedDerivatives.cubeHessian(X), "hessian");
    is(10 * X * 3, PoisonedDerivatives.cubeHvp(X, 3), "hvp");
  }

  @Test
  void callerOfSecondOrderVjpRule() {
    // cube(x) + x
    is(5 * X * X + 1, PoisonedDerivatives.cubeCallerGrad(X), "caller grad");
    is(5 * X * X + 1, PoisonedDerivatives.cubeCallerValueAndGrad(X).gradient(), "caller value_and_grad");
    is((5 * X * X + 1) * 3, PoisonedDerivatives.cubeCallerVjp(X).pullback(3), "caller vjp");
    is(10 * X, PoisonedDerivatives.cubeCallerHessian(X), "caller hessian");
    is(10 * X * 3, PoisonedDerivatives.cubeCallerHvp(X, 3), "caller hvp");
  }

  @Test
  void secondOrderPerArgumentRules() {
    // d/dx = 5 x^2, d/dy = 11: Hessian [[10 x, 0], [0, 0]] (truth [[0, 1], [1, 0]])
    poisonDiffers(5 * X * X, Y);
    poisonDiffers(11, X);
    Dual d = PoisonedDerivatives.mulSecondJvp(X, Y, 2, 3);
    is(5 * X * X * 2 + 11 * 3, d.tangent(), "jvp");
    PoisonedDerivatives.MulSecondGradient g = PoisonedDerivatives.mulSecondGrad(X, Y);
    is(5 * X * X, g.x(), "grad x");
    is(11, g.y(), "grad y");
    PoisonedDerivatives.MulSecondGradient p = PoisonedDerivatives.mulSecondVjp(X, Y).pullback(3);
    is(15 * X * X, p.x(), "pullback x");
    is(33, p.y(), "pullback y");
    double[][] h = PoisonedDerivatives.mulSecondHessian(X, Y);
    is(10 * X, h[0][0], "hessian xx");
    is(0, h[0][1], "hessian xy");
    is(0, h[1][0], "hessian yx");
    is(0, h[1][1], "hessian yy");
    PoisonedDerivatives.MulSecondGradient hv = PoisonedDerivatives.mulSecondHvp(X, Y, 2, 3);
    is(10 * X * 2, hv.x(), "hvp x");
    is(0, hv.y(), "hvp y");
  }

  @Test
  void callersWithLoopsAndBranches() {
    poisonDiffers(343, Math.cos(X) * Math.cos(Math.sin(X)) * Math.cos(Math.sin(Math.sin(X))));
    is(343, PoisonedDerivatives.sinLoopGrad(X), "loop grad");
    is(343 * 2, PoisonedDerivatives.sinLoopJvp(X, 2).tangent(), "loop jvp");
    is(343 * 3, PoisonedDerivatives.sinLoopVjp(X).pullback(3), "loop vjp");
    is(14, PoisonedDerivatives.sinBranchGrad(X), "branch grad, x > 0");
    is(21, PoisonedDerivatives.sinBranchGrad(-X), "branch grad, x < 0");
    is(21 * 2, PoisonedDerivatives.sinBranchJvp(-X, 2).tangent(), "branch jvp");
    // s -> square(s) + s has poisoned derivative 5 + 1 = 6, twice
    poisonDiffers(36, (2 * X + 1) * (2 * (X * X + X) + 1));
    is(36, PoisonedDerivatives.squareLoopGrad(X), "while loop grad");
    is(36 * 3, PoisonedDerivatives.squareLoopVjp(X).pullback(3), "while loop vjp");
  }
}
