package test;
import dev.leibniz.Differentiable;
import dev.leibniz.NonDiff;
class Foo {
  @Differentiable(order = 2)
  static double g(double x, double y) { return x * x * y; }
  @Differentiable(order = 2)
  static double g(double x, @NonDiff double k, @NonDiff double m) { return k * x * x + m; } // <-
}
