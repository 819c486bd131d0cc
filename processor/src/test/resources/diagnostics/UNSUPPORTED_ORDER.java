package test;
import dev.leibniz.Differentiable;
class Foo {
  @Differentiable(order = 3) // <-
  static double f(double x) { return x * x * x; }
}
