package golden;

import dev.leibniz.runtime.Jvp;
import dev.leibniz.runtime.Primal;
import javax.annotation.processing.Generated;

/**
 * Derivatives of the differentiable methods of {@link FloatMath}, written by the Leibniz processor.
 */
@Generated("dev.leibniz.processor.LeibnizProcessor")
public final class FloatMathDerivatives {
  private FloatMathDerivatives() {
  }

  /**
   * Forward mode (JAX {@code jvp}) of {@link FloatMath#f}: the value and its directional derivative along the tangents.
   */
  public static Jvp<Float> fJvp(float x, float xDot) {
    float t1 = (float) Math.sin(x);
    return new Jvp<>(t1 * x + 2.0f, xDot * (float) Math.cos(x) * x + t1 * xDot);
  }

  /**
   * The cotangent of the differentiable parameters of {@link FloatMath#f} for the result's cotangent: the forward sweep, then the backward sweep.
   */
  private static float fPullback(float cotangent, float x) {
    float t1 = (float) Math.sin(x);
    float xBar = t1 * cotangent;
    xBar += cotangent * x * (float) Math.cos(x);
    return xBar;
  }

  /**
   * The value of {@link FloatMath#f} and its pullback (JAX {@code vjp}).
   */
  @Primal(
      parameters = {"x"}
  )
  public static FVjp fVjp(float x) {
    float t3 = (float) Math.sin(x) * x + 2.0f;
    return new FVjp(t3, x);
  }

  /**
   * The gradient of {@link FloatMath#f} (JAX {@code grad}), by forward mode: one input.
   */
  public static float fGrad(float x) {
    return (float) Math.cos(x) * x + (float) Math.sin(x);
  }

  /**
   * The value of {@link FloatMath#f} and its gradient (JAX {@code value_and_grad}), by forward mode: one input.
   */
  public static FValueAndGrad fValueAndGrad(float x) {
    float t1 = (float) Math.sin(x);
    return new FValueAndGrad(t1 * x + 2.0f, (float) Math.cos(x) * x + t1);
  }

  /**
   * The value of {@link FloatMath#f} and its pullback (JAX {@code vjp}); the pullback may be called any number of times. It keeps the inputs and runs the forward sweep again (the method has no side effects), so it holds no intermediate values.
   */
  public static final class FVjp {
    private final float value;

    private final float x;

    private FVjp(float value, float x) {
      this.value = value;
      this.x = x;
    }

    /**
     * The primal result.
     */
    public float value() {
      return value;
    }

    /**
     * The cotangent of the differentiable parameters, given the result's cotangent.
     */
    public float pullback(float cotangent) {
      return FloatMathDerivatives.fPullback(cotangent, x);
    }
  }

  /**
   * The value of {@code f} and its gradient (JAX {@code value_and_grad}).
   */
  public record FValueAndGrad(float value, float gradient) {
  }
}
