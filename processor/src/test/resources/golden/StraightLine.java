package golden;

import dev.leibniz.Differentiable;

/**
 * Straight-line double code. Forward mode interleaves a tangent statement ({@code t1Dot}, {@code
 * sDot}) after each primal one; reverse mode runs the primal sweep, then the adjoints ({@code
 * t4Bar} back to {@code xBar}, {@code yBar}) in reverse order, with no tape. The pullback of
 * {@code fVjp} keeps only the values its adjoints read.
 */
class StraightLine {
  @Differentiable
  static double f(double x, double y) {
    double s = Math.sin(x) * y;
    return s + Math.exp(x / y);
  }
}
