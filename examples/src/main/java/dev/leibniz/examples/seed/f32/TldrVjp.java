package dev.leibniz.examples.seed.f32;

import dev.leibniz.CustomVjp;
import dev.leibniz.runtime.Fwd;

/** TL;DR: custom VJPs with {@code jax.custom_vjp} (cells [5]-[6]), in float32. */
public final class TldrVjp {
  private TldrVjp() {}

  /** The residuals {@code f_fwd} saves: {@code (jnp.cos(x), jnp.sin(x), y)}. */
  record Residuals(float cosX, float sinX, float y) {}

  @CustomVjp(fwd = "fFwd", bwd = "fBwd")
  public static float f(float x, float y) {
    return (float) Math.sin(x) * y;
  }

  static Fwd<Float, Residuals> fFwd(float x, float y) {
    return new Fwd<>(f(x, y), new Residuals((float) Math.cos(x), (float) Math.sin(x), y));
  }

  static float[] fBwd(Residuals res, float g) {
    return new float[] {res.cosX() * g * res.y(), res.sinX() * g};
  }
}
