package test;
import dev.leibniz.CustomJvp;
class Foo {
  @CustomJvp(perArgument = {"fX"})
  static double f(double x) { return x * x; }
  static double fX(double xDot, double primalOut, double x) {
    double t = xDot * xDot; // <-
    return t;
  }
}
