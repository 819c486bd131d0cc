package test;
import dev.leibniz.Differentiable;
class Foo {
  @Differentiable
  static double shared(double[] a, double x) {
    double[][] m = {a}; // <-
    m[0][0] = m[0][0] * x;
    return a[0];
  }
}
