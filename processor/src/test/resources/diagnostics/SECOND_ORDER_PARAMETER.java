package test;
import dev.leibniz.Differentiable;
class Foo {
  @Differentiable(order = 2)
  static double f(double[][][] x) { return x[0][0][0] * x[0][0][0]; } // <-
}
