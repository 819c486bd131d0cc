package dev.leibniz.it;

import static dev.leibniz.it.Numeric.assertClose;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Methods compiled in an earlier javac run, here without {@code -g}: the class files keep neither
 * bodies nor parameter names, so the processor reads what it recorded on the generated {@code
 * mVjp} (the runtime's {@code @Primal}): the names of the gradient's components, and which
 * parameters' arrays the result may hold.
 */
class CompiledBeforeTest {
  private static final String LIBRARY = """
      package dev.leibniz.before;

      import dev.leibniz.Differentiable;

      public final class Lib {
        public record Held(double[] xs, double s) {}

        /** Scales v in place and returns it. */
        @Differentiable
        public static double[] scaledInPlace(double[] v, double k) {
          for (int i = 0; i < v.length; i++) {
            v[i] *= k;
          }
          return v;
        }

        @Differentiable
        public static double weighted(double[] w, double x) {
          return w[0] * x * x + w[1] * x;
        }

        @Differentiable
        public static Held hold(double[] v, double s) {
          return new Held(v, s);
        }

        /** An ODE right-hand side: writes its result into dydt. */
        @Differentiable
        public static void rhs(double k, double[] y, double[] dydt) {
          dydt[0] = -k * y[0];
        }
      }
      """;

  private static TestCompiler.Result library() {
    TestCompiler.Result lib = TestCompiler.compile(Map.of("dev.leibniz.before.Lib", LIBRARY), List.of("-g:none"));
    assertTrue(lib.success(), lib.diagnostics());
    return lib;
  }

  /**
   * Was generated code calling {@code weightedGradient.arg0()}, which did not compile; and a {@code
   * void} method's writes were not differentiated.
   */
  @Test
  void namesAndReturnedArraysOfALibraryWithoutDebugInformation() {
    TestCompiler.Result lib = library();
    TestCompiler.Result app = TestCompiler.compile(Map.of("dev.leibniz.after.App", """
        package dev.leibniz.after;

        import dev.leibniz.Differentiable;
        import dev.leibniz.before.Lib;

        public final class App {
          @Differentiable
          public static double usesResult(double[] a, double k) {
            double[] r = Lib.scaledInPlace(a, k);
            return r[0] * r[1] + Lib.weighted(r, k);
          }

          @Differentiable
          public static double throughAVoidMethod(double k, double[] y) {
            double[] d = new double[1];
            Lib.rhs(k, y, d);
            return d[0] * y[0];
          }
        }
        """), List.of("-Xlint:all", "-Werror"), List.of(lib));
    assertTrue(app.success(), app.diagnostics());
    Class<?> c = app.load("dev.leibniz.after.App");
    // r = k a: f = k^2 a0 a1 + k^3 a0 + k^2 a1
    double[] g = Checker.of(c, "usesResult").gradient(new double[] {0.7, 1.3}, 2.0);
    assertClose(4 * 1.3 + 8, g[0], 1e-12, "df/da0 = k^2 a1 + k^3");
    assertClose(4 * 0.7 + 4, g[1], 1e-12, "df/da1 = k^2 a0 + k^2");
    assertClose(4 * 0.7 * 1.3 + 12 * 0.7 + 4 * 1.3, g[2], 1e-12, "df/dk = 2k a0 a1 + 3k^2 a0 + 2k a1");
    Checker.of(c, "usesResult").check(new Random(8), new double[] {0.7, 1.3}, 2.0);
    // was taken for a call that simply runs: every derivative 0. f = -k y0^2
    double[] v = Checker.of(c, "throughAVoidMethod").gradient(2.0, new double[] {3.0});
    assertClose(-9, v[0], 1e-12, "df/dk = -y0^2");
    assertClose(-12, v[1], 1e-12, "df/dy0 = -2k y0");
    Checker.of(c, "throughAVoidMethod").check(new Random(9), 2.0, new double[] {3.0});
  }

  /** Both gave wrong derivatives, in every form: the result and the argument were two arrays to them. */
  @Test
  void writingTheReturnedArrayOfALibraryMethodIsRefused() {
    TestCompiler.Result lib = library();
    TestCompiler.Result app = TestCompiler.compile(Map.of("dev.leibniz.after.App", """
        package dev.leibniz.after;

        import dev.leibniz.Differentiable;
        import dev.leibniz.before.Lib;

        public final class App {
          @Differentiable
          public static double writesResult(double[] a, double k) {
            double[] r = Lib.scaledInPlace(a, k);
            r[1] = r[0] * r[1];
            return a[1] * a[0];
          }

          @Differentiable
          public static double writesArgument(double[] a, double k) {
            Lib.Held h = Lib.hold(a, k);
            a[0] = 3 * a[0];
            return h.xs()[0] * h.s();
          }
        }
        """), List.of(), List.of(lib));
    assertFalse(app.success());
    assertTrue(app.diagnostics().contains("App.java:9: leibniz: scaledInPlace may return the array of its parameter v,"),
        app.diagnostics());
    assertTrue(app.diagnostics().contains("App.java:16: leibniz: hold may return the array of its parameter v,"),
        app.diagnostics());
  }
}
