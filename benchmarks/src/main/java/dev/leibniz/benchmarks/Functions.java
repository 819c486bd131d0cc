package dev.leibniz.benchmarks;

import dev.leibniz.CustomJvp;
import dev.leibniz.Differentiable;
import dev.leibniz.runtime.Dual;

/** The benchmarked functions, differentiated by the Leibniz processor. */
public final class Functions {
  private Functions() {}

  @Differentiable
  public static double log1pexp(double x) {
    return Math.log(1 + Math.exp(x));
  }

  @Differentiable
  public static double sinTimes(double x, double y) {
    return Math.sin(x) * y;
  }

  @Differentiable
  public static double mixed(double x) {
    return Math.exp(-x * x) * Math.cos(3 * x) + Math.log1p(x * x) / (1 + x * x);
  }

  /** A degree-8 polynomial by Horner's rule. */
  @Differentiable
  public static double horner(double x) {
    double r = 0.5;
    r = r * x - 1.25;
    r = r * x + 0.75;
    r = r * x + 2.0;
    r = r * x - 0.3;
    r = r * x + 1.1;
    r = r * x - 0.9;
    r = r * x + 0.05;
    r = r * x + 3.0;
    return r;
  }

  /** log1pexp with the notebook's stable custom JVP rule: reverse mode transposes the rule. */
  @CustomJvp("stableLog1pexpJvp")
  public static double stableLog1pexp(double x) {
    return Math.log(1 + Math.exp(x));
  }

  static Dual stableLog1pexpJvp(double x, double xDot) {
    double ans = stableLog1pexp(x);
    return new Dual(ans, (1 - 1 / (1 + Math.exp(x))) * xDot);
  }

  /** The stable log1pexp of sin(x) * y, by calls of two annotated methods (inlined into the batched kernels). */
  @Differentiable
  public static double softplusOfSinTimes(double x, double y) {
    return stableLog1pexp(sinTimes(x, y));
  }
}
