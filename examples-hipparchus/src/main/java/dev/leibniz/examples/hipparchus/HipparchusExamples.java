package dev.leibniz.examples.hipparchus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer.Optimum;

/**
 * Runs the three Hipparchus examples, each with Leibniz's derivatives and with Hipparchus's own
 * automatic differentiation, prints both, and writes the fitted curve over the data to
 * {@code logistic-fit.png} in the folder given as argument (default: the current folder).
 */
public final class HipparchusExamples {
  /** The pendulum's initial state (angle, angular velocity), parameter and time span. */
  static final double[] Y0 = {1.0, 0.0};
  static final double K = 2.0;
  static final double T_END = 5.0;
  /** Rosenbrock's dimension and starting point. */
  static final double[] ROSENBROCK_START = new double[8];

  private HipparchusExamples() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : ".");
    System.out.println();
    System.out.println("Leibniz's derivatives feeding Hipparchus, beside Hipparchus's own automatic differentiation");
    LogisticFit.Data data = LogisticFit.syntheticData(40, 0.3, 42);
    Optimum leibniz = LogisticFit.fit(data, LogisticFit.leibniz(data.t()));
    Optimum hipparchus = LogisticFit.fit(data, LogisticFit.hipparchusAd(data.t()));
    System.out.println("1. Logistic growth fitted by Levenberg-Marquardt (40 points, noise 0.3), {K, r, t0}");
    System.out.println("   true               " + Arrays.toString(LogisticFit.TRUE_PARAMETERS));
    printFit("Leibniz modelJacobian", leibniz);
    printFit("Hipparchus Gradient  ", hipparchus);
    Path plot = dir.resolve("logistic-fit.png");
    FitPlot.write(plot, data, leibniz.getPoint().toArray());
    System.out.println("   plot: " + plot.toAbsolutePath().normalize());

    System.out.println("2. Damped pendulum, y(" + T_END + ") from y0 = " + Arrays.toString(Y0) + ", k = " + K
        + ": variational equations");
    printSensitivity("Leibniz rhsJacobian    ", PendulumSensitivity.solve(Y0, K, T_END, PendulumSensitivity.LEIBNIZ));
    printSensitivity("Hipparchus Gradient    ",
        PendulumSensitivity.solve(Y0, K, T_END, PendulumSensitivity.HIPPARCHUS_AD));
    printSensitivity("finite differences 1e-5", PendulumSensitivity.finiteDifferences(Y0, K, T_END, 1e-5));

    System.out.println("3. Rosenbrock in " + ROSENBROCK_START.length
        + " dimensions from the origin, nonlinear conjugate gradients (Polak-Ribiere)");
    printMinimum("Leibniz rosenbrockValueAndGrad",
        RosenbrockMinimum.minimize(ROSENBROCK_START, RosenbrockMinimum.LEIBNIZ));
    printMinimum("Hipparchus Gradient           ",
        RosenbrockMinimum.minimize(ROSENBROCK_START, RosenbrockMinimum.HIPPARCHUS_AD));
  }

  private static void printFit(String name, Optimum optimum) {
    System.out.printf("   %s %s  rms %.4f, %d iterations%n", name, format(optimum.getPoint().toArray()),
        optimum.getRMS(), optimum.getIterations());
  }

  private static void printSensitivity(String name, PendulumSensitivity.Solution s) {
    System.out.printf("   %s dy/dy0 %s %s  dy/dk %s%n", name, format(s.dyDy0()[0]), format(s.dyDy0()[1]),
        format(s.dyDk()));
  }

  private static void printMinimum(String name, RosenbrockMinimum.Minimum m) {
    System.out.printf("   %s f = %.3e at %s, %d evaluations%n", name, m.optimum().getValue(),
        format(m.optimum().getPoint()), m.evaluations());
  }

  private static String format(double[] v) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      s.append(i == 0 ? "" : ", ").append(String.format("%.6f", v[i]));
    }
    return s.append(']').toString();
  }
}
