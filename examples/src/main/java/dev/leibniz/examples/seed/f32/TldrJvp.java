package dev.leibniz.examples.seed.f32;

import dev.leibniz.CustomJvp;
import dev.leibniz.runtime.Jvp;

/** TL;DR: custom JVPs with {@code jax.custom_jvp} (cells [1]-[4]), in float32. */
public final class TldrJvp {
  private TldrJvp() {}

  /** {@code @custom_jvp def f(x, y): return jnp.sin(x) * y} with {@code @f.defjvp}. */
  @CustomJvp("fJvp")
  public static float f(float x, float y) {
    return (float) Math.sin(x) * y;
  }

  static Jvp<Float> fJvp(float x, float y, float xDot, float yDot) {
    float primalOut = f(x, y);
    float tangentOut = (float) Math.cos(x) * xDot * y + (float) Math.sin(x) * yDot;
    return new Jvp<>(primalOut, tangentOut);
  }

  /** The same with the {@code defjvps} convenience wrapper: one rule per argument. */
  @CustomJvp(perArgument = {"gJvpX", "gJvpY"})
  public static float g(float x, float y) {
    return (float) Math.sin(x) * y;
  }

  static float gJvpX(float xDot, float primalOut, float x, float y) {
    return (float) Math.cos(x) * xDot * y;
  }

  static float gJvpY(float yDot, float primalOut, float x, float y) {
    return (float) Math.sin(x) * yDot;
  }
}
