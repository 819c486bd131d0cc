package dev.leibniz.it;

import dev.leibniz.Differentiable;
import dev.leibniz.runtime.Leibniz;
import java.util.Objects;

/** Calls: to annotated methods of this class and of {@link Helpers}, passive calls, stopGradient. */
public final class Calls {
  private Calls() {}

  @Differentiable
  static double square(double x) {
    return x * x;
  }

  @Differentiable
  static double sumSquares(double x, double y) {
    return square(x) + square(y);
  }

  /** A call chain: this class → Helpers → this class. */
  @Differentiable
  static double chain(double x, double y) {
    return Helpers.softplus(sumSquares(x, y) - 1) * Helpers.scaled(x, 3);
  }

  /** A call inside a loop, with the result fed back. */
  @Differentiable
  static double callInLoop(double x) {
    double y = x;
    for (int i = 0; i < 3; i++) {
      y = Helpers.softplus(y) - square(y) * 0.1;
    }
    return y;
  }

  /** Calls whose arguments carry no derivative simply run. */
  @Differentiable
  static double passive(double x, int n) {
    String label = Objects.requireNonNull("passive");
    Objects.requireNonNull(label);
    int m = Helpers.triangle(n) + label.length() + Integer.bitCount(n);
    int k = Math.max(n, 2);
    return x * m + Math.sin(x) * k;
  }

  /** stopGradient: the derivative only flows through the second factor. */
  @Differentiable
  static double stopped(double x) {
    double frozen = Leibniz.stopGradient(x * x);
    return frozen * x;
  }

  /** stopGradient in a fixed-point style: gradient as if the inner value were constant. */
  @Differentiable
  static double stoppedMix(double x, double y) {
    double z = Math.sin(x) * y;
    return z + Leibniz.stopGradient(z * z) + Leibniz.stopGradient(y) * x;
  }

  /** A call to another class's method with an int argument it does not differentiate. */
  @Differentiable
  static double callWithInt(double x) {
    return Helpers.scaled(x, 4) + Helpers.scaled(Math.cos(x), -1);
  }
}
