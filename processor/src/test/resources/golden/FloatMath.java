package golden;

import dev.leibniz.Differentiable;

/**
 * float in, float out: the derivatives stay in float (as JAX's float32), the Math calls are cast
 * back to float as the user's code does, and the JVP returns {@code Jvp<Float>}.
 */
class FloatMath {
  @Differentiable
  static float f(float x) {
    return (float) Math.sin(x) * x + 2f;
  }
}
