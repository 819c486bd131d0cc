package dev.leibniz.examples.seed;

import dev.leibniz.CustomJvp;
import dev.leibniz.CustomVjp;
import dev.leibniz.Differentiable;
import dev.leibniz.runtime.Fwd;
import dev.leibniz.runtime.Jvp;

/**
 * Containers (pytrees) with custom rules (cells [64]-[69]): JAX's namedtuple is a record, its
 * dict {@code {'a': ..., 'b': (..., ...)}} the record {@link Out}. A record is its own tangent type.
 */
public final class Pytrees {
  private Pytrees() {}

  /** {@code Point = namedtuple("Point", ["x", "y"])}. */
  public record Point(double x, double y) {}

  /** The pair {@code (jnp.sin(x), jnp.cos(y))}. */
  public record Pair(double first, double second) {}

  /** The dict {@code {'a': x ** 2, 'b': (jnp.sin(x), jnp.cos(y))}}. */
  public record Out(double a, Pair b) {}

  @CustomJvp("fJvp")
  public static Out f(Point pt) {
    double x = pt.x();
    double y = pt.y();
    return new Out(x * x, new Pair(Math.sin(x), Math.cos(y)));
  }

  static Jvp<Out> fJvp(Point pt, Point ptDot) {
    Out ans = f(pt);
    Out ansDot = new Out(2 * pt.x() * ptDot.x(),
        new Pair(Math.cos(pt.x()) * ptDot.x(), -Math.sin(pt.y()) * ptDot.y()));
    return new Jvp<>(ans, ansDot);
  }

  @Differentiable
  public static double fun(Point pt) {
    Out dct = f(pt);
    return dct.a() + dct.b().first();
  }

  @CustomVjp(fwd = "gFwd", bwd = "gBwd")
  public static Out g(Point pt) {
    double x = pt.x();
    double y = pt.y();
    return new Out(x * x, new Pair(Math.sin(x), Math.cos(y)));
  }

  static Fwd<Out, Point> gFwd(Point pt) {
    return new Fwd<>(g(pt), pt);
  }

  static Point gBwd(Point pt, Out g) {
    double aBar = g.a();
    double b0Bar = g.b().first();
    double b1Bar = g.b().second();
    double xBar = 2 * pt.x() * aBar + Math.cos(pt.x()) * b0Bar;
    double yBar = -Math.sin(pt.y()) * b1Bar;
    return new Point(xBar, yBar);
  }

  @Differentiable
  public static double gun(Point pt) {
    Out dct = g(pt);
    return dct.a() + dct.b().first();
  }
}
