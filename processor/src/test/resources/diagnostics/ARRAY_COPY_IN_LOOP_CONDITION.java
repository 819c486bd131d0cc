package test;
import dev.leibniz.Differentiable;
import java.util.Arrays;
class Foo {
  @Differentiable
  static double inACondition(double[] a) {
    int n = 0;
    while (Arrays.copyOf(a, 1)[0] > n) { // <-
      n++;
    }
    return a[0] * n;
  }
}
