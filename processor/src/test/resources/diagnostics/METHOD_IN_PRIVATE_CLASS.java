package test;
import dev.leibniz.Differentiable;
class Foo {
  private static class Hidden {
    @Differentiable
    static double a(double x) { return x; } // <-
  }
  class Inner {
    @Differentiable
    static double b(double x) { return x; }
  }
}
