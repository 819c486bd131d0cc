package example;
import dev.leibniz.Differentiable;
import java.util.function.DoubleUnaryOperator;
class Example {
  @Differentiable
  static double apply(DoubleUnaryOperator g, double x) {
    return g.applyAsDouble(x);
  }
  @Differentiable
  static double f(double x, DoubleUnaryOperator h) {
    return apply(h::applyAsDouble, x); // <-
  }
}
