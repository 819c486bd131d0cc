package dev.leibniz.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: an array whose contents carry a NaN partial ({@code sqrt(x - 1)} at {@code x = 0.5}) that
 * never reaches the result has a structural zero cotangent in reverse mode: the gradient is the
 * finite one forward mode and JAX give, for arrays swapped, replaced, held by records, written by
 * callees and rows of matrices ({@link ArrayZeros}). Each was NaN before.
 */
class ArrayZerosTest {
  private static final double X = 0.5;

  @Test
  void arraysTheMethodLeavesBehind() {
    // a[0] x at a = {3}: the gradient (x, a[0])
    assertGradient("callerSwaps", () -> args(new double[] {3}, X), 0.5, 3);
    assertGradient("swappedInALoop", () -> args(new double[] {3}, X, 4), 0.5, 3);
    assertGradient("swappedInALoop", () -> args(new double[] {3}, X, 2), 0.5, 3);
    assertGradient("replacedByANewArray", () -> args(new double[] {3}, X), 0.5, 3);
    assertGradient("replacedByAClone", () -> args(new double[] {3}, X), 0.5, 3);
    assertGradient("recordReplaced", () -> args(new double[] {3}, X), 0.5, 3);
    assertGradient("recordsSwapped", () -> args(new double[] {3}, X), 0.5, 3);
    assertGradient("copyOfASwappedArray", () -> args(new double[] {3}, X), 0.5, 3);
    // a[0] x + a[1] at a = {3, 2}: the gradient (x, 1, a[0])
    assertGradient("earlyReturnInASwappingLoop", () -> args(new double[] {3, 2}, X), 0.5, 1, 3);
    // a[0] x + x² at a = {3}: the gradient (x, a[0] + 2x)
    assertGradient("recordsSwappedInALoop", () -> args(new double[] {3}, X), 0.5, 4);
  }

  @Test
  void arraysACalleeOverwritesOrSwapsAway() {
    // 2 a[0] x at a = {3}: the gradient (2x, 2 a[0])
    assertGradient("overwrittenByACallee", () -> args(new double[] {3}, X), 1, 6);
    assertGradient("givenToALoopSwappingCallee", () -> args(new double[] {3}, X), 1, 6);
    assertGradient("recordArrayOverwrittenByACallee", () -> args(new double[] {3}, X), 1, 6);
  }

  @Test
  void matrices() {
    assertGradient("rowOverwrittenByACallee", () -> args(new double[] {3}, X), 1, 6);
    // 4 a[0] x: the gradient (4x, 4 a[0])
    assertGradient("rowOverwrittenInALoop", () -> args(new double[] {3}, X), 2, 12);
    assertGradient("matrixOverwrittenByACallee", () -> args(new double[] {3}, X), 0.5, 3);
    // what a callee adds through a row is kept: a[0] x at a = {3}, x = 0.5
    assertGradient("matrixRowScaledByACallee", () -> args(new double[] {3}, X), 0.5, 3);
  }

  /**
   * {@code mGrad} gives {@code expected} (a flattened, then x), each partial equals forward mode's
   * along its unit vector, the forms agree with each other and with finite differences, and the
   * caller's arrays are written as by the plain call.
   */
  private static void assertGradient(String method, Supplier<Object[]> args, double... expected) {
    Checker c = Checker.of(ArrayZeros.class, method);
    assertArrayEquals(expected, c.gradient(args.get()), 1e-12, method + ": mGrad");
    for (int i = 0; i < expected.length; i++) {
      double[] unit = new double[expected.length];
      unit[i] = 1;
      assertEquals(expected[i], c.jvpTangent(unit, args.get())[0], 1e-12, method + ": mJvp along leaf " + i);
    }
    c.check(new Random(1), args.get());
    FormChecks.assertSameWrites(ArrayZeros.class, method, args.get());
  }

  private static Object[] args(Object... args) {
    return args;
  }
}
