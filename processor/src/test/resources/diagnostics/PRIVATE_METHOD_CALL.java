package test;
import dev.leibniz.Differentiable;
class Foo {
  @Differentiable
  static double f(double x) {
    int k = 1;
    k = twice(3); // <-
    return x * k;
  }
  private static int twice(int n) { return 2 * n; }
}
