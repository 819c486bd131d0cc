package dev.leibniz.examples.seed.f32;

import dev.leibniz.CustomJvp;
import dev.leibniz.Differentiable;
import dev.leibniz.runtime.Jvp;

/** Enforcing a differentiation convention: {@code x / (1 + sqrt(x))} at 0 (cells [16]-[21]), in float32. */
public final class Convention {
  private Convention() {}

  @Differentiable
  public static float naive(float x) {
    return x / (1 + (float) Math.sqrt(x));
  }

  /** With the derivative on R+, {@code (sqrt(x) + 2) / (2 (sqrt(x) + 1)^2)}, as the rule. */
  @CustomJvp("ruleJvp")
  public static float rule(float x) {
    return x / (1 + (float) Math.sqrt(x));
  }

  static Jvp<Float> ruleJvp(float x, float xDot) {
    float ans = rule(x);
    float ansDot = (((float) Math.sqrt(x) + 2) / (2 * (float) Math.pow((float) Math.sqrt(x) + 1, 2))) * xDot;
    return new Jvp<>(ans, ansDot);
  }

  @CustomJvp(perArgument = "perArgumentJvp")
  public static float perArgument(float x) {
    return x / (1 + (float) Math.sqrt(x));
  }

  static float perArgumentJvp(float t, float ans, float x) {
    return (((float) Math.sqrt(x) + 2) / (2 * (float) Math.pow((float) Math.sqrt(x) + 1, 2))) * t;
  }
}
