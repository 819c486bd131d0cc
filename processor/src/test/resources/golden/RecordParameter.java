package golden;

import dev.leibniz.Differentiable;

/**
 * A record parameter is taken apart into one local per component; it is its own tangent type
 * ({@code pDot} is a {@code Point}) and the gradient is a {@code Point} too.
 */
class RecordParameter {
  record Point(double x, double y) {}

  @Differentiable
  static double norm(Point p) {
    return Math.sqrt(p.x() * p.x() + p.y() * p.y());
  }
}
