package dev.leibniz.runtime;

import java.util.function.DoubleUnaryOperator;

/**
 * A {@link DoubleUnaryOperator} that also knows its derivative. Inside derivative code, a lambda or
 * method reference passed to a {@code @NonDiff DoubleUnaryOperator} parameter arrives as one of
 * these, built by the processor from the code the caller wrote. Rules reach it through
 * {@link Leibniz#differentiable(DoubleUnaryOperator)}.
 */
public interface DifferentiableUnaryOperator extends DoubleUnaryOperator {
  /** The value at {@code x} and the directional derivative along {@code xDot}. */
  Dual jvp(double x, double xDot);

  /** The cotangent of {@code x}: {@code g * f'(x)}. */
  double vjp(double x, double g);

  /**
   * Forward mode through {@link #vjp}: the value {@code vjp(x, g)} and its derivative along
   * {@code (xDot, gDot)}. Second-order ({@code order = 2}) derivative code calls this.
   *
   * @throws IllegalStateException when this function value has no second derivatives
   */
  default Dual vjpJvp(double x, double g, double xDot, double gDot) {
    throw new IllegalStateException("this function value has no second derivatives");
  }

  /**
   * Forward mode through {@link #jvp}: {@code jvp(x, xDot)} and its derivative along
   * {@code (xPrime, xDotPrime)}. Second-order derivative code calls this.
   *
   * @throws IllegalStateException when this function value has no second derivatives
   */
  default Jvp<Dual> jvpJvp(double x, double xDot, double xPrime, double xDotPrime) {
    throw new IllegalStateException("this function value has no second derivatives");
  }
}
