package dev.leibniz.benchmarks;

import java.util.concurrent.TimeUnit;
import org.hipparchus.analysis.differentiation.Gradient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Gradients of four functions, in one run: the primal, the gradient Leibniz generates, the same
 * gradient written by hand, and Hipparchus's forward-mode {@link Gradient}. Inputs are fields so
 * the JIT cannot fold them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class GradientBenchmarks {
  double x = 0.7;
  double y = 1.3;

  // log(1 + exp(x))

  @Benchmark
  public double log1pexpPrimal() {
    return Functions.log1pexp(x);
  }

  @Benchmark
  public double log1pexpGenerated() {
    return FunctionsDerivatives.log1pexpGrad(x);
  }

  @Benchmark
  public double log1pexpHandWritten() {
    return HandWritten.log1pexpGrad(x);
  }

  @Benchmark
  public double log1pexpHipparchus() {
    Gradient v = Gradient.variable(1, 0, x);
    return v.exp().add(1).log().getGradient()[0];
  }

  // sin(x) * y, both partials

  @Benchmark
  public double sinTimesPrimal() {
    return Functions.sinTimes(x, y);
  }

  @Benchmark
  public double sinTimesGenerated() {
    FunctionsDerivatives.SinTimesGradient g = FunctionsDerivatives.sinTimesGrad(x, y);
    return g.x() + g.y();
  }

  @Benchmark
  public double sinTimesHandWritten() {
    return HandWritten.sinTimesGradX(x, y) + HandWritten.sinTimesGradY(x);
  }

  @Benchmark
  public double sinTimesHipparchus() {
    Gradient gx = Gradient.variable(2, 0, x);
    Gradient gy = Gradient.variable(2, 1, y);
    double[] g = gx.sin().multiply(gy).getGradient();
    return g[0] + g[1];
  }

  // exp(-x*x) * cos(3x) + log1p(x*x) / (1 + x*x)

  @Benchmark
  public double mixedPrimal() {
    return Functions.mixed(x);
  }

  @Benchmark
  public double mixedGenerated() {
    return FunctionsDerivatives.mixedGrad(x);
  }

  @Benchmark
  public double mixedHandWritten() {
    return HandWritten.mixedGrad(x);
  }

  @Benchmark
  public double mixedHipparchus() {
    Gradient v = Gradient.variable(1, 0, x);
    Gradient square = v.multiply(v);
    Gradient value = square.negate().exp().multiply(v.multiply(3).cos())
        .add(square.log1p().divide(square.add(1)));
    return value.getGradient()[0];
  }

  // a degree-8 polynomial by Horner's rule

  @Benchmark
  public double hornerPrimal() {
    return Functions.horner(x);
  }

  @Benchmark
  public double hornerGenerated() {
    return FunctionsDerivatives.hornerGrad(x);
  }

  @Benchmark
  public double hornerHandWritten() {
    return HandWritten.hornerGrad(x);
  }

  @Benchmark
  public double hornerHipparchus() {
    Gradient v = Gradient.variable(1, 0, x);
    Gradient r = v.newInstance(0.5);
    double[] c = {-1.25, 0.75, 2.0, -0.3, 1.1, -0.9, 0.05, 3.0};
    for (double k : c) {
      r = r.multiply(v).add(k);
    }
    return r.getGradient()[0];
  }

  // a @CustomJvp function: reverse mode is the transposed rule

  @Benchmark
  public double customJvpGenerated() {
    return FunctionsDerivatives.stableLog1pexpGrad(x);
  }

  @Benchmark
  public double customJvpHandWritten() {
    return HandWritten.stableLog1pexpGrad(x);
  }
}
