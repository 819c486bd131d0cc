package dev.leibniz.it;

import dev.leibniz.CustomJvp;
import dev.leibniz.CustomVjp;
import dev.leibniz.Differentiable;
import dev.leibniz.NonDiff;
import dev.leibniz.runtime.Dual;
import dev.leibniz.runtime.Fwd;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Overloaded annotated methods (SPEC §5): the generated forms are overloads too, and the nested
 * types of the second, third... overload end with its number ({@code PowerGradient2}).
 */
public final class Overloads {
  private Overloads() {}

  /** A point: a record parameter of one overload. */
  public record Point(double x, double y) {}

  /** x^3. */
  @Differentiable
  static double power(double x) {
    return x * x * x;
  }

  /** x^3 y + sin(y), through the first overload. */
  @Differentiable
  static double power(double x, double y) {
    return power(x) * y + Math.sin(y);
  }

  /** Σ (a_i^3 · 2 + sin 2), through the second overload in a loop. */
  @Differentiable
  static double power(double[] a) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += power(a[i], 2.0);
    }
    return s;
  }

  /** power(p.x, p.y), a record parameter. */
  @Differentiable
  static double power(Point p) {
    return power(p.x(), p.y());
  }

  /** A float overload: x^3 in float. */
  @Differentiable
  static float power(float x) {
    return x * x * x;
  }

  /** A non-scalar result: (x^2, x y), with mJacobian. */
  @Differentiable
  static double[] pair(double x, double y) {
    return new double[] {x * x, x * y};
  }

  /** (x^2, x^3) of one scalar. */
  @Differentiable
  static double[] pair(double x) {
    return new double[] {x * x, x * x * x};
  }

  /** x e^x, with second-order forms. */
  @Differentiable(order = 2)
  static double curved(double x) {
    return Math.exp(x) * x;
  }

  /** x e^x y^2. */
  @Differentiable(order = 2)
  static double curved(double x, double y) {
    return curved(x) * y * y;
  }

  /** A custom JVP rule on each overload, named by the overload: sin, with the rule's 2 cos. */
  @CustomJvp("ruledJvp")
  static double ruled(double x) {
    return Math.sin(x);
  }

  static Dual ruledJvp(double x, double xDot) {
    return new Dual(Math.sin(x), 2 * Math.cos(x) * xDot);
  }

  /** k sin(x) with the rule's (2 k cos x, sin x). */
  @CustomJvp("ruledJvpScaled")
  static double ruled(double x, double k) {
    return k * Math.sin(x);
  }

  static Dual ruledJvpScaled(double x, double k, double xDot, double kDot) {
    return new Dual(k * Math.sin(x), 2 * k * Math.cos(x) * xDot + Math.sin(x) * kDot);
  }

  /** A custom VJP rule on an overload: x^2 whose cotangent is clipped to [-1, 1]. */
  @CustomVjp(fwd = "clippedFwd", bwd = "clippedBwd")
  static double clipped(double x) {
    return x * x;
  }

  static Fwd<Double, Double> clippedFwd(double x) {
    return new Fwd<>(x * x, x);
  }

  static double clippedBwd(Double x, double g) {
    return Math.max(-1, Math.min(1, 2 * x * g));
  }

  /** x^2 y, with its own rules: the y cotangent is the true one, x's is clipped. */
  @CustomVjp(fwd = "clippedFwdXy", bwd = "clippedBwdXy")
  static double clipped(double x, double y) {
    return x * x * y;
  }

  static Fwd<Double, double[]> clippedFwdXy(double x, double y) {
    return new Fwd<>(x * x * y, new double[] {x, y});
  }

  static double[] clippedBwdXy(double[] xy, double g) {
    return new double[] {Math.max(-1, Math.min(1, 2 * xy[0] * xy[1] * g)), xy[0] * xy[0] * g};
  }

  /** Calls of both rule overloads: sin x + 3 sin(x y) with the rules' doubled x-derivatives, then clipped ones. */
  @Differentiable
  static double throughRules(double x, double y) {
    return ruled(x) + ruled(x * y, 3) + clipped(y) + clipped(x, y);
  }

  /** Applies a function value twice: 2 op(x). */
  @Differentiable
  static double twice(@NonDiff DoubleUnaryOperator op, double x) {
    return 2 * op.applyAsDouble(x);
  }

  /** A method reference naming an overloaded method: the double overload, 2 x^3. */
  @Differentiable
  static double viaReference(double x) {
    return twice(Overloads::power, x);
  }

  /** A lambda calling overloads: 2 (x^3 + x^3 · 3 + sin 3). */
  @Differentiable
  static double viaLambda(double x) {
    return twice(t -> power(t) + power(t, 3.0), x);
  }

  /** An overload of {@link #twice} with as many parameters, taking an array: 2 a[0] x. */
  @Differentiable
  static double twice(double[] a, double x) {
    return 2 * a[0] * x;
  }

  /** An overload of {@link #twice} taking a function and an array: op(a[0]) a[0]. */
  @Differentiable
  static double twice(@NonDiff DoubleUnaryOperator op, double[] a) {
    return op.applyAsDouble(a[0]) * a[0];
  }

  /** op(x). */
  @Differentiable
  static double applied(@NonDiff DoubleUnaryOperator op, double x) {
    return op.applyAsDouble(x);
  }

  /** An overload of {@link #applied} taking a binary function: op(x, 2). */
  @Differentiable
  static double applied(@NonDiff DoubleBinaryOperator op, double x) {
    return op.applyAsDouble(x, 2);
  }

  /**
   * Lambdas and method references given to overloads of as many parameters, as javac picks them (a
   * method reference by the arity of the method it names): {@code 2 x² + 2 sin x + 2 x² + 3 x · x + x²},
   * so {@code 4x + 2 cos x + 4x + 6x + 2x}.
   */
  @Differentiable
  static double functionsAmongOverloads(double x) {
    double[] a = {x};
    return twice(t -> t * t, x) + twice(Math::sin, x) + twice(a, x) + twice((t -> 3 * t), a) + applied(Math::pow, x);
  }
}
