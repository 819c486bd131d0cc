package dev.leibniz.runtime;

import java.util.function.DoubleBinaryOperator;

/**
 * A {@link DoubleBinaryOperator} that also knows its derivatives. Inside derivative code, a lambda
 * or method reference passed to a {@code @NonDiff DoubleBinaryOperator} parameter arrives as one of
 * these, built by the processor. Rules reach it through
 * {@link Leibniz#differentiable(DoubleBinaryOperator)}.
 */
public interface DifferentiableBinaryOperator extends DoubleBinaryOperator {
  /** The value at {@code (a, b)} and the directional derivative along {@code (aDot, bDot)}. */
  Dual jvp(double a, double b, double aDot, double bDot);

  /** The cotangents {@code {aBar, bBar}} for the output cotangent {@code g}. */
  double[] vjp(double a, double b, double g);

  /**
   * Forward mode through {@link #vjp}: {@code {aBar, bBar, aBarDot, bBarDot}}, the cotangents and
   * their derivatives along {@code (aDot, bDot, gDot)}. Second-order derivative code calls this.
   *
   * @throws IllegalStateException when this function value has no second derivatives
   */
  default double[] vjpJvp(double a, double b, double g, double aDot, double bDot, double gDot) {
    throw new IllegalStateException("this function value has no second derivatives");
  }

  /**
   * Forward mode through {@link #jvp}: {@code jvp(a, b, aDot, bDot)} and its derivative along
   * {@code (aPrime, bPrime, aDotPrime, bDotPrime)}. Second-order derivative code calls this.
   *
   * @throws IllegalStateException when this function value has no second derivatives
   */
  default Jvp<Dual> jvpJvp(double a, double b, double aDot, double bDot, double aPrime, double bPrime,
      double aDotPrime, double bDotPrime) {
    throw new IllegalStateException("this function value has no second derivatives");
  }
}
