package example;
import dev.leibniz.Differentiable;
class Example {
  @Differentiable(order = 2)
  static double[] f(double x) { // <-
    return new double[] {x, x * x};
  }
}
