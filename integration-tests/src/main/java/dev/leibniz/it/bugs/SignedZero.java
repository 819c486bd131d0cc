package dev.leibniz.it.bugs;

import dev.leibniz.CustomJvp;
import dev.leibniz.Differentiable;
import dev.leibniz.runtime.Jvp;

/**
 * Processor bug repro: the cotangent of a record component that the caller never uses is a
 * structural zero, yet it is passed through the transposed JVP rule, where {@code -yDot} turns it
 * into {@code -0.0}. JAX keeps it a symbolic zero and returns {@code +0.0} (the seed's
 * {@code pytree_jvp.grad(fun)(pt)} shows it: {@code y=0.}).
 */
public final class SignedZero {
  private SignedZero() {}

  public record Pair(double a, double b) {}

  @CustomJvp("pairJvp")
  public static Pair pair(double x, double y) {
    return new Pair(x, y);
  }

  static Jvp<Pair> pairJvp(double x, double y, double xDot, double yDot) {
    return new Jvp<>(pair(x, y), new Pair(xDot, -yDot));
  }

  /** Uses only {@code a}: {@code b}'s cotangent is a structural zero. */
  @Differentiable
  public static double first(double x, double y) {
    return pair(x, y).a();
  }
}
