package golden;

import dev.leibniz.runtime.Dual;
import dev.leibniz.runtime.Primal;
import javax.annotation.processing.Generated;

/**
 * Derivatives of the differentiable methods of {@link StraightLine}, written by the Leibniz processor.
 */
@Generated("dev.leibniz.processor.LeibnizProcessor")
public final class StraightLineDerivatives {
  private StraightLineDerivatives() {
  }

  /**
   * Forward mode (JAX {@code jvp}) of {@link StraightLine#f}: the value and its directional derivative along the tangents.
   */
  public static Dual fJvp(double x, double y, double xDot, double yDot) {
    double t1 = Math.sin(x);
    double t3 = Math.exp(x / y);
    return new Dual(t1 * y + t3, xDot * Math.cos(x) * y + t1 * yDot + (xDot / y + -yDot * x / (y * y)) * t3);
  }

  /**
   * The cotangent of the differentiable parameters of {@link StraightLine#f} for the result's cotangent: the forward sweep, then the backward sweep.
   */
  private static FGradient fPullback(double cotangent, double x, double y) {
    double t1 = Math.sin(x);
    double t3 = Math.exp(x / y);
    double t2Bar = cotangent * t3;
    double xBar = t2Bar / y;
    double yBar = -t2Bar * x / (y * y);
    yBar += t1 * cotangent;
    xBar += cotangent * y * Math.cos(x);
    return new FGradient(xBar, yBar);
  }

  /**
   * The gradient of {@link StraightLine#f} with respect to its differentiable parameters (JAX {@code grad}).
   */
  public static FGradient fGrad(double x, double y) {
    return StraightLineDerivatives.fPullback(1.0, x, y);
  }

  /**
   * The value of {@link StraightLine#f} and its pullback (JAX {@code vjp}).
   */
  @Primal(
      parameters = {"x", "y"}
  )
  public static FVjp fVjp(double x, double y) {
    double t4 = Math.sin(x) * y + Math.exp(x / y);
    return new FVjp(t4, x, y);
  }

  /**
   * The value of {@link StraightLine#f} and its gradient (JAX {@code value_and_grad}).
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
   * The value of {@link StraightLine#f} and its pullback (JAX {@code vjp}); the pullback may be called any number of times. It keeps the inputs and runs the forward sweep again (the method has no side effects), so it holds no intermediate values.
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
      return StraightLineDerivatives.fPullback(cotangent, x, y);
    }
  }

  /**
   * The value of {@code f} and its gradient (JAX {@code value_and_grad}).
   */
  public record FValueAndGrad(double value, FGradient gradient) {
  }
}
