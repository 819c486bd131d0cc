package example;
import dev.leibniz.Differentiable;
class Example {
  record P(double a, double b) {}
  @Differentiable
  static double f(double x, int n) {
    var v = switch (n) {
      case 0 -> new P(x, x);
      default -> x; // <-
    };
    return x;
  }
}
