package test;
import dev.leibniz.Differentiable;
class Foo {
  static final class Meters {
    private final double value;
    Meters(double value) { this.value = value; }
    double value() { return value; }
  }
  @Differentiable
  static double f(double x) {
    Meters m = new Meters(x); // <-
    return x * m.value();
  }
}
