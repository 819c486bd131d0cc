package golden;

import dev.leibniz.runtime.Dual;
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
      double t1 = r * x;
      double t1Dot = rDot * x + r * xDot;
      r = t1;
      rDot = t1Dot;
    }
    return new Dual(r, rDot);
  }

  /**
   * The backward sweep of {@link LoopWithTape#power}: the cotangent of its differentiable parameters, from the result's cotangent and what the forward sweep kept.
   */
  private static double powerPullback(double cotangent, double x, Tape tape, int trips) {
    double xBar = 0.0;
    double rBar = cotangent;
    for (int k = 0; k < trips; k++) {
      double rBar3 = rBar;
      rBar = 0.0;
      double rSaved = tape.popDouble();
      rBar += rBar3 * x;
      xBar += rSaved * rBar3;
    }
    return xBar;
  }

  /**
   * The gradient of {@link LoopWithTape#power} with respect to its differentiable parameters (JAX {@code grad}).
   */
  public static double powerGrad(double x, int n) {
    Tape tape = new Tape();
    double r = 1.0;
    int trips = 0;
    for (int i = 0; i < n; i++) {
      trips++;
      tape.pushDouble(r);
      double t1 = r * x;
      r = t1;
    }
    return LoopWithTapeDerivatives.powerPullback(1.0, x, tape, trips);
  }

  /**
   * The value of {@link LoopWithTape#power} and its pullback (JAX {@code vjp}).
   */
  public static PowerVjp powerVjp(double x, int n) {
    Tape tape = new Tape();
    double r = 1.0;
    int trips = 0;
    for (int i = 0; i < n; i++) {
      trips++;
      tape.pushDouble(r);
      double t1 = r * x;
      r = t1;
    }
    return new PowerVjp(r, x, tape, trips);
  }

  /**
   * The value of {@link LoopWithTape#power} and its gradient (JAX {@code value_and_grad}).
   */
  public static PowerValueAndGrad powerValueAndGrad(double x, int n) {
    PowerVjp vjp = powerVjp(x, n);
    return new PowerValueAndGrad(vjp.value(), vjp.pullback(1.0));
  }

  /**
   * The value of {@link LoopWithTape#power} and its pullback (JAX {@code vjp}); the pullback may be called any number of times.
   */
  public static final class PowerVjp {
    private final double value;

    private final double x;

    private final Tape tape;

    private final int trips;

    private PowerVjp(double value, double x, Tape tape, int trips) {
      this.value = value;
      this.x = x;
      this.tape = tape;
      this.trips = trips;
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
      return LoopWithTapeDerivatives.powerPullback(cotangent, x, tape.replay(), trips);
    }
  }

  /**
   * The value of {@code power} and its gradient (JAX {@code value_and_grad}).
   */
  public record PowerValueAndGrad(double value, double gradient) {
  }
}
