package test;
import dev.leibniz.Differentiable;
class Foo {
  @Differentiable
  static double f(double x) {
    Double d = x * x; // <-
    double y = d;
    return y * x;
  }
}
