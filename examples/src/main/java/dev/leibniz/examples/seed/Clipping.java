package dev.leibniz.examples.seed;

import dev.leibniz.CustomVjp;
import dev.leibniz.Differentiable;
import dev.leibniz.runtime.Fwd;

/** Gradient clipping with a reverse-mode-only rule (cells [22]-[24]). */
public final class Clipping {
  private Clipping() {}

  /** The bounds, saved as residuals. */
  record Bounds(double lo, double hi) {}

  /** The identity, whose cotangent is clipped to {@code [lo, hi]}. */
  @CustomVjp(fwd = "clipGradientFwd", bwd = "clipGradientBwd")
  public static double clipGradient(double lo, double hi, double x) {
    return x;
  }

  static Fwd<Double, Bounds> clipGradientFwd(double lo, double hi, double x) {
    return new Fwd<>(x, new Bounds(lo, hi));
  }

  /** Zero cotangents for {@code lo} and {@code hi} (JAX's {@code None}), the clipped one for {@code x}. */
  static double[] clipGradientBwd(Bounds res, double g) {
    return new double[] {0.0, 0.0, Math.max(res.lo(), Math.min(res.hi(), g))};
  }

  @Differentiable
  public static double sin(double x) {
    return Math.sin(x);
  }

  @Differentiable
  public static double clipSin(double x) {
    x = clipGradient(-0.75, 0.75, x);
    return Math.sin(x);
  }
}
