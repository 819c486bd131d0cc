package dev.leibniz.it;

import static dev.leibniz.it.Numeric.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.runtime.Tape;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 8, tape economy: what reverse mode keeps per loop iteration, and that it stays correct. */
class TapeEconomyTest {
  private static final double[] W = {0.4, -0.7, 1.1};

  private static Object[] args(Object... args) {
    return args;
  }

  @Test
  void everyFormAgreesWithFiniteDifferences() {
    Checker.of(TapeEconomy.class, "recurrence").checkAll(args(0.3, 1.2, 0.05, 40), args(-2.0, 0.7, 0.1, 7),
        args(1.0, 1.0, 0.1, 0));
    Checker.of(TapeEconomy.class, "recurrenceFrom").checkAll(args(new double[] {0.3, 9.0}, 1.2, 0.05, 40));
    Checker.of(TapeEconomy.class, "operandChanged").checkAll(args(0.8, 5), args(-1.3, 12));
    Checker.of(TapeEconomy.class, "operandChangedInBranch").checkAll(args(0.9, 6), args(-0.5, 3), args(1.3, 4));
    Checker.of(TapeEconomy.class, "triangular").checkAll(args(new double[] {0.3, -1.2, 0.8, 2.0}, 0.7),
        args(new double[] {1.5}, -2.0));
    Checker.of(TapeEconomy.class, "boundLowered").checkAll(args(0.2, 6), args(1.0, 5), args(0.5, 0));
    Checker.of(TapeEconomy.class, "leftEarly").checkAll(args(0.2, 10), args(2.0, 10), args(0.1, 2));
  }

  @Test
  void theLogisticLossGradientAgreesWithFiniteDifferencesAndForwardMode() {
    double[] x = new Random(8).doubles(4 * W.length, -2, 2).toArray();
    double[] y = {1, 0, 0, 1};
    double[] g = TapeEconomyDerivatives.logisticLossGrad(W, x, y);
    for (int j = 0; j < W.length; j++) {
      int at = j;
      double fd = Numeric.derivative(v -> {
        double[] w = W.clone();
        w[at] = v;
        return TapeEconomy.logisticLoss(w, x, y);
      }, W[j]);
      double[] e = new double[W.length];
      e[j] = 1;
      assertClose(fd, g[j], 1e-6, "finite difference, w" + j);
      assertClose(TapeEconomyDerivatives.logisticLossJvp(W, x, y, e).tangent(), g[j], 1e-12, "forward, w" + j);
    }
  }

  @Test
  void theRecurrenceGradientIsTheHandWrittenOne() {
    double x0 = 0.3;
    double k = 1.2;
    double h = 0.01;
    int steps = 5000;
    double[] xs = new double[steps];
    double x = x0;
    for (int s = 0; s < steps; s++) {
      xs[s] = x;
      x += h * Math.sin(x) * k;
    }
    double xBar = 1;
    double kBar = 0;
    double hBar = 0;
    for (int s = steps - 1; s >= 0; s--) {
      kBar += xBar * h * Math.sin(xs[s]);
      hBar += xBar * k * Math.sin(xs[s]);
      xBar += xBar * h * Math.cos(xs[s]) * k;
    }
    var g = TapeEconomyDerivatives.recurrenceGrad(x0, k, h, steps);
    assertClose(xBar, g.x0(), 1e-12, "d/dx0");
    assertClose(kBar, g.k(), 1e-12, "d/dk");
    assertClose(hBar, g.h(), 1e-12, "d/dh");
  }

  /** The recurrence keeps {@code x} alone: one {@code double} per step, as a hand-written reverse loop does. */
  @Test
  void theRecurrenceKeepsEightBytesAStep() {
    assertEquals(8 * 1000, recurrenceTapeBytes(2000) - recurrenceTapeBytes(1000));
  }

  /** The logistic loss keeps {@code z} and {@code exp(-|z|)} once each per row (each read twice). */
  @Test
  void theLogisticLossKeepsTwoDoublesARow() {
    assertEquals(16 * 100, logisticTapeBytes(200) - logisticTapeBytes(100));
  }

  @Test
  void runningMaximaAndMinimaAgreeWithFiniteDifferences() {
    Checker.of(TapeEconomy.class, "logSumExp").checkAll(args(new double[] {0.3, -1.2, 0.8, 2.0, 1.1}),
        args(new double[] {1.5}), args(new double[] {2.0, 1.0, -0.5}));
    Checker.of(TapeEconomy.class, "runningMin").checkAll(args(0.4, new double[] {0.3, -1.2, 0.8}, 0.7),
        args(-3.0, new double[] {0.5, 2.0}, -1.3));
    Checker.of(TapeEconomy.class, "nestedMax").checkAll(args(new float[] {0.3f, 1.7f, 0.8f, -0.4f}, 3));
  }

  /**
   * Ties split evenly at each {@code Math.min}, as JAX's {@code minimum} does: with {@code m = 5},
   * {@code x = [1, 3, 1, 2]}, {@code c = 1}, the minimum 1 comes half from {@code x[0]} (through the
   * tie) and half from {@code x[2]}; {@code m} is never the minimum.
   */
  @Test
  void aRunningMinimumSplitsTiesEvenly() {
    var g = TapeEconomyDerivatives.runningMinGrad(5, new double[] {1, 3, 1, 2}, 1);
    assertEquals(0, g.m());
    assertArrayEquals(new double[] {1, 0, 1, 0}, g.x());
    assertEquals(2, g.c());
  }

  /**
   * The running maximum of log-sum-exp is pushed where the maximum changes only: a falling array
   * keeps one value besides its {@code exp}s, a rising one (the worst case) one per element.
   */
  @Test
  void aRunningMaximumIsKeptWhereItChanges() {
    int n = 1000;
    double[] falling = new double[n];
    double[] rising = new double[n];
    for (int i = 0; i < n; i++) {
      falling[i] = -0.01 * i;
      rising[i] = 0.01 * i;
    }
    assertEquals(8L * n + 8, tapeOf(TapeEconomyDerivatives.logSumExpVjp(falling)).bytesHeld());
    assertEquals(16L * n, tapeOf(TapeEconomyDerivatives.logSumExpVjp(rising)).bytesHeld());
  }

  private static long recurrenceTapeBytes(int steps) {
    return tapeOf(TapeEconomyDerivatives.recurrenceFromVjp(new double[] {0.3}, 1.2, 0.01, steps)).bytesHeld();
  }

  private static long logisticTapeBytes(int rows) {
    double[] x = new Random(3).doubles(rows * W.length, -2, 2).toArray();
    double[] y = new double[rows];
    return tapeOf(TapeEconomyDerivatives.logisticLossVjp(W, x, y)).bytesHeld();
  }

  /** The tape a VJP object keeps for its pullback. */
  static Tape tapeOf(Object vjp) {
    for (Field f : vjp.getClass().getDeclaredFields()) {
      if (f.getType() == Tape.class) {
        f.setAccessible(true);
        try {
          return (Tape) f.get(vjp);
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        }
      }
    }
    throw new AssertionError(vjp.getClass() + " keeps no tape");
  }

  /** 10^7 steps of the recurrence differentiated in a JVM of 256 MB (80 MB of tape), checked against forward mode. */
  @Test
  void tenMillionStepsInTwoHundredFiftySixMegabytes() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        LongRecurrence.class.getName(), "10000000").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "still running: " + out);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("tape bytes 80000000"), out);
  }
}
