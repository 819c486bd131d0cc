package dev.leibniz.it.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.leibniz.runtime.Dual;
import dev.leibniz.runtime.Jvp;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Compares a batched form with its scalar form element by element, over lengths that leave a
 * tail (and none), inputs with NaN, infinities and signed zeros among ordinary values.
 */
final class Elementwise {
  /** Lengths: empty, shorter than a vector, whole vectors, whole vectors and a tail. */
  static final int[] LENGTHS = {0, 1, 7, 8, 9, 17, 1003};
  /** Relative error allowed where SVML's transcendental functions replace Math's (about 1 ulp each). */
  static final double SVML = 1e-12;
  private static final double[] SPECIAL = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0,
      -0.0, 1.0, -1.0, 2.0};

  private Elementwise() {}

  /** {@code n} inputs: the special values first (in the vector lanes), then values in [-4, 4]. */
  static double[] inputs(int n, long seed) {
    Random r = new Random(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i < SPECIAL.length ? SPECIAL[(int) ((i + seed) % SPECIAL.length)] : 8 * r.nextDouble() - 4;
    }
    return x;
  }

  /**
   * Runs {@code batched} on {@code inputs} fresh input arrays and {@code outputs} output arrays (in
   * that order), and compares each element with {@code scalar} of the element's inputs.
   * {@code tolerance} is 0 for exact, else relative (absolute below 1).
   */
  static void check(String what, int inputs, int outputs, Consumer<double[][]> batched,
      Function<double[], double[]> scalar, double tolerance) {
    for (int n : LENGTHS) {
      double[][] arrays = new double[inputs + outputs][];
      for (int k = 0; k < arrays.length; k++) {
        arrays[k] = k < inputs ? inputs(n, 31L * k + n) : new double[n];
      }
      batched.accept(arrays);
      for (int i = 0; i < n; i++) {
        double[] in = new double[inputs];
        for (int k = 0; k < inputs; k++) {
          in[k] = arrays[k][i];
        }
        double[] expected = scalar.apply(in);
        for (int o = 0; o < outputs; o++) {
          same(expected[o], arrays[inputs + o][i], tolerance,
              () -> what + " n=" + n + " at " + java.util.Arrays.toString(in));
        }
      }
    }
  }

  /** As {@link #check}, over float arrays. */
  static void checkFloat(String what, int inputs, int outputs, Consumer<float[][]> batched,
      Function<float[], float[]> scalar, double tolerance) {
    check(what, inputs, outputs, a -> {
      float[][] f = new float[a.length][];
      for (int k = 0; k < a.length; k++) {
        f[k] = new float[a[k].length];
        for (int i = 0; i < f[k].length; i++) {
          f[k][i] = (float) a[k][i];
        }
      }
      batched.accept(f);
      for (int k = inputs; k < a.length; k++) {
        for (int i = 0; i < f[k].length; i++) {
          a[k][i] = f[k][i];
        }
      }
    }, in -> {
      float[] f = new float[in.length];
      for (int k = 0; k < in.length; k++) {
        f[k] = (float) in[k];
      }
      float[] out = scalar.apply(f);
      double[] d = new double[out.length];
      for (int k = 0; k < out.length; k++) {
        d[k] = out[k];
      }
      return d;
    }, tolerance);
  }

  static void same(double expected, double actual, double tolerance, java.util.function.Supplier<String> what) {
    if (tolerance == 0 || Double.isNaN(expected) || Double.isInfinite(expected)) {
      if (Double.compare(expected, actual) != 0) {
        fail(what.get() + ": expected " + expected + ", batched " + actual);
      }
      return;
    }
    double scale = Math.max(1, Math.abs(expected));
    if (!(Math.abs(expected - actual) <= tolerance * scale)) {
      fail(what.get() + ": expected " + expected + ", batched " + actual + " (tolerance " + tolerance + ")");
    }
  }

  static double[] dual(Dual d) {
    return new double[] {d.value(), d.tangent()};
  }

  static float[] jvp(Jvp<Float> d) {
    return new float[] {d.value(), d.tangent()};
  }

  static double[] of(double... values) {
    return values;
  }

  static void assertSameBits(double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      if (Double.doubleToLongBits(expected[i]) != Double.doubleToLongBits(actual[i])) { // NaN payloads aside
        fail("element " + i + ": " + expected[i] + " vs " + actual[i]);
      }
    }
  }
}
