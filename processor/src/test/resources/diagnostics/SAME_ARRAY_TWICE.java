package test;
import dev.leibniz.Differentiable;
class Foo {
  @Differentiable
  static void addScaled(double[] y, double[] x, double a) {
    y[0] += a * x[0];
  }
  @Differentiable
  static double twice(double[] v, double a) {
    addScaled(v, v, a); // <-
    return v[0];
  }
}
