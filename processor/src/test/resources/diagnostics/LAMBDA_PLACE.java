package test;
import dev.leibniz.Differentiable;
class Foo {
  @Differentiable
  static double f(double x) {
    Runnable r = () -> { }; // <-
    return x * x;
  }
}
