package test;
import dev.leibniz.CustomJvp;
import dev.leibniz.CustomVjp;
import dev.leibniz.Differentiable;
import dev.leibniz.runtime.Dual;
import dev.leibniz.runtime.Fwd;
class Foo {
  @Differentiable static double g(double x) { return x * x; }
  @Differentiable static double[] pair(double x) { return new double[] {x, x}; }
  @CustomVjp(fwd = "vFwd", bwd = "vBwd") static double v(double x) { return x; }
  static Fwd<Double, Double> vFwd(double x) { return new Fwd<>(x, x); }
  static double vBwd(Double r, double g) { return g; }
  @CustomJvp("hJvp") static double h(double x) { return x; }
  static Dual hJvp(double x, double xDot) { return new Dual(x, FooDerivatives.pairGrad(x)[0] * xDot); } // <-
}
