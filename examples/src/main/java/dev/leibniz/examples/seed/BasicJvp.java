package dev.leibniz.examples.seed;

import dev.leibniz.CustomJvp;
import dev.leibniz.runtime.Dual;
import java.util.function.Consumer;

/** Basic usage of custom JVP rules (cells [33]-[51]). */
public final class BasicJvp {
  private BasicJvp() {}

  /** Where the rules' harmless side effects go ({@code print} in the notebook). */
  static Consumer<String> log = message -> {};

  public static void log(Consumer<String> sink) {
    log = sink;
  }

  /** {@code f = sin} with a rule, differentiated twice with the rule at both orders. */
  @CustomJvp(value = "fJvp", order = 2)
  public static double f(double x) {
    log.accept("called f!");
    return Math.sin(x);
  }

  static Dual fJvp(double x, double t) {
    log.accept("called f_jvp!");
    return new Dual(f(x), Math.cos(x) * t);
  }

  /** Multiple arguments: {@code x ** 2 * y}. */
  @CustomJvp("multiJvp")
  public static double multi(double x, double y) {
    return x * x * y;
  }

  static Dual multiJvp(double x, double y, double xDot, double yDot) {
    double primalOut = multi(x, y);
    double tangentOut = 2 * x * y * xDot + x * x * yDot;
    return new Dual(primalOut, tangentOut);
  }

  /** {@code defjvps} with one argument. */
  @CustomJvp(perArgument = "sinJvp")
  public static double sin(double x) {
    return Math.sin(x);
  }

  static double sinJvp(double t, double ans, double x) {
    return Math.cos(x) * t;
  }

  /** {@code defjvps} with two arguments. */
  @CustomJvp(perArgument = {"squareTimesJvpX", "squareTimesJvpY"})
  public static double squareTimes(double x, double y) {
    return x * x * y;
  }

  static double squareTimesJvpX(double xDot, double primalOut, double x, double y) {
    return 2 * x * y * xDot;
  }

  static double squareTimesJvpY(double yDot, double primalOut, double x, double y) {
    return x * x * yDot;
  }

  /** {@code defjvps} with {@code None}: no contribution from {@code y}. */
  @CustomJvp(perArgument = {"squareTimesNoneJvpX", ""})
  public static double squareTimesNone(double x, double y) {
    return x * x * y;
  }

  static double squareTimesNoneJvpX(double xDot, double primalOut, double x, double y) {
    return 2 * x * y * xDot;
  }

  /** Control flow in the function and in its rule. */
  @CustomJvp("branchyJvp")
  public static double branchy(double x) {
    if (x > 0) {
      return Math.sin(x);
    } else {
      return Math.cos(x);
    }
  }

  static Dual branchyJvp(double x, double xDot) {
    double ans = branchy(x);
    if (x > 0) {
      return new Dual(ans, 2 * xDot);
    } else {
      return new Dual(ans, 3 * xDot);
    }
  }
}
