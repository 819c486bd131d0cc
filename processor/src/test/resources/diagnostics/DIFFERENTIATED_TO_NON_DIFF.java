package test;
import dev.leibniz.CustomJvp;
import dev.leibniz.Differentiable;
import dev.leibniz.NonDiff;
import dev.leibniz.runtime.Dual;
import java.util.function.DoubleUnaryOperator;
class Foo {
  @Differentiable
  static double scaled(@NonDiff double s, double x) { return s * x; }
  @Differentiable
  static double f(double x) {
    double y = x * 2;
    return scaled(y, 1.0); // <-
  }
}
