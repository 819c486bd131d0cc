package dev.leibniz.examples.hipparchus;

import org.hipparchus.analysis.differentiation.Gradient;

/**
 * The same three derivatives computed with Hipparchus's own automatic differentiation
 * ({@link Gradient}: forward mode, one value and all first partial derivatives per object), the
 * way a Hipparchus user writes them without Leibniz.
 */
public final class HipparchusAd {
  private HipparchusAd() {}

  /** A model's values and its Jacobian (rows: values, columns: parameters), computed in one pass. */
  public record ValuesAndJacobian(double[] values, double[][] jacobian) {}

  /** {@link Logistic#model} and its Jacobian with respect to {@code p}. */
  public static ValuesAndJacobian logistic(double[] p, double[] t) {
    Gradient[] v = variables(p);
    double[] values = new double[t.length];
    double[][] jacobian = new double[t.length][];
    for (int i = 0; i < t.length; i++) {
      // K / (1 + exp(-r (t - t0)))
      Gradient y = v[0].divide(v[1].multiply(v[2].negate().add(t[i])).negate().exp().add(1));
      values[i] = y.getValue();
      jacobian[i] = y.getGradient();
    }
    return new ValuesAndJacobian(values, jacobian);
  }

  /** The Jacobian of {@link Pendulum#rhs} with respect to {@code (y[0], y[1], k)}, as {@code rhsJacobian} orders it. */
  public static double[][] pendulumJacobian(double[] y, double k) {
    Gradient[] v = variables(y[0], y[1], k);
    Gradient theta = v[0];
    Gradient omega = v[1];
    Gradient omegaDot = v[2].negate().multiply(theta.sin()).subtract(omega.multiply(Pendulum.DAMPING));
    return new double[][] {omega.getGradient(), omegaDot.getGradient()};
  }

  /** {@link Rosenbrock#rosenbrock} and its gradient. */
  public static ValueAndGradient rosenbrock(double[] x) {
    Gradient[] v = variables(x);
    Gradient sum = Gradient.constant(x.length, 0);
    for (int i = 0; i + 1 < x.length; i++) {
      Gradient a = v[i + 1].subtract(v[i].square());
      Gradient b = v[i].negate().add(1);
      sum = sum.add(a.square().multiply(100)).add(b.square());
    }
    return new ValueAndGradient(sum.getValue(), sum.getGradient());
  }

  private static Gradient[] variables(double... point) {
    Gradient[] v = new Gradient[point.length];
    for (int i = 0; i < point.length; i++) {
      v[i] = Gradient.variable(point.length, i, point[i]);
    }
    return v;
  }
}
