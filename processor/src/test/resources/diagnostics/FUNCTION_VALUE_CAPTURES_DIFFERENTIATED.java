package test;
import dev.leibniz.Differentiable;
import java.util.function.DoubleUnaryOperator;
class Foo {
  @Differentiable
  static double f(double x, double y) {
    DoubleUnaryOperator[] fs = {t -> t * x};
    return fs[0].applyAsDouble(y); // <-
  }
}
