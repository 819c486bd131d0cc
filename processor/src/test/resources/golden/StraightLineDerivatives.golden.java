package golden;

import dev.leibniz.runtime.Dual;
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
    double t1Dot = xDot * Math.cos(x);
    double s = t1 * y;
    double sDot = t1Dot * y + t1 * yDot;
    double t2 = x / y;
    double t2Dot = xDot / y + -yDot * x / (y * y);
    double t3 = Math.exp(t2);
    double t3Dot = t2Dot * t3;
    double t4 = s + t3;
    double t4Dot = sDot + t3Dot;
    return new Dual(t4, t4Dot);
  }

  /**
   * The backward sweep of {@link StraightLine#f}: the cotangent of its differentiable parameters, from the result's cotangent and what the forward sweep kept.
   */
  private static FGradient fPullback(double cotangent, double x, double y, double t1, double t3) {
    double t2Bar = cotangent * t3;
    double xBar = t2Bar / y;
    double yBar = -t2Bar * x / (y * y);
    double t1Bar = cotangent * y;
    yBar += t1 * cotangent;
    xBar += t1Bar * Math.cos(x);
    return new FGradient(xBar, yBar);
  }

  /**
   * The gradient of {@link StraightLine#f} with respect to its differentiable parameters (JAX {@code grad}).
   */
  public static FGradient fGrad(double x, double y) {
    double t1 = Math.sin(x);
    double t2 = x / y;
    double t3 = Math.exp(t2);
    return StraightLineDerivatives.fPullback(1.0, x, y, t1, t3);
  }

  /**
   * The value of {@link StraightLine#f} and its pullback (JAX {@code vjp}).
   */
  public static FVjp fVjp(double x, double y) {
    double t1 = Math.sin(x);
    double s = t1 * y;
    double t2 = x / y;
    double t3 = Math.exp(t2);
    double t4 = s + t3;
    return new FVjp(t4, x, y, t1, t3);
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
   * The value of {@link StraightLine#f} and its pullback (JAX {@code vjp}); the pullback may be called any number of times.
   */
  public static final class FVjp {
    private final double value;

    private final double x;

    private final double y;

    private final double t1;

    private final double t3;

    private FVjp(double value, double x, double y, double t1, double t3) {
      this.value = value;
      this.x = x;
      this.y = y;
      this.t1 = t1;
      this.t3 = t3;
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
      return StraightLineDerivatives.fPullback(cotangent, x, y, t1, t3);
    }
  }

  /**
   * The value of {@code f} and its gradient (JAX {@code value_and_grad}).
   */
  public record FValueAndGrad(double value, FGradient gradient) {
  }
}
