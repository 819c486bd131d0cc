package dev.leibniz.it;

import static dev.leibniz.it.Numeric.assertClose;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: loop conditions holding what must run as statements (a call returning a record, an
 * array copy) run once per test, as Java runs them, in every form.
 */
class LoopConditionsTest {
  @Test
  void recordCallAndCopyInLoopConditions() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.loops.Conditions", """
        package dev.leibniz.loops;

        import dev.leibniz.Differentiable;
        import java.util.Arrays;

        public final class Conditions {
          public record P(double a, double b) {}

          @Differentiable
          public static P split(double x) {
            return new P(x, x - 8);
          }

          @Differentiable
          public static double doubling(double x) {
            double s = 0;
            while (x < 10 && split(x).b() < 0) {
              s += split(x).a() * x;
              x = x * 2;
            }
            return s + x;
          }

          @Differentiable
          public static double counting(double[] a) {
            int n = 0;
            while (Arrays.copyOf(a, 1)[0] > n) {
              n++;
            }
            return a[0] * n;
          }

          @Differentiable
          public static double doWhile(double x) {
            double s = 0;
            int k = 0;
            do {
              s += Math.sin(x * k);
              k++;
            } while (split(s).a() < 2 && k < 5);
            return s;
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.loops.Conditions");
    // x = 1.5: the loop runs while x < 8 (split(x).b() < 0): x = 1.5, 3, 6 -> s = 2.25 + 9 + 36, x = 12
    // s + x = x0^2 (1 + 4 + 16) + 8 x0: d/dx0 = 42 x0 + 8
    assertClose(42 * 1.5 + 8, Checker.of(c, "doubling").gradient(1.5)[0], 1e-12, "d doubling / dx");
    Checker.of(c, "doubling").check(new Random(1), 1.5);
    // counting: n = ceil(a0) for a0 > 0: d/da0 = n
    assertClose(3, Checker.of(c, "counting").gradient((Object) new double[] {2.5, 7})[0], 0, "d counting / da0");
    Checker.of(c, "counting").withoutFiniteDifferences().check(new Random(2), (Object) new double[] {2.5, 7});
    Checker.of(c, "doWhile").check(new Random(3), 0.3);
  }

  /**
   * A lambda whose body is a switch expression, applied in a loop condition: the condition runs as
   * statements (it was refused: "a switch expression cannot run here").
   */
  @Test
  void switchExpressionOfALambdaInALoopCondition() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.loops.SwitchInCondition", """
        package dev.leibniz.loops;

        import dev.leibniz.Differentiable;
        import java.util.function.DoubleUnaryOperator;

        public final class SwitchInCondition {
          @Differentiable
          public static double f(double x, int n) {
            DoubleUnaryOperator h = u -> switch (n % 3) {
              case 0 -> u * u;
              case 1 -> {
                double t = u + 1;
                yield t * u;
              }
              default -> u;
            };
            double s = x;
            int i = 0;
            while (s < h.applyAsDouble(x) + 3 && i < 20) {
              s += x * 0.5;
              i++;
            }
            return s * h.applyAsDouble(s);
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.loops.SwitchInCondition");
    // n = 2, x = 0.7: s grows by x / 2 while s < x + 3: 9 steps, s = 5.5x, f = s² = 30.25x², d/dx = 60.5x
    assertClose(60.5 * 0.7, Checker.of(c, "f").gradient(0.7, 2)[0], 1e-12, "d f / dx");
    for (int n = 0; n < 3; n++) {
      Checker.of(c, "f").check(new Random(n), 0.7, n);
    }
  }
}
