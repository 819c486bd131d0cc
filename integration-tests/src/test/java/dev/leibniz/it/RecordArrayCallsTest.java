package dev.leibniz.it;

import static dev.leibniz.it.Numeric.assertClose;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 7: any call of an annotated method returning a record with an array component crashed the
 * processor (a NullPointerException in the cleanups: the array component's cotangent had no array
 * to take its length from). Such records now flow through calls in every form.
 */
class RecordArrayCallsTest {
  private static final String SOURCE = """
      package dev.leibniz.bugs;

      import dev.leibniz.Differentiable;

      public final class RecordArrays {
        public record Out(double[] a, double b) {}

        public record Nest(Out o, double c) {}

        @Differentiable
        public static Out f(double x) {
          return new Out(new double[] {x * x, x}, 3 * x);
        }

        /** The issue's example: only the scalar component is used. */
        @Differentiable
        public static double g(double x) {
          return f(x).b();
        }

        /** The array component. */
        @Differentiable
        public static double h(double x) {
          return f(x).a()[0] * x;
        }

        @Differentiable
        public static double both(Out o) {
          return o.a()[0] * o.b() + o.a()[1];
        }

        /** A record parameter passed on to a call. */
        @Differentiable
        public static double passOn(Out o) {
          return both(o) * 2;
        }

        /** Calls in a loop: one record per iteration. */
        @Differentiable
        public static double loop(double x) {
          double s = 0;
          for (int i = 0; i < 3; i++) {
            Out o = f(x * i);
            s += o.a()[0] + o.b() * o.a()[1];
          }
          return s;
        }

        @Differentiable
        public static Nest nest(double x) {
          return new Nest(f(x), x);
        }

        /** A record with an array inside a record. */
        @Differentiable
        public static double useNest(double x) {
          Nest n = nest(x);
          return n.o().a()[1] * n.c() + n.o().b();
        }

        @Differentiable
        public static Out twice(Out o) {
          return new Out(new double[] {o.a()[0] * 2, o.a()[1] * o.b()}, o.b());
        }

        /** A call's record result passed to another call. */
        @Differentiable
        public static double chain(double x) {
          Out o = twice(f(x));
          return o.a()[0] + o.a()[1];
        }
      }
      """;

  @Test
  void recordsWithArraysThroughCalls() throws ReflectiveOperationException {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.RecordArrays", SOURCE));
    Class<?> c = r.load("dev.leibniz.bugs.RecordArrays");
    Class<?> out = r.load("dev.leibniz.bugs.RecordArrays$Out");
    double x = 0.7;
    // g = 3x, h = x^3, loop = sum_i 4 (x i)^2, useNest = x^2 + 3x, chain = 2x^2 + 3x^2
    assertClose(3, Checker.of(c, "g").gradient(x)[0], 1e-12, "g'");
    assertClose(3 * x * x, Checker.of(c, "h").gradient(x)[0], 1e-12, "h'");
    assertClose(8 * x * 5, Checker.of(c, "loop").gradient(x)[0], 1e-12, "loop'");
    assertClose(2 * x + 3, Checker.of(c, "useNest").gradient(x)[0], 1e-12, "useNest'");
    assertClose(10 * x, Checker.of(c, "chain").gradient(x)[0], 1e-12, "chain'");
    Object o = out.getDeclaredConstructor(double[].class, double.class).newInstance(new double[] {2, 5}, 3);
    // passOn = 2 (a0 b + a1): gradient (a = {2b, 2}, b = 2 a0)
    assertClose(6, Checker.of(c, "passOn").gradient(o)[0], 1e-12, "d/da0");
    assertClose(2, Checker.of(c, "passOn").gradient(o)[1], 1e-12, "d/da1");
    assertClose(4, Checker.of(c, "passOn").gradient(o)[2], 1e-12, "d/db");
    Random random = new Random(1);
    for (String name : new String[] {"g", "h", "loop", "useNest", "chain", "f", "nest"}) {
      Checker.of(c, name).check(random, x);
    }
    Checker.of(c, "passOn").check(random, o);
    Checker.of(c, "twice").check(random, o);
  }
}
