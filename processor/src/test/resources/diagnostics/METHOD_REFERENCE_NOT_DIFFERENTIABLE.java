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
  static double plain(double x) { return x * x; }
  @Differentiable
  static double g(double x) {
    return app(Foo::plain, x); // <-
  }
}
