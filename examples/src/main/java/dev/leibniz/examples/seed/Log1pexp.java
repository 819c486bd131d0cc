package dev.leibniz.examples.seed;

import dev.leibniz.CustomJvp;
import dev.leibniz.Differentiable;
import dev.leibniz.runtime.Dual;

/** Numerical stability: {@code log(1 + exp(x))} (cells [7]-[15]). */
public final class Log1pexp {
  private Log1pexp() {}

  /** The plain definition: its gradient is {@code 0 * inf = NaN} once {@code exp(x)} overflows. */
  @Differentiable
  public static double naive(double x) {
    return Math.log(1. + Math.exp(x));
  }

  /** With a custom JVP rule that arranges the exponentials stably. */
  @CustomJvp(value = "ruleJvp", order = 2)
  public static double rule(double x) {
    return Math.log(1. + Math.exp(x));
  }

  static Dual ruleJvp(double x, double xDot) {
    double ans = rule(x);
    double ansDot = (1 - 1 / (1 + Math.exp(x))) * xDot;
    return new Dual(ans, ansDot);
  }

  /** The same rule through {@code defjvps}. */
  @CustomJvp(perArgument = "perArgumentJvp")
  public static double perArgument(double x) {
    return Math.log(1. + Math.exp(x));
  }

  static double perArgumentJvp(double t, double ans, double x) {
    return (1 - 1 / (1 + Math.exp(x))) * t;
  }
}
