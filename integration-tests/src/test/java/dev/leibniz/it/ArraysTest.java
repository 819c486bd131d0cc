package dev.leibniz.it;

import static dev.leibniz.it.Numeric.assertClose;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ArraysTest {
  private static final double[] V = {0.3, -1.2, 0.8, 2.0};

  /** The gradient of {@code f} at {@code v} by central differences, component by component. */
  private static double[] numericGradient(Function<double[], Double> f, double[] v) {
    double[] g = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      double[] up = v.clone();
      double[] down = v.clone();
      double h = 1e-6 * Math.max(1, Math.abs(v[i]));
      up[i] += h;
      down[i] -= h;
      g[i] = (f.apply(up) - f.apply(down)) / (2 * h);
    }
    return g;
  }

  private static void assertArrayClose(double[] expected, double[] actual, double tolerance, String what) {
    for (int i = 0; i < expected.length; i++) {
      assertClose(expected[i], actual[i], tolerance, what + "[" + i + "]");
    }
  }

  @Test
  void sumOfSquares() {
    double[] g = ArraysDerivatives.sumOfSquaresGrad(V);
    for (int i = 0; i < V.length; i++) {
      assertClose(2 * V[i], g[i], 1e-12, "2v");
    }
    double[] dir = {1, 2, 3, 4};
    double forward = ArraysDerivatives.sumOfSquaresJvp(V, dir).tangent();
    double reverse = 0;
    for (int i = 0; i < V.length; i++) {
      reverse += g[i] * dir[i];
    }
    assertClose(reverse, forward, 1e-12, "<g, u> = J u");
  }

  @Test
  void localArraysWrittenInLoops() {
    ArraysDerivatives.PrefixWeightedGradient g = ArraysDerivatives.prefixWeightedGrad(V, 0.7);
    assertArrayClose(numericGradient(v -> Arrays.prefixWeighted(v, 0.7), V), g.v(), 1e-6, "dv");
    assertClose(Numeric.derivative(w -> Arrays.prefixWeighted(V, w), 0.7), g.w(), 1e-6, "dw");
    assertClose(g.w(), ArraysDerivatives.prefixWeightedJvp(V, 0.7, new double[V.length], 1.0).tangent(), 1e-12,
        "forward");
  }

  @Test
  void arrayResultsPullBackVectors() {
    double[] cotangent = {1, -1, 0.5, 2};
    ArraysDerivatives.ScaledGradient g = ArraysDerivatives.scaledVjp(V, 1.5).pullback(cotangent);
    for (int i = 0; i < V.length; i++) {
      assertClose(cotangent[i] * (1.5 + Math.exp(V[i])), g.v()[i], 1e-12, "dv");
    }
    double dk = 0;
    for (int i = 0; i < V.length; i++) {
      dk += cotangent[i] * V[i];
    }
    assertClose(dk, g.k(), 1e-12, "dk");
  }

  @Test
  void callsWithArrayArguments() {
    ArraysDerivatives.ComposedGradient g = ArraysDerivatives.composedGrad(V, 0.4);
    assertArrayClose(numericGradient(v -> Arrays.composed(v, 0.4), V), g.v(), 1e-6, "dv");
    assertClose(Numeric.derivative(k -> Arrays.composed(V, k), 0.4), g.k(), 1e-6, "dk");
  }

  @Test
  void arrayCreatedInEveryIteration() {
    for (double x : new double[] {0.3, 1.1}) {
      assertClose(Numeric.derivative(Arrays::freshEachIteration, x), ArraysDerivatives.freshEachIterationGrad(x),
          1e-6, "fresh arrays");
      assertClose(ArraysDerivatives.freshEachIterationGrad(x), ArraysDerivatives.freshEachIterationJvp(x, 1).tangent(),
          1e-12, "forward");
    }
  }

  @Test
  void arrayReturnedFromTwoPlaces() {
    assertClose(1.4, ArraysDerivatives.twoReturnsVjp(0.7).pullback(new double[] {1}), 1e-12, "x^2");
    assertClose(1 + 2 * 3, ArraysDerivatives.twoReturnsVjp(-0.7).pullback(new double[] {1, 3}), 1e-12, "(x, 2x)");
  }

  @Test
  void arrayResultAfterABreak() {
    double x = 0.9;
    double[] cotangent = {1, 2};
    double h = 1e-6;
    double[] up = Arrays.afterBreak(x + h);
    double[] down = Arrays.afterBreak(x - h);
    double expected = 0;
    for (int i = 0; i < 2; i++) {
      expected += cotangent[i] * (up[i] - down[i]) / (2 * h);
    }
    assertClose(expected, ArraysDerivatives.afterBreakVjp(x).pullback(cotangent), 1e-6, "<c, J>");
  }

  @Test
  void aVjpKeepsTheValuesItWasCalledWith() {
    double[] v = V.clone();
    ArraysDerivatives.ComposedVjp vjp = ArraysDerivatives.composedVjp(v, 0.4);
    ArraysDerivatives.ComposedGradient before = vjp.pullback(1.0);
    java.util.Arrays.fill(v, 7.0); // JAX arrays are immutable; a Java caller may reuse its buffer
    ArraysDerivatives.ComposedGradient after = vjp.pullback(1.0);
    assertArrayClose(before.v(), after.v(), 0, "dv");
    assertClose(before.k(), after.k(), 0, "dk");
    assertArrayClose(numericGradient(x -> Arrays.composed(x, 0.4), V), after.v(), 1e-6, "dv at the original point");
  }

  /** SPEC §5a: every form performs the writes once; jvp updates tangents in place; gradients are w.r.t. entry. */
  @Test
  void arrayParametersWrittenInPlace() {
    double x0 = 0.3;
    double x1 = 0.7;
    double y0 = 2;
    double[] after = {Math.sin(x0) * y0, x1 * x1};
    double[] x = {x0, x1};
    double[] y = {y0, 5};
    ArraysDerivatives.WritesInPlaceGradient g = ArraysDerivatives.writesInPlaceGrad(x, y);
    assertArrayClose(new double[] {Math.cos(x0) * y0 * x1 * x1, 2 * Math.sin(x0) * y0 * x1}, g.x(), 1e-12, "dx");
    assertArrayClose(new double[] {Math.sin(x0) * x1 * x1 + 1, 0}, g.y(), 1e-12, "dy");
    assertArrayClose(new double[] {x0, after[1]}, x, 0, "x after grad");
    assertArrayClose(new double[] {after[0], 5}, y, 0, "y after grad");

    x = new double[] {x0, x1};
    y = new double[] {y0, 5};
    double[] xDot = {0.5, -1};
    double[] yDot = {2, 3};
    double tangent = ArraysDerivatives.writesInPlaceJvp(x, y, xDot, yDot).tangent();
    assertClose(g.x()[0] * 0.5 - g.x()[1] + g.y()[0] * 2, tangent, 1e-12, "<g, u> = J u");
    assertArrayClose(new double[] {0.5, 2 * x1 * -1}, xDot, 1e-12, "xDot after");
    assertArrayClose(new double[] {Math.cos(x0) * y0 * 0.5 + Math.sin(x0) * 2, 3}, yDot, 1e-12, "yDot after");
    assertArrayClose(new double[] {x0, after[1]}, x, 0, "x after jvp");

    x = new double[] {x0, x1};
    y = new double[] {y0, 5};
    ArraysDerivatives.WritesInPlaceVjp vjp = ArraysDerivatives.writesInPlaceVjp(x, y);
    assertArrayClose(new double[] {after[0], 5}, y, 0, "y after vjp");
    x[1] = 100; // the caller changes its array: the pullback keeps what it needs
    assertArrayClose(g.x(), vjp.pullback(1.0).x(), 1e-12, "pullback dx");
    assertArrayClose(g.y(), vjp.pullback(1.0).y(), 1e-12, "pullback dy, called twice");
  }

  /** Issue 7, SPEC §5a: calls writing into a differentiated array, in every form. */
  @Test
  void calleesWritingIntoArrays() {
    double[] x = {3, 4};
    assertArrayClose(new double[] {24, 9}, ArraysDerivatives.afterSquareFirstGrad(x), 0, "grad");
    assertArrayClose(new double[] {9, 4}, x, 0, "x after grad");
    x = new double[] {3, 4};
    double[] xDot = {1, 0.5};
    assertClose(24 + 9 * 0.5, ArraysDerivatives.afterSquareFirstJvp(x, xDot).tangent(), 0, "jvp");
    assertArrayClose(new double[] {6, 0.5}, xDot, 0, "xDot after jvp");
    x = new double[] {3, 4};
    ArraysDerivatives.AfterSquareFirstVjp vjp = ArraysDerivatives.afterSquareFirstVjp(x);
    assertClose(36, vjp.value(), 0, "value");
    assertArrayClose(new double[] {48, 18}, vjp.pullback(2.0), 0, "pullback");
    // the in-place pullback: the cotangent of x's final contents flows back to its contents on entry
    double[] xBar = {1, 1};
    assertArrayClose(new double[] {48 + 6, 18 + 1}, vjp.pullback(2.0, xBar), 0, "pullback with x's cotangent");
    assertArrayClose(new double[] {54, 19}, xBar, 0, "updated in place");

    x = new double[] {3, 4};
    assertArrayClose(new double[] {4 * 27 * 4, 81 + 0.25}, ArraysDerivatives.squareFirstTwiceGrad(x), 1e-12,
        "two calls");
    assertArrayClose(new double[] {81, 4}, x, 0, "x after two calls");
  }

  @Test
  void eulerStepsThroughARightHandSideWrittenInPlace() {
    double k = 2;
    double[] y0 = {1, 0.5};
    ArraysDerivatives.FinalPositionGradient g = ArraysDerivatives.finalPositionGrad(k, y0, 50, 0.01);
    assertClose(Numeric.derivative(v -> Arrays.finalPosition(v, y0, 50, 0.01), k), g.k(), 1e-7, "dk");
    assertArrayClose(numericGradient(v -> Arrays.finalPosition(k, v, 50, 0.01), y0), g.y0(), 1e-7, "dy0");
    assertClose(Numeric.derivative(v -> Arrays.finalPosition(k, y0, 50, v), 0.01), g.h(), 1e-6, "dh");
    assertArrayClose(new double[] {1, 0.5}, y0, 0, "y0 unchanged");
    double forward = ArraysDerivatives.finalPositionJvp(k, y0, 50, 0.01, 0.3, new double[] {1, -1}, 2).tangent();
    assertClose(0.3 * g.k() + g.y0()[0] - g.y0()[1] + 2 * g.h(), forward, 1e-12, "<g, u> = J u");
  }
}
