package test;
import dev.leibniz.Differentiable;
class Foo {
  @Differentiable
  static double f(double x) {
    if (x > 0) {
      return x;
    }
    return; // <-
  }
}
