package test;
import dev.leibniz.Differentiable;
class Foo {
  @Differentiable
  static double f(double x) {
    int[][] counts = new int[2][3]; // <-
    return x * counts.length;
  }
}
