package dev.leibniz.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reverse mode over large arrays and a long loop (issue 8): the generated gradient against a
 * hand-written reverse loop ({@link HandWrittenArrays}) and the primal, in one run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@State(Scope.Thread)
public class ArrayBenchmarks {
  static final int N = 1_000_000;
  static final int ROWS = 100_000;
  static final int FEATURES = 8;
  static final int STEPS = 1_000_000;

  double[] a;
  double[] b;
  double[] w;
  double bias = 0.1;
  double[] x;
  double[] y;
  double x0 = 0.5;
  double k = 1.1;
  double h = 1e-3;

  @Setup
  public void setup() {
    Random r = new Random(1);
    a = r.doubles(N, -1, 1).toArray();
    b = r.doubles(N, -1, 1).toArray();
    w = r.doubles(FEATURES, -1, 1).toArray();
    x = r.doubles((long) ROWS * FEATURES, -1, 1).toArray();
    y = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      y[i] = r.nextBoolean() ? 1 : 0;
    }
  }

  @Benchmark
  public double dotPrimal() {
    return ArrayFunctions.dot(a, b);
  }

  @Benchmark
  public Object dotGenerated() {
    return ArrayFunctionsDerivatives.dotGrad(a, b);
  }

  @Benchmark
  public Object dotHandWritten() {
    return HandWrittenArrays.dotGrad(a, b);
  }

  @Benchmark
  public double logSumExpPrimal() {
    return ArrayFunctions.logSumExp(a);
  }

  @Benchmark
  public Object logSumExpGenerated() {
    return ArrayFunctionsDerivatives.logSumExpGrad(a);
  }

  @Benchmark
  public Object logSumExpHandWritten() {
    return HandWrittenArrays.logSumExpGrad(a);
  }

  @Benchmark
  public double logisticPrimal() {
    return ArrayFunctions.logisticLoss(w, bias, x, y);
  }

  @Benchmark
  public Object logisticGenerated() {
    return ArrayFunctionsDerivatives.logisticLossGrad(w, bias, x, y);
  }

  @Benchmark
  public Object logisticHandWritten() {
    return HandWrittenArrays.logisticLossGrad(w, bias, x, y);
  }

  @Benchmark
  public double recurrencePrimal() {
    return ArrayFunctions.recurrence(x0, k, h, STEPS);
  }

  @Benchmark
  public Object recurrenceGenerated() {
    return ArrayFunctionsDerivatives.recurrenceGrad(x0, k, h, STEPS);
  }

  @Benchmark
  public Object recurrenceHandWritten() {
    return HandWrittenArrays.recurrenceGrad(x0, k, h, STEPS);
  }
}
