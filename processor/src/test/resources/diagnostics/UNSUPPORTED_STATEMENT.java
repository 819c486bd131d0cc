package test;
import dev.leibniz.Differentiable;
class Foo {
  @Differentiable
  static double f(double x, int n) {
    double y = x * x;
    class Helper { } // <-
    return y;
  }
}
