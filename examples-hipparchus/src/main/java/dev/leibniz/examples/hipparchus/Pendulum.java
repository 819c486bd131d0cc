package dev.leibniz.examples.hipparchus;

import dev.leibniz.Differentiable;
import dev.leibniz.NonDiff;

/** A damped pendulum, the ODE of {@link PendulumSensitivity}: Leibniz generates {@code PendulumDerivatives}. */
public final class Pendulum {
  /** The damping coefficient, fixed: the sensitivities are taken with respect to {@code k} and the state. */
  public static final double DAMPING = 0.3;

  private Pendulum() {}

  /**
   * The right-hand side of {@code theta'' = -k sin(theta) - DAMPING theta'} as a first-order system:
   * {@code y = {theta, theta'}}, {@code k = g / L}. Autonomous, so {@code t} is not differentiated.
   */
  @Differentiable
  public static double[] rhs(@NonDiff double t, double[] y, double k) {
    return new double[] {y[1], -k * Math.sin(y[0]) - DAMPING * y[1]};
  }
}
