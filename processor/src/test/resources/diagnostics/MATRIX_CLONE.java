package test;
import dev.leibniz.Differentiable;
class Foo {
  @Differentiable
  static double copied(double[][] m, double x) {
    double[][] c = m.clone(); // <-
    c[0][0] = x;
    return c[0][0] * m[0][0];
  }
}
