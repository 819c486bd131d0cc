package dev.leibniz.processor.transform;

import static dev.leibniz.processor.transform.Modes.agreesWithForwardMode;
import static dev.leibniz.processor.transform.Modes.dot;
import static dev.leibniz.processor.transform.Modes.grad;
import static dev.leibniz.processor.transform.Modes.jvp;
import static dev.leibniz.processor.transform.Modes.vjp;
import static dev.leibniz.processor.transform.Modes.with;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Reverse mode on IR built by hand: the forward sweep, then the backward sweep in the same
 * environment (sharing the tape), checked against closed forms and against forward mode by the
 * dot-product identity {@code <v, J u> = <J^T v, u>}.
 */
class ReverseTest {
  private final Random random = new Random(7);

  @Test
  void straightLine() {
    double x = 0.8;
    double y = -1.7;
    assertArrayEquals(new double[] {Math.cos(x) * y, Math.sin(x)}, grad(Examples.sinTimes(), x, y), 1e-15);
    Modes.Vjp r = vjp(Examples.sinTimes(), 1, List.of(), x, y);
    assertEquals(List.of(Math.sin(x) * y), r.value());
    agreesWithForwardMode(random, Examples.sinTimes(), x, y);
  }

  @Test
  void loopWithTripCountFromAnArgumentPopsItsValuesFromTheTape() {
    double x = 0.7;
    for (int n : new int[] {0, 1, 5}) {
      double slope = 0;
      for (int k = 1; k < n; k++) {
        slope += k * Math.pow(x, k - 1);
      }
      Modes.Vjp r = vjp(Examples.geometric(), 1, List.of(), x, n);
      assertEquals(slope, (Double) r.gradients().get(0), 1e-14, "n = " + n);
      assertEquals(n, r.taped(), "r before each trip (a top-level loop keeps its trip count in a local)");
      agreesWithForwardMode(random, Examples.geometric(), x, n);
    }
  }

  @Test
  void loopLeftByBreak() {
    double x = 1.3;
    int k = 1;
    while (Math.pow(x, k) < 5) {
      k++;
    }
    assertArrayEquals(new double[] {k * Math.pow(x, k - 1), 0}, grad(Examples.powerUntil(), x, 5.0), 1e-13);
    agreesWithForwardMode(random, Examples.powerUntil(), x, 5.0);
  }

  @Test
  void branch() {
    assertArrayEquals(new double[] {4.0, 0}, grad(Examples.branch(), 2.0, 1.0), 0);
    assertArrayEquals(new double[] {Math.exp(1.0), Math.exp(1.0) * 0.5}, grad(Examples.branch(), 0.5, 1.0), 1e-15);
    agreesWithForwardMode(random, Examples.branch(), 2.0, 1.0);
    agreesWithForwardMode(random, Examples.branch(), 0.5, 1.0);
  }

  @Test
  void sumOfSquares() {
    double[] a = {1.5, -2.0, 0.25};
    Modes.Vjp r = vjp(Examples.sumSquares(), 2.0, List.of(), (Object) a);
    assertArrayEquals(new double[] {6.0, -8.0, 1.0}, (double[]) r.gradients().get(0), 0);
    agreesWithForwardMode(random, Examples.sumSquares(), (Object) a);
  }

  /**
   * {@code void squareAll(a, k)}: the caller gives the cotangent of {@code a}'s final contents,
   * the backward sweep turns it in place into that of its contents on entry.
   */
  @Test
  void arrayWrittenInPlace() {
    double[] a0 = {1.5, -2.0, 0.25};
    double k = 1.2;
    double[] v = {0.5, -1.0, 2.0};
    double[] aBar = v.clone();
    double[] a = a0.clone();
    Modes.Vjp r = vjp(Examples.squareAll(), 0, List.of(aBar), a, k);
    double kBar = 0;
    for (int i = 0; i < 3; i++) {
      assertEquals(k * a0[i] * a0[i], a[i], 1e-15, "the forward sweep writes the array");
      assertEquals(2 * k * a0[i] * v[i], ((double[]) r.gradients().get(0))[i], 1e-15);
      kBar += a0[i] * a0[i] * v[i];
    }
    assertEquals(kBar, (Double) r.gradients().get(1), 1e-14);

    // <v, J u> = <J^T v, u> against forward mode, which writes the tangent into aDot
    double[] u = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
    double kDot = random.nextGaussian();
    double[] aDot = u.clone();
    jvp(Examples.squareAll(), with(new Object[] {a0.clone(), k}, aDot, kDot));
    double jvpSide = dot(v, aDot);
    double vjpSide = dot((double[]) r.gradients().get(0), u) + (Double) r.gradients().get(1) * kDot;
    assertEquals(jvpSide, vjpSide, 1e-13);
  }

  @Test
  void recordParameterGetsARecordGradient() {
    IrEval.RecordValue g = (IrEval.RecordValue) vjp(Examples.onPoint(), 1, List.of(), ForwardTest.point(0.5, 1.25))
        .gradients().get(0);
    assertEquals(Examples.POINT, g.type());
    assertEquals(1.0, (Double) g.components().get("x"), 0);
    assertEquals(Math.cos(1.25), (Double) g.components().get("y"), 1e-15);
  }
}
