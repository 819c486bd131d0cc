package test;
import dev.leibniz.CustomJvp;
import dev.leibniz.Differentiable;
import dev.leibniz.NonDiff;
import dev.leibniz.runtime.Dual;
import java.util.function.DoubleUnaryOperator;
class Foo {
  @Differentiable
  static double replaced(double[][] m, double[] r) {
    m[0] = r; // <-
    return m[0][0];
  }
}
