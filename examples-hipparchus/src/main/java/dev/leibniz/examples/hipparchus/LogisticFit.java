package dev.leibniz.examples.hipparchus;

import java.util.Random;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer.Optimum;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.hipparchus.util.Pair;

/**
 * Nonlinear least squares: {@link Logistic#model} fitted to noisy data with Hipparchus's
 * {@link LevenbergMarquardtOptimizer}, the model's Jacobian from Leibniz ({@code modelJacobian}) or
 * from Hipparchus's {@code Gradient}.
 */
public final class LogisticFit {
  /** The parameters {@code {K, r, t0}} the synthetic data are drawn from. */
  public static final double[] TRUE_PARAMETERS = {10, 1.2, 4};
  /** Where both fits start. */
  public static final double[] START = {5, 0.5, 6};

  private LogisticFit() {}

  /** Observations {@code y[i]} at times {@code t[i]}. */
  public record Data(double[] t, double[] y) {}

  /** {@code n} equally spaced times in [0, 10], the true curve plus Gaussian noise of deviation {@code sigma}. */
  public static Data syntheticData(int n, double sigma, long seed) {
    Random random = new Random(seed);
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = 10.0 * i / (n - 1);
    }
    double[] y = Logistic.model(TRUE_PARAMETERS, t);
    for (int i = 0; i < n; i++) {
      y[i] += sigma * random.nextGaussian();
    }
    return new Data(t, y);
  }

  /** The model at the data's times, its Jacobian from Leibniz. */
  public static MultivariateJacobianFunction leibniz(double[] t) {
    return point -> {
      double[] p = point.toArray();
      return valuesAndJacobian(Logistic.model(p, t), LogisticDerivatives.modelJacobian(p, t));
    };
  }

  /** The model at the data's times, values and Jacobian from Hipparchus's {@code Gradient}. */
  public static MultivariateJacobianFunction hipparchusAd(double[] t) {
    return point -> {
      HipparchusAd.ValuesAndJacobian model = HipparchusAd.logistic(point.toArray(), t);
      return valuesAndJacobian(model.values(), model.jacobian());
    };
  }

  /** Fits the model to the data by Levenberg-Marquardt from {@link #START}. */
  public static Optimum fit(Data data, MultivariateJacobianFunction model) {
    return new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
        .model(model)
        .target(data.y())
        .start(START)
        .maxEvaluations(1000)
        .maxIterations(1000)
        .build());
  }

  private static Pair<org.hipparchus.linear.RealVector, org.hipparchus.linear.RealMatrix> valuesAndJacobian(
      double[] values, double[][] jacobian) {
    return new Pair<>(new ArrayRealVector(values, false), new Array2DRowRealMatrix(jacobian, false));
  }
}
