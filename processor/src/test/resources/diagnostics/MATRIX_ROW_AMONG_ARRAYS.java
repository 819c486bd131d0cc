package test;
import dev.leibniz.Differentiable;
class Baz {
  @Differentiable
  static double[] rowOrNew(double x) {
    double[][] m = {{x}, {2 * x}};
    if (x > 0) {
      return m[1]; // <-
    }
    return new double[] {x};
  }
}
