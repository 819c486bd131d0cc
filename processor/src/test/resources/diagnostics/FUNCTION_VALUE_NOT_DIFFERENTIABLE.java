package test;
import dev.leibniz.Differentiable;
import java.util.function.DoubleUnaryOperator;
class Foo {
  @Differentiable
  static double f(double x) {
    DoubleUnaryOperator f = DoubleUnaryOperator.identity();
    return f.applyAsDouble(x) * x; // <-
  }
}
