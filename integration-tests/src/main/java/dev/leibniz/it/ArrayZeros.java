package dev.leibniz.it;

import dev.leibniz.Differentiable;
import java.util.Arrays;

/**
 * Arrays whose contents carry a NaN partial ({@code Math.sqrt(x - 1)} at {@code x < 1}) that never
 * reaches the result: the array is swapped away, replaced, or overwritten by a callee before
 * anything reads it. Its cotangent is a structural zero, so the gradient is finite, as in forward
 * mode and JAX (issue 8).
 */
public final class ArrayZeros {
  private ArrayZeros() {}

  /** The pair of a record holding an array. */
  record Pair(double[] v, double s) {}

  /** Doubles {@code a[0]} and overwrites {@code b[0]} without reading it. */
  @Differentiable
  static void overwrite(double[] a, double[] b, double x) {
    a[0] *= 2;
    b[0] = x;
  }

  /** Overwrites the first element of a matrix without reading it. */
  @Differentiable
  static void overwriteCorner(double[][] m, double x) {
    m[0][0] = x;
  }

  /** Scales the first row of a matrix in place, through a row variable. */
  @Differentiable
  static void scaleFirstRow(double[][] m, double x) {
    double[] r = m[0];
    r[0] = r[0] * x;
  }

  /** Doubles {@code a[0]}, then {@code b[0]}, and so on, {@code steps} times: the two swapped each step. */
  @Differentiable
  static void doubleInTurn(double[] a, double[] b, int steps) {
    for (int s = 0; s < steps; s++) {
      a[0] *= 2;
      double[] t = a;
      a = b;
      b = t;
    }
  }

  /** {@code a[0] x}: the caller's own variables swapped, the array made from {@code sqrt(x - 1)} left behind. */
  @Differentiable
  static double callerSwaps(double[] a, double x) {
    double[] b = {Math.sqrt(x - 1)};
    double[] t = b;
    b = a;
    a = t;
    return b[0] * x;
  }

  /** {@code a[0] x} for an even number of steps: two buffers swapped in a loop. */
  @Differentiable
  static double swappedInALoop(double[] a, double x, int steps) {
    double[] u = {Math.sqrt(x - 1)};
    double[] v = {x};
    for (int i = 0; i < steps; i++) {
      double[] t = u;
      u = v;
      v = t;
    }
    return v[0] * a[0];
  }

  /** {@code a[0] x}: the variable given a new array. */
  @Differentiable
  static double replacedByANewArray(double[] a, double x) {
    double[] b = {Math.sqrt(x - 1)};
    b = new double[] {x};
    return b[0] * a[0];
  }

  /** {@code a[0] x}: a clone of the first array replaced by a clone of another. */
  @Differentiable
  static double replacedByAClone(double[] a, double x) {
    double[] b = {Math.sqrt(x - 1)};
    double[] c = b.clone();
    b = new double[] {x};
    c = b.clone();
    return c[0] * a[0];
  }

  /** {@code a[0] x}: a record holding the first array replaced by one holding another. */
  @Differentiable
  static double recordReplaced(double[] a, double x) {
    Pair p = new Pair(new double[] {Math.sqrt(x - 1)}, x);
    p = new Pair(new double[] {x}, x);
    return p.v()[0] * a[0];
  }

  /** {@code a[0] x}: two records holding arrays swapped. */
  @Differentiable
  static double recordsSwapped(double[] a, double x) {
    Pair p = new Pair(new double[] {Math.sqrt(x - 1)}, x);
    Pair q = new Pair(a, x);
    Pair t = p;
    p = q;
    q = t;
    return p.v()[0] * x;
  }

  /** {@code 2 a[0] x}: a callee overwrites the array a record holds. */
  @Differentiable
  static double recordArrayOverwrittenByACallee(double[] a, double x) {
    Pair p = new Pair(new double[] {Math.sqrt(x - 1)}, x);
    overwrite(a, p.v(), x);
    return a[0] * x;
  }

  /** {@code 2 a[0] x}: a callee overwrites the array before anything reads it. */
  @Differentiable
  static double overwrittenByACallee(double[] a, double x) {
    double[] t = {Math.sqrt(x - 1)};
    overwrite(a, t, x);
    return a[0] * x;
  }

  /** {@code 2 a[0] x}: a callee swapping it with {@code a} in a loop doubles its element; nothing reads it after. */
  @Differentiable
  static double givenToALoopSwappingCallee(double[] a, double x) {
    double[] t = {Math.sqrt(x - 1)};
    doubleInTurn(a, t, 2);
    return a[0] * x;
  }

  /** {@code 2 a[0] x}: a callee overwrites a row of a matrix. */
  @Differentiable
  static double rowOverwrittenByACallee(double[] a, double x) {
    double[][] m = {{Math.sqrt(x - 1)}};
    overwrite(a, m[0], x);
    return a[0] * x;
  }

  /** {@code 4 a[0] x}: a callee overwrites a row of a matrix in a loop. */
  @Differentiable
  static double rowOverwrittenInALoop(double[] a, double x) {
    double[][] m = {{Math.sqrt(x - 1)}, {x}};
    for (int i = 0; i < 2; i++) {
      overwrite(a, m[0], x);
    }
    return a[0] * x;
  }

  /** {@code a[0] x}: a callee overwrites the only element of a matrix. */
  @Differentiable
  static double matrixOverwrittenByACallee(double[] a, double x) {
    double[][] m = {{Math.sqrt(x - 1)}};
    overwriteCorner(m, x);
    return a[0] * x;
  }

  /**
   * {@code a[0] x}: a callee scales a matrix's row in place, which is read back; what flows into
   * the matrix's cotangent through the row must not be taken for a structural zero.
   */
  @Differentiable
  static double matrixRowScaledByACallee(double[] a, double x) {
    double[][] m = {{a[0]}};
    scaleFirstRow(m, x);
    return m[0][0];
  }

  /** {@code a[0] x + a[1]}: returned from inside a loop swapping a copy of {@code a} with the array left behind. */
  @Differentiable
  static double earlyReturnInASwappingLoop(double[] a, double x) {
    double[] u = a.clone();
    double[] v = {Math.sqrt(x - 1), 0};
    for (int k = 0; k < 10; k++) {
      double[] t = u;
      u = v;
      v = t;
      if (k == 1) {
        return u[0] * x + u[1];
      }
    }
    return 0;
  }

  /** {@code a[0] x + x²}: records holding arrays swapped twice in a loop, one array written through its accessor. */
  @Differentiable
  static double recordsSwappedInALoop(double[] a, double x) {
    Pair p = new Pair(new double[] {Math.sqrt(x - 1)}, x);
    Pair q = new Pair(a.clone(), x * x);
    for (int k = 0; k < 2; k++) {
      Pair t = p;
      p = q;
      q = t;
    }
    q.v()[0] = q.v()[0] * x;
    return q.v()[0] + q.s();
  }

  /** {@code a[0] x}: a longer {@code Arrays.copyOf} of the array a swap brought in, its padding read. */
  @Differentiable
  static double copyOfASwappedArray(double[] a, double x) {
    double[] u = {Math.sqrt(x - 1)};
    double[] v = a;
    double[] t = u;
    u = v;
    v = t;
    double[] c = Arrays.copyOf(u, u.length + 2);
    c[2] = x;
    return c[0] * c[2] + c[1];
  }
}
