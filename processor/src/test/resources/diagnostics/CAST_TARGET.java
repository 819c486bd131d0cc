package example;
import dev.leibniz.Differentiable;
class Example {
  record P(double a) {}
  record Q(double a) {}
  @Differentiable
  static double f(double x, Object o) {
    P p = (P) o; // <-
    return x * p.a();
  }
}
