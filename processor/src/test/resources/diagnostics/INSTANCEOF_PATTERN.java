package test;
import dev.leibniz.Differentiable;
class Foo {
  @Differentiable
  static double f(double x, Object scale) {
    if (scale instanceof Double d) { // <-
      return x * d;
    }
    return x;
  }
}
