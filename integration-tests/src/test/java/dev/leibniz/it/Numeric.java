package dev.leibniz.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.DoubleUnaryOperator;

/** Finite differences and tolerant comparisons for the tests. */
final class Numeric {
  private Numeric() {}

  /** The central difference of {@code f} at {@code x}, step scaled to {@code x}. */
  static double derivative(DoubleUnaryOperator f, double x) {
    double h = 1e-6 * Math.max(1.0, Math.abs(x));
    return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
  }

  /** Asserts {@code actual} is within {@code relative} of {@code expected} (absolute near zero); NaN equals NaN. */
  static void assertClose(double expected, double actual, double relative, String what) {
    if (Double.isNaN(expected) || Double.isNaN(actual)) {
      if (Double.isNaN(expected) != Double.isNaN(actual)) {
        fail(what + ": expected " + expected + " but was " + actual);
      }
      return;
    }
    if (Double.isInfinite(expected)) {
      assertEquals(expected, actual, what);
      return;
    }
    double tolerance = relative * Math.max(1.0, Math.abs(expected));
    assertEquals(expected, actual, tolerance, what);
  }
}
