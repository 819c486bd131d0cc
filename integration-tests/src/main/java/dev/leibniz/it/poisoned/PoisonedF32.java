package dev.leibniz.it.poisoned;

import dev.leibniz.CustomJvp;
import dev.leibniz.CustomVjp;
import dev.leibniz.Differentiable;
import dev.leibniz.runtime.Fwd;
import dev.leibniz.runtime.Jvp;

/** The float versions of some of {@link Poisoned}'s rules: {@code Jvp<Float>}, {@code Fwd<Float, ...>}, {@code float[]}. */
public final class PoisonedF32 {
  private PoisonedF32() {}

  /** {@code sin} whose JVP rule says the derivative is 7. */
  @CustomJvp(value = "sinJvp", order = 2)
  public static float sin(float x) {
    return (float) Math.sin(x);
  }

  static Jvp<Float> sinJvp(float x, float t) {
    return new Jvp<>((float) Math.sin(x), 7 * t);
  }

  /** A caller: {@code 3 sin(x) + x}, poisoned derivative 22. */
  @Differentiable
  public static float sinCaller(float x) {
    return 3 * sin(x) + x;
  }

  /** {@code x * y} with per-argument rules 5 and {@code 11 x}. */
  @CustomJvp(perArgument = {"mulJvpX", "mulJvpY"})
  public static float mul(float x, float y) {
    return x * y;
  }

  static float mulJvpX(float xDot, float primalOut, float x, float y) {
    return 5 * xDot;
  }

  static float mulJvpY(float yDot, float primalOut, float x, float y) {
    return 11 * x * yDot;
  }

  /** {@code sin(x) y} whose VJP rule returns {@code {2 g, 3 g}}. */
  @CustomVjp(fwd = "sinTimesFwd", bwd = "sinTimesBwd")
  public static float sinTimes(float x, float y) {
    return (float) Math.sin(x) * y;
  }

  static Fwd<Float, Float> sinTimesFwd(float x, float y) {
    return new Fwd<>(sinTimes(x, y), x);
  }

  static float[] sinTimesBwd(Float x, float g) {
    return new float[] {2 * g, 3 * g};
  }

  /** A caller: {@code sinTimes(2x, x)}: poisoned derivative {@code 2 * 2 + 3 = 7}. */
  @Differentiable
  public static float sinTimesCaller(float x) {
    return sinTimes(2 * x, x);
  }
}
