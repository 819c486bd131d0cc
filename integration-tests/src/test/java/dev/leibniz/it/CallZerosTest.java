package dev.leibniz.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: a zero cotangent crossing a call is structural where JAX's is symbolic ({@link
 * CallZeros}), so the gradient at {@code x = 1}, where {@code sqrt(x - 1)} has an infinite partial,
 * is the finite one forward mode gives. Both were NaN before.
 */
class CallZerosTest {
  @Test
  void anArgumentTheCalleeDidNotRead() {
    // x² z at x = 1, z = 2: the gradient (2 x z, x²)
    Checker c = Checker.of(CallZeros.class, "argumentNotRead");
    assertArrayEquals(new double[] {4, 1}, c.gradient(1.0, 2.0), 1e-12);
    assertEquals(4, c.jvpTangent(new double[] {1, 0}, 1.0, 2.0)[0], 1e-12);
    c.check(new Random(1), 1.5, 2.0);
  }

  @Test
  void theUnusedValueOfAWritingCallee() {
    // a[0] x at a = {3}, x = 1: the gradient (x, a[0])
    Checker c = Checker.of(CallZeros.class, "valueNotUsed");
    assertArrayEquals(new double[] {1, 3}, c.gradient(new double[] {3}, 1.0), 1e-12);
    assertEquals(3, c.jvpTangent(new double[] {0, 1}, new double[] {3}, 1.0)[0], 1e-12);
    c.check(new Random(2), new double[] {3}, 1.5);
    FormChecks.assertSameWrites(CallZeros.class, "valueNotUsed", new double[] {3}, 1.5);
  }
}
