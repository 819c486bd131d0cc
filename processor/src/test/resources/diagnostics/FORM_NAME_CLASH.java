package test;
import dev.leibniz.Differentiable;
class Foo {
  @Differentiable
  static double f(double x) { return x * x; }
  @Differentiable
  static double fGrad(double x) { return 2 * x; } // <-
}
