package example;
import dev.leibniz.Differentiable;
class Example {
  static double rounded(double v) { return Math.rint(v * 100) / 100; }
  @Differentiable
  static double f(double x) {
    return x * rounded(x); // <-
  }
}
