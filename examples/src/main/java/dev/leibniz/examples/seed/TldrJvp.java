package dev.leibniz.examples.seed;

import dev.leibniz.CustomJvp;
import dev.leibniz.runtime.Dual;

/** TL;DR: custom JVPs with {@code jax.custom_jvp} (cells [1]-[4]). */
public final class TldrJvp {
  private TldrJvp() {}

  /** {@code @custom_jvp def f(x, y): return jnp.sin(x) * y} with {@code @f.defjvp}. */
  @CustomJvp("fJvp")
  public static double f(double x, double y) {
    return Math.sin(x) * y;
  }

  static Dual fJvp(double x, double y, double xDot, double yDot) {
    double primalOut = f(x, y);
    double tangentOut = Math.cos(x) * xDot * y + Math.sin(x) * yDot;
    return new Dual(primalOut, tangentOut);
  }

  /** The same with the {@code defjvps} convenience wrapper: one rule per argument. */
  @CustomJvp(perArgument = {"gJvpX", "gJvpY"})
  public static double g(double x, double y) {
    return Math.sin(x) * y;
  }

  static double gJvpX(double xDot, double primalOut, double x, double y) {
    return Math.cos(x) * xDot * y;
  }

  static double gJvpY(double yDot, double primalOut, double x, double y) {
    return Math.sin(x) * yDot;
  }
}
