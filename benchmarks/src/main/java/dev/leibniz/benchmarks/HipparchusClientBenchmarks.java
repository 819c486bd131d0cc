package dev.leibniz.benchmarks;

import dev.leibniz.examples.hipparchus.HipparchusAd;
import dev.leibniz.examples.hipparchus.Logistic;
import dev.leibniz.examples.hipparchus.LogisticDerivatives;
import dev.leibniz.examples.hipparchus.LogisticFit;
import dev.leibniz.examples.hipparchus.Pendulum;
import dev.leibniz.examples.hipparchus.PendulumDerivatives;
import dev.leibniz.examples.hipparchus.Rosenbrock;
import dev.leibniz.examples.hipparchus.RosenbrockDerivatives;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The derivatives the Hipparchus examples (examples-hipparchus) hand to Hipparchus, from Leibniz
 * and from Hipparchus's own {@code Gradient}: the logistic model's Jacobian (Levenberg-Marquardt),
 * the pendulum right-hand side's Jacobian (variational equations) and Rosenbrock's value and
 * gradient (conjugate gradients), each beside its primal. Inputs are fields so the JIT cannot fold them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class HipparchusClientBenchmarks {
  // the fit's 40 times and a point near its optimum
  double[] t = LogisticFit.syntheticData(40, 0.3, 42).t();
  double[] p = {9.86, 1.26, 3.95};
  double[] y = {1.0, 0.3};
  double k = 2.0;

  /** Rosenbrock's point: its dimension varies, since Hipparchus's gradient costs grow with it. */
  @State(Scope.Thread)
  public static class Point {
    @Param({"8", "100"})
    int n;
    double[] x;

    @Setup(Level.Trial)
    public void setUp() {
      x = new double[n];
      Arrays.fill(x, 0.5);
    }
  }

  // logistic model, 40 values, Jacobian 40 x 3

  @Benchmark
  public double[] logisticPrimal() {
    return Logistic.model(p, t);
  }

  @Benchmark
  public double[][] logisticJacobianLeibniz() {
    return LogisticDerivatives.modelJacobian(p, t);
  }

  @Benchmark
  public HipparchusAd.ValuesAndJacobian logisticJacobianHipparchus() {
    return HipparchusAd.logistic(p, t);
  }

  // pendulum right-hand side, Jacobian 2 x 3

  @Benchmark
  public double[] rhsPrimal() {
    return Pendulum.rhs(0, y, k);
  }

  @Benchmark
  public double[][] rhsJacobianLeibniz() {
    return PendulumDerivatives.rhsJacobian(0, y, k);
  }

  @Benchmark
  public double[][] rhsJacobianHipparchus() {
    return HipparchusAd.pendulumJacobian(y, k);
  }

  // Rosenbrock, value and gradient

  @Benchmark
  public double rosenbrockPrimal(Point point) {
    return Rosenbrock.rosenbrock(point.x);
  }

  @Benchmark
  public Object rosenbrockValueAndGradLeibniz(Point point) {
    return RosenbrockDerivatives.rosenbrockValueAndGrad(point.x);
  }

  @Benchmark
  public Object rosenbrockValueAndGradHipparchus(Point point) {
    return HipparchusAd.rosenbrock(point.x);
  }
}
