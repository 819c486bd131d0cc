package golden;

import dev.leibniz.runtime.Dual;
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
   * The backward sweep of {@link CustomJvpRule#f}: the cotangent of its differentiable parameters, from the result's cotangent and what the forward sweep kept.
   */
  private static FGradient fPullback(double cotangent, double y, double t2, double t5) {
    double yDotBar = t5 * cotangent;
    double t3Bar = cotangent * y;
    double xDotBar = t2 * t3Bar;
    return new FGradient(xDotBar, yDotBar);
  }

  /**
   * The gradient of {@link CustomJvpRule#f} with respect to its differentiable parameters (JAX {@code grad}).
   */
  public static FGradient fGrad(double x, double y) {
    double t2 = Math.cos(x);
    double t5 = Math.sin(x);
    return CustomJvpRuleDerivatives.fPullback(1.0, y, t2, t5);
  }

  /**
   * The value of {@link CustomJvpRule#f} and its pullback (JAX {@code vjp}).
   */
  public static FVjp fVjp(double x, double y) {
    double t1 = CustomJvpRule.f(x, y);
    double primalOut = t1;
    double t2 = Math.cos(x);
    double t5 = Math.sin(x);
    return new FVjp(primalOut, y, t2, t5);
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
   * The value of {@link CustomJvpRule#f} and its pullback (JAX {@code vjp}); the pullback may be called any number of times.
   */
  public static final class FVjp {
    private final double value;

    private final double y;

    private final double t2;

    private final double t5;

    private FVjp(double value, double y, double t2, double t5) {
      this.value = value;
      this.y = y;
      this.t2 = t2;
      this.t5 = t5;
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
      return CustomJvpRuleDerivatives.fPullback(cotangent, y, t2, t5);
    }
  }

  /**
   * The value of {@code f} and its gradient (JAX {@code value_and_grad}).
   */
  public record FValueAndGrad(double value, FGradient gradient) {
  }
}
