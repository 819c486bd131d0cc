package dev.leibniz.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: calls of a method returning its parameter's array that are accepted, because no write
 * after the call makes the result and the argument disagree ({@link ReturnedArrays}); the gradient
 * is checked against closed forms, the forms against each other and finite differences, and the
 * caller's array against the plain call.
 */
class ReturnedArraysTest {
  private static final double X = 0.7;

  @Test
  void writesBeforeTheCall() {
    // x⁶: the gradient (0 for a[0], 6x⁵)
    assertGradient("writtenBefore", new double[] {0, 6 * Math.pow(X, 5)});
  }

  @Test
  void writesAfterTheResultsLastRead() {
    // a[0] x + 2x at a[0] = 3: the gradient (x, a[0] + 2)
    assertGradient("resultNoLongerUsed", new double[] {X, 5});
  }

  @Test
  void resultCopiedAtOnce() {
    // 3 a[0] x² at a[0] = 3: the gradient (3x², 6 a[0] x)
    assertGradient("copiedAtOnce", new double[] {3 * X * X, 18 * X});
  }

  @Test
  void writesBeforeEachCallInALoop() {
    Checker c = Checker.of(ReturnedArrays.class, "eachIteration");
    c.check(new Random(6), new double[] {1.3}, X);
    FormChecks.assertSameWrites(ReturnedArrays.class, "eachIteration", new double[] {1.3}, X);
  }

  private static void assertGradient(String method, double[] expected) {
    Checker c = Checker.of(ReturnedArrays.class, method);
    assertArrayEquals(expected, c.gradient(new double[] {3}, X), 1e-12, method);
    c.check(new Random(3), new double[] {3}, X);
    FormChecks.assertSameWrites(ReturnedArrays.class, method, new double[] {3}, X);
  }
}
