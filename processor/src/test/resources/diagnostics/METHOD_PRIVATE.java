package test;
import dev.leibniz.Differentiable;
class Foo {
  @Differentiable
  private static double f(double x) { return x * x; } // <-
}
