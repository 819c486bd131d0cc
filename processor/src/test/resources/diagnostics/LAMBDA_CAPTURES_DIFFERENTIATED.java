package test;
import dev.leibniz.CustomJvp;
import dev.leibniz.Differentiable;
import dev.leibniz.NonDiff;
import dev.leibniz.runtime.Dual;
import java.util.function.DoubleUnaryOperator;
class Foo {
  @CustomJvp("appJvp")
  static double app(@NonDiff DoubleUnaryOperator f, double x) { return f.applyAsDouble(x); }
  static Dual appJvp(DoubleUnaryOperator f, double x, double xDot) {
    return new Dual(f.applyAsDouble(x), 2 * xDot);
  }

  @Differentiable
  static double f(double x) {
    double y = x * 2;
    return app(t -> t * y, 1.0); // <-
  }
}
