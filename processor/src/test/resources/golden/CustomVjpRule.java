package golden;

import dev.leibniz.CustomVjp;
import dev.leibniz.runtime.Fwd;

/**
 * A custom VJP rule: the reverse forms call {@code fFwd} and {@code fBwd} and check the size of the
 * cotangent array; there is no {@code fJvp} (JAX: no forward mode through a custom_vjp function).
 */
class CustomVjpRule {
  record Residuals(double cosX, double sinX, double y) {}

  @CustomVjp(fwd = "fFwd", bwd = "fBwd")
  static double f(double x, double y) {
    return Math.sin(x) * y;
  }

  static Fwd<Double, Residuals> fFwd(double x, double y) {
    return new Fwd<>(f(x, y), new Residuals(Math.cos(x), Math.sin(x), y));
  }

  static double[] fBwd(Residuals res, double g) {
    return new double[] {res.cosX() * g * res.y(), res.sinX() * g};
  }
}
