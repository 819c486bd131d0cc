package test;
import dev.leibniz.CustomJvp;
import dev.leibniz.Differentiable;
import dev.leibniz.NonDiff;
import dev.leibniz.runtime.Dual;
import java.util.function.DoubleUnaryOperator;
class Baz {
  @Differentiable
  static double row(double[][] m) {
    double[] r = m[0];
    double s = r[0];
    r = m[1]; // <-
    return s * r[0];
  }
}
