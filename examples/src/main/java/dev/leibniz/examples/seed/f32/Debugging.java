package dev.leibniz.examples.seed.f32;

import dev.leibniz.CustomVjp;
import dev.leibniz.Differentiable;
import dev.leibniz.runtime.Fwd;
import java.util.function.DoubleConsumer;

/**
 * Python debugging (cells [62]-[63]), in float32: an identity whose backward rule is the place for
 * a breakpoint. Here the rule hands the cotangent to a listener the tour sets.
 */
public final class Debugging {
  private Debugging() {}

  /** Who sees the cotangents flowing back through {@link #debug}; set a breakpoint in the rule instead. */
  static DoubleConsumer listener = g -> {};

  public static void listen(DoubleConsumer l) {
    listener = l;
  }

  @CustomVjp(fwd = "debugFwd", bwd = "debugBwd")
  public static float debug(float x) {
    return x;
  }

  static Fwd<Float, Float> debugFwd(float x) {
    return new Fwd<>(x, x);
  }

  static float debugBwd(Float x, float g) {
    listener.accept(g); // a breakpoint here shows x and g, as pdb.set_trace() does in JAX
    return g;
  }

  @Differentiable
  public static float foo(float x) {
    float y = x * x;
    y = debug(y);
    return (float) Math.sin(y);
  }
}
