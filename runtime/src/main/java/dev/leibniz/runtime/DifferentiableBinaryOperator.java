package dev.leibniz.runtime;

import java.util.function.DoubleBinaryOperator;

/**
 * A {@link DoubleBinaryOperator} that also knows its derivatives. Inside derivative code, a lambda
 * or method reference passed to a {@code @NonDiff DoubleBinaryOperator} parameter arrives as one of
 * these, built by the processor. Rules reach it through
 * {@link Leibniz#differentiable(DoubleBinaryOperator)}.
 */
public interface DifferentiableBinaryOperator extends DoubleBinaryOperator {
  /**
   * The value at {@code (a, b)} and the directional derivative along {@code (aDot, bDot)}.
   *
   * @param a the first argument
   * @param b the second argument
   * @param aDot the tangent of {@code a}
   * @param bDot the tangent of {@code b}
   * @return {@code f(a, b)} and its derivative along {@code (aDot, bDot)}
   */
  Dual jvp(double a, double b, double aDot, double bDot);

  /**
   * The cotangents of the arguments.
   *
   * @param a the first argument
   * @param b the second argument
   * @param g the cotangent of the output
   * @return {@code {aBar, bBar}}
   */
  double[] vjp(double a, double b, double g);

  /**
   * Forward mode through {@link #vjp}: {@code {aBar, bBar, aBarDot, bBarDot}}, the cotangents and
   * their derivatives along {@code (aDot, bDot, gDot)}. Second-order derivative code calls this.
   *
   * @param a the first argument
   * @param b the second argument
   * @param g the cotangent of the output
   * @param aDot the tangent of {@code a}
   * @param bDot the tangent of {@code b}
   * @param gDot the tangent of {@code g}
   * @return {@code {aBar, bBar, aBarDot, bBarDot}}
   * @throws IllegalStateException when this function value has no second derivatives
   */
  default double[] vjpJvp(double a, double b, double g, double aDot, double bDot, double gDot) {
    throw new IllegalStateException("this function value has no second derivatives");
  }

  /**
   * Forward mode through {@link #jvp}: {@code jvp(a, b, aDot, bDot)} and its derivative along
   * {@code (aPrime, bPrime, aDotPrime, bDotPrime)}. Second-order derivative code calls this.
   *
   * @param a the first argument
   * @param b the second argument
   * @param aDot the tangent of {@code a}
   * @param bDot the tangent of {@code b}
   * @param aPrime the second direction's tangent of {@code a}
   * @param bPrime the second direction's tangent of {@code b}
   * @param aDotPrime the second direction's tangent of {@code aDot}
   * @param bDotPrime the second direction's tangent of {@code bDot}
   * @return {@code jvp(a, b, aDot, bDot)} and its derivative along the second direction
   * @throws IllegalStateException when this function value has no second derivatives
   */
  default Jvp<Dual> jvpJvp(double a, double b, double aDot, double bDot, double aPrime, double bPrime,
      double aDotPrime, double bDotPrime) {
    throw new IllegalStateException("this function value has no second derivatives");
  }
}
