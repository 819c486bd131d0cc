package test;
import dev.leibniz.CustomJvp;
import dev.leibniz.runtime.Dual;
class Foo {
  @CustomJvp("fJvp")
  static double f(double x) { return x * x; }
  Dual fJvp(double x, double xDot) { return new Dual(x * x, 2 * x * xDot); } // <-
}
