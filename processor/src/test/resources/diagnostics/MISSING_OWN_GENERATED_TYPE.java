package test;
import dev.leibniz.CustomVjp;
import dev.leibniz.Differentiable;
import dev.leibniz.runtime.Fwd;
class Foo {
  @Differentiable
  static double sq(double x) { return x * x; }
  @CustomVjp(fwd = "fFwd", bwd = "fBwd")
  static double f(double x) { return sq(x); }
  static Fwd<Double, FooDerivatives.SqVjp> fFwd(double x) { // <-
    return new Fwd<>(sq(x), FooDerivatives.sqVjp(x));
  }
  static double fBwd(FooDerivatives.SqVjp residuals, double cotangent) { return residuals.pullback(cotangent); }
}
