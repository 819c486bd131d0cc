package dev.leibniz.it;

import static dev.leibniz.it.Numeric.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * SPEC §6: {@code null} anywhere in a {@code @CustomVjp} backward rule's result means zero (the
 * whole result, an entry of {@code Object[]}, a record component, an array, a row), and an array
 * of the wrong length, or the wrong number of entries, is an {@code IllegalStateException} naming
 * the rule, the parameter and the length expected. Issue 7: a null record cotangent, or a null
 * nested record, was a NullPointerException in the caller's pullback; a wrong length an
 * ArrayIndexOutOfBoundsException or a silently dropped entry. Each rule's result is chosen by the
 * static field {@code mode}; the callers are differentiated code, so the rules run inside their
 * pullbacks.
 */
class CustomVjpResultsTest {
  private static final String SOURCE = """
      package dev.leibniz.bugs;

      import dev.leibniz.CustomVjp;
      import dev.leibniz.Differentiable;
      import dev.leibniz.runtime.Fwd;

      public final class Rules {
        public record In(double x, double y) {}

        public record Outer(In in, double z, int label) {}

        public record WithArray(double[] a, double b) {}

        public static int mode;

        @CustomVjp(fwd = "rFwd", bwd = "rBwd")
        public static double r(In p) { return p.x() * p.y(); }
        public static Fwd<Double, In> rFwd(In p) { return new Fwd<>(r(p), p); }
        public static In rBwd(In res, double g) { return mode == 0 ? null : new In(res.y() * g, res.x() * g); }
        @Differentiable public static double useR(double x) { return r(new In(x, 3 * x)) + x; }

        @CustomVjp(fwd = "oFwd", bwd = "oBwd")
        public static double o(Outer p) { return p.in().x() * p.z(); }
        public static Fwd<Double, Outer> oFwd(Outer p) { return new Fwd<>(o(p), p); }
        public static Outer oBwd(Outer res, double g) { return new Outer(null, res.in().x() * g, 0); }
        @Differentiable public static double useO(double x) { return o(new Outer(new In(x, 1), 2 * x, 5)); }

        @CustomVjp(fwd = "wFwd", bwd = "wBwd")
        public static double w(WithArray p) { return p.a()[0] * p.b(); }
        public static Fwd<Double, WithArray> wFwd(WithArray p) { return new Fwd<>(w(p), p); }
        public static WithArray wBwd(WithArray res, double g) {
          return switch (mode) {
            case 0 -> new WithArray(null, res.a()[0] * g);
            case 1 -> new WithArray(new double[] {1, 2, 3}, 0);
            default -> null;
          };
        }
        @Differentiable public static double useW(double x) { return w(new WithArray(new double[] {x, 1}, x)); }

        @CustomVjp(fwd = "aFwd", bwd = "aBwd")
        public static double a(double[] v) { return v[0] * v[1]; }
        public static Fwd<Double, double[]> aFwd(double[] v) { return new Fwd<>(a(v), v); }
        public static double[] aBwd(double[] res, double g) {
          return mode == 0 ? null : mode == 1 ? new double[] {1} : new double[] {res[1] * g, res[0] * g};
        }
        @Differentiable public static double useA(double x) { double[] v = {x, 2 * x}; return a(v) + x; }

        @CustomVjp(fwd = "sFwd", bwd = "sBwd")
        public static double s(double x, double y) { return x * y; }
        public static Fwd<Double, double[]> sFwd(double x, double y) { return new Fwd<>(s(x, y), new double[] {x, y}); }
        public static double[] sBwd(double[] res, double g) { return mode == 0 ? null : new double[] {res[1] * g}; }
        @Differentiable public static double useS(double x) { return s(x, x) + x; }

        @CustomVjp(fwd = "fFwd", bwd = "fBwd")
        public static float f(float x, float y) { return x * y; }
        public static Fwd<Float, float[]> fFwd(float x, float y) { return new Fwd<>(f(x, y), new float[] {x, y}); }
        public static float[] fBwd(float[] res, float g) { return mode == 0 ? null : new float[] {1, 2, 3}; }
        @Differentiable public static float useF(float x) { return f(x, x) + x; }

        @CustomVjp(fwd = "nFwd", bwd = "nBwd")
        public static double n(double x, double[] v, Outer p) { return x * v[0] * p.in().x() * p.z(); }
        public static Fwd<Double, Object[]> nFwd(double x, double[] v, Outer p) {
          return new Fwd<>(n(x, v, p), new Object[] {x, v, p});
        }
        public static Object[] nBwd(Object[] res, double g) {
          return switch (mode) {
            case 0 -> null;
            case 1 -> new Object[] {null, null, null};
            case 2 -> new Object[] {1.0, new double[] {1, 2, 3}, null};
            case 3 -> new Object[] {1.0};
            case 4 -> new Object[] {1.0, null, new Outer(null, 2.0, 0)};
            default -> new Object[] {1.0, new double[] {2}, new Outer(new In(3, 4), 5, 0)};
          };
        }
        @Differentiable public static double useN(double x) { return n(x, new double[] {x}, new Outer(new In(x, 0), x, 5)); }

        /** Rows: a double[][] parameter (called directly: differentiable bodies take one-dimensional arrays). */
        @CustomVjp(fwd = "qFwd", bwd = "qBwd")
        public static double q(double[][] m) { return m[0][0] * m[1][0]; }
        public static Fwd<Double, double[][]> qFwd(double[][] m) { return new Fwd<>(q(m), m); }
        public static double[][] qBwd(double[][] res, double g) {
          return switch (mode) {
            case 0 -> null;
            case 1 -> new double[][] {null, {g}};
            case 2 -> new double[][] {null, {1, 2, 3}};
            default -> new double[][] {null, null, null};
          };
        }
      }
      """;

  private static TestCompiler.Result compiled;
  private static Class<?> rules;

  @BeforeAll
  static void compile() {
    compiled = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.Rules", SOURCE));
    rules = compiled.load("dev.leibniz.bugs.Rules");
  }

  /** The caller's derivative at 2 (its pullback of 1) with the rules in {@code mode}. */
  private static double pullback(String caller, int mode) {
    setMode(mode);
    return Checker.of(rules, caller).pullback(new double[] {1}, caller.equals("useF") ? (Object) 2f : (Object) 2.0)[0];
  }

  private static void setMode(int mode) {
    try {
      Field f = rules.getField("mode");
      f.setInt(null, mode);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertFails(String caller, int mode, String message) {
    assertFails(() -> pullback(caller, mode), message);
  }

  /** The generated code threw an IllegalStateException with {@code message} (reflection wraps it). */
  private static void assertFails(Executable call, String message) {
    AssertionError e = assertThrows(AssertionError.class, call);
    assertInstanceOf(IllegalStateException.class, e.getCause(), e.toString());
    assertEquals(message, e.getCause().getMessage());
  }

  @Test
  void nullRecordCotangentIsZero() {
    assertClose(1, pullback("useR", 0), 0, "r's part is zero");
    // p = (x, 3x), cotangent (3x, x): 6x, plus 1
    assertClose(13, pullback("useR", 1), 0, "the rule's cotangent");
  }

  @Test
  void nullNestedRecordIsZero() {
    // o = in.x z with z = 2x: only z's cotangent, in.x = x = 2, times dz/dx = 2
    assertClose(4, pullback("useO", 0), 0, "the null inner record is zero");
  }

  @Test
  void recordArrayComponent() {
    assertClose(2, pullback("useW", 0), 0, "a null array component is zero: b's cotangent a0 = x");
    assertClose(0, pullback("useW", 2), 0, "a null record is zero");
    assertFails("useW", 1, "wBwd returned a cotangent of length 3 for parameter p.a of w; expected length 2");
  }

  @Test
  void arrayParameter() {
    assertClose(1, pullback("useA", 0), 0, "null is zero");
    assertClose(9, pullback("useA", 2), 0, "(2x, x) . (1, 2), plus 1");
    assertFails("useA", 1, "aBwd returned a cotangent of length 1 for parameter v of a; expected length 2");
  }

  @Test
  void severalDoubleParameters() {
    assertClose(1, pullback("useS", 0), 0, "null is zero");
    assertFails("useS", 1, "sBwd returned 1 cotangents; expected 2, one per differentiable parameter of s (x, y)");
  }

  @Test
  void severalFloatParameters() {
    assertClose(1, pullback("useF", 0), 0, "null is zero");
    assertFails("useF", 1, "fBwd returned 3 cotangents; expected 2, one per differentiable parameter of f (x, y)");
  }

  @Test
  void objectArrayEntries() {
    assertClose(0, pullback("useN", 0), 0, "a null result is zero");
    assertClose(0, pullback("useN", 1), 0, "null entries are zero");
    assertClose(3, pullback("useN", 4), 0, "x: 1, v: null, p.in: null, p.z: 2");
    assertClose(11, pullback("useN", 5), 0, "x: 1, v[0]: 2, p.in.x: 3, p.z: 5");
    assertFails("useN", 2, "nBwd returned a cotangent of length 3 for parameter v of n; expected length 1");
    assertFails("useN", 3, "nBwd returned 1 cotangents; expected 3, one per differentiable parameter of n (x, v, p)");
  }

  @Test
  void rowsOfATwoDimensionalArray() {
    double[][] m = {{2, 7}, {3}};
    Class<?> derivatives = compiled.load("dev.leibniz.bugs.RulesDerivatives");
    IntFunction<Object> grad = mode -> {
      setMode(mode);
      return Checker.invoke(Checker.method(derivatives, "qGrad"), null, (Object) m);
    };
    double[][] zero = (double[][]) grad.apply(0);
    assertArrayEquals(new double[] {0, 0}, zero[0]);
    assertArrayEquals(new double[] {0}, zero[1]);
    double[][] some = (double[][]) grad.apply(1);
    assertArrayEquals(new double[] {0, 0}, some[0], "a null row is zeros");
    assertArrayEquals(new double[] {1}, some[1]);
    assertFails(() -> grad.apply(2), "qBwd returned a cotangent of length 3 for parameter m[1] of q; expected length 1");
    assertFails(() -> grad.apply(3), "qBwd returned a cotangent of length 3 for parameter m of q; expected length 2");
  }
}
