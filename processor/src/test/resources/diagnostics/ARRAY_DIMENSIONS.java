package test;
import dev.leibniz.Differentiable;
class Foo {
  @Differentiable
  static double f(double x) {
    double y = new double[][][] {{{x}}}[0][0][0]; // <-
    return y * 2;
  }
}
