package dev.leibniz.processor.transform;

import static dev.leibniz.processor.transform.Modes.finiteDifference;
import static dev.leibniz.processor.transform.Modes.jvp;
import static dev.leibniz.processor.transform.Modes.with;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.processor.ir.Function;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Forward mode on IR built by hand: {@code Forward.apply(Linearize.apply(f))}, run by {@link IrEval}. */
class ForwardTest {

  @Test
  void straightLine() {
    double x = 0.8;
    double y = -1.7;
    List<Object> out = jvp(Examples.sinTimes(), x, y, 0.3, 2.0);
    assertEquals(Math.sin(x) * y, (Double) out.get(0), 0);
    assertEquals(Math.cos(x) * y * 0.3 + Math.sin(x) * 2.0, (Double) out.get(1), 1e-15);
    assertEquals(finiteDifference(Examples.sinTimes(), new Object[] {x, y}, new double[] {0.3, 2.0}),
        (Double) out.get(1), 1e-8);
  }

  @Test
  void loopWithTripCountFromAnArgument() {
    double x = 0.7;
    for (int n : new int[] {0, 1, 5}) {
      double value = 0;
      double slope = 0;
      for (int k = 0; k < n; k++) {
        value += Math.pow(x, k);
        slope += k * Math.pow(x, k - 1);
      }
      List<Object> out = jvp(Examples.geometric(), x, n, 1.0);
      assertEquals(value, (Double) out.get(0), 1e-15, "n = " + n);
      assertEquals(slope, (Double) out.get(1), 1e-14, "n = " + n);
    }
  }

  @Test
  void loopLeftByBreakAfterADataDependentNumberOfTrips() {
    double x = 1.3;
    int k = 1; // x^k is the first power at or above 5
    while (Math.pow(x, k) < 5) {
      k++;
    }
    List<Object> out = jvp(Examples.powerUntil(), x, 5.0, 1.0, 1.0);
    assertEquals(Math.pow(x, k), (Double) out.get(0), 1e-14);
    assertEquals(k * Math.pow(x, k - 1), (Double) out.get(1), 1e-13, "the limit's tangent does not count");
    assertEquals(finiteDifference(Examples.powerUntil(), new Object[] {x, 5.0}, new double[] {1, 0}),
        (Double) out.get(1), 1e-7);
  }

  @Test
  void conditionalTakesTheTangentOfTheBranchTaken() {
    Function f = Examples.branch();
    List<Object> above = jvp(f, 2.0, 1.0, 0.5, 3.0);
    assertEquals(4.0, (Double) above.get(0), 0);
    assertEquals(2 * 2.0 * 0.5, (Double) above.get(1), 0);
    List<Object> below = jvp(f, 0.5, 1.0, 0.5, 3.0);
    assertEquals(Math.exp(1.0) * 0.5, (Double) below.get(0), 1e-15);
    assertEquals(Math.exp(1.0) * 0.5 + Math.exp(1.0) * 0.5 * 3.0, (Double) below.get(1), 1e-14);
  }

  @Test
  void sumOfSquaresOfAnArray() {
    double[] a = {1.5, -2.0, 0.25};
    double[] u = {0.1, 0.2, -0.3};
    List<Object> out = jvp(Examples.sumSquares(), a, u);
    assertEquals(1.5 * 1.5 + 4 + 0.0625, (Double) out.get(0), 0);
    assertEquals(2 * (1.5 * 0.1 - 2.0 * 0.2 - 0.25 * 0.3), (Double) out.get(1), 1e-15);
  }

  @Test
  void arrayWrittenInPlaceUpdatesItsTangentInPlace() {
    double[] a = {1.5, -2.0, 0.25};
    double[] aDot = {0.1, 0.2, -0.3};
    double k = 1.2;
    double kDot = -0.4;
    List<Object> out = jvp(Examples.squareAll(), with(new Object[] {a, k}, aDot, kDot));
    assertEquals(List.of(), out, "a void method's forward form returns nothing");
    double[] a0 = {1.5, -2.0, 0.25};
    double[] u0 = {0.1, 0.2, -0.3};
    for (int i = 0; i < 3; i++) {
      assertEquals(k * a0[i] * a0[i], a[i], 1e-15);
      assertEquals(kDot * a0[i] * a0[i] + 2 * k * a0[i] * u0[i], aDot[i], 1e-15);
    }
  }

  @Test
  void valueUsedOnlyOnABranchNotTakenHasNoTangent() {
    List<Object> origin = jvp(Examples.outsideDisc(), 0.0, 0.0, 1.0, 1.0);
    assertArrayEquals(new double[] {0, 0}, new double[] {(Double) origin.get(0), (Double) origin.get(1)});
    List<Object> outside = jvp(Examples.outsideDisc(), 0.6, 0.8, 1.0, 2.0);
    assertEquals(0.6 + 0.8 * 2.0, (Double) outside.get(1), 1e-15);
  }

  @Test
  void recordParameterTakesARecordOfTangents() {
    IrEval.RecordValue p = point(0.5, 1.25);
    List<Object> out = jvp(Examples.onPoint(), p, point(2.0, -1.0));
    assertEquals(0.25 + Math.sin(1.25), (Double) out.get(0), 0);
    assertEquals(2 * 0.5 * 2.0 - Math.cos(1.25), (Double) out.get(1), 1e-15);
  }

  /** The forward form of the forward form, as the writer makes {@code fJvpJvp}: a second derivative. */
  @Test
  void forwardOverForwardGivesSecondDerivatives() {
    Function level2 = Forward.apply(Linearize.apply(Modes.forward(Examples.sinTimes())), Ir.table(Examples.sinTimes()));
    double x = 0.8;
    double y = -1.7;
    // x, y, xDot, yDot, then the tangents of those four
    List<Object> out = IrEval.call(level2, x, y, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0);
    assertEquals(4, out.size());
    assertEquals(Math.cos(x) * y, (Double) out.get(1), 1e-15);
    assertEquals(Math.cos(x) * y, (Double) out.get(2), 1e-15);
    assertEquals(-Math.sin(x) * y, (Double) out.get(3), 1e-15, "d2/dx2");
    List<Object> mixed = IrEval.call(level2, x, y, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    assertEquals(Math.cos(x), (Double) mixed.get(3), 1e-15, "d2/dxdy");
  }

  static IrEval.RecordValue point(double x, double y) {
    return new IrEval.RecordValue(Examples.POINT, java.util.Map.of("x", x, "y", y));
  }
}
