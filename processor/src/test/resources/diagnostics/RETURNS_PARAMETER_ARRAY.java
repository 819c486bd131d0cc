package test;
import dev.leibniz.Differentiable;
class Foo {
  @Differentiable
  static double[] doubled(double[] a) {
    a[0] *= 2;
    return a;
  }
  @Differentiable
  static double caller(double[] a, double x) {
    double[] b = doubled(a); // <-
    b[0] = b[0] * x;
    return a[0];
  }
}
