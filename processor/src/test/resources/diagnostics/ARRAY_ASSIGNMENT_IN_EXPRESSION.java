package test;
import dev.leibniz.Differentiable;
class Foo {
  @Differentiable
  static double f(double[] a, double[] b) {
    double[] c = a;
    double s = (c = b)[0] * 2; // <-
    return s + c[0];
  }
}
