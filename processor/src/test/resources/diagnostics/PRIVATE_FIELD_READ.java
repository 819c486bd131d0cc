package test;
import dev.leibniz.Differentiable;
class Foo {
  private static final double SCALE = Math.sqrt(2.0);
  private static final double TWO = 2.0;
  @Differentiable
  static double f(double x) {
    double y = x * TWO;
    return y * SCALE; // <-
  }
}
