package test;
import dev.leibniz.Differentiable;
class Foo {
  record P(double a, double b) {}
  @Differentiable
  static P split(double x) { return new P(x, -x); }
  @Differentiable
  static double f(double x) {
    while (x < 10 && split(x).b() < 0) { // <-
      x = x * 2;
    }
    return x;
  }
}
