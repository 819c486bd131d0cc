package dev.leibniz.runtime;

import java.util.function.DoubleUnaryOperator;

/**
 * A {@link DoubleUnaryOperator} that also knows its derivative. Inside derivative code, a lambda or
 * method reference passed to a {@code @NonDiff DoubleUnaryOperator} parameter arrives as one of
 * these, built by the processor from the code the caller wrote. Rules reach it through
 * {@link Leibniz#differentiable(DoubleUnaryOperator)}.
 */
public interface DifferentiableUnaryOperator extends DoubleUnaryOperator {
  /**
   * The value at {@code x} and the directional derivative along {@code xDot}.
   *
   * @param x the point
   * @param xDot the tangent of {@code x}
   * @return {@code f(x)} and {@code f'(x) * xDot}
   */
  Dual jvp(double x, double xDot);

  /**
   * The cotangent of {@code x}.
   *
   * @param x the point
   * @param g the cotangent of the output
   * @return {@code g * f'(x)}
   */
  double vjp(double x, double g);

  /**
   * Forward mode through {@link #vjp}: the value {@code vjp(x, g)} and its derivative along
   * {@code (xDot, gDot)}. Second-order ({@code order = 2}) derivative code calls this.
   *
   * @param x the point
   * @param g the cotangent of the output
   * @param xDot the tangent of {@code x}
   * @param gDot the tangent of {@code g}
   * @return {@code vjp(x, g)} and its derivative along {@code (xDot, gDot)}
   * @throws IllegalStateException when this function value has no second derivatives
   */
  default Dual vjpJvp(double x, double g, double xDot, double gDot) {
    throw new IllegalStateException("this function value has no second derivatives");
  }

  /**
   * Forward mode through {@link #jvp}: {@code jvp(x, xDot)} and its derivative along
   * {@code (xPrime, xDotPrime)}. Second-order derivative code calls this.
   *
   * @param x the point
   * @param xDot the tangent of {@code x}
   * @param xPrime the second direction's tangent of {@code x}
   * @param xDotPrime the second direction's tangent of {@code xDot}
   * @return {@code jvp(x, xDot)} and its derivative along {@code (xPrime, xDotPrime)}
   * @throws IllegalStateException when this function value has no second derivatives
   */
  default Jvp<Dual> jvpJvp(double x, double xDot, double xPrime, double xDotPrime) {
    throw new IllegalStateException("this function value has no second derivatives");
  }
}
