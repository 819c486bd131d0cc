package dev.leibniz.it.poisoned;

import dev.leibniz.CustomJvp;
import dev.leibniz.CustomVjp;
import dev.leibniz.Differentiable;
import dev.leibniz.runtime.Dual;
import dev.leibniz.runtime.Fwd;

/**
 * Functions with deliberately wrong derivative rules ("poisoned", as in Clad's tests): a derivative
 * form that gives the poisoned value used the rule; one that gives the true derivative did not.
 * Every rule is linear in its tangent, so it can be transposed, and differs from the truth at the
 * points the tests use.
 */
public final class Poisoned {
  private Poisoned() {}

  /** {@code sin} whose JVP rule says the derivative is 7 (truth: {@code cos x}). */
  @CustomJvp("sinJvp")
  public static double sin(double x) {
    return Math.sin(x);
  }

  static Dual sinJvp(double x, double t) {
    return new Dual(Math.sin(x), 7 * t);
  }

  /** A caller: {@code 3 sin(x) + x}, so its poisoned derivative is 22. */
  @Differentiable
  public static double sinCaller(double x) {
    return 3 * sin(x) + x;
  }

  /** {@code x * y} with per-argument rules 5 (truth {@code y}) and {@code 11 x} (truth {@code x}). */
  @CustomJvp(perArgument = {"mulJvpX", "mulJvpY"})
  public static double mul(double x, double y) {
    return x * y;
  }

  static double mulJvpX(double xDot, double primalOut, double x, double y) {
    return 5 * xDot;
  }

  static double mulJvpY(double yDot, double primalOut, double x, double y) {
    return 11 * x * yDot;
  }

  /** A caller: {@code mul(x, x^2)}: poisoned derivative {@code 5 + 11 x * 2x}. */
  @Differentiable
  public static double mulCaller(double x) {
    return mul(x, x * x);
  }

  /** {@code x * y} where the rule for {@code x} is {@code None} (zero) and the one for {@code y} is 4. */
  @CustomJvp(perArgument = {"", "mulNoneJvpY"})
  public static double mulNone(double x, double y) {
    return x * y;
  }

  static double mulNoneJvpY(double yDot, double primalOut, double x, double y) {
    return 4 * yDot;
  }

  /** {@code x^2} whose VJP rule says the derivative is 5 (truth {@code 2x}). */
  @CustomVjp(fwd = "squareFwd", bwd = "squareBwd")
  public static double square(double x) {
    return x * x;
  }

  static Fwd<Double, Double> squareFwd(double x) {
    return new Fwd<>(square(x), x);
  }

  static double squareBwd(Double x, double g) {
    return 5 * g;
  }

  /** A caller: {@code square(3x) + x}: poisoned derivative {@code 5 * 3 + 1 = 16}. */
  @Differentiable
  public static double squareCaller(double x) {
    return square(3 * x) + x;
  }

  /** {@code sin(x) y} whose VJP rule returns {@code {2 g, 3 g}} (truth {@code {cos(x) y g, sin(x) g}}). */
  @CustomVjp(fwd = "sinTimesFwd", bwd = "sinTimesBwd")
  public static double sinTimes(double x, double y) {
    return Math.sin(x) * y;
  }

  static Fwd<Double, Double> sinTimesFwd(double x, double y) {
    return new Fwd<>(sinTimes(x, y), x);
  }

  static double[] sinTimesBwd(Double x, double g) {
    return new double[] {2 * g, 3 * g};
  }

  /**
   * {@code exp} whose JVP rule says the derivative is {@code x^2} (truth {@code exp x}), at both
   * orders: the second derivative is then {@code 2x}.
   */
  @CustomJvp(value = "expJvp", order = 2)
  public static double exp(double x) {
    return Math.exp(x);
  }

  static Dual expJvp(double x, double t) {
    return new Dual(exp(x), x * x * t);
  }

  /** A caller at order 2: {@code exp(2x)}: poisoned first derivative {@code 8 x^2}, second {@code 16 x}. */
  @Differentiable(order = 2)
  public static double expCaller(double x) {
    return exp(2 * x);
  }

  /** The residual of {@link #cube}: a record, so that the order-2 forms can differentiate the backward rule. */
  record Saved(double x) {}

  /** {@code x^3} whose VJP rule returns {@code 5 x^2 g} (truth {@code 3 x^2 g}): second derivative {@code 10 x}. */
  @CustomVjp(fwd = "cubeFwd", bwd = "cubeBwd", order = 2)
  public static double cube(double x) {
    return x * x * x;
  }

  static Fwd<Double, Saved> cubeFwd(double x) {
    return new Fwd<>(cube(x), new Saved(x));
  }

  static double cubeBwd(Saved res, double g) {
    return 5 * res.x() * res.x() * g;
  }

  /** A caller at order 2: {@code cube(x) + x}: poisoned derivatives {@code 5 x^2 + 1} and {@code 10 x}. */
  @Differentiable(order = 2)
  public static double cubeCaller(double x) {
    return cube(x) + x;
  }

  /** Per-argument rules at order 2: {@code d/dx = 5 x^2} (truth {@code y}), {@code d/dy = 11} (truth {@code x}). */
  @CustomJvp(perArgument = {"mulSecondJvpX", "mulSecondJvpY"}, order = 2)
  public static double mulSecond(double x, double y) {
    return x * y;
  }

  static double mulSecondJvpX(double xDot, double primalOut, double x, double y) {
    return 5 * x * x * xDot;
  }

  static double mulSecondJvpY(double yDot, double primalOut, double x, double y) {
    return 11 * yDot;
  }

  /** The poisoned {@link #sin} three times in a loop: derivative {@code 7^3}. */
  @Differentiable
  public static double sinLoop(double x) {
    double s = x;
    for (int i = 0; i < 3; i++) {
      s = sin(s);
    }
    return s;
  }

  /** The poisoned {@link #sin} in both branches: derivative 14 for positive x, 21 otherwise. */
  @Differentiable
  public static double sinBranch(double x) {
    if (x > 0) {
      return 2 * sin(x);
    }
    return 3 * sin(x);
  }

  /** The poisoned {@link #square} in a while loop: {@code s = square(s) + s} twice, derivative {@code 6 * 6}. */
  @Differentiable
  public static double squareLoop(double x) {
    double s = x;
    int n = 0;
    while (n < 2) {
      s = square(s) + s;
      n++;
    }
    return s;
  }
}
