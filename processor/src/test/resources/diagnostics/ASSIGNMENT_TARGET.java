package test;
import dev.leibniz.Differentiable;
class Foo {
  static int calls;
  @Differentiable
  static double f(double x) {
    double y = x * calls++; // <-
    return y;
  }
}
