package dev.leibniz.examples.hipparchus;

import java.util.Arrays;
import java.util.function.Function;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.hipparchus.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;

/**
 * Unconstrained minimisation of {@link Rosenbrock} with Hipparchus's
 * {@link NonLinearConjugateGradientOptimizer} (Polak-Ribiere), the value and gradient from
 * Leibniz ({@code rosenbrockValueAndGrad}) or from Hipparchus's {@code Gradient}.
 */
public final class RosenbrockMinimum {
  private RosenbrockMinimum() {}

  /** Leibniz's generated value and gradient. */
  public static final Function<double[], ValueAndGradient> LEIBNIZ = x -> {
    RosenbrockDerivatives.RosenbrockValueAndGrad r = RosenbrockDerivatives.rosenbrockValueAndGrad(x);
    return new ValueAndGradient(r.value(), r.gradient());
  };
  /** Hipparchus's automatic differentiation. */
  public static final Function<double[], ValueAndGradient> HIPPARCHUS_AD = HipparchusAd::rosenbrock;

  /** The minimum found from {@code start}, and the number of evaluations it took. */
  public record Minimum(PointValuePair optimum, int evaluations) {}

  /** Minimises from {@code start}. */
  public static Minimum minimize(double[] start, Function<double[], ValueAndGradient> function) {
    LastPoint last = new LastPoint(function);
    NonLinearConjugateGradientOptimizer optimizer = new NonLinearConjugateGradientOptimizer(
        NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-15, 1e-15),
        1e-12, 1e-14, 1e-3);
    PointValuePair optimum = optimizer.optimize(new MaxEval(1_000_000), GoalType.MINIMIZE,
        new InitialGuess(start), new ObjectiveFunction(x -> last.at(x).value()),
        new ObjectiveFunctionGradient(x -> last.at(x).gradient().clone()));
    return new Minimum(optimum, optimizer.getEvaluations());
  }

  /** Hipparchus asks for the value and the gradient at a point separately: one evaluation serves both. */
  private static final class LastPoint {
    private final Function<double[], ValueAndGradient> function;
    private double[] point;
    private ValueAndGradient result;

    LastPoint(Function<double[], ValueAndGradient> function) {
      this.function = function;
    }

    ValueAndGradient at(double[] x) {
      if (!Arrays.equals(x, point)) {
        point = x.clone();
        result = function.apply(point);
      }
      return result;
    }
  }
}
