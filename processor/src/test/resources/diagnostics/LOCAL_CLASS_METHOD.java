package test;
import dev.leibniz.Differentiable;
class Foo {
  @Differentiable
  static double top(double x) { return x; }
  static double outer(double y) {
    record Local(double v) {
      @Differentiable
      static double c(double x) { return x * x; } // <-
    }
    return y;
  }
}
