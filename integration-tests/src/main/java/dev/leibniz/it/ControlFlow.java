package dev.leibniz.it;

import dev.leibniz.Differentiable;

/** Operators, assignments, branches and loops of every kind §4 of the spec allows. */
public final class ControlFlow {
  private ControlFlow() {}

  /** + - * / % and unary minus, with a double % that has a derivative in both operands. */
  @Differentiable
  static double arithmetic(double x, double y) {
    double a = x + y;
    double b = x - y;
    double c = x * y;
    double d = x / y;
    double e = x % y;
    return -a * b + c / (1 + d * d) - -e;
  }

  /** int→double casts and int arithmetic that carries no derivative. */
  @Differentiable
  static double intCasts(double x, int n) {
    int m = n * 3 - 1;
    double k = (double) m / 2;
    double j = m;
    return k * x + j * x * x + (n % 2) * x;
  }

  /** {@code var} locals, compound assignments of every arithmetic kind, ++ and -- on ints. */
  @Differentiable
  static double compound(double x, double y) {
    var s = x;
    var i = 0;
    s += y;
    s *= x;
    s -= 0.5 * y;
    s /= 1 + y * y;
    s %= 3.0;
    i++;
    i += 2;
    i--;
    s += i * x;
    return s;
  }

  /** Assignment to parameters, including one that reads the old value. */
  @Differentiable
  static double reassignParams(double x, double y) {
    x = x * y + 1;
    y = Math.sin(x) + y;
    x += y;
    return x * y;
  }

  /** The conditional operator, nested, choosing between differentiated expressions. */
  @Differentiable
  static double conditional(double x, double y) {
    double a = x > y ? x * x : y * Math.sin(x);
    double b = a > 1 ? (x < 0 ? -a : a * y) : a + x;
    return b;
  }

  /** An if / else-if / else chain with different formulas on each piece. */
  @Differentiable
  static double piecewise(double x) {
    double r;
    if (x < -1) {
      r = -x * x;
    } else if (x < 0) {
      r = Math.sin(x);
    } else if (x < 2) {
      r = Math.exp(x) - 1;
    } else {
      r = x * x * x;
    }
    return r;
  }

  /** Several returns from nested branches. */
  @Differentiable
  static double manyReturns(double x, double y) {
    if (x > 0) {
      if (y > 0) {
        return x * y;
      }
      return x - y * y;
    }
    if (y > 1) {
      return Math.exp(x) * y;
    }
    return Math.cos(x + y);
  }

  /** A counted for loop with a break and a continue. */
  @Differentiable
  static double forBreakContinue(double x) {
    double acc = 0;
    for (int i = 0; i < 10; i++) {
      if (i % 3 == 1) {
        continue;
      }
      acc = acc * 0.5 + Math.sin(x * i);
      if (i == 7) {
        break;
      }
    }
    return acc;
  }

  /** A while loop whose trip count depends on x (locally constant). */
  @Differentiable
  static double whileLoop(double x) {
    double y = x;
    int n = 0;
    while (y < 10) {
      y = y * 1.3 + 0.1 * x;
      n++;
    }
    return y + n;
  }

  /** A do loop that always runs once. */
  @Differentiable
  static double doLoop(double x, double y) {
    double p = 1;
    int i = 0;
    do {
      p = p * x + y;
      i++;
    } while (i < 4);
    return p;
  }

  /** Enhanced for over a local array built from the inputs. */
  @Differentiable
  static double enhancedFor(double x, double y) {
    double[] values = {x, y, x * y, Math.sin(x)};
    double s = 0;
    for (double v : values) {
      s = s * 0.5 + v * v;
    }
    return s;
  }

  /** Writes to a local array, reads back, length. */
  @Differentiable
  static double localArray(double x) {
    double[] a = new double[5];
    a[0] = x;
    for (int i = 1; i < a.length; i++) {
      a[i] = a[i - 1] * x + i;
    }
    a[2] += a[4];
    return a[2] * a[3];
  }

  /** Sum of squares of an array parameter. */
  @Differentiable
  static double arrayParam(double[] xs) {
    double s = 0;
    for (int i = 0; i < xs.length; i++) {
      s += xs[i] * xs[i] * (i + 1);
    }
    return s;
  }

  /** A differentiated update in a for header: t = x^3 (issue 7: the pullback did not compile). */
  @Differentiable
  static double forHeaderUpdate(double x) {
    double t = 1;
    for (int i = 0; i < 3; t *= x) {
      i++;
    }
    return t;
  }

  /** Several differentiated updates in a for header, one after the other. */
  @Differentiable
  static double forHeaderUpdates(double x, double y) {
    double t = 1;
    for (int i = 0; i < 3; t *= x, t += y, i++) {
      t -= 0.5 * y;
    }
    return t;
  }

  /**
   * r is used only when r > 0.5: at (0, 0), where sqrt has an infinite derivative, the gradient is
   * (0, 0), as forward mode and JAX give (issue 7: reverse mode gave NaN).
   */
  @Differentiable
  static double capped(double a, double b) {
    double r = Math.sqrt(a * a + b * b);
    if (r > 0.5) {
      return r;
    }
    return 1.0;
  }

  /** The same through a loop that may run no iteration: log(x) is used only when n > 0. */
  @Differentiable
  static double usedInLoop(double x, int n) {
    double l = Math.log(x);
    double s = 1;
    for (int i = 0; i < n; i++) {
      s += l * i;
    }
    return s;
  }
}
