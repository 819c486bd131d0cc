package test;
import dev.leibniz.Differentiable;
class Foo {
  @Differentiable
  static <T> double f(double x, T tag) { return x * x; } // <-
}
