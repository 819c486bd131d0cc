package test;
import dev.leibniz.CustomJvp;
import dev.leibniz.Differentiable;
import dev.leibniz.NonDiff;
import dev.leibniz.runtime.Dual;
import java.util.function.DoubleUnaryOperator;
class Bar {
  @Differentiable
  static double swapped(double[][] m, double[][] n) {
    double s = 0;
    for (int k = 0; k < 2; k++) {
      s += m[0][0];
      m = n; // <-
    }
    return s;
  }
}
