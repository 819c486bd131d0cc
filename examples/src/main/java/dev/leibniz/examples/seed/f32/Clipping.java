package dev.leibniz.examples.seed.f32;

import dev.leibniz.CustomVjp;
import dev.leibniz.Differentiable;
import dev.leibniz.runtime.Fwd;

/** Gradient clipping with a reverse-mode-only rule (cells [22]-[24]), in float32. */
public final class Clipping {
  private Clipping() {}

  /** The bounds, saved as residuals. */
  record Bounds(float lo, float hi) {}

  /** The identity, whose cotangent is clipped to {@code [lo, hi]}. */
  @CustomVjp(fwd = "clipGradientFwd", bwd = "clipGradientBwd")
  public static float clipGradient(float lo, float hi, float x) {
    return x;
  }

  static Fwd<Float, Bounds> clipGradientFwd(float lo, float hi, float x) {
    return new Fwd<>(x, new Bounds(lo, hi));
  }

  /** Zero cotangents for {@code lo} and {@code hi} (JAX's {@code None}), the clipped one for {@code x}. */
  static float[] clipGradientBwd(Bounds res, float g) {
    return new float[] {0f, 0f, Math.max(res.lo(), Math.min(res.hi(), g))};
  }

  @Differentiable
  public static float sin(float x) {
    return (float) Math.sin(x);
  }

  @Differentiable
  public static float clipSin(float x) {
    x = clipGradient(-0.75f, 0.75f, x);
    return (float) Math.sin(x);
  }
}
