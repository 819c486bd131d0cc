package golden;

import dev.leibniz.runtime.Fwd;
import dev.leibniz.runtime.Primal;
import javax.annotation.processing.Generated;

/**
 * Derivatives of the differentiable methods of {@link CustomVjpRule}, written by the Leibniz processor.
 *
 * <p>There is no {@code fJvp}: a {@code @CustomVjp} rule, on the way, has no forward mode (JAX: "can't apply forward-mode autodiff (jvp) to a custom_vjp function").
 */
@Generated("dev.leibniz.processor.LeibnizProcessor")
public final class CustomVjpRuleDerivatives {
  private CustomVjpRuleDerivatives() {
  }

  /**
   * The gradient of {@link CustomVjpRule#f} (JAX {@code grad}), from its rules {@code fFwd} and {@code fBwd}.
   */
  public static FGradient fGrad(double x, double y) {
    Fwd<Double, CustomVjpRule.Residuals> fwd = CustomVjpRule.fFwd(x, y);
    double[] cotangents = CustomVjpRule.fBwd(fwd.residuals(), 1.0);
    if (cotangents == null) {
      cotangents = new double[2];
    } else if (cotangents.length != 2) {
      throw new IllegalStateException("fBwd returned " + cotangents.length + " cotangents; expected 2, one per differentiable parameter of f (x, y)");
    }
    return new FGradient(cotangents[0], cotangents[1]);
  }

  /**
   * The value of {@link CustomVjpRule#f} and its gradient (JAX {@code value_and_grad}).
   */
  public static FValueAndGrad fValueAndGrad(double x, double y) {
    Fwd<Double, CustomVjpRule.Residuals> fwd = CustomVjpRule.fFwd(x, y);
    double[] cotangents = CustomVjpRule.fBwd(fwd.residuals(), 1.0);
    if (cotangents == null) {
      cotangents = new double[2];
    } else if (cotangents.length != 2) {
      throw new IllegalStateException("fBwd returned " + cotangents.length + " cotangents; expected 2, one per differentiable parameter of f (x, y)");
    }
    FGradient gradient = new FGradient(cotangents[0], cotangents[1]);
    return new FValueAndGrad(fwd.value(), gradient);
  }

  /**
   * The value of {@link CustomVjpRule#f} and its pullback (JAX {@code vjp}), from its rules.
   */
  @Primal(
      parameters = {"x", "y"}
  )
  public static FVjp fVjp(double x, double y) {
    return new FVjp(CustomVjpRule.fFwd(x, y));
  }

  /**
   * The gradient of {@code f}: one component per differentiable parameter.
   */
  public record FGradient(double x, double y) {
  }

  /**
   * The value of {@code f} and its gradient (JAX {@code value_and_grad}).
   */
  public record FValueAndGrad(double value, FGradient gradient) {
  }

  /**
   * The value of {@link CustomVjpRule#f} and its pullback (JAX {@code vjp}), from its rules; the pullback may be called any number of times.
   */
  public static final class FVjp {
    private final double value;

    private final CustomVjpRule.Residuals residuals;

    private FVjp(Fwd<Double, CustomVjpRule.Residuals> fwd) {
      this.value = fwd.value();
      this.residuals = fwd.residuals();
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
      double[] cotangents = CustomVjpRule.fBwd(residuals, cotangent);
      if (cotangents == null) {
        cotangents = new double[2];
      } else if (cotangents.length != 2) {
        throw new IllegalStateException("fBwd returned " + cotangents.length + " cotangents; expected 2, one per differentiable parameter of f (x, y)");
      }
      return new FGradient(cotangents[0], cotangents[1]);
    }
  }
}
