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
    double xBar = 0.0;
    double rBar = 1.0;
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
    return new PowerVjp(r, trips, tape, x);
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

    private final int trips;

    private final Tape tape;

    private final double x;

    private PowerVjp(double value, int trips, Tape tape, double x) {
      this.value = value;
      this.trips = trips;
      this.tape = tape;
      this.x = x;
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
      Tape tape = this.tape.replay();
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
  }

  /**
   * The value of {@code power} and its gradient (JAX {@code value_and_grad}).
   */
  public record PowerValueAndGrad(double value, double gradient) {
  }
}
