package dev.leibniz.it;

import dev.leibniz.Differentiable;

/**
 * Arrays a callee reaches through its parameters (a record's component, a matrix's row) and that
 * the caller writes after the call: the callee's pullback must see them as they were at the call,
 * as it does for an array passed directly (issue 8; the gradient was wrong before).
 */
public final class CallTimeValues {
  private CallTimeValues() {}

  /** Samples and a weight. */
  public record Samples(double[] xs, double w) {}

  /** Samples one level further in. */
  public record Nested(Samples samples, double k) {}

  /** A matrix in a record. */
  public record Grid(double[][] cells) {}

  /** {@code y} times the product of {@code 1 + xs[i]}: the pullback reads {@code xs}. */
  @Differentiable
  public static double grow(Samples s, double y) {
    for (int i = 0; i < s.xs().length; i++) {
      y += s.xs()[i] * y;
    }
    return y;
  }

  /** As {@link #grow}, through a nested record. */
  @Differentiable
  public static double growNested(Nested n, double y) {
    double[] xs = n.samples().xs();
    for (int i = 0; i < xs.length; i++) {
      y += xs[i] * y;
    }
    return y;
  }

  /** As {@link #grow}, over the first row of a matrix, read through a row variable. */
  @Differentiable
  public static double growRow(double[][] m, double y) {
    double[] first = m[0];
    for (int i = 0; i < first.length; i++) {
      y += first[i] * y;
    }
    return y;
  }

  /** As {@link #growRow}, the matrix in a record. */
  @Differentiable
  public static double growGridRow(Grid g, double y) {
    double[] first = g.cells()[0];
    for (int i = 0; i < first.length; i++) {
      y += first[i] * y;
    }
    return y;
  }

  /** {@code x + x z (1 + x)}: the array written after the call through the caller's variable. */
  @Differentiable
  public static double recordWrittenAfter(double x, double z) {
    double[] c = {x};
    double t = grow(new Samples(c, 1.0), c[0] * z);
    c[0] = c[0] + t;
    return c[0];
  }

  /** As {@link #recordWrittenAfter}, the array in a nested record. */
  @Differentiable
  public static double nestedWrittenAfter(double x, double z) {
    double[] c = {x};
    double t = growNested(new Nested(new Samples(c, 1.0), 2.0), c[0] * z);
    c[0] = c[0] + t;
    return c[0];
  }

  /** As {@link #recordWrittenAfter}, the array a row of a matrix. */
  @Differentiable
  public static double rowWrittenAfter(double x, double z) {
    double[][] c = new double[1][1];
    c[0][0] = x;
    double t = growRow(c, c[0][0] * z);
    c[0][0] = c[0][0] + t;
    return c[0][0];
  }

  /** As {@link #rowWrittenAfter}, the matrix in a record. */
  @Differentiable
  public static double gridRowWrittenAfter(double x, double z) {
    double[][] c = new double[1][1];
    c[0][0] = x;
    double t = growGridRow(new Grid(c), c[0][0] * z);
    c[0][0] = c[0][0] + t;
    return c[0][0];
  }
}
