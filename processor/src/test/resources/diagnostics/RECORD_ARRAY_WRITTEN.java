package test;
import dev.leibniz.Differentiable;
class Foo {
  record Samples(double[] values) {}
  @Differentiable
  static double f(Samples s) {
    double[] v = s.values();
    v[0] = v[0] * 2; // <-
    return v[0];
  }
}
