package dev.leibniz.it.poisoned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.leibniz.runtime.Jvp;
import org.junit.jupiter.api.Test;

/** The float forms use the poisoned rules too: {@code Jvp<Float>} rules, per-argument rules, {@code float[]} backward rules. */
class PoisonedF32Test {
  private static final float X = 0.5f;
  private static final float Y = 1.5f;

  private static void is(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-6 * Math.max(1, Math.abs(expected)), what);
  }

  private static void poisonDiffers(double poisoned, double truth) {
    assertNotEquals(poisoned, truth, 1e-3, "the poisoned derivative must differ from the truth here");
  }

  @Test
  void fullJvpRuleAtBothOrders() {
    // the rule says sin' = 7, so sin'' = 0
    poisonDiffers(7, Math.cos(X));
    poisonDiffers(0, -Math.sin(X));
    Jvp<Float> d = PoisonedF32Derivatives.sinJvp(X, 2f);
    is((float) Math.sin(X), d.value(), "jvp value");
    is(14, d.tangent(), "jvp tangent");
    is(7, PoisonedF32Derivatives.sinGrad(X), "grad");
    is(7, PoisonedF32Derivatives.sinValueAndGrad(X).gradient(), "value_and_grad");
    is(21, PoisonedF32Derivatives.sinVjp(X).pullback(3f), "vjp");
    is(0, PoisonedF32Derivatives.sinHessian(X), "hessian");
    is(0, PoisonedF32Derivatives.sinHvp(X, 3f), "hvp");
  }

  @Test
  void callerOfFullJvpRule() {
    poisonDiffers(22, 3 * Math.cos(X) + 1);
    is(22, PoisonedF32Derivatives.sinCallerGrad(X), "caller grad");
    is(44, PoisonedF32Derivatives.sinCallerJvp(X, 2f).tangent(), "caller jvp");
    is(22, PoisonedF32Derivatives.sinCallerValueAndGrad(X).gradient(), "caller value_and_grad");
    is(66, PoisonedF32Derivatives.sinCallerVjp(X).pullback(3f), "caller vjp");
  }

  @Test
  void perArgumentRules() {
    poisonDiffers(5, Y);
    poisonDiffers(11 * X, X);
    is(5 * 2 + 11 * X * 3, PoisonedF32Derivatives.mulJvp(X, Y, 2f, 3f).tangent(), "jvp");
    PoisonedF32Derivatives.MulGradient g = PoisonedF32Derivatives.mulGrad(X, Y);
    is(5, g.x(), "grad x");
    is(11 * X, g.y(), "grad y");
    PoisonedF32Derivatives.MulGradient vg = PoisonedF32Derivatives.mulValueAndGrad(X, Y).gradient();
    is(5, vg.x(), "value_and_grad x");
    is(11 * X, vg.y(), "value_and_grad y");
    PoisonedF32Derivatives.MulGradient p = PoisonedF32Derivatives.mulVjp(X, Y).pullback(3f);
    is(15, p.x(), "pullback x");
    is(33 * X, p.y(), "pullback y");
  }

  @Test
  void vjpRule() {
    poisonDiffers(2, Math.cos(X) * Y);
    poisonDiffers(3, Math.sin(X));
    PoisonedF32Derivatives.SinTimesGradient g = PoisonedF32Derivatives.sinTimesGrad(X, Y);
    is(2, g.x(), "grad x");
    is(3, g.y(), "grad y");
    PoisonedF32Derivatives.SinTimesGradient vg = PoisonedF32Derivatives.sinTimesValueAndGrad(X, Y).gradient();
    is(2, vg.x(), "value_and_grad x");
    is(3, vg.y(), "value_and_grad y");
    PoisonedF32Derivatives.SinTimesGradient p = PoisonedF32Derivatives.sinTimesVjp(X, Y).pullback(-2f);
    is(-4, p.x(), "pullback x");
    is(-6, p.y(), "pullback y");
  }

  @Test
  void callerOfVjpRule() {
    // sinTimes(2x, x): 2 * 2 + 3
    poisonDiffers(7, 2 * Math.cos(2 * X) * X + Math.sin(2 * X));
    is(7, PoisonedF32Derivatives.sinTimesCallerGrad(X), "caller grad");
    is(7, PoisonedF32Derivatives.sinTimesCallerValueAndGrad(X).gradient(), "caller value_and_grad");
    is(21, PoisonedF32Derivatives.sinTimesCallerVjp(X).pullback(3f), "caller vjp");
  }
}
