package test;
import dev.leibniz.Differentiable;
class Foo {
  @Differentiable
  static int f(double x) { return (int) x; } // <-
  @Differentiable
  static String g(double x) { return "x"; }
}
