package test;
import dev.leibniz.CustomJvp;
class Foo {
  @CustomJvp(perArgument = {"fX", ""})
  static double f(double x, float y) { return x * y; }
  static float fX(double xDot, double primalOut, double x, float y) { return 0; } // <-
}
