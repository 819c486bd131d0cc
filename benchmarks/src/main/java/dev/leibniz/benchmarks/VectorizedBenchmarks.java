package dev.leibniz.benchmarks;

import dev.leibniz.runtime.Dual;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Batched forms ({@code FunctionsVectorized}, JAX {@code vmap}) over n elements: the generated
 * Vector API gradient against a hand-written Vector API kernel, against the generated scalar
 * gradient in a loop, and against the batched primal; the gradient on the common pool's threads.
 * Divide a score by n for the time per element.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class VectorizedBenchmarks {
  @Param("2097152")
  int n;

  double[] x;
  double[] y;
  double[] out;
  double[] out2;

  @Setup
  public void setup() {
    Random r = new Random(1);
    x = new double[n];
    y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 6 * r.nextDouble() - 3;
      y[i] = 6 * r.nextDouble() - 3;
    }
    out = new double[n];
    out2 = new double[n];
  }

  // log(1 + exp(x)) with its custom JVP rule (the gradient transposes the rule)

  @Benchmark
  public double[] stableLog1pexpGenerated() {
    FunctionsVectorized.stableLog1pexpGrad(x, out);
    return out;
  }

  @Benchmark
  public double[] stableLog1pexpHandWritten() {
    HandWrittenVector.stableLog1pexpGrad(x, out);
    return out;
  }

  @Benchmark
  public double[] stableLog1pexpScalarLoop() {
    for (int i = 0; i < n; i++) {
      out[i] = FunctionsDerivatives.stableLog1pexpGrad(x[i]);
    }
    return out;
  }

  /** The rule's method from its body, a kernel since its body is read. */
  @Benchmark
  public double[] stableLog1pexpPrimal() {
    FunctionsVectorized.stableLog1pexp(x, out);
    return out;
  }

  @Benchmark
  public double[] stableLog1pexpPrimalScalarLoop() {
    for (int i = 0; i < n; i++) {
      out[i] = Functions.stableLog1pexp(x[i]);
    }
    return out;
  }

  /** The rule itself (which calls the method), a kernel since calls are inlined. */
  @Benchmark
  public double[] stableLog1pexpJvpGenerated() {
    FunctionsVectorized.stableLog1pexpJvp(x, y, out, out2);
    return out;
  }

  @Benchmark
  public double[] stableLog1pexpJvpScalarLoop() {
    for (int i = 0; i < n; i++) {
      Dual d = FunctionsDerivatives.stableLog1pexpJvp(x[i], y[i]);
      out[i] = d.value();
      out2[i] = d.tangent();
    }
    return out;
  }

  // stableLog1pexp(sinTimes(x, y)): calls of two annotated methods, inlined

  @Benchmark
  public double[] softplusOfSinTimesGenerated() {
    FunctionsVectorized.softplusOfSinTimesGrad(x, y, out, out2);
    return out;
  }

  @Benchmark
  public double[] softplusOfSinTimesHandWritten() {
    HandWrittenVector.softplusOfSinTimesGrad(x, y, out, out2);
    return out;
  }

  @Benchmark
  public double[] softplusOfSinTimesScalarLoop() {
    for (int i = 0; i < n; i++) {
      FunctionsDerivatives.SoftplusOfSinTimesGradient g = FunctionsDerivatives.softplusOfSinTimesGrad(x[i], y[i]);
      out[i] = g.x();
      out2[i] = g.y();
    }
    return out;
  }

  @Benchmark
  public double[] softplusOfSinTimesPrimal() {
    FunctionsVectorized.softplusOfSinTimes(x, y, out);
    return out;
  }

  // sin(x) * y

  @Benchmark
  public double[] sinTimesGenerated() {
    FunctionsVectorized.sinTimesGrad(x, y, out, out2);
    return out;
  }

  @Benchmark
  public double[] sinTimesHandWritten() {
    HandWrittenVector.sinTimesGrad(x, y, out, out2);
    return out;
  }

  @Benchmark
  public double[] sinTimesScalarLoop() {
    for (int i = 0; i < n; i++) {
      FunctionsDerivatives.SinTimesGradient g = FunctionsDerivatives.sinTimesGrad(x[i], y[i]);
      out[i] = g.x();
      out2[i] = g.y();
    }
    return out;
  }

  @Benchmark
  public double[] sinTimesPrimal() {
    FunctionsVectorized.sinTimes(x, y, out);
    return out;
  }

  // exp(-x*x) * cos(3x) + log1p(x*x) / (1 + x*x)

  @Benchmark
  public double[] mixedGenerated() {
    FunctionsVectorized.mixedGrad(x, out);
    return out;
  }

  @Benchmark
  public double[] mixedHandWritten() {
    HandWrittenVector.mixedGrad(x, out);
    return out;
  }

  @Benchmark
  public double[] mixedScalarLoop() {
    for (int i = 0; i < n; i++) {
      out[i] = FunctionsDerivatives.mixedGrad(x[i]);
    }
    return out;
  }

  @Benchmark
  public double[] mixedPrimal() {
    FunctionsVectorized.mixed(x, out);
    return out;
  }

  // degree-8 Horner polynomial

  @Benchmark
  public double[] hornerGenerated() {
    FunctionsVectorized.hornerGrad(x, out);
    return out;
  }

  @Benchmark
  public double[] hornerHandWritten() {
    HandWrittenVector.hornerGrad(x, out);
    return out;
  }

  @Benchmark
  public double[] hornerScalarLoop() {
    for (int i = 0; i < n; i++) {
      out[i] = FunctionsDerivatives.hornerGrad(x[i]);
    }
    return out;
  }

  @Benchmark
  public double[] hornerPrimal() {
    FunctionsVectorized.horner(x, out);
    return out;
  }

  /** Threads: the gradient of {@code mixed} at n = 2^22 on one thread and on the common pool. */
  @State(Scope.Thread)
  public static class Large {
    double[] x = new double[1 << 22];
    double[] out = new double[1 << 22];

    @Setup
    public void setup() {
      Random r = new Random(2);
      for (int i = 0; i < x.length; i++) {
        x[i] = 6 * r.nextDouble() - 3;
      }
    }
  }

  @Benchmark
  public double[] threadsMixedOne(Large l) {
    FunctionsVectorized.mixedGrad(l.x, l.out);
    return l.out;
  }

  @Benchmark
  public double[] threadsMixedPool(Large l) {
    FunctionsVectorized.mixedGrad(ForkJoinPool.commonPool(), l.x, l.out);
    return l.out;
  }
}
