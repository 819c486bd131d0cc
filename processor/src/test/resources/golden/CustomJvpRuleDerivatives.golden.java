package golden;

import dev.leibniz.runtime.Dual;
import dev.leibniz.runtime.Primal;
import javax.annotation.processing.Generated;

/**
 * Derivatives of the differentiable methods of {@link CustomJvpRule}, written by the Leibniz processor.
 */
@Generated("dev.leibniz.processor.LeibnizProcessor")
public final class CustomJvpRuleDerivatives {
  private CustomJvpRuleDerivatives() {
  }

  /**
   * Forward mode (JAX {@code jvp}) of {@link CustomJvpRule#f}: the value and its directional derivative along the tangents.
   */
  public static Dual fJvp(double x, double y, double xDot, double yDot) {
    return CustomJvpRule.fJvp(x, y, xDot, yDot);
  }

  /**
   * The cotangent of the differentiable parameters of {@link CustomJvpRule#f} for the result's cotangent: the forward sweep, then the backward sweep.
   */
  private static FGradient fPullback(double cotangent, double x, double y) {
    double t2 = Math.cos(x);
    double t5 = Math.sin(x);
    double yDotBar = t5 * cotangent;
    double xDotBar = t2 * (cotangent * y);
    return new FGradient(xDotBar, yDotBar);
  }

  /**
   * The gradient of {@link CustomJvpRule#f} with respect to its differentiable parameters (JAX {@code grad}).
   */
  public static FGradient fGrad(double x, double y) {
    return CustomJvpRuleDerivatives.fPullback(1.0, x, y);
  }

  /**
   * The value of {@link CustomJvpRule#f} and its pullback (JAX {@code vjp}).
   */
  @Primal(
      parameters = {"x", "y"}
  )
  public static FVjp fVjp(double x, double y) {
    double primalOut = CustomJvpRule.f(x, y);
    return new FVjp(primalOut, x, y);
  }

  /**
   * The value of {@link CustomJvpRule#f} and its gradient (JAX {@code value_and_grad}).
   */
  public static FValueAndGrad fValueAndGrad(double x, double y) {
    FVjp vjp = fVjp(x, y);
    return new FValueAndGrad(vjp.value(), vjp.pullback(1.0));
  }

  /**
   * The gradient of {@code f}: one component per differentiable parameter.
   */
  public record FGradient(double x, double y) {
  }

  /**
   * The value of {@link CustomJvpRule#f} and its pullback (JAX {@code vjp}); the pullback may be called any number of times. It keeps the inputs and runs the forward sweep again (the method has no side effects), so it holds no intermediate values.
   */
  public static final class FVjp {
    private final double value;

    private final double x;

    private final double y;

    private FVjp(double value, double x, double y) {
      this.value = value;
      this.x = x;
      this.y = y;
    }

    /**
     * The primal result.
     */
    public double value() {
      return value;
    }

    /**
     * The cotangent of the differentiable parameters, given the result's cotangent.
     */
    public FGradient pullback(double cotangent) {
      return CustomJvpRuleDerivatives.fPullback(cotangent, x, y);
    }
  }

  /**
   * The value of {@code f} and its gradient (JAX {@code value_and_grad}).
   */
  public record FValueAndGrad(double value, FGradient gradient) {
  }
}
