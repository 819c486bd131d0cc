package test;
import dev.leibniz.Differentiable;
class Foo {
  private static double scale = 2.0;
  private static final double TWO = 2.0;
  static double open = 3.0;
  @Differentiable
  static double f(double x) {
    double y = x * TWO * open;
    return y * scale; // <-
  }
}
