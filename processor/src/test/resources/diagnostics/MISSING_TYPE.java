package test;
import dev.leibniz.Differentiable;
class Foo {
  @Differentiable
  static double f(double x,
      Missing m) { return x * x; } // <-
}
