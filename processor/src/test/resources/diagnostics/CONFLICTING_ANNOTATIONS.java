package test;
import dev.leibniz.CustomJvp;
import dev.leibniz.Differentiable;
class Foo {
  @Differentiable
  @CustomJvp("fJvp")
  static double f(double x) { return x; } // <-
}
