package test;
import dev.leibniz.Differentiable;
class Foo {
  @Differentiable
  static double f(double x, int n) {
    double y = x;
    out: switch (n) { case 1: y = 2 * x; break out; default: y = x * x; } // <-
    return y;
  }
}
