package dev.leibniz.examples.seed;

import dev.leibniz.CustomVjp;
import dev.leibniz.Differentiable;
import dev.leibniz.NonDiff;
import dev.leibniz.runtime.DifferentiableBinaryOperator;
import dev.leibniz.runtime.Fwd;
import dev.leibniz.runtime.Leibniz;
import java.util.function.DoubleBinaryOperator;

/**
 * Implicit function differentiation of iterative implementations (cells [25]-[32]): a fixed point
 * computed by a while loop, differentiated through the implicit function theorem.
 */
public final class FixedPoint {
  private FixedPoint() {}

  /** What the forward rule keeps: the parameter and the fixed point. */
  record Residuals(double a, double xStar) {}

  /** Iterates {@code x = f(a, x)} until it stops moving. */
  @CustomVjp(fwd = "fixedPointFwd", bwd = "fixedPointBwd", order = 2)
  public static double fixedPoint(@NonDiff DoubleBinaryOperator f, double a, double xGuess) {
    double xPrev = xGuess;
    double x = f.applyAsDouble(a, xGuess);
    while (Math.abs(xPrev - x) > 1e-6) {
      xPrev = x;
      x = f.applyAsDouble(a, x);
    }
    return x;
  }

  static Fwd<Double, Residuals> fixedPointFwd(DoubleBinaryOperator f, double a, double xInit) {
    double xStar = fixedPoint(f, a, xInit);
    return new Fwd<>(xStar, new Residuals(a, xStar));
  }

  /**
   * {@code w = xStarBar + w A} with {@code A = df/dx} at the fixed point, solved as a fixed point
   * itself; then {@code aBar = w df/da}. The inner lambda closes over nothing differentiated, so
   * this rule is itself differentiable: second derivatives come from it.
   */
  static double[] fixedPointBwd(DoubleBinaryOperator f, Residuals res, double xStarBar) {
    DifferentiableBinaryOperator df = Leibniz.differentiable(f);
    double a = res.a();
    double xStar = res.xStar();
    double slope = df.vjp(a, xStar, 1.0)[1];
    double scale = fixedPoint((s, u) -> 1.0 + s * u, slope, 1.0);
    double w = xStarBar * scale;
    double aBar = df.vjp(a, xStar, w)[0];
    return new double[] {aBar, 0.0};
  }

  /** Newton's method for square roots, run to convergence by {@link #fixedPoint}. */
  @Differentiable(order = 2)
  public static double newtonSqrt(double a) {
    return fixedPoint((b, x) -> 0.5 * (x + b / x), a, a);
  }

  /** {@code jnp.sqrt}, for comparison. */
  @Differentiable(order = 2)
  public static double sqrt(double x) {
    return Math.sqrt(x);
  }
}
