package dev.leibniz.examples.seed.f32;

import dev.leibniz.CustomJvp;
import dev.leibniz.CustomVjp;
import dev.leibniz.Differentiable;
import dev.leibniz.runtime.Fwd;
import dev.leibniz.runtime.Jvp;

/**
 * Containers (pytrees) with custom rules (cells [64]-[69]), in float32: JAX's namedtuple is a
 * record, its dict {@code {'a': ..., 'b': (..., ...)}} the record {@link Out}. A record is its own
 * tangent type.
 */
public final class Pytrees {
  private Pytrees() {}

  /** {@code Point = namedtuple("Point", ["x", "y"])}. */
  public record Point(float x, float y) {}

  /** The pair {@code (jnp.sin(x), jnp.cos(y))}. */
  public record Pair(float first, float second) {}

  /** The dict {@code {'a': x ** 2, 'b': (jnp.sin(x), jnp.cos(y))}}. */
  public record Out(float a, Pair b) {}

  @CustomJvp("fJvp")
  public static Out f(Point pt) {
    float x = pt.x();
    float y = pt.y();
    return new Out(x * x, new Pair((float) Math.sin(x), (float) Math.cos(y)));
  }

  static Jvp<Out> fJvp(Point pt, Point ptDot) {
    Out ans = f(pt);
    Out ansDot = new Out(2 * pt.x() * ptDot.x(),
        new Pair((float) Math.cos(pt.x()) * ptDot.x(), -(float) Math.sin(pt.y()) * ptDot.y()));
    return new Jvp<>(ans, ansDot);
  }

  @Differentiable
  public static float fun(Point pt) {
    Out dct = f(pt);
    return dct.a() + dct.b().first();
  }

  @CustomVjp(fwd = "gFwd", bwd = "gBwd")
  public static Out g(Point pt) {
    float x = pt.x();
    float y = pt.y();
    return new Out(x * x, new Pair((float) Math.sin(x), (float) Math.cos(y)));
  }

  static Fwd<Out, Point> gFwd(Point pt) {
    return new Fwd<>(g(pt), pt);
  }

  static Point gBwd(Point pt, Out g) {
    float aBar = g.a();
    float b0Bar = g.b().first();
    float b1Bar = g.b().second();
    float xBar = 2 * pt.x() * aBar + (float) Math.cos(pt.x()) * b0Bar;
    float yBar = -(float) Math.sin(pt.y()) * b1Bar;
    return new Point(xBar, yBar);
  }

  @Differentiable
  public static float gun(Point pt) {
    Out dct = g(pt);
    return dct.a() + dct.b().first();
  }
}
