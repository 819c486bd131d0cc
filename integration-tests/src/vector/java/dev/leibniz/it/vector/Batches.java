package dev.leibniz.it.vector;

import dev.leibniz.CustomJvp;
import dev.leibniz.CustomVjp;
import dev.leibniz.Differentiable;
import dev.leibniz.NonDiff;
import dev.leibniz.runtime.Dual;
import dev.leibniz.runtime.Fwd;

/**
 * Methods of scalars whose batched forms ({@code BatchesVectorized}) are compiled with
 * {@code jdk.incubator.vector}: Math functions, blends, loops, custom rules, calls of other methods,
 * float. The tests compare every batched form with the scalar forms, element by element.
 */
public final class Batches {
  private Batches() {}

  @Differentiable
  public static double softplus(double x) {
    return Math.log(1 + Math.exp(x));
  }

  @Differentiable
  public static double sinTimes(double x, double y) {
    return Math.sin(x) * y;
  }

  @Differentiable
  public static double mixed(double x) {
    return Math.exp(-x * x) * Math.cos(3 * x) + Math.log1p(x * x) / (1 + x * x);
  }

  /** Degree 8, Horner. */
  @Differentiable
  public static double horner(double x) {
    return ((((((((0.5 * x - 1.25) * x + 2) * x - 0.75) * x + 1.5) * x - 3) * x + 0.25) * x + 4) * x - 2);
  }

  /** log is singular at 0 and NaN below: only on the side not taken. */
  @Differentiable
  public static double branch(double x) {
    if (x > 0) {
      return Math.log(x);
    } else {
      return x * x - 1;
    }
  }

  /** sqrt(x - y) is not differentiable at x = y, NaN below: only on the side not taken. */
  @Differentiable
  public static double conditional(double x, double y) {
    double t = x > y ? Math.sqrt(x - y) : 0;
    return t * x + Math.abs(y) + Math.max(x, y) - Math.min(x, 2 * y);
  }

  /** Nested data-dependent branches. */
  @Differentiable
  public static double nested(double x, double y) {
    double r = x;
    if (x > 1) {
      if (y > 0) {
        r = Math.sqrt(x - 1) * y;
      } else {
        r = 1 / (x - 1);
      }
    } else if (x < -1) {
      r = Math.log(-x - 1) + y;
    }
    return r * y;
  }

  /** A loop with a trip count independent of the data; n and c are passed as they are. */
  @Differentiable
  public static double power(double x, @NonDiff int n, @NonDiff double c) {
    double s = 1;
    for (int i = 0; i < n; i++) {
      s = s * x + c;
    }
    return s;
  }

  @Differentiable
  public static double trig(double x, double y) {
    return Math.atan2(y, x) + Math.hypot(x, y) + Math.tanh(x) * Math.cbrt(y) + Math.pow(Math.abs(x) + 1, y)
        + Math.toRadians(x) - Math.toDegrees(y) + Math.fma(x, y, x);
  }

  /** log(1 + exp(x)) with its stable rule. */
  @CustomJvp("softplusRuleJvp")
  public static double softplusRule(double x) {
    return Math.log(1 + Math.exp(x));
  }

  static Dual softplusRuleJvp(double x, double xDot) {
    double ans = softplusRule(x);
    return new Dual(ans, (1 - 1 / (1 + Math.exp(x))) * xDot);
  }

  @CustomJvp(perArgument = {"productJvpX", "productJvpY"})
  public static double product(double x, double y) {
    return x * x * y;
  }

  static double productJvpX(double xDot, double ans, double x, double y) {
    return 2 * x * y * xDot;
  }

  static double productJvpY(double yDot, double ans, double x, double y) {
    return x * x * yDot;
  }

  /** A gradient clipped by its rules: batched element by element. */
  @CustomVjp(fwd = "clipFwd", bwd = "clipBwd")
  public static double clip(double x) {
    return Math.sin(x);
  }

  static Fwd<Double, Double> clipFwd(double x) {
    return new Fwd<>(Math.sin(x), Math.cos(x));
  }

  static double clipBwd(Double cos, double g) {
    return Math.max(-1, Math.min(1, cos * g));
  }

  /** Calls another annotated method: inlined into the kernels. */
  @Differentiable
  public static double calls(double x) {
    return softplus(x) * 2;
  }

  /**
   * Calls of {@link #branch}, whose side not taken is singular (log of 0, of a negative): at x = 0,
   * x = y, and everywhere x * x is 0 or below.
   */
  @Differentiable
  public static double callsBranch(double x, double y) {
    return branch(x) * y + branch(y - x) + branch(-x * x);
  }

  /** Calls in a data-dependent branch: each pullback runs in the same branch of the backward sweep. */
  @Differentiable
  public static double callInBranch(double x, double y) {
    double r = y;
    if (x > 0) {
      r = sinTimes(x, y) * y;
    } else if (y > 0) {
      r = branch(y) + x;
    }
    return r * x;
  }

  /** Calls three deep, through branches and a conditional. */
  @Differentiable
  public static double deep(double x) {
    return callsBranch(calls(x), x) + conditional(x, calls(-x));
  }

  /** Calls of methods with JVP rules: their rules' tangents, not their bodies' derivatives. */
  @Differentiable
  public static double callsJvpRules(double x, double y) {
    return softplusRule(x) * y + product(y, x);
  }

  /** One call of a method with a JVP rule: at x = 1000 the rule's tangent is 2, its body's derivative NaN. */
  @Differentiable
  public static double twiceSoftplusRule(double x) {
    return 2 * softplusRule(x);
  }

  /** Calls of a {@code @CustomVjp} method: its rules (the gradient clipped). */
  @Differentiable
  public static double callsVjpRule(double x, double y) {
    return clip(x * y) + y * clip(x);
  }

  /**
   * A {@code @CustomVjp} method of two parameters, residuals in a record, cotangents in an array;
   * the rule halves the gradient along y, so that using it shows.
   */
  @CustomVjp(fwd = "scaledSinFwd", bwd = "scaledSinBwd")
  public static double scaledSin(double x, double y) {
    return Math.sin(x) * y;
  }

  record SinResiduals(double cos, double sin, double y) {}

  static Fwd<Double, SinResiduals> scaledSinFwd(double x, double y) {
    return new Fwd<>(scaledSin(x, y), new SinResiduals(Math.cos(x), Math.sin(x), y));
  }

  static double[] scaledSinBwd(SinResiduals r, double g) {
    return new double[] {r.cos() * g * r.y(), 0.5 * r.sin() * g};
  }

  @Differentiable
  public static double callsScaledSin(double x, double y) {
    return scaledSin(y, x) * x + scaledSin(x, 2);
  }

  /** Calls of float methods. */
  @Differentiable
  public static float callsF(float x, float y) {
    return softplusF(x * y) + branchF(y, x) * x;
  }

  /** What still runs element by element, with a note: StrictMath in an inlined method... */
  @Differentiable
  public static double callsStrict(double x) {
    return strictExp(x) * 2;
  }

  @Differentiable
  public static double strictExp(double x) {
    return StrictMath.exp(x);
  }

  /** ...and recursion. */
  @Differentiable
  public static double halvings(double x, @NonDiff int n) {
    return n <= 0 ? x : halvings(x * 0.5, n - 1) + 1;
  }

  /** Every operation in float: {@code (float) Math.f(x)} of a float runs in float. */
  @Differentiable
  public static float softplusF(float x) {
    return (float) Math.log1p((float) Math.exp(x));
  }

  /** {@code 1 + Math.exp(x)} is a double: double and float values mixed, batched element by element. */
  @Differentiable
  public static float mixedPrecision(float x) {
    return (float) Math.log(1 + Math.exp(x));
  }

  @Differentiable
  public static float branchF(float x, float y) {
    return x > y ? x * y : (float) Math.sin(x) - y;
  }

  /** Parameters named like the batched forms' own arrays and the kernels' bounds (they clashed). */
  @Differentiable
  public static double namesLikeGenerated(double from, double to, double out, double fromDot) {
    double end = Math.min(from, to);
    return end + (to - from) * out * fromDot;
  }

  /** A double parameter and a float one: batched forms of two array types, element by element. */
  @Differentiable
  public static double mixedParameters(double x, float y) {
    return Math.sin(x) * y + y * y;
  }
}
