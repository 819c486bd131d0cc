package dev.leibniz.it.bugs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Fails today (processor bug, see {@link SignedZero}): d first / dy is {@code -0.0} by reverse mode
 * and {@code +0.0} by forward mode; JAX gives {@code +0.0} for both.
 */
class SignedZeroTest {
  @Test
  void unusedComponentContributesAStructuralZero() {
    // forward mode agrees with JAX already: the tangent of a along (0, 1) is xDot = +0.0
    assertEquals(0.0, SignedZeroDerivatives.firstJvp(1, 2, 0, 1).tangent(), "jvp along y");
    // assertEquals on doubles compares bits: -0.0 != 0.0
    assertEquals(0.0, SignedZeroDerivatives.firstGrad(1, 2).y(), "grad along y");
    assertEquals(0.0, SignedZeroDerivatives.firstVjp(1, 2).pullback(1).y(), "pullback along y");
  }
}
