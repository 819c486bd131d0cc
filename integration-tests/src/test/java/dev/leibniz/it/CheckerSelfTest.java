package dev.leibniz.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.runtime.Dual;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The checker against hand-written "generated" classes, some poisoned: each kind of wrong
 * derivative must be caught, or the other tests prove nothing.
 */
class CheckerSelfTest {
  /** f(x, y) = x^2 y. */
  static final class Square {
    static double f(double x, double y) {
      return x * x * y;
    }
  }

  /** Correct forms: mirrors what the processor writes. */
  static final class SquareDerivatives {
    static Dual fJvp(double x, double y, double xDot, double yDot) {
      return new Dual(x * x * y, 2 * x * y * xDot + x * x * yDot);
    }

    static FGradient fGrad(double x, double y) {
      return new FGradient(2 * x * y, x * x);
    }

    static FValueAndGrad fValueAndGrad(double x, double y) {
      return new FValueAndGrad(x * x * y, fGrad(x, y));
    }

    static FVjp fVjp(double x, double y) {
      return new FVjp(x, y, 1, 1, 0);
    }

    record FGradient(double x, double y) {}

    record FValueAndGrad(double value, FGradient gradient) {}

    /** A pullback that may be poisoned: scaled in x, scaled in y, or off on its second call only. */
    static final class FVjp {
      final double x;
      final double y;
      final double scaleX;
      final double scaleY;
      final double offset;
      int calls;

      FVjp(double x, double y, double scaleX, double scaleY, double offset) {
        this.x = x;
        this.y = y;
        this.scaleX = scaleX;
        this.scaleY = scaleY;
        this.offset = offset;
      }

      double value() {
        return x * x * y;
      }

      FGradient pullback(double g) {
        calls++;
        double bent = calls == 2 ? 1 + offset : 1;
        return new FGradient(bent * scaleX * 2 * x * y * g, scaleY * x * x * g);
      }
    }
  }

  /** Both modes agree with each other but not with the function: only finite differences see it. */
  static final class Consistent {
    static double f(double x, double y) {
      return x * x * y;
    }
  }

  static final class ConsistentDerivatives {
    static Dual fJvp(double x, double y, double xDot, double yDot) {
      return new Dual(x * x * y, 2.01 * x * y * xDot + x * x * yDot);
    }

    static SquareDerivatives.FGradient fGrad(double x, double y) {
      return new SquareDerivatives.FGradient(2.01 * x * y, x * x);
    }

    static SquareDerivatives.FValueAndGrad fValueAndGrad(double x, double y) {
      return new SquareDerivatives.FValueAndGrad(x * x * y, fGrad(x, y));
    }

    static SquareDerivatives.FVjp fVjp(double x, double y) {
      return new SquareDerivatives.FVjp(x, y, 1.005, 1, 0);
    }
  }

  /** The pullback is wrong in y only. */
  static final class WrongY {
    static double f(double x, double y) {
      return x * x * y;
    }
  }

  static final class WrongYDerivatives {
    static Dual fJvp(double x, double y, double xDot, double yDot) {
      return SquareDerivatives.fJvp(x, y, xDot, yDot);
    }

    static SquareDerivatives.FGradient fGrad(double x, double y) {
      return SquareDerivatives.fGrad(x, y);
    }

    static SquareDerivatives.FValueAndGrad fValueAndGrad(double x, double y) {
      return SquareDerivatives.fValueAndGrad(x, y);
    }

    static SquareDerivatives.FVjp fVjp(double x, double y) {
      return new SquareDerivatives.FVjp(x, y, 1, 0.9, 0);
    }
  }

  /**
   * The pullback is off on its second call only: the one the checker makes with a scaled cotangent,
   * after the dot-product check, so only the linearity check can see it.
   */
  static final class Bent {
    static double f(double x, double y) {
      return x * x * y;
    }
  }

  static final class BentDerivatives {
    static Dual fJvp(double x, double y, double xDot, double yDot) {
      return SquareDerivatives.fJvp(x, y, xDot, yDot);
    }

    static SquareDerivatives.FGradient fGrad(double x, double y) {
      return SquareDerivatives.fGrad(x, y);
    }

    static SquareDerivatives.FValueAndGrad fValueAndGrad(double x, double y) {
      return SquareDerivatives.fValueAndGrad(x, y);
    }

    static SquareDerivatives.FVjp fVjp(double x, double y) {
      return new SquareDerivatives.FVjp(x, y, 1, 1, 0.01);
    }
  }

  @Test
  void acceptsCorrectForms() {
    Checker.of(Square.class, "f").check(new Random(1), 1.5, -0.5);
  }

  @Test
  void catchesWrongForms() {
    assertFails("finite difference", Consistent.class);
    assertFails("(forward) vs", WrongY.class);
    assertFails("pullback(a v) = a pullback(v)", Bent.class);
  }

  private static void assertFails(String check, Class<?> owner) {
    AssertionError e = assertThrows(AssertionError.class, () -> Checker.of(owner, "f").check(new Random(1), 1.5, -0.5));
    assertTrue(e.getMessage().contains(check), e.getMessage());
  }
}
