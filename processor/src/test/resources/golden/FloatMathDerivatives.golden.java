package golden;

import dev.leibniz.runtime.Jvp;
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
    float t1Dot = xDot * (float) Math.cos(x);
    float t2 = t1 * x;
    float t2Dot = t1Dot * x + t1 * xDot;
    float t3 = t2 + 2.0f;
    float t3Dot = t2Dot;
    return new Jvp<>(t3, t3Dot);
  }

  /**
   * The backward sweep of {@link FloatMath#f}: the cotangent of its differentiable parameters, from the result's cotangent and what the forward sweep kept.
   */
  private static float fPullback(float cotangent, float x, float t1) {
    float t1Bar = cotangent * x;
    float xBar = t1 * cotangent;
    xBar += t1Bar * (float) Math.cos(x);
    return xBar;
  }

  /**
   * The gradient of {@link FloatMath#f} with respect to its differentiable parameters (JAX {@code grad}).
   */
  public static float fGrad(float x) {
    float t1 = (float) Math.sin(x);
    return FloatMathDerivatives.fPullback(1.0f, x, t1);
  }

  /**
   * The value of {@link FloatMath#f} and its pullback (JAX {@code vjp}).
   */
  public static FVjp fVjp(float x) {
    float t1 = (float) Math.sin(x);
    float t2 = t1 * x;
    float t3 = t2 + 2.0f;
    return new FVjp(t3, x, t1);
  }

  /**
   * The value of {@link FloatMath#f} and its gradient (JAX {@code value_and_grad}).
   */
  public static FValueAndGrad fValueAndGrad(float x) {
    FVjp vjp = fVjp(x);
    return new FValueAndGrad(vjp.value(), vjp.pullback(1.0f));
  }

  /**
   * The value of {@link FloatMath#f} and its pullback (JAX {@code vjp}); the pullback may be called any number of times.
   */
  public static final class FVjp {
    private final float value;

    private final float x;

    private final float t1;

    private FVjp(float value, float x, float t1) {
      this.value = value;
      this.x = x;
      this.t1 = t1;
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
      return FloatMathDerivatives.fPullback(cotangent, x, t1);
    }
  }

  /**
   * The value of {@code f} and its gradient (JAX {@code value_and_grad}).
   */
  public record FValueAndGrad(float value, float gradient) {
  }
}
