package test;
import dev.leibniz.Differentiable;
class Foo {
  static double scale = 1.0;
  static void setScale(double v) {
    scale = v;
  }
  @Differentiable
  static double f(double x) {
    setScale(2.0);
    return Math.sin(x * scale); // <-
  }
}
