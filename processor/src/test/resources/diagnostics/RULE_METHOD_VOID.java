package test;
import dev.leibniz.CustomJvp;
class Foo {
  @CustomJvp("ruleJvp")
  static void rule(double[] x) { x[0] = 1; } // <-
  static void ruleJvp(double[] x, double[] xDot) { }
}
