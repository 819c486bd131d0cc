package dev.leibniz.examples.seed;

import dev.leibniz.CustomJvp;
import dev.leibniz.Differentiable;
import dev.leibniz.runtime.Dual;

/** Enforcing a differentiation convention: {@code x / (1 + sqrt(x))} at 0 (cells [16]-[21]). */
public final class Convention {
  private Convention() {}

  @Differentiable
  public static double naive(double x) {
    return x / (1 + Math.sqrt(x));
  }

  /** With the derivative on R+, {@code (sqrt(x) + 2) / (2 (sqrt(x) + 1)^2)}, as the rule. */
  @CustomJvp("ruleJvp")
  public static double rule(double x) {
    return x / (1 + Math.sqrt(x));
  }

  static Dual ruleJvp(double x, double xDot) {
    double ans = rule(x);
    double ansDot = ((Math.sqrt(x) + 2) / (2 * Math.pow(Math.sqrt(x) + 1, 2))) * xDot;
    return new Dual(ans, ansDot);
  }

  @CustomJvp(perArgument = "perArgumentJvp")
  public static double perArgument(double x) {
    return x / (1 + Math.sqrt(x));
  }

  static double perArgumentJvp(double t, double ans, double x) {
    return ((Math.sqrt(x) + 2) / (2 * Math.pow(Math.sqrt(x) + 1, 2))) * t;
  }
}
