package dev.leibniz.it;

import dev.leibniz.CustomJvp;
import dev.leibniz.Differentiable;
import dev.leibniz.lib.Lib;
import dev.leibniz.lib.LibDerivatives;
import dev.leibniz.runtime.Dual;
import dev.leibniz.runtime.Jvp;

/**
 * JVP rules that call generated forms of other methods of the same compilation, as a JAX rule may
 * call {@code jax.jvp} (issue 7, item 8). Reverse mode transposes {@code gJvp} through {@code g}'s
 * pullback.
 */
public final class RulesCallingForms {
  private RulesCallingForms() {}

  @Differentiable
  static double g(double x) {
    return Math.sin(x) * x;
  }

  /** The example: the rule is g's own jvp. */
  @CustomJvp("viaGJvp")
  static double viaG(double x) {
    return g(x);
  }

  static Dual viaGJvp(double x, double xDot) {
    return RulesCallingFormsDerivatives.gJvp(x, xDot);
  }

  /** {@code viaG(x)^2}. */
  @Differentiable
  static double useViaG(double x) {
    return viaG(x) * viaG(x);
  }

  @Differentiable
  static double h(double[] x, double y) {
    return x[0] * x[1] * y;
  }

  /** {@code 2 h(x, y) + g(y)}: h's jvp scaled, and g's slope from gGrad. */
  @CustomJvp("combinedJvp")
  static double combined(double[] x, double y) {
    return 2 * h(x, y) + g(y);
  }

  static Dual combinedJvp(double[] x, double y, double[] xDot, double yDot) {
    Dual d = RulesCallingFormsDerivatives.hJvp(x, y, xDot, yDot);
    double slope = RulesCallingFormsDerivatives.gGrad(y);
    double value = RulesCallingFormsDerivatives.gValueAndGrad(y).value();
    return new Dual(2 * d.value() + value, 2 * d.tangent() + slope * yDot);
  }

  @Differentiable
  static double[] powers(double x) {
    return new double[] {x, x * x};
  }

  /** An array result, its JVP from another method's. */
  @CustomJvp("powersAgainJvp")
  static double[] powersAgain(double x) {
    return powers(x);
  }

  static Jvp<double[]> powersAgainJvp(double x, double xDot) {
    Jvp<double[]> j = RulesCallingFormsDerivatives.powersJvp(x, xDot);
    return new Jvp<>(j.value(), j.tangent());
  }

  /** Second order through a rule calling {@code gJvp}: {@code g''}. */
  @CustomJvp(value = "viaGTwiceJvp", order = 2)
  static double viaGTwice(double x) {
    return g(x);
  }

  static Dual viaGTwiceJvp(double x, double xDot) {
    return RulesCallingFormsDerivatives.gJvp(x, xDot);
  }

  /** A rule calling the generated form of a method compiled earlier, in a library. */
  @CustomJvp("librarySoftplusJvp")
  static double librarySoftplus(double x) {
    return Lib.softplus(x);
  }

  static Dual librarySoftplusJvp(double x, double xDot) {
    return LibDerivatives.softplusJvp(x, xDot);
  }

  /** log(1 + e^x) with its JVP rule. */
  @CustomJvp("softplusJvp")
  static double softplus(double x) {
    return Math.log1p(Math.exp(x));
  }

  static Dual softplusJvp(double x, double xDot) {
    return new Dual(softplus(x), xDot / (1 + Math.exp(-x)));
  }

  /**
   * softplus(softplus(x)), its rule a jvp of a jvp: the second call's point is the first one's
   * value, which does not depend on the tangent (JAX: jvp(f, (a.primal,), (a.tangent,))).
   */
  @CustomJvp("softplusTwiceJvp")
  static double softplusTwice(double x) {
    return softplus(softplus(x));
  }

  static Dual softplusTwiceJvp(double x, double xDot) {
    Dual inner = RulesCallingFormsDerivatives.softplusJvp(x, xDot);
    return RulesCallingFormsDerivatives.softplusJvp(inner.value(), inner.tangent());
  }
}
