package golden;

import dev.leibniz.CustomJvp;
import dev.leibniz.runtime.Dual;

/**
 * A custom JVP rule: {@code fJvp} of the generated class calls the user's rule; reverse mode is the
 * rule's tangent part transposed ({@code xDotBar}, {@code yDotBar}), the primal part kept as is.
 */
class CustomJvpRule {
  @CustomJvp("fJvp")
  static double f(double x, double y) {
    return Math.sin(x) * y;
  }

  static Dual fJvp(double x, double y, double xDot, double yDot) {
    double primalOut = f(x, y);
    double tangentOut = Math.cos(x) * xDot * y + Math.sin(x) * yDot;
    return new Dual(primalOut, tangentOut);
  }
}
