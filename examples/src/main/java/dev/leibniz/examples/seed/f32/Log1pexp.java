package dev.leibniz.examples.seed.f32;

import dev.leibniz.CustomJvp;
import dev.leibniz.Differentiable;
import dev.leibniz.runtime.Jvp;

/** Numerical stability: {@code log(1 + exp(x))} (cells [7]-[15]), in float32. */
public final class Log1pexp {
  private Log1pexp() {}

  /**
   * The plain definition: {@code exp(x)} overflows float already at 100, so the gradient there is
   * {@code 0 * inf = NaN}, as in JAX's float32.
   */
  @Differentiable
  public static float naive(float x) {
    return (float) Math.log(1f + (float) Math.exp(x));
  }

  /** With a custom JVP rule that arranges the exponentials stably. */
  @CustomJvp(value = "ruleJvp", order = 2)
  public static float rule(float x) {
    return (float) Math.log(1f + (float) Math.exp(x));
  }

  static Jvp<Float> ruleJvp(float x, float xDot) {
    float ans = rule(x);
    float ansDot = (1 - 1 / (1 + (float) Math.exp(x))) * xDot;
    return new Jvp<>(ans, ansDot);
  }

  /** The same rule through {@code defjvps}. */
  @CustomJvp(perArgument = "perArgumentJvp")
  public static float perArgument(float x) {
    return (float) Math.log(1f + (float) Math.exp(x));
  }

  static float perArgumentJvp(float t, float ans, float x) {
    return (1 - 1 / (1 + (float) Math.exp(x))) * t;
  }
}
