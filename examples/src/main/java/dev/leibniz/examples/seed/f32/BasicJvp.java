package dev.leibniz.examples.seed.f32;

import dev.leibniz.CustomJvp;
import dev.leibniz.runtime.Jvp;
import java.util.function.Consumer;

/** Basic usage of custom JVP rules (cells [33]-[51]), in float32. */
public final class BasicJvp {
  private BasicJvp() {}

  /** Where the rules' harmless side effects go ({@code print} in the notebook). */
  static Consumer<String> log = message -> {};

  public static void log(Consumer<String> sink) {
    log = sink;
  }

  /** {@code f = sin} with a rule, differentiated twice with the rule at both orders. */
  @CustomJvp(value = "fJvp", order = 2)
  public static float f(float x) {
    log.accept("called f!");
    return (float) Math.sin(x);
  }

  static Jvp<Float> fJvp(float x, float t) {
    log.accept("called f_jvp!");
    return new Jvp<>(f(x), (float) Math.cos(x) * t);
  }

  /** Multiple arguments: {@code x ** 2 * y}. */
  @CustomJvp("multiJvp")
  public static float multi(float x, float y) {
    return x * x * y;
  }

  static Jvp<Float> multiJvp(float x, float y, float xDot, float yDot) {
    float primalOut = multi(x, y);
    float tangentOut = 2 * x * y * xDot + x * x * yDot;
    return new Jvp<>(primalOut, tangentOut);
  }

  /** {@code defjvps} with one argument. */
  @CustomJvp(perArgument = "sinJvp")
  public static float sin(float x) {
    return (float) Math.sin(x);
  }

  static float sinJvp(float t, float ans, float x) {
    return (float) Math.cos(x) * t;
  }

  /** {@code defjvps} with two arguments. */
  @CustomJvp(perArgument = {"squareTimesJvpX", "squareTimesJvpY"})
  public static float squareTimes(float x, float y) {
    return x * x * y;
  }

  static float squareTimesJvpX(float xDot, float primalOut, float x, float y) {
    return 2 * x * y * xDot;
  }

  static float squareTimesJvpY(float yDot, float primalOut, float x, float y) {
    return x * x * yDot;
  }

  /** {@code defjvps} with {@code None}: no contribution from {@code y}. */
  @CustomJvp(perArgument = {"squareTimesNoneJvpX", ""})
  public static float squareTimesNone(float x, float y) {
    return x * x * y;
  }

  static float squareTimesNoneJvpX(float xDot, float primalOut, float x, float y) {
    return 2 * x * y * xDot;
  }

  /** Control flow in the function and in its rule. */
  @CustomJvp("branchyJvp")
  public static float branchy(float x) {
    if (x > 0) {
      return (float) Math.sin(x);
    } else {
      return (float) Math.cos(x);
    }
  }

  static Jvp<Float> branchyJvp(float x, float xDot) {
    float ans = branchy(x);
    if (x > 0) {
      return new Jvp<>(ans, 2 * xDot);
    } else {
      return new Jvp<>(ans, 3 * xDot);
    }
  }
}
