package test;
import dev.leibniz.Differentiable;
class Foo {
  @Differentiable
  static double f(double x) {
    double y = x;
    switch (x) { default -> y = 2 * x; } // <-
    return y;
  }
}
