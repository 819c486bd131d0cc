package dev.leibniz.it;

import dev.leibniz.Differentiable;
import dev.leibniz.lib.Lib;

/**
 * Calls into {@link Lib}, compiled earlier in module it-library: the processor sees only its jar
 * and must use {@code LibDerivatives} and its rules.
 */
public final class LibraryCalls {
  private LibraryCalls() {}

  @Differentiable
  static double softplusSum(double x, double y) {
    return Lib.softplus(x) + Lib.softplus(x * y);
  }

  /** Through the library's custom JVP rule: stable where the body's own gradient is NaN. */
  @Differentiable
  static double twiceLog1pexp(double x) {
    return 2 * Lib.log1pexp(x);
  }

  /** Through the library's per-argument rules. */
  @Differentiable
  static double productOfSines(double x, double y) {
    return Lib.product(Math.sin(x), Math.sin(y)) + Lib.product(x, 3);
  }

  /** Through the library's custom VJP rule: the cotangent reaching 3x is clipped to [-0.5, 0.5]. */
  @Differentiable
  static double clippedSin(double x) {
    return Math.sin(Lib.clipGradient(-0.5, 0.5, 3 * x));
  }

  /** Library records built here, passed to and returned from library methods. */
  @Differentiable
  static double projected(double x, double y) {
    Lib.Vec v = Lib.scale(new Lib.Vec(x, y), x);
    return Lib.dot(v, new Lib.Vec(1, y));
  }

  /** A library record as parameter and result. */
  @Differentiable
  static Lib.Vec rescaled(Lib.Vec v, double k) {
    return Lib.scale(v, k * k);
  }

  /** A library method with a loop and an int argument, called in a loop. */
  @Differentiable
  static double hornerTwice(double x) {
    double s = 0;
    for (int d = 1; d <= 2; d++) {
      s += Lib.horner(x, d);
    }
    return s;
  }

  /** A library method writing into an array of this method: (x y)^2 + (x^2 y)^2 + x. */
  @Differentiable
  static double scaledNorm(double x, double y) {
    double[] v = {x, x * x};
    double[] w = new double[2];
    double first = Lib.scaleInto(v, y, w);
    return w[0] * w[0] + w[1] * w[1] + first;
  }

  /**
   * The library's overloads of norm2, each known by its own generated forms: (x^2 + y^2) + (x^2 + x^2 y^2)
   * + (y^2 + 1).
   */
  @Differentiable
  static double libraryOverloads(double x, double y) {
    return Lib.norm2(x, y) + Lib.norm2(new double[] {x, x * y}) + Lib.norm2(new Lib.Vec(y, 1));
  }

  /** Second order through the library's order-2 overload: (x y)^2 + x^2. */
  @Differentiable(order = 2)
  static double libraryOverloadSecondOrder(double x, double y) {
    return Lib.norm2(x * y, x);
  }
}
