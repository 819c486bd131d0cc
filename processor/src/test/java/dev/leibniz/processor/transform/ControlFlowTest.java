package dev.leibniz.processor.transform;

import static dev.leibniz.processor.transform.Modes.agreesWithForwardMode;
import static dev.leibniz.processor.transform.Modes.grad;
import static dev.leibniz.processor.transform.Modes.jvp;
import static dev.leibniz.processor.transform.Modes.vjp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Jumps that reverse mode first removes ({@code Structure}): a return from inside a loop, labeled
 * {@code break} and {@code continue} out of a nested loop, a {@code do} loop. Both modes are checked
 * against the same computation written in Java, with its derivative carried by hand.
 */
class ControlFlowTest {
  private final Random random = new Random(11);

  @Test
  void returnFromInsideALoop() {
    double[] a = {0.5, 2.5, 3.0};
    assertEquals(6.25, (Double) jvp(Examples.firstAbove(), a, 1.0, new double[] {0, 1, 1}, 7.0).get(0));
    assertEquals(2 * 2.5, (Double) jvp(Examples.firstAbove(), a, 1.0, new double[] {0, 1, 1}, 7.0).get(1));
    Modes.Vjp above = vjp(Examples.firstAbove(), 1, List.of(), a, 1.0);
    assertArrayEquals(new double[] {0, 5.0, 0}, (double[]) above.gradients().get(0));
    assertEquals(0.0, (Double) above.gradients().get(1));
    Modes.Vjp none = vjp(Examples.firstAbove(), 1, List.of(), a, 4.0);
    assertEquals(List.of(4.0), none.value());
    assertArrayEquals(new double[] {0, 0, 0}, (double[]) none.gradients().get(0));
    assertEquals(1.0, (Double) none.gradients().get(1));
    agreesWithForwardMode(random, Examples.firstAbove(), a, 1.0);
    agreesWithForwardMode(random, Examples.firstAbove(), a, 4.0);
  }

  @Test
  void labeledBreakAndContinueOutOfANestedLoop() {
    double x = 0.9;
    for (int n = 0; n <= 6; n++) {
      double[] expected = triangle(x, n);
      List<Object> out = jvp(Examples.triangle(), x, n, 1.0);
      assertEquals(expected[0], (Double) out.get(0), 1e-14, "n = " + n);
      assertEquals(expected[1], (Double) out.get(1), 1e-13, "n = " + n);
      assertEquals(expected[1], grad(Examples.triangle(), x, n)[0], 1e-13, "n = " + n);
      agreesWithForwardMode(random, Examples.triangle(), x, n);
    }
  }

  @Test
  void doLoopRunsAtLeastOnce() {
    double x = 1.1;
    for (int n : new int[] {0, 1, 4}) {
      int trips = Math.max(n, 1);
      double slope = (trips + 1) * Math.pow(x, trips);
      assertEquals(Math.pow(x, trips + 1), (Double) jvp(Examples.powerAtLeastOnce(), x, n, 1.0).get(0), 1e-14);
      assertEquals(slope, (Double) jvp(Examples.powerAtLeastOnce(), x, n, 1.0).get(1), 1e-13, "n = " + n);
      assertEquals(slope, grad(Examples.powerAtLeastOnce(), x, n)[0], 1e-13, "n = " + n);
    }
  }

  /** {@link Examples#triangle()} in Java: its value and its derivative in x. */
  private static double[] triangle(double x, int n) {
    double s = 0;
    double sDot = 0;
    outer:
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (j > i) {
          continue outer;
        }
        if (i + j == 5) {
          break outer;
        }
        sDot = sDot * x + s;
        s = s * x + j;
      }
    }
    return new double[] {s, sDot};
  }
}
