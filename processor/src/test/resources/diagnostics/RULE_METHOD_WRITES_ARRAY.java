package test;
import dev.leibniz.CustomJvp;
import dev.leibniz.runtime.Dual;
class Foo {
  @CustomJvp("firstJvp")
  static double first(double[] x) { // <-
    x[0] = 0;
    return x[1];
  }
  static Dual firstJvp(double[] x, double[] xDot) {
    return new Dual(first(x), xDot[1]);
  }
}
