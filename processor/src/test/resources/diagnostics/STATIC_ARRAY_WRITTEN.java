package test;
import dev.leibniz.Differentiable;
class Foo {
  static final double[] LAST = new double[1];
  @Differentiable
  static double f(double x) {
    double[] t = LAST;
    t[0] = x * x; // <-
    return LAST[0] + x;
  }
}
