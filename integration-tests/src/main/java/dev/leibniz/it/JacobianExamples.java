package dev.leibniz.it;

import dev.leibniz.CustomJvp;
import dev.leibniz.CustomVjp;
import dev.leibniz.Differentiable;
import dev.leibniz.NonDiff;
import dev.leibniz.runtime.Fwd;
import dev.leibniz.runtime.Jvp;

/** Issue 8: {@code mJacobian} of array and record results, by rows (pullbacks) or columns (jvps). */
public final class JacobianExamples {
  private JacobianExamples() {}

  /** A record with an array component and a non-differentiable one. */
  public record Samples(double[] values, double scale, int count) {}

  /** Polar to Cartesian: two rows, two columns. */
  @Differentiable
  static double[] cartesian(double r, double theta) {
    return new double[] {r * Math.cos(theta), r * Math.sin(theta)};
  }

  /** Tall: powers of a scaled point, n rows and two columns (forward mode is fewer passes). */
  @Differentiable
  static double[] powers(double a, double b, @NonDiff int n) {
    double[] out = new double[n];
    double p = b;
    for (int i = 0; i < n; i++) {
      out[i] = p;
      p *= a;
    }
    return out;
  }

  /** Wide: two rows, x.length + 1 columns (reverse mode is fewer passes). */
  @Differentiable
  static double[] moments(double[] x, double shift) {
    double m1 = 0;
    double m2 = 0;
    for (double v : x) {
      m1 += v - shift;
      m2 += (v - shift) * (v - shift);
    }
    return new double[] {m1, m2};
  }

  /** A record result holding an array, from a record parameter holding one. */
  @Differentiable
  static Samples scaled(Samples s, double k) {
    double[] out = new double[s.values().length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.exp(k * s.values()[i]) * s.scale();
    }
    return new Samples(out, s.scale() * k, s.count() + 1);
  }

  /** Written in place: the Jacobian of the result w.r.t. the contents on entry; the writes happen once. */
  @Differentiable
  static double[] sweep(double[] state, double h) {
    for (int i = 1; i < state.length; i++) {
      state[i] += h * Math.sin(state[i - 1]);
    }
    return new double[] {state[0] * state[state.length - 1], h * state[1], state[1], state[2]};
  }

  @Differentiable
  static float[] floats(float a, float[] v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) Math.sin(a * v[i]);
    }
    return out;
  }

  /** A custom VJP rule: no jvp, so rows by pullbacks even when columns are fewer. */
  @CustomVjp(fwd = "squaresFwd", bwd = "squaresBwd")
  static double[] squares(double x) {
    return new double[] {x * x, x * x * x, 1};
  }

  static Fwd<double[], Double> squaresFwd(double x) {
    return new Fwd<>(squares(x), x);
  }

  static double squaresBwd(Double x, double[] cotangent) {
    return 2 * x * cotangent[0] + 3 * x * x * cotangent[1];
  }

  /** A custom JVP rule on an array result: its columns come from the rule. */
  @CustomJvp("doubledJvp")
  static double[] doubled(double[] x) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = 2 * x[i];
    }
    return out;
  }

  static Jvp<double[]> doubledJvp(double[] x, double[] xDot) {
    double[] t = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      t[i] = 2 * xDot[i];
    }
    return new Jvp<>(doubled(x), t);
  }
}
