package test;
import dev.leibniz.Differentiable;
import java.util.function.DoubleUnaryOperator;
class Foo {
  @Differentiable
  static double f(double x) {
    return Ops.SQUARE.applyAsDouble(x); // <-
  }
}
class Ops {
  static final DoubleUnaryOperator SQUARE = t -> t * t;
}
