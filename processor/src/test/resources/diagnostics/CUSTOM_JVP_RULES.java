package test;
import dev.leibniz.CustomJvp;
class Foo {
  @CustomJvp
  static double f(double x) { return x; } // <-
  @CustomJvp(value = "gJvp", perArgument = {"gX"})
  static double g(double x) { return x; }
}
