package example;
import dev.leibniz.Differentiable;
class Example {
  static final class Box { double v = 2; }
  @Differentiable
  static double f(double x) {
    Box b = new Box();
    return x * b.v; // <-
  }
}
