package test;
import dev.leibniz.CustomJvp;
import dev.leibniz.NonDiff;
class Foo {
  @CustomJvp(perArgument = {"fX", "fY"})
  static double f(double x, @NonDiff double y) { return x * y; } // <-
  static double fX(double xDot, double primalOut, double x, double y) { return xDot * y; }
  static double fY(double yDot, double primalOut, double x, double y) { return x * yDot; }
}
