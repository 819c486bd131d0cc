package test;
import dev.leibniz.Differentiable;
import java.util.function.DoubleUnaryOperator;
class Foo {
  @Differentiable
  static double f(double x) {
    DoubleUnaryOperator h = t -> { // <-
      if (t > 0) {
        return t;
      }
      return -t * x;
    };
    return h.applyAsDouble(x);
  }
}
