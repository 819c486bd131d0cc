package dev.leibniz.it;

import static dev.leibniz.it.Numeric.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.leibniz.runtime.Dual;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, generated code that threw:
 *
 * <ul>
 *   <li>an alias of an array ({@code double[] view = buf}) reset the cotangent array it shares
 *       with {@code buf} to {@code null} in the backward sweep: a NullPointerException when the
 *       alias is declared in a loop, a {@code null} gradient for an alias of a parameter;
 *   <li>an array passed as {@code null} that the result does not read: grad and vjp read its length
 *       for a zero gradient, where jvp runs. Its gradient is now {@code null} (docs/forms.md).
 * </ul>
 */
class ArrayAliasAndNullTest {
  private static final String SOURCE = """
      package dev.leibniz.bugs;

      import dev.leibniz.Differentiable;

      public final class Aliases {
        public record Q(double[] a, double b) {}

        /** The issue's example: a local array written through an alias declared in the loop. */
        @Differentiable
        public static double loop(double x, double y) {
          double[] buf = new double[3];
          for (int k = 0; k < 3; k++) {
            double[] view = buf;
            double s = x * (k + 1) + y;
            view[k] = s;
          }
          return buf[0] + buf[1] * buf[2];
        }

        /** Aliases of aliases, in nested loops. */
        @Differentiable
        public static double nested(double x, double y) {
          double[] buf = new double[4];
          for (int i = 0; i < 2; i++) {
            double[] outer = buf;
            for (int j = 0; j < 2; j++) {
              double[] inner = outer;
              inner[2 * i + j] = inner[2 * i + j] + x * (i + 1) + y * j;
            }
          }
          return buf[0] * buf[3] + buf[1] * buf[2];
        }

        /** An alias of a local array, outside loops. */
        @Differentiable
        public static double local(double x, double y) {
          double[] buf = {x, y};
          double[] v = buf;
          v[1] = v[0] * v[1];
          return buf[1] * x;
        }

        /** An array made in each iteration, and its alias. */
        @Differentiable
        public static double fresh(double x) {
          double s = 0;
          for (int k = 0; k < 3; k++) {
            double[] a = {x, x * k};
            double[] v = a;
            v[1] = v[1] * v[0];
            s += a[1];
          }
          return s;
        }

        /** An alias of a parameter the method writes into. */
        @Differentiable
        public static double param(double[] w, double x) {
          double s = 0;
          for (int k = 0; k < w.length; k++) {
            double[] view = w;
            view[k] = view[k] * x;
            s += view[k] * w[k];
          }
          return s + w[0];
        }

        @Differentiable
        public static double unused(double x, double[] w) {
          return x * x;
        }

        @Differentiable
        public static double lengthOnly(double x, double[] w) {
          return x * (w == null ? 1 : w.length);
        }

        /** {@code w} is read only on the path not taken. */
        @Differentiable
        public static double branch(double x, double[] w) {
          if (x > 0) {
            return x * x;
          }
          return w[0] * x;
        }

        @Differentiable
        public static double component(double x, Q q) {
          return x * q.b();
        }

        @Differentiable
        public static double caller(double x, double y) {
          return unused(x, null) + branch(y, null);
        }
      }
      """;

  private static Class<?> aliases;

  @BeforeAll
  static void compile() {
    aliases = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.Aliases", SOURCE)).load("dev.leibniz.bugs.Aliases");
  }

  @Test
  void aliasesInLoops() {
    double x = 0.7;
    double y = -1.3;
    // buf = (x + y, 2x + y, 3x + y): f = x + y + (2x + y)(3x + y)
    assertArrayEquals(new double[] {1 + 12 * x + 5 * y, 1 + 5 * x + 2 * y}, Checker.of(aliases, "loop").gradient(x, y),
        1e-12);
    // buf = (x, x + y, 2x, 2x + y): f = 4x^2 + 3xy
    assertArrayEquals(new double[] {8 * x + 3 * y, 3 * x}, Checker.of(aliases, "nested").gradient(x, y), 1e-12);
    // f = x^2 y
    assertArrayEquals(new double[] {2 * x * y, x * x}, Checker.of(aliases, "local").gradient(x, y), 1e-12);
    // s = 3 x^2
    assertClose(6 * x, Checker.of(aliases, "fresh").pullback(new double[] {1}, x)[0], 1e-12, "fresh'");
    Random random = new Random(1);
    for (String name : new String[] {"loop", "nested", "local"}) {
      Checker.of(aliases, name).check(random, x, y);
    }
    Checker.of(aliases, "fresh").check(random, x);
  }

  @Test
  void aliasOfAWrittenParameter() {
    double x = 0.7;
    // w becomes x w: s = x^2 (w0^2 + w1^2) + x w0, as a function of w on entry
    double[] g = Checker.of(aliases, "param").gradient(new double[] {0.5, 2}, x);
    assertArrayEquals(new double[] {2 * x * x * 0.5 + x, 2 * x * x * 2, 2 * x * 4.25 + 0.5}, g, 1e-12);
    double[] tangent = {0.25, -1};
    Dual jvp = (Dual) Checker.invoke(Checker.method(Checker.of(aliases, "param").derivatives(), "paramJvp"), null,
        new double[] {0.5, 2}, x, tangent, 0.5);
    assertClose(g[0] * 0.25 - g[1] + g[2] * 0.5, jvp.tangent(), 1e-12, "jvp agrees with grad");
  }

  @Test
  void unusedNullArrayHasNullGradient() {
    double x = 0.7;
    for (String name : new String[] {"unused", "lengthOnly", "branch"}) {
      Checker c = Checker.of(aliases, name);
      Object grad = Checker.invoke(Checker.method(c.derivatives(), name + "Grad"), null, x, null);
      assertNull(component(grad, "w"), name + ": the gradient of a null array");
      double dx = (double) component(grad, "x");
      Object vjp = Checker.invoke(Checker.method(c.derivatives(), name + "Vjp"), null, x, null);
      Object pulled = Checker.invoke(Checker.method(vjp.getClass(), "pullback"), vjp, 1.0);
      assertNull(component(pulled, "w"), name + ": the pullback's");
      assertClose(dx, (double) component(pulled, "x"), 0, name + ": pullback");
      Dual jvp = (Dual) Checker.invoke(Checker.method(c.derivatives(), name + "Jvp"), null, x, null, 1.0, null);
      assertClose(jvp.tangent(), dx, 1e-12, name + ": grad agrees with jvp");
    }
    assertClose(1, (double) component(Checker.invoke(Checker.method(Checker.of(aliases, "lengthOnly").derivatives(),
        "lengthOnlyGrad"), null, x, null), "x"), 0, "lengthOnly'");
    assertClose(2 * x, Checker.of(aliases, "unused").gradient(x, null)[0], 0, "unused'");
  }

  @Test
  void nullArrayComponentAndCalls() throws ReflectiveOperationException {
    Class<?> q = Class.forName("dev.leibniz.bugs.Aliases$Q", true, aliases.getClassLoader());
    Object point = q.getDeclaredConstructor(double[].class, double.class).newInstance(null, 3.0);
    Object grad = Checker.invoke(Checker.method(Checker.of(aliases, "component").derivatives(), "componentGrad"),
        null, 0.7, point);
    assertClose(3, (double) component(grad, "x"), 0, "d/dx");
    Object qBar = component(grad, "q");
    assertNull(component(qBar, "a"), "the gradient of a null array component");
    assertClose(0.7, (double) component(qBar, "b"), 0, "d/db");
    // unused(x, null) + branch(y, null) = x^2 + y^2 for y > 0
    assertArrayEquals(new double[] {1.4, 0.6}, Checker.of(aliases, "caller").gradient(0.7, 0.3), 1e-12);
    Checker.of(aliases, "caller").check(new Random(2), 0.7, 0.3);
  }

  private static Object component(Object record, String name) {
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      if (c.getName().equals(name)) {
        return Checker.invoke(c.getAccessor(), record);
      }
    }
    throw new AssertionError(record.getClass() + " has no component " + name);
  }
}
