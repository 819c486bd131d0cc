package test;
import dev.leibniz.CustomJvp;
class Foo {
  @CustomJvp("fJvp")
  static double f(double x, double y) { return x * y; } // <-
}
