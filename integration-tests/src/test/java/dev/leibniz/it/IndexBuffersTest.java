package dev.leibniz.it;

import static dev.leibniz.it.Numeric.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Elements of arrays that carry no derivative ({@code int[]}, {@code long[]}, {@code char[]}, a
 * {@code @NonDiff double[]}) read by the backward sweep, as indices or multipliers, and written later
 * in the forward sweep: permutation vectors, index buffers, cursors. The backward sweep read their
 * final contents, so reverse mode gave wrong gradients while jvp was right (fixed: the element read
 * is kept, copied outside loops and pushed in them). Values from the closed forms.
 */
class IndexBuffersTest {
  private static final String SOURCE = """
      package dev.leibniz.bugs;

      import dev.leibniz.Differentiable;
      import dev.leibniz.NonDiff;
      import java.util.Arrays;

      public final class Buffers {
        static void swap(int[] p, int i, int j) {
          int t = p[i];
          p[i] = p[j];
          p[j] = t;
        }

        // x0^2 + x1^2
        @Differentiable(order = 2)
        public static double straight(double[] x) {
          int[] p = {0};
          double s = x[p[0]] * x[p[0]];
          p[0] = 1;
          return s + x[p[0]] * x[p[0]];
        }

        // x0^2 + x1^2
        @Differentiable
        public static double looped(double[] x) {
          int[] p = {0};
          double s = 0;
          for (int k = 0; k < 2; k++) {
            s += x[p[0]] * x[p[0]];
            p[0] = 1;
          }
          return s;
        }

        // x[p0]^2 + x1^2, the caller's array written
        @Differentiable
        public static double callers(double[] x, int[] p) {
          double s = x[p[0]] * x[p[0]];
          p[0] = 1;
          return s + x[p[0]] * x[p[0]];
        }

        // 3 x0 x1 + x0^2: the index of a write
        @Differentiable
        public static double writeIndex(double[] x) {
          double[] a = new double[2];
          int[] p = {0};
          a[p[0]] = x[0] * x[1];
          p[0] = 1;
          a[p[0]] = x[0];
          return a[0] * 3 + a[1] * a[1];
        }

        // x y + 5 x: an int multiplier
        @Differentiable
        public static double multiplier(double x, double y) {
          int[] n = {1};
          double s = x * y * n[0];
          n[0] = 5;
          return s + x * n[0];
        }

        // x0^2 x1 x2 + x1 x2 + x0 x2: char[], short[], byte[] and long[] indices
        @Differentiable
        public static double kinds(double[] x) {
          char[] c = {0};
          short[] h = {1};
          byte[] b = {2};
          long[] l = {0L};
          double s = x[c[0]] * x[h[0]] * x[b[0]] * x[(int) l[0]];
          c[0] = 1;
          h[0] = 2;
          b[0] = 0;
          l[0] = 2;
          return s + x[c[0]] * x[h[0]] + x[b[0]] * x[(int) l[0]];
        }

        // x0^2 + 3 x1^2 + x2 x0: written through an alias, then by Arrays.fill
        @Differentiable
        public static double aliased(double[] x) {
          int[] p = {0};
          int[] q = p;
          double s = x[p[0]] * x[p[0]];
          q[0] = 1;
          s += x[p[0]] * x[p[0]] * 3;
          Arrays.fill(p, 2);
          return s + x[p[0]] * x[0];
        }

        // sum over k of (k + 1) x[perm[k]]^2, perm pivoted by |x| with a helper swapping it
        @Differentiable
        public static double pivoted(double[] x) {
          int n = x.length;
          int[] perm = new int[n];
          for (int i = 0; i < n; i++) {
            perm[i] = i;
          }
          double s = 0;
          for (int k = 0; k < n; k++) {
            int best = k;
            for (int i = k + 1; i < n; i++) {
              if (Math.abs(x[perm[i]]) > Math.abs(x[perm[best]])) {
                best = i;
              }
            }
            swap(perm, k, best);
            s += x[perm[k]] * x[perm[k]] * (k + 1);
          }
          return s;
        }

        // sum of (i + 1) x_i^2: a cursor in a data-dependent while
        @Differentiable
        public static double cursor(double[] x) {
          int[] c = {0};
          double s = 0;
          while (c[0] < x.length && s < 100) {
            s += x[c[0]] * x[c[0]] * (c[0] + 1);
            c[0]++;
          }
          return s;
        }

        // 2 x1 x2: an int matrix written through a row, a conditional index
        @Differentiable
        public static double matrix(double[] x) {
          int[][] m = {{0, 1}, {2, 0}};
          int[] row = m[1];
          double s = x[m[1][0]] * x[m[0][1]];
          row[0] = 1;
          int i = x.length > 5 ? 0 : 1;
          s += x[i < 1 ? m[1][i] : m[1][0]] * x[2];
          row[0] = 0;
          return s;
        }

        // sin(x) + 6 x^2 + 3 x with w = {1}: a @NonDiff double[] and a boolean[] written in a loop
        @Differentiable
        public static double nonDiff(double x, double y, @NonDiff double[] w) {
          double s = Math.sin(x * w[0]) + y;
          w[0] = 2.0;
          boolean[] on = {true};
          for (int k = 0; k < 3; k++) {
            s += on[0] ? x * x * w[0] : x * w[0];
            on[0] = !on[0];
            w[0] += 1;
          }
          return s;
        }
      }
      """;

  private static final Class<?> BUFFERS = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.Buffers", SOURCE))
      .load("dev.leibniz.bugs.Buffers");

  private static double[] gradient(String name, Object... args) {
    return Checker.of(BUFFERS, name).gradient(args);
  }

  @Test
  void indexReadThenWritten() {
    double[] x = {3, 5};
    assertArrayEquals(new double[] {6, 10}, gradient("straight", (Object) x), 1e-12);
    assertArrayEquals(new double[] {6, 10}, gradient("looped", (Object) x), 1e-12);
    assertArrayEquals(new double[] {6, 10}, gradient("callers", x, new int[] {0}), 1e-12);
    Checker.of(BUFFERS, "straight").check(new Random(1), (Object) x);
    Checker.of(BUFFERS, "looped").check(new Random(2), (Object) x);
  }

  @Test
  void hessianThroughAnIndexBuffer() throws ReflectiveOperationException {
    Method hessian = Checker.derivativesOf(BUFFERS).getMethod("straightHessian", double[].class);
    double[][] h = (double[][]) hessian.invoke(null, (Object) new double[] {3, 5});
    assertArrayEquals(new double[] {2, 0}, h[0], 1e-12);
    assertArrayEquals(new double[] {0, 2}, h[1], 1e-12);
  }

  @Test
  void indexOfAWriteAndMultipliers() {
    assertArrayEquals(new double[] {13, 6}, gradient("writeIndex", (Object) new double[] {2, 3}), 1e-12);
    assertArrayEquals(new double[] {6.3, 0.7}, gradient("multiplier", 0.7, 1.3), 1e-12);
    Checker.of(BUFFERS, "multiplier").check(new Random(3), 0.7, 1.3);
    double[] x = {0.5, -2, 1.5};
    assertArrayEquals(new double[] {-1.5, 1.875, -2}, gradient("kinds", (Object) x), 1e-12);
    Checker.of(BUFFERS, "kinds").check(new Random(4), (Object) x);
  }

  @Test
  void writtenThroughAliasesHelpersAndRows() {
    double[] x = {0.5, -2, 1.5};
    assertArrayEquals(new double[] {2.5, -12, 0.5}, gradient("aliased", (Object) x), 1e-12);
    // pivots x1, then x2, then x0: s = x1^2 + 2 x2^2 + 3 x0^2
    assertArrayEquals(new double[] {3, -4, 6}, gradient("pivoted", (Object) x), 1e-12);
    assertArrayEquals(new double[] {1, -8, 9}, gradient("cursor", (Object) x), 1e-12);
    assertArrayEquals(new double[] {0, 3, -4}, gradient("matrix", (Object) x), 1e-12);
    for (String name : new String[] {"aliased", "pivoted", "cursor", "matrix"}) {
      Checker.of(BUFFERS, name).check(new Random(5), (Object) x);
    }
  }

  @Test
  void nonDiffArrayAndFlagWrittenInALoop() throws ReflectiveOperationException {
    double x = 0.7;
    Method grad = Checker.derivativesOf(BUFFERS).getMethod("nonDiffGrad", double.class, double.class, double[].class);
    Object gradient = grad.invoke(null, x, 0.2, new double[] {1});
    double dx = (double) gradient.getClass().getMethod("x").invoke(gradient);
    assertClose(Math.cos(x) + 12 * x + 3, dx, 1e-12, "d/dx");
  }
}
