package test;
import dev.leibniz.Differentiable;
class Foo {
  record R(double[] u, double[] v) {}
  @Differentiable
  static R twice(double x) {
    double[] a = {x, 2 * x};
    return new R(a, a); // <-
  }
}
