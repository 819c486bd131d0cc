package dev.leibniz.examples.seed;

import dev.leibniz.CustomVjp;
import dev.leibniz.runtime.Fwd;
import java.util.function.Consumer;

/** Basic usage of custom VJP rules (cells [52]-[61]). */
public final class BasicVjp {
  private BasicVjp() {}

  static Consumer<String> log = message -> {};

  public static void log(Consumer<String> sink) {
    log = sink;
  }

  @CustomVjp(fwd = "fFwd", bwd = "fBwd")
  public static double f(double x) {
    log.accept("called f!");
    return Math.sin(x);
  }

  static Fwd<Double, Double> fFwd(double x) {
    log.accept("called f_fwd!");
    return new Fwd<>(f(x), Math.cos(x));
  }

  static double fBwd(Double cosX, double yBar) {
    log.accept("called f_bwd!");
    return cosX * yBar;
  }

  /** The residuals of {@link #multi}. */
  record Residuals(double cosX, double sinX, double y) {}

  /** Multiple arguments; note the rule's sign for {@code y}, as in the notebook. */
  @CustomVjp(fwd = "multiFwd", bwd = "multiBwd")
  public static double multi(double x, double y) {
    return Math.sin(x) * y;
  }

  static Fwd<Double, Residuals> multiFwd(double x, double y) {
    return new Fwd<>(multi(x, y), new Residuals(Math.cos(x), Math.sin(x), y));
  }

  static double[] multiBwd(Residuals res, double g) {
    return new double[] {res.cosX() * g * res.y(), -res.sinX() * g};
  }
}
