package test;
import dev.leibniz.Differentiable;
class Foo {
  record Samples(double[] values) {}
  @Differentiable(order = 2)
  static double f(Samples x) { return x.values()[0] * x.values()[1]; } // <-
}
