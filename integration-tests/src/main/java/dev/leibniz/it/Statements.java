package dev.leibniz.it;

import dev.leibniz.Differentiable;

/**
 * {@code switch} statements and expressions, and assignments inside expressions and conditions
 * (SPEC §4), at second order too.
 */
public final class Statements {
  private Statements() {}

  enum Shape { LINE, PARABOLA, WAVE }

  /** Not differentiable: picks a mode from an int, as a caller's configuration would. */
  static Shape shape(int k) {
    return Shape.values()[k];
  }

  static String name(int k) {
    return new String[] {"sq", "cube", "sin", "other"}[k];
  }

  /** Arrow form, several labels per case, a block yielding, default. */
  @Differentiable(order = 2)
  static double switchArrow(double x, int n) {
    double y = switch (n) {
      case 1, 2 -> x * x;
      case 3 -> {
        double t = Math.sin(x);
        yield t * x;
      }
      default -> 2 * x;
    };
    return y + switch (n % 2) { case 0 -> 1; default -> x; };
  }

  /** Colon form: fall-through, a break inside an if, default in the middle. */
  @SuppressWarnings("fallthrough")
  @Differentiable(order = 2)
  static double switchColon(double x, int n) {
    double y = x;
    switch (n) {
      case 0:
        y = y * 2;
        // falls through
      case 1:
        y = y * x;
        break;
      default:
        y = y + 3 * x * x;
        // falls through
      case 2:
        if (x > 0) {
          y = y * Math.exp(x);
          break;
        }
        y = y - x;
        break;
      case 4:
        return Math.cos(x);
    }
    return y;
  }

  /** An enum switch expression without default, and a String switch statement. */
  @Differentiable(order = 2)
  static double switchEnumString(double x, int k) {
    double y = switch (shape(k % 3)) {
      case LINE -> 3 * x;
      case PARABOLA -> x * x;
      case WAVE -> Math.sin(x);
    };
    switch (name(k)) {
      case "sq":
        y *= y;
        break;
      case "cube", "sin":
        y *= x;
        break;
      default:
        y += 1;
    }
    return y;
  }

  /** A switch in a loop: continue goes to the loop, break leaves the switch, yield in colon form. */
  @Differentiable(order = 2)
  static double switchInLoop(double x, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      switch (i % 3) {
        case 0:
          if (i == 3) {
            continue;
          }
          s += x;
          break;
        case 1:
          s += x * x;
          if (s > 2) {
            break;
          }
          s += 0.5 * x;
          break;
        default:
          s *= 1.5;
      }
      char c = (char) ('a' + i % 2);
      s += switch (c) {
        case 'a':
          yield 0.1 * x;
        default:
          if (s > 1) {
            yield -0.2 * x;
          }
          yield 0.3 * x * x;
      };
    }
    return s;
  }

  @Differentiable(order = 2)
  static double halve(double y) {
    return 0.5 * y + 0.01 * Math.sin(y);
  }

  /** A data-dependent while loop whose condition assigns: {@code while ((y = step(y)) > eps)}. */
  @Differentiable(order = 2)
  static double assignInCondition(double x, double eps) {
    double y = x;
    double s = 0;
    int n = 0;
    while ((y = halve(y)) > eps && n++ < 40) {
      s += y * x;
    }
    return s + y;
  }

  /** The trip count of {@link #assignInCondition}: its value jumps where this changes. */
  static int conditionTrips(double x, double eps) {
    double y = x;
    int n = 0;
    int trips = 0;
    while ((y = 0.5 * y + 0.01 * Math.sin(y)) > eps && n++ < 40) {
      trips++;
    }
    return trips;
  }

  /** A do loop whose condition assigns, with a continue that must reach that condition. */
  @Differentiable(order = 2)
  static double doAssignInCondition(double x) {
    double y = x;
    int n = 0;
    do {
      if (n == 1) {
        n++;
        continue;
      }
      y = y * x;
    } while ((n += 1) < 4);
    return y;
  }

  /**
   * Assignments and increments inside expressions, evaluated left to right: an operand read
   * before a later assignment keeps its old value.
   */
  @Differentiable(order = 2)
  static double sideEffects(double x, double[] a) {
    double s = 0;
    int i = 0;
    while (i < a.length) {
      s += a[i++] * x;
    }
    double[] t = {x, 2 * x};
    t[0]++;
    double u = ++t[1] * t[0]--;
    double z;
    double w = z = 2 * x;
    double y = x;
    double r = y + (y = 3 * x) * y;
    int k = 0;
    double v = k++ + k + x * (k = 5) + k;
    double[] b = {x, x * x};
    int j = 0;
    b[j] = b[++j] + j;
    s += t[0] + u + w * z + r + v + b[0] + b[1];
    return s > 100 ? (s = 100) : (s *= x);
  }
}
