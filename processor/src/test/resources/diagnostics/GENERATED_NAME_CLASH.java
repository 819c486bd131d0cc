package test;
import dev.leibniz.Differentiable;
class Foo {
  @Differentiable
  static double f(double x, double y) { return x * y; }
  @Differentiable
  static double F(double x, double y) { return x + y; } // <-
}
