package dev.leibniz.it;

import static dev.leibniz.it.Numeric.assertClose;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Array locals that hold {@code null} before their value: a {@code switch} expression yielding an
 * array (its result variable starts out {@code null}), {@code double[] a = null;} assigned in a
 * branch or a loop. The forward forms sized the tangent by the {@code null} array at its
 * declaration ({@code new double[a.length]}) and threw; a {@code null} array passed on to a call
 * threw the same way in forward mode, and in reverse mode when the cotangent the call gave back was
 * added into its {@code null} cotangent. Each method is checked against its closed form and by
 * {@link Checker} (every form, finite differences), at second order against its closed-form second
 * derivative.
 */
class NullableArrayLocalsTest {
  private static final String SOURCE = """
      package dev.leibniz.na;

      import dev.leibniz.Differentiable;

      public final class Locals {
        public record Pair(double[] v, double w) {}

        // mode 0: x^4; else x^2
        @Differentiable(order = 2)
        public static double switchYieldsNew(int mode, double x) {
          double[] a = switch (mode) {
            case 0 -> new double[] {x * x};
            default -> new double[] {x, x};
          };
          return a[0] * a[a.length - 1];
        }

        // mode 0: y0^2; else y0^2 (a copy)
        @Differentiable(order = 2)
        public static double switchYieldsParameter(int mode, double[] y) {
          double[] a = switch (mode) {
            case 0 -> y;
            default -> y.clone();
          };
          return a[0] * y[0];
        }

        // mode 0: x^3; else x
        @Differentiable(order = 2)
        public static double switchYieldsRecord(int mode, double x) {
          Pair p = switch (mode) {
            case 0 -> new Pair(new double[] {x * x}, x);
            default -> new Pair(new double[] {x}, 1.0);
          };
          return p.v()[0] * p.w();
        }

        // on: x^4; else x^2
        @Differentiable(order = 2)
        public static double nullThenBranch(boolean on, double x) {
          double[] a = null;
          if (on) {
            a = new double[] {x * x};
          } else {
            a = new double[] {x, x};
          }
          return a[0] * a[a.length - 1];
        }

        // n >= 1: (n x)^2
        @Differentiable(order = 2)
        public static double nullThenLoop(int n, double x) {
          double[] a = null;
          for (int i = 0; i < n; i++) {
            a = new double[] {x * (i + 1)};
          }
          return a[0] * a[0];
        }

        @Differentiable(order = 2)
        public static double scaled(boolean on, double[] w, double x) {
          return on ? x * w[0] : x * x;
        }

        // on: 2x (w constant); else x^2 with w null
        @Differentiable(order = 2)
        public static double passesNullConstant(boolean on, double x) {
          double[] w = null;
          if (on) {
            w = new double[] {2};
          }
          return scaled(on, w, x);
        }

        // on: x^2 (w = {x}); else x^2 with w null
        @Differentiable(order = 2)
        public static double passesNullActive(boolean on, double x) {
          double[] w = null;
          if (on) {
            w = new double[] {x};
          }
          return scaled(on, w, x);
        }
      }
      """;

  private static Class<?> locals;
  private static Class<?> derivatives;

  @BeforeAll
  static void compile() {
    TestCompiler.Result r =
        TestCompiler.compileOrFail(Map.of("dev.leibniz.na.Locals", SOURCE), List.of("-Xlint:all", "-Werror"));
    locals = r.load("dev.leibniz.na.Locals");
    derivatives = r.load("dev.leibniz.na.LocalsDerivatives");
  }

  /** At {@code args} ({@code mode, x}), d/dx and d2/dx2 of {@code name} are {@code first} and {@code second}. */
  private static void check(String name, double first, double second, Object... args) {
    Checker.checkFirstAndSecond(locals, name, first, second, args);
  }

  @Test
  void switchExpressionYieldingANewArray() {
    check("switchYieldsNew", 4 * 0.343, 12 * 0.49, 0, 0.7);
    check("switchYieldsNew", 1.4, 2, 1, 0.7);
  }

  @Test
  void switchExpressionYieldingTheParameterOrItsCopy() {
    for (int mode = 0; mode < 2; mode++) {
      Object[] args = {mode, new double[] {0.7}};
      Checker c = Checker.of(locals, "switchYieldsParameter");
      assertClose(1.4, c.gradient(args)[0], 1e-12, "switchYieldsParameter d/dy0 mode " + mode);
      double[][] h = (double[][]) Checker.invoke(Checker.method(derivatives, "switchYieldsParameterHessian"), null,
          args);
      assertClose(2, h[0][0], 1e-12, "switchYieldsParameter d2/dy0^2 mode " + mode);
      c.check(new Random(1), args);
    }
  }

  @Test
  void switchExpressionYieldingARecordOfArrays() {
    check("switchYieldsRecord", 3 * 0.49, 6 * 0.7, 0, 0.7);
    check("switchYieldsRecord", 1, 0, 1, 0.7);
  }

  @Test
  void arrayDeclaredNullThenAssignedInABranch() {
    check("nullThenBranch", 4 * 0.343, 12 * 0.49, true, 0.7);
    check("nullThenBranch", 1.4, 2, false, 0.7);
  }

  @Test
  void arrayDeclaredNullThenAssignedInALoop() {
    check("nullThenLoop", 18 * 0.7, 18, 3, 0.7);
    check("nullThenLoop", 1.4, 2, 1, 0.7);
  }

  @Test
  void nullArrayPassedToACall() {
    check("passesNullConstant", 2, 0, true, 0.7);
    check("passesNullConstant", 1.4, 2, false, 0.7);
    check("passesNullActive", 1.4, 2, true, 0.7);
    check("passesNullActive", 1.4, 2, false, 0.7);
  }
}
