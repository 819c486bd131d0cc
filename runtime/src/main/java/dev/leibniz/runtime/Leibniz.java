package dev.leibniz.runtime;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/** What annotated code may call at run time: {@code stopGradient} and {@code differentiable}. */
public final class Leibniz {
  private Leibniz() {}

  /**
   * Derivative code treats the result as a constant (JAX {@code lax.stop_gradient}).
   *
   * @param x the value
   * @return {@code x}
   */
  public static double stopGradient(double x) {
    return x;
  }

  /**
   * Derivative code treats the result as a constant (JAX {@code lax.stop_gradient}).
   *
   * @param x the value
   * @return {@code x}
   */
  public static float stopGradient(float x) {
    return x;
  }

  /**
   * Derivative code treats the result as a constant (JAX {@code lax.stop_gradient}).
   *
   * @param <T> the value's type
   * @param x the value
   * @return {@code x}
   */
  public static <T> T stopGradient(T x) {
    return x;
  }

  /**
   * The derivatives of a function value that reached a rule from differentiated code.
   *
   * @param f a function value passed to a {@code @NonDiff} parameter
   * @return {@code f} itself, as the differentiable function value the processor built
   * @throws IllegalArgumentException when {@code f} was not created in differentiated code
   */
  public static DifferentiableUnaryOperator differentiable(DoubleUnaryOperator f) {
    if (f instanceof DifferentiableUnaryOperator d) {
      return d;
    }
    throw notDifferentiable(f);
  }

  /**
   * The derivatives of a function value that reached a rule from differentiated code.
   *
   * @param f a function value passed to a {@code @NonDiff} parameter
   * @return {@code f} itself, as the differentiable function value the processor built
   * @throws IllegalArgumentException when {@code f} was not created in differentiated code
   */
  public static DifferentiableBinaryOperator differentiable(DoubleBinaryOperator f) {
    if (f instanceof DifferentiableBinaryOperator d) {
      return d;
    }
    throw notDifferentiable(f);
  }

  private static IllegalArgumentException notDifferentiable(Object f) {
    return new IllegalArgumentException(
        "function value " + f + " was not created in differentiated code, so it has no derivatives:"
            + " write the lambda inside a @Differentiable method and ask for a derivative of that"
            + " method, or pass an object implementing DifferentiableUnaryOperator or"
            + " DifferentiableBinaryOperator");
  }
}
