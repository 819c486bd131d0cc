package golden;

import dev.leibniz.runtime.Dual;
import javax.annotation.processing.Generated;

/**
 * Derivatives of the differentiable methods of {@link RecordParameter}, written by the Leibniz processor.
 */
@Generated("dev.leibniz.processor.LeibnizProcessor")
public final class RecordParameterDerivatives {
  private RecordParameterDerivatives() {
  }

  /**
   * Forward mode (JAX {@code jvp}) of {@link RecordParameter#norm}: the value and its directional derivative along the tangents.
   */
  public static Dual normJvp(RecordParameter.Point p, RecordParameter.Point pDot) {
    double pX = p.x();
    double pXDot = pDot.x();
    double pY = p.y();
    double pYDot = pDot.y();
    double t1 = pX * pX;
    double t1Dot = pXDot * pX + pX * pXDot;
    double t2 = pY * pY;
    double t2Dot = pYDot * pY + pY * pYDot;
    double t3 = t1 + t2;
    double t3Dot = t1Dot + t2Dot;
    double t4 = Math.sqrt(t3);
    double t4Dot = t3Dot * (0.5 / t4);
    return new Dual(t4, t4Dot);
  }

  /**
   * The backward sweep of {@link RecordParameter#norm}: the cotangent of its differentiable parameters, from the result's cotangent and what the forward sweep kept.
   */
  private static RecordParameter.Point normPullback(double cotangent, double pX, double pY,
      double t4) {
    double t3Bar = cotangent * (0.5 / t4);
    double pYBar = t3Bar * pY;
    pYBar += pY * t3Bar;
    double pXBar = t3Bar * pX;
    pXBar += pX * t3Bar;
    return new RecordParameter.Point(pXBar, pYBar);
  }

  /**
   * The gradient of {@link RecordParameter#norm} with respect to its differentiable parameters (JAX {@code grad}).
   */
  public static RecordParameter.Point normGrad(RecordParameter.Point p) {
    double pX = p.x();
    double pY = p.y();
    double t1 = pX * pX;
    double t2 = pY * pY;
    double t3 = t1 + t2;
    double t4 = Math.sqrt(t3);
    return RecordParameterDerivatives.normPullback(1.0, pX, pY, t4);
  }

  /**
   * The value of {@link RecordParameter#norm} and its pullback (JAX {@code vjp}).
   */
  public static NormVjp normVjp(RecordParameter.Point p) {
    double pX = p.x();
    double pY = p.y();
    double t1 = pX * pX;
    double t2 = pY * pY;
    double t3 = t1 + t2;
    double t4 = Math.sqrt(t3);
    return new NormVjp(t4, pX, pY, t4);
  }

  /**
   * The value of {@link RecordParameter#norm} and its gradient (JAX {@code value_and_grad}).
   */
  public static NormValueAndGrad normValueAndGrad(RecordParameter.Point p) {
    NormVjp vjp = normVjp(p);
    return new NormValueAndGrad(vjp.value(), vjp.pullback(1.0));
  }

  /**
   * The value of {@link RecordParameter#norm} and its pullback (JAX {@code vjp}); the pullback may be called any number of times.
   */
  public static final class NormVjp {
    private final double value;

    private final double pX;

    private final double pY;

    private final double t4;

    private NormVjp(double value, double pX, double pY, double t4) {
      this.value = value;
      this.pX = pX;
      this.pY = pY;
      this.t4 = t4;
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
    public RecordParameter.Point pullback(double cotangent) {
      return RecordParameterDerivatives.normPullback(cotangent, pX, pY, t4);
    }
  }

  /**
   * The value of {@code norm} and its gradient (JAX {@code value_and_grad}).
   */
  public record NormValueAndGrad(double value, RecordParameter.Point gradient) {
  }
}
