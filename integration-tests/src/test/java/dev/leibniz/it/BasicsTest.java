package dev.leibniz.it;

import static dev.leibniz.it.Numeric.assertClose;

import dev.leibniz.runtime.Dual;
import org.junit.jupiter.api.Test;

class BasicsTest {
  @Test
  void gradientOfSinTimesY() {
    BasicsDerivatives.FGradient g = BasicsDerivatives.fGrad(2.0, 3.0);
    assertClose(Math.cos(2.0) * 3.0, g.x(), 1e-12, "d/dx");
    assertClose(Math.sin(2.0), g.y(), 1e-12, "d/dy");
    Dual d = BasicsDerivatives.fJvp(2.0, 3.0, 1.0, 0.0);
    assertClose(Math.sin(2.0) * 3.0, d.value(), 1e-12, "value");
    assertClose(g.x(), d.tangent(), 1e-12, "forward agrees with reverse");
    BasicsDerivatives.FVjp vjp = BasicsDerivatives.fVjp(2.0, 3.0);
    assertClose(2 * g.x(), vjp.pullback(2.0).x(), 1e-12, "pullback scales");
    assertClose(g.y(), vjp.pullback(1.0).y(), 1e-12, "pullback again");
  }

  @Test
  void naiveLog1pexpMatchesFiniteDifferences() {
    for (double x : new double[] {-3, 0, 0.5, 3}) {
      assertClose(Numeric.derivative(Basics::log1pexp, x), BasicsDerivatives.log1pexpGrad(x), 1e-8, "x=" + x);
    }
  }
}
