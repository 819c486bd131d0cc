package dev.leibniz.it;

import dev.leibniz.Differentiable;

/**
 * Array variables that hold several arrays in turn (issue 8): buffers swapped each step, a local
 * replaced by a new array in a loop, a branch choosing an array.
 */
public final class Reassigned {
  private Reassigned() {}

  /** The 1-D heat equation, explicit Euler, two buffers swapped each step; the energy at the end. */
  @Differentiable(order = 2)
  static double heat(double[] u0, double k, int steps) {
    int n = u0.length;
    double[] prev = u0.clone();
    double[] next = new double[n];
    for (int s = 0; s < steps; s++) {
      for (int i = 1; i < n - 1; i++) {
        next[i] = prev[i] + k * (prev[i - 1] - 2 * prev[i] + prev[i + 1]);
      }
      next[0] = prev[0];
      next[n - 1] = prev[n - 1];
      double[] tmp = prev;
      prev = next;
      next = tmp;
    }
    double e = 0;
    for (int i = 0; i < n; i++) {
      e += prev[i] * prev[i];
    }
    return e;
  }

  /** The heat equation's final temperatures: the result is the buffer the last swap left in front. */
  @Differentiable
  static double[] heatProfile(double[] u0, double k, int steps) {
    double[] prev = u0.clone();
    double[] next = new double[u0.length];
    for (int s = 0; s < steps; s++) {
      next[0] = prev[0];
      next[u0.length - 1] = prev[u0.length - 1];
      for (int i = 1; i < u0.length - 1; i++) {
        next[i] = prev[i] + k * (prev[i - 1] - 2 * prev[i] + prev[i + 1]);
      }
      double[] tmp = next;
      next = prev;
      prev = tmp;
    }
    return prev;
  }

  /**
   * Störmer-Verlet for a chain of pendulums ({@code x'' = -w sin x + c (neighbours)}), three
   * position buffers rotated each step; the sum of the final positions weighted by their index.
   */
  @Differentiable
  static double verlet(double[] x0, double[] v0, double w, double c, double h, int steps) {
    int n = x0.length;
    double[] older = new double[n];
    double[] x = new double[n];
    double[] newer = new double[n];
    for (int i = 0; i < n; i++) {
      older[i] = x0[i];
      x[i] = x0[i] + h * v0[i] + 0.5 * h * h * force(x0, i, w, c);
    }
    for (int s = 1; s < steps; s++) {
      for (int i = 0; i < n; i++) {
        newer[i] = 2 * x[i] - older[i] + h * h * force(x, i, w, c);
      }
      double[] spare = older;
      older = x;
      x = newer;
      newer = spare;
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += (i + 1) * x[i];
    }
    return sum;
  }

  @Differentiable
  static double force(double[] x, int i, double w, double c) {
    double f = -w * Math.sin(x[i]);
    if (i > 0) {
      f += c * (x[i - 1] - x[i]);
    }
    if (i < x.length - 1) {
      f += c * (x[i + 1] - x[i]);
    }
    return f;
  }

  /**
   * Jacobi iteration for the tridiagonal system {@code d x[i] + x[i-1] + x[i+1] = b[i]}, swapping
   * the iterate and the next; {@code x[mid]} after {@code iterations}.
   */
  @Differentiable
  static double jacobi(double[] b, double d, int iterations) {
    int n = b.length;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int it = 0; it < iterations; it++) {
      for (int i = 0; i < n; i++) {
        double off = 0;
        if (i > 0) {
          off += x[i - 1];
        }
        if (i < n - 1) {
          off += x[i + 1];
        }
        y[i] = (b[i] - off) / d;
      }
      double[] t = x;
      x = y;
      y = t;
    }
    return x[n / 2];
  }

  /** A fresh copy each step ({@code y = y.clone()}), written while the old one is read. */
  @Differentiable(order = 2)
  static double cloneEachStep(double[] y0, double h, int steps) {
    double[] y = y0;
    for (int s = 0; s < steps; s++) {
      double[] old = y;
      y = y.clone();
      for (int i = 1; i < y.length; i++) {
        y[i] += h * Math.sin(old[i - 1]) * old[i];
      }
    }
    return y[0] * y[y.length - 1];
  }

  /** A new array each step, computed from the last; the old one dropped. */
  @Differentiable
  static double newEachStep(double[] y0, double h, int steps) {
    double[] y = y0;
    for (int s = 0; s < steps; s++) {
      double[] z = new double[y.length];
      for (int i = 0; i < y.length; i++) {
        z[i] = y[i] + h * y[(i + 1) % y.length] * y[i];
      }
      y = z;
    }
    double sum = 0;
    for (double v : y) {
      sum += v * v;
    }
    return sum;
  }

  /** {@code y = step(y, h)}: an annotated method returning a new array, its result assigned back. */
  @Differentiable
  static double stepped(double[] y0, double h, int steps) {
    double[] y = y0;
    for (int s = 0; s < steps; s++) {
      y = step(y, h);
    }
    return y[0] + 2 * y[1];
  }

  @Differentiable
  static double[] step(double[] y, double h) {
    return new double[] {y[0] + h * y[1], y[1] - h * Math.sin(y[0])};
  }

  /** A branch choosing which array a variable holds; the chosen one is written into afterwards. */
  @Differentiable
  static double chosen(double[] a, double[] b, double t) {
    double[] c = a.clone();
    double[] d = b.clone();
    double[] pick = c;
    if (t > 0) {
      pick = d;
    }
    pick[0] = pick[0] * t;
    double[] other = t > 0 ? c : d;
    return c[0] * d[0] + other[1] * Math.exp(pick[1]);
  }

  /** The caller's arrays swapped and written each step: both are results too (SPEC §5a). */
  @Differentiable
  static double swapsParameters(double[] a, double[] b, double k, int steps) {
    for (int s = 0; s < steps; s++) {
      for (int i = 0; i < a.length; i++) {
        b[i] = k * a[i] + Math.sin(b[i]);
      }
      double[] t = a;
      a = b;
      b = t;
    }
    return a[0] * b[b.length - 1];
  }

  /** {@code float} buffers swapped each step. */
  @Differentiable
  static float floatSwap(float[] u0, float k, int steps) {
    float[] p = u0.clone();
    float[] q = new float[u0.length];
    for (int s = 0; s < steps; s++) {
      for (int i = 0; i < p.length; i++) {
        q[i] = p[i] + k * p[(i + 1) % p.length] * p[i];
      }
      float[] t = p;
      p = q;
      q = t;
    }
    return p[0] + p[p.length - 1];
  }

  /** A variable reassigned outside any loop: the first array's cotangent survives the second. */
  @Differentiable
  static double straightLine(double[] x, double k) {
    double[] y = x.clone();
    y[0] = y[0] * k;
    double[] first = y;
    y = new double[] {y[0] * y[1], k};
    y = new double[] {y[0] + first[1] * y[1], y[1] * y[1]};
    return y[0] + first[0] * y[1];
  }

  /** A caller of {@link #swapsParameters} reading the final contents of the arrays it wrote. */
  @Differentiable
  static double readsSwapped(double[] a, double[] b, double k) {
    double[] p = a.clone();
    double[] q = b.clone();
    double r = swapsParameters(p, q, k, 3);
    return r + p[1] * q[0] + q[2];
  }
}
