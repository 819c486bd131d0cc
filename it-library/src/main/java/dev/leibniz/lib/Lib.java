package dev.leibniz.lib;

import dev.leibniz.CustomJvp;
import dev.leibniz.CustomVjp;
import dev.leibniz.Differentiable;
import dev.leibniz.runtime.Dual;
import dev.leibniz.runtime.Fwd;

/**
 * Annotated methods compiled in their own module. Code in integration-tests calls them from its
 * own annotated methods: the processor then sees only this jar, so it must use the generated
 * {@code LibDerivatives} (and these rules), not the bodies.
 */
public final class Lib {
  private Lib() {}

  /** A 2-vector: a record, its own tangent type. */
  public record Vec(double x, double y) {}

  /** The clipping bounds, saved as residuals. */
  public record Bounds(double lo, double hi) {}

  /** softplus written to be stable: log(1 + e^-|x|) + max(x, 0). */
  @Differentiable
  public static double softplus(double x) {
    return Math.log1p(Math.exp(-Math.abs(x))) + Math.max(x, 0);
  }

  /**
   * The naive log(1 + e^x), whose derived gradient is NaN for large x (inf / inf); the rule gives
   * the stable one, as in the JAX notebook.
   */
  @CustomJvp("log1pexpJvp")
  public static double log1pexp(double x) {
    return Math.log(1 + Math.exp(x));
  }

  static Dual log1pexpJvp(double x, double xDot) {
    return new Dual(log1pexp(x), (1 - 1 / (1 + Math.exp(x))) * xDot);
  }

  /** x * y with one rule per argument (JAX defjvps). */
  @CustomJvp(perArgument = {"productX", "productY"})
  public static double product(double x, double y) {
    return x * y;
  }

  static double productX(double xDot, double out, double x, double y) {
    return y * xDot;
  }

  static double productY(double yDot, double out, double x, double y) {
    return x * yDot;
  }

  /** The identity, whose cotangent is clipped to [lo, hi] (the notebook's clip_gradient). */
  @CustomVjp(fwd = "clipGradientFwd", bwd = "clipGradientBwd")
  public static double clipGradient(double lo, double hi, double x) {
    return x;
  }

  static Fwd<Double, Bounds> clipGradientFwd(double lo, double hi, double x) {
    return new Fwd<>(x, new Bounds(lo, hi));
  }

  static double[] clipGradientBwd(Bounds bounds, double g) {
    return new double[] {0.0, 0.0, Math.max(bounds.lo(), Math.min(bounds.hi(), g))};
  }

  @Differentiable
  public static double dot(Vec a, Vec b) {
    return a.x() * b.x() + a.y() * b.y();
  }

  @Differentiable
  public static Vec scale(Vec v, double k) {
    return new Vec(k * v.x(), k * v.y());
  }

  /** A loop in the library: its reverse mode uses the runtime's tape. */
  @Differentiable
  public static double horner(double x, int degree) {
    double p = 0;
    for (int i = degree; i >= 0; i--) {
      p = p * x + (i + 1);
    }
    return p;
  }

  /** Writes into one of its two array parameters: scaled[i] = k * v[i] (SPEC 5a). */
  @Differentiable
  public static double scaleInto(double[] v, double k, double[] scaled) {
    for (int i = 0; i < v.length; i++) {
      scaled[i] = k * v[i];
    }
    return v[0];
  }

  /** Overloads (SPEC 5): x^2 + y^2, with second-order forms. */
  @Differentiable(order = 2)
  public static double norm2(double x, double y) {
    return x * x + y * y;
  }

  /** The sum of squares of an array: the second overload, with {@code LibDerivatives.Norm2Vjp2}. */
  @Differentiable
  public static double norm2(double[] v) {
    double s = 0;
    for (int i = 0; i < v.length; i++) {
      s += v[i] * v[i];
    }
    return s;
  }

  /** Through the first overload. */
  @Differentiable
  public static double norm2(Vec v) {
    return norm2(v.x(), v.y());
  }
}
