package dev.leibniz.examples.seed;

import dev.leibniz.CustomVjp;
import dev.leibniz.runtime.Fwd;

/** TL;DR: custom VJPs with {@code jax.custom_vjp} (cells [5]-[6]). */
public final class TldrVjp {
  private TldrVjp() {}

  /** The residuals {@code f_fwd} saves: {@code (jnp.cos(x), jnp.sin(x), y)}. */
  record Residuals(double cosX, double sinX, double y) {}

  @CustomVjp(fwd = "fFwd", bwd = "fBwd")
  public static double f(double x, double y) {
    return Math.sin(x) * y;
  }

  static Fwd<Double, Residuals> fFwd(double x, double y) {
    return new Fwd<>(f(x, y), new Residuals(Math.cos(x), Math.sin(x), y));
  }

  static double[] fBwd(Residuals res, double g) {
    return new double[] {res.cosX() * g * res.y(), res.sinX() * g};
  }
}
