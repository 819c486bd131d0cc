package dev.leibniz.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: a callee's pullback reads the arrays it reached through a record or a matrix row as
 * they were at the call, though the caller wrote them since ({@link CallTimeValues}). Before, the
 * VJP object kept the caller's array and the gradient was wrong (6.13 for 4.12 below).
 */
class CallTimeValuesTest {
  private static final double X = 0.7;
  private static final double Z = 1.3;

  @Test
  void callersWritingAfterTheCall() {
    // x + x z (1 + x): the gradient (1 + z + 2 x z, x + x²)
    double[] expected = {1 + Z + 2 * X * Z, X + X * X};
    for (String method : new String[] {"recordWrittenAfter", "nestedWrittenAfter", "rowWrittenAfter",
        "gridRowWrittenAfter"}) {
      Checker c = Checker.of(CallTimeValues.class, method);
      assertArrayEquals(expected, c.gradient(X, Z), 1e-12, method);
      c.check(new Random(2), X, Z);
    }
  }

  @Test
  void aVjpObjectKeepsTheValuesOfItsCall() {
    double[] xs = {0.5, 2};
    CallTimeValuesDerivatives.GrowVjp vjp = CallTimeValuesDerivatives.growVjp(new CallTimeValues.Samples(xs, 1), 3);
    xs[0] = 100;
    CallTimeValuesDerivatives.GrowGradient g = vjp.pullback(1);
    // y (1 + xs0)(1 + xs1) at xs = {0.5, 2}, y = 3
    assertEquals(1.5 * 3, g.y(), 1e-12);
    assertArrayEquals(new double[] {3 * 3, 3 * 1.5}, g.s().xs(), 1e-12);
    assertEquals(100, xs[0]);

    double[][] m = {{0.5, 2}};
    CallTimeValuesDerivatives.GrowRowVjp rowVjp = CallTimeValuesDerivatives.growRowVjp(m, 3);
    m[0][1] = -1;
    assertEquals(1.5 * 3, rowVjp.pullback(1).y(), 1e-12);
  }
}
