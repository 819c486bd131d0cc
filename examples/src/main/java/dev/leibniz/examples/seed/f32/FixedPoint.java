package dev.leibniz.examples.seed.f32;

import dev.leibniz.CustomVjp;
import dev.leibniz.Differentiable;
import dev.leibniz.NonDiff;
import dev.leibniz.runtime.DifferentiableBinaryOperator;
import dev.leibniz.runtime.Fwd;
import dev.leibniz.runtime.Leibniz;
import java.util.function.DoubleBinaryOperator;

/**
 * Implicit function differentiation of iterative implementations (cells [25]-[32]), in float32: a
 * fixed point computed by a while loop, differentiated through the implicit function theorem.
 * Function values are {@code DoubleBinaryOperator}s (Java has no float one); each iterate is
 * rounded to float, so the loop runs and stops as JAX's float32 {@code while_loop} does.
 */
public final class FixedPoint {
  private FixedPoint() {}

  /** What the forward rule keeps: the parameter and the fixed point. */
  record Residuals(float a, float xStar) {}

  /** Iterates {@code x = f(a, x)} until it stops moving. */
  @CustomVjp(fwd = "fixedPointFwd", bwd = "fixedPointBwd", order = 2)
  public static float fixedPoint(@NonDiff DoubleBinaryOperator f, float a, float xGuess) {
    float xPrev = xGuess;
    float x = (float) f.applyAsDouble(a, xGuess);
    while (Math.abs(xPrev - x) > 1e-6f) {
      xPrev = x;
      x = (float) f.applyAsDouble(a, x);
    }
    return x;
  }

  static Fwd<Float, Residuals> fixedPointFwd(DoubleBinaryOperator f, float a, float xInit) {
    float xStar = fixedPoint(f, a, xInit);
    return new Fwd<>(xStar, new Residuals(a, xStar));
  }

  /**
   * {@code w = xStarBar + w A} with {@code A = df/dx} at the fixed point, solved as a fixed point
   * itself; then {@code aBar = w df/da}. The inner lambda closes over nothing differentiated, so
   * this rule is itself differentiable: second derivatives come from it.
   */
  static float[] fixedPointBwd(DoubleBinaryOperator f, Residuals res, float xStarBar) {
    DifferentiableBinaryOperator df = Leibniz.differentiable(f);
    float a = res.a();
    float xStar = res.xStar();
    float slope = (float) df.vjp(a, xStar, 1.0)[1];
    float scale = fixedPoint((s, u) -> 1.0 + s * u, slope, 1f);
    float w = xStarBar * scale;
    float aBar = (float) df.vjp(a, xStar, w)[0];
    return new float[] {aBar, 0f};
  }

  /** Newton's method for square roots, run to convergence by {@link #fixedPoint}. */
  @Differentiable(order = 2)
  public static float newtonSqrt(float a) {
    return fixedPoint((b, x) -> 0.5 * (x + b / x), a, a);
  }

  /** {@code jnp.sqrt}, for comparison. */
  @Differentiable(order = 2)
  public static float sqrt(float x) {
    return (float) Math.sqrt(x);
  }
}
