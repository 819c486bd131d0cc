package dev.leibniz.examples.seed.f32;

import dev.leibniz.CustomVjp;
import dev.leibniz.runtime.Fwd;
import java.util.function.Consumer;

/** Basic usage of custom VJP rules (cells [52]-[61]), in float32. */
public final class BasicVjp {
  private BasicVjp() {}

  static Consumer<String> log = message -> {};

  public static void log(Consumer<String> sink) {
    log = sink;
  }

  @CustomVjp(fwd = "fFwd", bwd = "fBwd")
  public static float f(float x) {
    log.accept("called f!");
    return (float) Math.sin(x);
  }

  static Fwd<Float, Float> fFwd(float x) {
    log.accept("called f_fwd!");
    return new Fwd<>(f(x), (float) Math.cos(x));
  }

  static float fBwd(Float cosX, float yBar) {
    log.accept("called f_bwd!");
    return cosX * yBar;
  }

  /** The residuals of {@link #multi}. */
  record Residuals(float cosX, float sinX, float y) {}

  /** Multiple arguments; note the rule's sign for {@code y}, as in the notebook. */
  @CustomVjp(fwd = "multiFwd", bwd = "multiBwd")
  public static float multi(float x, float y) {
    return (float) Math.sin(x) * y;
  }

  static Fwd<Float, Residuals> multiFwd(float x, float y) {
    return new Fwd<>(multi(x, y), new Residuals((float) Math.cos(x), (float) Math.sin(x), y));
  }

  static float[] multiBwd(Residuals res, float g) {
    return new float[] {res.cosX() * g * res.y(), -res.sinX() * g};
  }
}
