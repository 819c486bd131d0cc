package test;
import dev.leibniz.Differentiable;
import dev.leibniz.NonDiff;
class Foo {
  @Differentiable
  static double f(double[] x, @NonDiff double[] scratch) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      scratch[i] = x[i] * x[i]; // <-
      s += scratch[i];
    }
    return s;
  }
}
