package dev.leibniz.it;

import static dev.leibniz.it.Numeric.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.it.Overloads.Point;
import dev.leibniz.lib.Lib;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Overloaded annotated methods: each overload's forms, against closed forms and finite differences. */
class OverloadsTest {
  @Test
  void eachOverloadHasItsOwnForms() {
    double x = 1.3;
    double y = -0.6;
    assertClose(3 * x * x, OverloadsDerivatives.powerGrad(x), 1e-15, "d x^3");
    OverloadsDerivatives.PowerGradient2 g = OverloadsDerivatives.powerGrad(x, y);
    assertClose(3 * x * x * y, g.x(), 1e-15, "d/dx x^3 y + sin y");
    assertClose(x * x * x + Math.cos(y), g.y(), 1e-15, "d/dy");
    assertArrayEquals(new double[] {6 * x * x, 6 * y * y}, OverloadsDerivatives.powerGrad(new double[] {x, y}),
        1e-14);
    Point p = OverloadsDerivatives.powerGrad(new Point(x, y));
    assertClose(g.x(), p.x(), 1e-15, "record overload x");
    assertClose(g.y(), p.y(), 1e-15, "record overload y");
    assertEquals(3 * 1.5f * 1.5f, OverloadsDerivatives.powerGrad(1.5f));
    assertClose(3 * x * x * y * 0.5 + (x * x * x + Math.cos(y)) * 2,
        OverloadsDerivatives.powerJvp(x, y, 0.5, 2).tangent(), 1e-15, "jvp of the second overload");
    OverloadsDerivatives.PowerValueAndGrad2 vg = OverloadsDerivatives.powerValueAndGrad(x, y);
    assertClose(Overloads.power(x, y), vg.value(), 0, "value");
    OverloadsDerivatives.PowerVjp3 vjp = OverloadsDerivatives.powerVjp(new double[] {x});
    assertArrayEquals(new double[] {-12 * x * x}, vjp.pullback(-2), 1e-14);
  }

  @Test
  void everyOverloadAgainstFiniteDifferences() {
    Random random = new Random(8);
    Checker.of(Overloads.class, "power", double.class).check(random, 0.7);
    Checker.of(Overloads.class, "power", double.class, double.class).check(random, 0.7, -1.2);
    Checker.of(Overloads.class, "power", double[].class).check(random, (Object) new double[] {0.3, -0.8, 1.1});
    Checker.of(Overloads.class, "power", Point.class).check(random, new Point(0.4, 2.5));
    Checker.of(Overloads.class, "power", float.class).check(random, 0.75f);
    Checker.of(Overloads.class, "pair", double.class, double.class).check(random, 0.9, -0.4);
    Checker.of(Overloads.class, "pair", double.class).check(random, 1.4);
    Checker.of(Overloads.class, "throughRules", double.class, double.class).withoutFiniteDifferences()
        .check(random, 0.3, 0.2);
    Checker.of(Overloads.class, "viaReference", double.class).check(random, -0.9);
    Checker.of(Overloads.class, "viaLambda", double.class).check(random, 0.6);
    Checker.of(Overloads.class, "functionsAmongOverloads", double.class).check(random, 0.6);
  }

  /** A lambda or method reference picks, among overloads of as many parameters, those taking a function. */
  @Test
  void functionsAmongOverloads() {
    double x = 0.6;
    assertClose(16 * x + 2 * Math.cos(x), OverloadsDerivatives.functionsAmongOverloadsGrad(x), 1e-14, "grad");
  }

  @Test
  void jacobiansOfOverloads() {
    assertEquals("[[1.8, 0.0], [-0.4, 0.9]]", Arrays.deepToString(OverloadsDerivatives.pairJacobian(0.9, -0.4)));
    double[][] j = OverloadsDerivatives.pairJacobian(2);
    assertEquals(4, j[0][0]);
    assertEquals(12, j[1][0]);
  }

  @Test
  void secondOrderOfOverloads() {
    double x = 0.4;
    double y = 1.7;
    assertClose((x + 2) * Math.exp(x), OverloadsDerivatives.curvedHessian(x), 1e-14, "(x e^x)''");
    double[][] h = OverloadsDerivatives.curvedHessian(x, y);
    assertClose((x + 2) * Math.exp(x) * y * y, h[0][0], 1e-14, "d2/dx2");
    assertClose((x + 1) * Math.exp(x) * 2 * y, h[0][1], 1e-14, "d2/dxdy");
    assertClose(h[0][1], h[1][0], 0, "symmetric");
    assertClose(2 * x * Math.exp(x), h[1][1], 1e-14, "d2/dy2");
    assertClose(h[0][0] * 0.5 - h[0][1], OverloadsDerivatives.curvedHvp(x, y, 0.5, -1).x(), 1e-14, "Hv x");
    assertClose((x + 2) * Math.exp(x) * 3, OverloadsDerivatives.curvedHvp(x, 3), 1e-14, "Hv of one scalar");
  }

  /** Each overload's own rule is used: the JVP rules double the x-derivative, the VJP rules clip. */
  @Test
  void customRulesPerOverload() {
    double x = 0.3;
    double y = 2.0;
    OverloadsDerivatives.ThroughRulesGradient g = OverloadsDerivatives.throughRulesGrad(x, y);
    // ruled(x): 2 cos x; ruled(xy, 3): 2·3 cos(xy)·y; clipped(x, y): clip(2 x y) = 1
    assertClose(2 * Math.cos(x) + 6 * Math.cos(x * y) * y + 1, g.x(), 1e-14, "x");
    // ruled(xy, 3): 2·3 cos(xy)·x; clipped(y): clip(2y) = 1; clipped(x, y): x^2
    assertClose(6 * Math.cos(x * y) * x + 1 + x * x, g.y(), 1e-14, "y");
    assertClose(2 * Math.cos(x), OverloadsDerivatives.ruledJvp(x, 1).tangent(), 1e-15, "first rule");
    assertClose(Math.sin(x), OverloadsDerivatives.ruledJvp(x, 3, 0, 1).tangent(), 1e-15, "second rule, k");
  }

  @Test
  void methodReferencesAndLambdasPickTheOverload() {
    assertClose(6 * 0.8 * 0.8, OverloadsDerivatives.viaReferenceGrad(0.8), 1e-14, "2 x^3");
    assertClose(2 * (3 * 0.8 * 0.8 + 9 * 0.8 * 0.8), OverloadsDerivatives.viaLambdaGrad(0.8), 1e-14,
        "2 (x^3 + 3 x^3 + sin 3)");
  }

  /** The library's overloads of norm2 are found by their generated forms in LibDerivatives. */
  @Test
  void libraryOverloads() {
    double x = 0.8;
    double y = -1.3;
    LibraryCallsDerivatives.LibraryOverloadsGradient g = LibraryCallsDerivatives.libraryOverloadsGrad(x, y);
    assertClose(2 * x + 2 * x + 2 * x * y * y, g.x(), 1e-14, "x");
    assertClose(2 * y + 2 * x * x * y + 2 * y, g.y(), 1e-14, "y");
    double[][] h = LibraryCallsDerivatives.libraryOverloadSecondOrderHessian(x, y);
    // (x y)^2 + x^2
    assertClose(2 * y * y + 2, h[0][0], 1e-14, "d2/dx2");
    assertClose(4 * x * y, h[0][1], 1e-14, "d2/dxdy");
    assertClose(2 * x * x, h[1][1], 1e-14, "d2/dy2");
    assertTrue(Arrays.stream(Lib.class.getDeclaredMethods()).filter(m -> m.getName().equals("norm2")).count() == 3);
  }
}
