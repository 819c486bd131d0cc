package dev.leibniz.it;

import static dev.leibniz.it.Numeric.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.lib.Lib;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What only a call into a separately compiled jar shows: its rules are the ones used. */
class LibraryCallsTest {
  @Test
  void theLibraryIsAnotherCompilation() {
    assertNotEquals(Lib.class.getProtectionDomain().getCodeSource().getLocation(),
        LibraryCalls.class.getProtectionDomain().getCodeSource().getLocation());
  }

  /** The naive body's own gradient is NaN at 1000 (inf / inf); the library's JVP rule gives 1. */
  @Test
  void customJvpRuleFromTheJarIsUsed() {
    assertTrue(Double.isNaN(BasicsDerivatives.log1pexpGrad(1000)), "the same body differentiated here");
    assertEquals(2.0, LibraryCallsDerivatives.twiceLog1pexpGrad(1000));
    assertEquals(2.0, LibraryCallsDerivatives.twiceLog1pexpJvp(1000, 1).tangent());
    assertEquals(2.0, LibraryCallsDerivatives.twiceLog1pexpVjp(1000).pullback(1));
  }

  /** The library's VJP rule clips the cotangent reaching 3x to [-0.5, 0.5]. */
  @Test
  void customVjpRuleFromTheJarIsUsed() {
    // cos(0.3) = 0.955 is clipped to 0.5
    assertClose(1.5, LibraryCallsDerivatives.clippedSinGrad(0.1), 1e-15, "clipped");
    // cos(1.5) = 0.0707 is not: there the rule is the true derivative, so finite differences agree
    assertClose(3 * Math.cos(1.5), LibraryCallsDerivatives.clippedSinGrad(0.5), 1e-12, "unclipped");
    assertClose(Numeric.derivative(LibraryCalls::clippedSin, 0.5), LibraryCallsDerivatives.clippedSinGrad(0.5), 1e-8,
        "finite difference");
    // a reverse-only rule: no forward mode, as in JAX
    assertTrue(java.util.Arrays.stream(LibraryCallsDerivatives.class.getDeclaredMethods())
        .noneMatch(m -> m.getName().equals("clippedSinJvp")));
  }

  @Test
  void libraryRecordsAcrossTheBoundary() {
    Lib.Vec v = new Lib.Vec(1.5, -0.5);
    var pullback = LibraryCallsDerivatives.rescaledVjp(v, 0.8).pullback(new Lib.Vec(1, 2));
    // out = k^2 v: d<c, out>/dv = k^2 c, d<c, out>/dk = 2k <c, v>
    assertClose(0.64, pullback.v().x(), 1e-12, "v.x");
    assertClose(1.28, pullback.v().y(), 1e-12, "v.y");
    assertClose(2 * 0.8 * (1.5 - 1.0), pullback.k(), 1e-12, "k");
    Checker.of(LibraryCalls.class, "rescaled").check(new Random(3), v, 0.8);
  }
}
