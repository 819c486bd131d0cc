package dev.leibniz.examples.seed;

import dev.leibniz.CustomJvp;
import dev.leibniz.CustomVjp;
import dev.leibniz.NonDiff;
import dev.leibniz.runtime.Dual;
import dev.leibniz.runtime.Fwd;
import java.util.function.DoubleUnaryOperator;

/**
 * Non-differentiable arguments, JAX's {@code nondiff_argnums} (cells [70]-[78]). A JVP rule takes
 * the method's parameters in the method's order; a VJP backward rule takes the {@code @NonDiff}
 * ones first, as in JAX.
 */
public final class NonDiffArgs {
  private NonDiffArgs() {}

  @CustomJvp("appJvp")
  public static double app(@NonDiff DoubleUnaryOperator f, double x) {
    return f.applyAsDouble(x);
  }

  static Dual appJvp(DoubleUnaryOperator f, double x, double xDot) {
    return new Dual(f.applyAsDouble(x), 2. * xDot);
  }

  @CustomJvp("app2Jvp")
  public static double app2(@NonDiff DoubleUnaryOperator f, double x, @NonDiff DoubleUnaryOperator g) {
    return f.applyAsDouble(g.applyAsDouble(x));
  }

  static Dual app2Jvp(DoubleUnaryOperator f, double x, DoubleUnaryOperator g, double xDot) {
    return new Dual(f.applyAsDouble(g.applyAsDouble(x)), 3. * xDot);
  }

  @CustomVjp(fwd = "appVjpFwd", bwd = "appVjpBwd")
  public static double appVjp(@NonDiff DoubleUnaryOperator f, double x) {
    return f.applyAsDouble(x);
  }

  static Fwd<Double, Double> appVjpFwd(DoubleUnaryOperator f, double x) {
    return new Fwd<>(f.applyAsDouble(x), x);
  }

  static double appVjpBwd(DoubleUnaryOperator f, Double x, double g) {
    return 5 * g;
  }
}
