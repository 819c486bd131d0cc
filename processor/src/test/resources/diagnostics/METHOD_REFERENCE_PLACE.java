package test;
import dev.leibniz.Differentiable;
import java.util.function.Supplier;
class Foo {
  @Differentiable
  static double f(double x) {
    Supplier<String> s = Foo::name; // <-
    return x * x;
  }
  static String name() { return "f"; }
}
