package golden;

import dev.leibniz.runtime.Dual;
import dev.leibniz.runtime.Primal;
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
    double t4 = Math.sqrt(pX * pX + pY * pY);
    return new Dual(t4, (pXDot * pX + pX * pXDot + (pYDot * pY + pY * pYDot)) * (0.5 / t4));
  }

  /**
   * The cotangent of the differentiable parameters of {@link RecordParameter#norm} for the result's cotangent: the forward sweep, then the backward sweep.
   */
  private static RecordParameter.Point normPullback(double cotangent, RecordParameter.Point p) {
    double pX = p.x();
    double pY = p.y();
    double t4 = Math.sqrt(pX * pX + pY * pY);
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
    return RecordParameterDerivatives.normPullback(1.0, p);
  }

  /**
   * The value of {@link RecordParameter#norm} and its pullback (JAX {@code vjp}).
   */
  @Primal(
      parameters = {"p"}
  )
  public static NormVjp normVjp(RecordParameter.Point p) {
    double pX = p.x();
    double pY = p.y();
    double t4 = Math.sqrt(pX * pX + pY * pY);
    return new NormVjp(t4, p);
  }

  /**
   * The value of {@link RecordParameter#norm} and its gradient (JAX {@code value_and_grad}).
   */
  public static NormValueAndGrad normValueAndGrad(RecordParameter.Point p) {
    NormVjp vjp = normVjp(p);
    return new NormValueAndGrad(vjp.value(), vjp.pullback(1.0));
  }

  /**
   * The value of {@link RecordParameter#norm} and its pullback (JAX {@code vjp}); the pullback may be called any number of times. It keeps the inputs and runs the forward sweep again (the method has no side effects), so it holds no intermediate values.
   */
  public static final class NormVjp {
    private final double value;

    private final RecordParameter.Point p;

    private NormVjp(double value, RecordParameter.Point p) {
      this.value = value;
      this.p = p;
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
      return RecordParameterDerivatives.normPullback(cotangent, p);
    }
  }

  /**
   * The value of {@code norm} and its gradient (JAX {@code value_and_grad}).
   */
  public record NormValueAndGrad(double value, RecordParameter.Point gradient) {
  }
}
