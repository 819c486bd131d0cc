package golden;

import dev.leibniz.runtime.Dual;
import dev.leibniz.runtime.Primal;
import dev.leibniz.runtime.Tape;
import javax.annotation.processing.Generated;

/**
 * Derivatives of the differentiable methods of {@link LoopWithTape}, written by the Leibniz processor.
 */
@Generated("dev.leibniz.processor.LeibnizProcessor")
public final class LoopWithTapeDerivatives {
  private LoopWithTapeDerivatives() {
  }

  /**
   * Forward mode (JAX {@code jvp}) of {@link LoopWithTape#power}: the value and its directional derivative along the tangents.
   */
  public static Dual powerJvp(double x, int n, double xDot) {
    double r = 1.0;
    double rDot = 0.0;
    for (int i = 0; i < n; i++) {
      rDot = rDot * x + r * xDot;
      r = r * x;
    }
    return new Dual(r, rDot);
  }

  /**
   * The cotangent of the differentiable parameters of {@link LoopWithTape#power} for the result's cotangent: the forward sweep, then the backward sweep.
   */
  private static double powerPullback(double cotangent, double x, int n) {
    Tape tape = new Tape();
    double r = 1.0;
    for (int i = 0; i < n; i++) {
      tape.pushDouble(r);
      r = r * x;
    }
    double xBar = 0.0;
    double rBar = cotangent;
    for (int k = 0; k < n; k++) {
      double rBar3 = rBar;
      rBar = 0.0;
      double rSaved = tape.popDouble();
      rBar += rBar3 * x;
      xBar += rSaved * rBar3;
    }
    return xBar;
  }

  /**
   * The value of {@link LoopWithTape#power} and its pullback (JAX {@code vjp}).
   */
  @Primal(
      parameters = {"x", "n"}
  )
  public static PowerVjp powerVjp(double x, int n) {
    Tape tape = new Tape();
    double r = 1.0;
    for (int i = 0; i < n; i++) {
      tape.pushDouble(r);
      r = r * x;
    }
    return new PowerVjp(r, x, n);
  }

  /**
   * The gradient of {@link LoopWithTape#power} (JAX {@code grad}), by forward mode: one input.
   */
  public static double powerGrad(double x, int n) {
    double r = 1.0;
    double rDot = 0.0;
    for (int i = 0; i < n; i++) {
      rDot = rDot * x + r;
      r = r * x;
    }
    return rDot;
  }

  /**
   * The value of {@link LoopWithTape#power} and its gradient (JAX {@code value_and_grad}), by forward mode: one input.
   */
  public static PowerValueAndGrad powerValueAndGrad(double x, int n) {
    double r = 1.0;
    double rDot = 0.0;
    for (int i = 0; i < n; i++) {
      rDot = rDot * x + r;
      r = r * x;
    }
    return new PowerValueAndGrad(r, rDot);
  }

  /**
   * The value of {@link LoopWithTape#power} and its pullback (JAX {@code vjp}); the pullback may be called any number of times. It keeps the inputs and runs the forward sweep again (the method has no side effects), so it holds no intermediate values.
   */
  public static final class PowerVjp {
    private final double value;

    private final double x;

    private final int n;

    private PowerVjp(double value, double x, int n) {
      this.value = value;
      this.x = x;
      this.n = n;
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
    public double pullback(double cotangent) {
      return LoopWithTapeDerivatives.powerPullback(cotangent, x, n);
    }
  }

  /**
   * The value of {@code power} and its gradient (JAX {@code value_and_grad}).
   */
  public record PowerValueAndGrad(double value, double gradient) {
  }
}
