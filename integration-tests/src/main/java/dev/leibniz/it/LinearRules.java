package dev.leibniz.it;

import dev.leibniz.CustomJvp;
import dev.leibniz.Differentiable;
import dev.leibniz.NonDiff;
import dev.leibniz.runtime.DifferentiableBinaryOperator;
import dev.leibniz.runtime.Dual;
import dev.leibniz.runtime.Jvp;
import dev.leibniz.runtime.Leibniz;
import java.util.function.DoubleBinaryOperator;

/**
 * JVP rules that are linear in their tangents (SPEC §6) in the ways the linearity check used to
 * reject (issue 7, item 7); reverse mode transposes each.
 */
public final class LinearRules {
  private LinearRules() {}

  @Differentiable
  static double neg(double x) {
    return -x;
  }

  /** The tangent through a linear {@code @Differentiable} method. */
  @CustomJvp("negatedJvp")
  static double negated(double x) {
    return -x;
  }

  static Dual negatedJvp(double x, double xDot) {
    return new Dual(neg(x), neg(xDot));
  }

  /** {@code -x^2} through the rule. */
  @Differentiable
  static double useNegated(double x) {
    return negated(x) * x;
  }

  /** {@code 3 sum x}: the rule sizes and walks its arrays by the tangent's length. */
  @CustomJvp("tripledSumJvp")
  static double tripledSum(double[] x) {
    double s = 0;
    for (double v : x) {
      s += 3 * v;
    }
    return s;
  }

  static Dual tripledSumJvp(double[] x, double[] xDot) {
    double[] w = new double[xDot.length];
    for (int i = 0; i < xDot.length; i++) {
      w[i] = 3 * xDot[i];
    }
    double t = 0;
    for (int i = 0; i < w.length; i++) {
      t += w[i];
    }
    return new Dual(tripledSum(x), t);
  }

  /** A record with a component that carries no derivative. */
  record Sample(double value, int count) {}

  /** The tangent record's {@code count} is copied from the primal. */
  @CustomJvp("doubledJvp")
  static Sample doubled(Sample s) {
    return new Sample(2 * s.value(), s.count());
  }

  static Jvp<Sample> doubledJvp(Sample s, Sample sDot) {
    return new Jvp<>(doubled(s), new Sample(2 * sDot.value(), s.count()));
  }

  /** {@code value * count}: the rule reads the tangent's {@code count}, which is the primal's. */
  @CustomJvp("totalJvp")
  static double total(Sample s) {
    return s.value() * s.count();
  }

  static Dual totalJvp(Sample s, Sample sDot) {
    return new Dual(total(s), sDot.value() * sDot.count());
  }

  /** {@code (2 v)^2 * 3}. */
  @Differentiable
  static double useSamples(double v) {
    Sample d = doubled(new Sample(v, 3));
    return d.value() * total(d);
  }

  /** {@code f(x, y)}, its slopes computed by {@code df.jvp} along constant directions. */
  @CustomJvp("appliedJvp")
  static double applied(@NonDiff DoubleBinaryOperator f, double x, double y) {
    return f.applyAsDouble(x, y);
  }

  static Dual appliedJvp(DoubleBinaryOperator f, double x, double y, double xDot, double yDot) {
    DifferentiableBinaryOperator df = Leibniz.differentiable(f);
    double slopeX = df.jvp(x, y, 1.0, 0.0).tangent();
    double slopeY = df.jvp(x, y, 0.0, 1.0).tangent();
    return new Dual(f.applyAsDouble(x, y), slopeX * xDot + slopeY * yDot);
  }

  /** {@code x^2 y} through the rule. */
  @Differentiable
  static double useApplied(double x, double y) {
    return applied((a, b) -> a * a * b, x, y);
  }

  /** {@code 3 x}: {@code stopGradient} of a tangent is the tangent when the rule runs forward. */
  @CustomJvp("tripledJvp")
  static double tripled(double x) {
    return 3 * x;
  }

  static Dual tripledJvp(double x, double xDot) {
    return new Dual(tripled(x), 3 * Leibniz.stopGradient(xDot));
  }

  /** {@code |x|}, the tangent chosen by the sign of the primal. */
  @CustomJvp("magnitudeJvp")
  static double magnitude(double x) {
    return Math.abs(x);
  }

  static Dual magnitudeJvp(double x, double xDot) {
    double t = x >= 0 ? xDot : -xDot;
    return new Dual(Math.abs(x), t / 1.0);
  }
}
