package dev.leibniz.examples.seed.f32;

import dev.leibniz.CustomJvp;
import dev.leibniz.CustomVjp;
import dev.leibniz.NonDiff;
import dev.leibniz.runtime.Fwd;
import dev.leibniz.runtime.Jvp;
import java.util.function.DoubleUnaryOperator;

/**
 * Non-differentiable arguments, JAX's {@code nondiff_argnums} (cells [70]-[78]), in float32. A JVP
 * rule takes the method's parameters in the method's order; a VJP backward rule takes the
 * {@code @NonDiff} ones first, as in JAX. Function values are {@code DoubleUnaryOperator}s (Java has
 * no float one), their results rounded to float.
 */
public final class NonDiffArgs {
  private NonDiffArgs() {}

  @CustomJvp("appJvp")
  public static float app(@NonDiff DoubleUnaryOperator f, float x) {
    return (float) f.applyAsDouble(x);
  }

  static Jvp<Float> appJvp(DoubleUnaryOperator f, float x, float xDot) {
    return new Jvp<>((float) f.applyAsDouble(x), 2f * xDot);
  }

  @CustomJvp("app2Jvp")
  public static float app2(@NonDiff DoubleUnaryOperator f, float x, @NonDiff DoubleUnaryOperator g) {
    return (float) f.applyAsDouble((float) g.applyAsDouble(x));
  }

  static Jvp<Float> app2Jvp(DoubleUnaryOperator f, float x, DoubleUnaryOperator g, float xDot) {
    return new Jvp<>((float) f.applyAsDouble((float) g.applyAsDouble(x)), 3f * xDot);
  }

  @CustomVjp(fwd = "appVjpFwd", bwd = "appVjpBwd")
  public static float appVjp(@NonDiff DoubleUnaryOperator f, float x) {
    return (float) f.applyAsDouble(x);
  }

  static Fwd<Float, Float> appVjpFwd(DoubleUnaryOperator f, float x) {
    return new Fwd<>((float) f.applyAsDouble(x), x);
  }

  static float appVjpBwd(DoubleUnaryOperator f, Float x, float g) {
    return 5 * g;
  }
}
