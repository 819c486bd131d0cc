package example;
import dev.leibniz.Differentiable;
class Example {
  static final double[] LAST = new double[1];
  @Differentiable
  static double f(double x) {
    LAST[0] = x; // <-
    return x;
  }
}
