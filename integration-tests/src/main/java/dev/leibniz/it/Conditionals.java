package dev.leibniz.it;

import dev.leibniz.Differentiable;

/** ?: with calls in its branches: only the branch taken runs its calls. */
public final class Conditionals {
  private Conditionals() {}

  record Pair(double a, double b) {}

  static int calls;

  @Differentiable
  static Pair pair(double x) {
    return new Pair(Math.sin(x), x * x);
  }

  @Differentiable
  static Pair swapped(double x) {
    return new Pair(x * x, Math.cos(x));
  }

  @Differentiable
  static double pick(double x) {
    Pair p = x > 0 ? pair(x) : swapped(x);
    return p.a() * 2 + p.b();
  }

  @Differentiable
  static double counted(double x) {
    return x * 3;
  }

  @Differentiable
  static double lazy(double x) {
    double y = x > 1 ? counted(x) : Math.exp(x);
    return y * y;
  }
}
