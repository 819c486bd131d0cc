package test;
import dev.leibniz.Differentiable;
class Foo {
  @Differentiable
  static native double f(double x); // <-
}
