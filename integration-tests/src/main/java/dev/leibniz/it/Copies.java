package dev.leibniz.it;

import dev.leibniz.Differentiable;
import java.util.Arrays;

/** Array copies: {@code clone()}, {@code Arrays.copyOf}/{@code copyOfRange}/{@code fill}, {@code System.arraycopy}. */
public final class Copies {
  private Copies() {}

  /** A clone written over, while the original is read. */
  @Differentiable(order = 2)
  static double cloned(double[] v, double k) {
    double[] w = v.clone();
    for (int i = 0; i < w.length; i++) {
      w[i] = w[i] * k + Math.sin(v[i]);
    }
    return w[0] * w[w.length - 1] + w[1];
  }

  /** {@code copyOf} shorter or longer than {@code v} (zeros after its end): sum of (i + 1) w[i]^2. */
  @Differentiable(order = 2)
  static double resized(double[] v, int n) {
    double[] w = Arrays.copyOf(v, n);
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += (i + 1) * w[i] * w[i];
    }
    return s;
  }

  /** An array result from {@code copyOfRange}, zeros past {@code v}'s end, scaled by {@code k}. */
  @Differentiable
  static double[] window(double[] v, int from, int to, double k) {
    double[] w = Arrays.copyOfRange(v, from, to);
    for (int i = 0; i < w.length; i++) {
      w[i] *= k;
    }
    return w;
  }

  /** {@code System.arraycopy} within one array, to the right and to the left (overlapping ranges). */
  @Differentiable(order = 2)
  static double shifted(double[] v, double x) {
    double[] w = v.clone();
    System.arraycopy(w, 0, w, 1, w.length - 1); // w = {v0, v0, v1, ..., v[n-2]}
    w[0] = x;
    System.arraycopy(w, 2, w, 1, w.length - 2); // w = {x, v1, ..., v[n-2], v[n-2]}
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += (i + 1) * w[i] * w[i];
    }
    return s;
  }

  /** {@code System.arraycopy} into a parameter array (SPEC §5a): {@code dst} ends as {src1, src2, dst2 k, ...}. */
  @Differentiable
  static double intoParameter(double[] src, double[] dst, double k) {
    System.arraycopy(src, 1, dst, 0, 2);
    dst[2] *= k;
    return dst[0] * dst[1] + dst[2];
  }

  /** {@code Arrays.fill} of a range of a local copy, then of a whole parameter. */
  @Differentiable(order = 2)
  static double filled(double[] v, double x) {
    double[] w = v.clone();
    Arrays.fill(w, 1, 3, x * x);
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += w[i] * v[i];
    }
    Arrays.fill(v, Math.sin(x));
    return s + v[0] * v[v.length - 1];
  }

  /** The same in {@code float}: copyOf one longer, an overlapping arraycopy, a fill of one element. */
  @Differentiable
  static float floats(float[] a, float x) {
    float[] b = Arrays.copyOf(a, a.length + 1);
    System.arraycopy(b, 0, b, 1, a.length); // b = {a0, a0, a1, ...}
    Arrays.fill(b, 0, 1, x * a[0]);
    float s = 0;
    for (int i = 0; i < b.length; i++) {
      s += b[i] * b[i] * (i + 1);
    }
    return s;
  }

  /** A copy in every iteration of a loop, as a time-stepping loop keeps the previous state. */
  @Differentiable(order = 2)
  static double copyEachStep(double[] y0, double h, int steps) {
    double[] y = y0.clone();
    for (int s = 0; s < steps; s++) {
      double[] prev = Arrays.copyOf(y, y.length);
      for (int i = 1; i < y.length; i++) {
        y[i] = prev[i] + h * Math.sin(prev[i - 1]);
      }
      y[0] = prev[0] + h * prev[y.length - 1];
    }
    return y[y.length - 1];
  }
}
