package test;
import dev.leibniz.Differentiable;
class Foo {
  @Differentiable
  static double f(double x) {
    Object o = new Object() { }; // <-
    return x * x;
  }
}
