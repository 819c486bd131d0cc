package example;
import dev.leibniz.Differentiable;
class Example {
  @Differentiable
  static double f(double x, Object o) {
    double d = (double) o; // <-
    return x * d;
  }
}
