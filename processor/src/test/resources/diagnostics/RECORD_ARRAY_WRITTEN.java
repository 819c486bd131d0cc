package test;
import dev.leibniz.Differentiable;
class Foo {
  record Samples(double[] values) {}
  @Differentiable
  static double f(Samples s) { s.values()[0] = s.values()[0] * 2; return s.values()[0]; } // <-
}
