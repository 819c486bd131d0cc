package dev.leibniz.it;

import dev.leibniz.Differentiable;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/** Lambdas held in locals and static final fields, applied in the body: derivatives flow through them. */
public final class Lambdas {
  private Lambdas() {}

  static final DoubleUnaryOperator SQUARE = t -> t * t;
  static final DoubleBinaryOperator PRODUCT = (a, b) -> {
    double p = a * b;
    return p;
  };

  /** The lambda captures c = 3i: g = i + 3 i j^2 (issue 7: the captured derivative was dropped). */
  @Differentiable
  static double captured(double i, double j) {
    double c = 3.0 * i;
    DoubleUnaryOperator h = t -> t * t * c;
    return i + h.applyAsDouble(j);
  }

  /** A block lambda of two parameters capturing sin(x), applied in a loop with its own result. */
  @Differentiable
  static double appliedInLoop(double x, double y) {
    double c = Math.sin(x);
    DoubleBinaryOperator h = (a, b) -> {
      double s = a * c;
      return s + 0.5 * b * b;
    };
    double r = 0;
    for (int k = 0; k < 3; k++) {
      r += h.applyAsDouble(y, r);
    }
    return r;
  }

  /** Another local naming the same lambda (g = f) is inlined as f is: f = t x, so 0.5 x y + x^2. */
  @Differentiable
  static double aliased(double x, double y) {
    DoubleUnaryOperator f = t -> t * x;
    DoubleUnaryOperator g = f;
    var h = g;
    return 0.5 * g.applyAsDouble(y) + h.applyAsDouble(x);
  }

  /**
   * Lambdas that capture nothing differentiated, held in an array and cast back from Object: they
   * are called, and differentiated in their arguments. x^2 + y^3.
   */
  @Differentiable
  static double heldInArray(double x, double y) {
    DoubleUnaryOperator[] fs = {t -> t * t, t -> t * t * t};
    Object o = fs[1];
    DoubleUnaryOperator cube = (DoubleUnaryOperator) o;
    return fs[0].applyAsDouble(x) + cube.applyAsDouble(y);
  }

  /** Lambdas from static final fields of this class. */
  @Differentiable
  static double fromFields(double x, double y) {
    return SQUARE.applyAsDouble(x) + PRODUCT.applyAsDouble(x, y);
  }
}
