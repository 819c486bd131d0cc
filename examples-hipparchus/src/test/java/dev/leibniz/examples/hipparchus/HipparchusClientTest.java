package dev.leibniz.examples.hipparchus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer.Optimum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leibniz's derivatives fed to Hipparchus: each against Hipparchus's own automatic differentiation
 * and a closed form, and what Hipparchus computes from them against the truth or finite differences.
 */
class HipparchusClientTest {
  private static final Random RANDOM = new Random(7);

  private static void assertClose(double expected, double actual, double relative, String what) {
    assertEquals(expected, actual, relative * Math.max(1, Math.abs(expected)), what);
  }

  private static void assertClose(double[] expected, double[] actual, double relative, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      assertClose(expected[i], actual[i], relative, what + "[" + i + "]");
    }
  }

  private static void assertClose(double[][] expected, double[][] actual, double relative, String what) {
    assertEquals(expected.length, actual.length, what + ": rows");
    for (int i = 0; i < expected.length; i++) {
      assertClose(expected[i], actual[i], relative, what + " row " + i);
    }
  }

  private static double uniform(double low, double high) {
    return low + (high - low) * RANDOM.nextDouble();
  }

  @Test
  void logisticJacobianEqualsHipparchusAdAndTheClosedForm() {
    double[] t = LogisticFit.syntheticData(25, 0, 1).t();
    for (int trial = 0; trial < 20; trial++) {
      double[] p = {uniform(1, 20), uniform(0.1, 3), uniform(0, 10)};
      double[][] leibniz = LogisticDerivatives.modelJacobian(p, t);
      HipparchusAd.ValuesAndJacobian ad = HipparchusAd.logistic(p, t);
      assertClose(ad.values(), Logistic.model(p, t), 1e-15, "values at " + Arrays.toString(p));
      assertClose(ad.jacobian(), leibniz, 1e-14, "Jacobian at " + Arrays.toString(p));
      for (int i = 0; i < t.length; i++) {
        // y = K / (1 + e), e = exp(-r (t - t0)): dK = 1 / (1 + e), dr = K e (t - t0) / (1 + e)^2, dt0 = -K e r / (1 + e)^2
        double e = Math.exp(-p[1] * (t[i] - p[2]));
        double q = (1 + e) * (1 + e);
        assertClose(new double[] {1 / (1 + e), p[0] * e * (t[i] - p[2]) / q, -p[0] * e * p[1] / q}, leibniz[i], 1e-13,
            "closed form, row " + i);
      }
    }
  }

  @Test
  void levenbergMarquardtRecoversTheTrueParametersWithEitherJacobian() {
    LogisticFit.Data data = LogisticFit.syntheticData(40, 0.3, 42);
    Optimum leibniz = LogisticFit.fit(data, LogisticFit.leibniz(data.t()));
    Optimum ad = LogisticFit.fit(data, LogisticFit.hipparchusAd(data.t()));
    double[] fitted = leibniz.getPoint().toArray();
    double[] sigma = leibniz.getSigma(1e-12).toArray();
    for (int i = 0; i < 3; i++) {
      double error = Math.abs(fitted[i] - LogisticFit.TRUE_PARAMETERS[i]);
      assertTrue(error < 3 * sigma[i] && error < 0.06 * LogisticFit.TRUE_PARAMETERS[i],
          "parameter " + i + ": " + fitted[i] + " +- " + sigma[i]);
    }
    // the noise's deviation is 0.3: a right fit leaves residuals of about that size
    assertEquals(0.3, leibniz.getRMS(), 0.05);
    assertClose(ad.getPoint().toArray(), fitted, 1e-12, "Leibniz fit = Hipparchus AD fit");
    assertEquals(ad.getIterations(), leibniz.getIterations());
  }

  @Test
  void pendulumJacobianEqualsHipparchusAdAndTheClosedForm() {
    for (int trial = 0; trial < 20; trial++) {
      double[] y = {uniform(-3, 3), uniform(-2, 2)};
      double k = uniform(0.5, 5);
      double[][] leibniz = PendulumDerivatives.rhsJacobian(0.7, y, k);
      assertClose(HipparchusAd.pendulumJacobian(y, k), leibniz, 1e-15, "Jacobian");
      assertClose(new double[][] {{0, 1, 0}, {-k * Math.cos(y[0]), -Pendulum.DAMPING, -Math.sin(y[0])}}, leibniz,
          1e-15, "closed form");
    }
  }

  @Test
  void variationalEquationsMatchFiniteDifferencesAndHipparchusAd() {
    double[] y0 = HipparchusExamples.Y0;
    double k = HipparchusExamples.K;
    double tEnd = HipparchusExamples.T_END;
    PendulumSensitivity.Solution leibniz = PendulumSensitivity.solve(y0, k, tEnd, PendulumSensitivity.LEIBNIZ);
    PendulumSensitivity.Solution ad = PendulumSensitivity.solve(y0, k, tEnd, PendulumSensitivity.HIPPARCHUS_AD);
    PendulumSensitivity.Solution fd = PendulumSensitivity.finiteDifferences(y0, k, tEnd, 1e-5);
    // central differences of a solution integrated to 1e-13: error about 1e-13 / 1e-5 + h^2
    assertClose(fd.y(), leibniz.y(), 1e-11, "state");
    assertClose(fd.dyDy0(), leibniz.dyDy0(), 1e-7, "dy/dy0 vs finite differences");
    assertClose(fd.dyDk(), leibniz.dyDk(), 1e-7, "dy/dk vs finite differences");
    assertClose(ad.dyDy0(), leibniz.dyDy0(), 1e-13, "dy/dy0 vs Hipparchus AD");
    assertClose(ad.dyDk(), leibniz.dyDk(), 1e-13, "dy/dk vs Hipparchus AD");
    // the sensitivities are not trivially small: a wrong Jacobian would show
    assertTrue(Math.abs(leibniz.dyDk()[1]) > 0.5 && Math.abs(leibniz.dyDy0()[0][0]) > 0.1);
  }

  @Test
  void rosenbrockValueAndGradientEqualHipparchusAd() {
    for (int trial = 0; trial < 20; trial++) {
      double[] x = new double[2 + trial % 9];
      for (int i = 0; i < x.length; i++) {
        x[i] = uniform(-2, 2);
      }
      ValueAndGradient leibniz = RosenbrockMinimum.LEIBNIZ.apply(x);
      ValueAndGradient ad = RosenbrockMinimum.HIPPARCHUS_AD.apply(x);
      assertClose(ad.value(), leibniz.value(), 1e-15, "value at " + Arrays.toString(x));
      assertClose(ad.gradient(), leibniz.gradient(), 1e-14, "gradient at " + Arrays.toString(x));
      // closed form of one component: df/dx0 = -400 x0 (x1 - x0^2) - 2 (1 - x0)
      assertClose(-400 * x[0] * (x[1] - x[0] * x[0]) - 2 * (1 - x[0]), leibniz.gradient()[0], 1e-14, "df/dx0");
    }
  }

  @Test
  void conjugateGradientsFindTheMinimumWithEitherGradient() {
    double[] ones = new double[HipparchusExamples.ROSENBROCK_START.length];
    Arrays.fill(ones, 1);
    RosenbrockMinimum.Minimum leibniz =
        RosenbrockMinimum.minimize(HipparchusExamples.ROSENBROCK_START, RosenbrockMinimum.LEIBNIZ);
    RosenbrockMinimum.Minimum ad =
        RosenbrockMinimum.minimize(HipparchusExamples.ROSENBROCK_START, RosenbrockMinimum.HIPPARCHUS_AD);
    for (RosenbrockMinimum.Minimum m : new RosenbrockMinimum.Minimum[] {leibniz, ad}) {
      assertClose(ones, m.optimum().getPoint(), 1e-6, "minimum");
      assertTrue(m.optimum().getValue() < 1e-14, "value at the minimum " + m.optimum().getValue());
    }
  }

  @Test
  void theProgramPrintsAndPlots(@TempDir Path dir) throws IOException {
    HipparchusExamples.main(new String[] {dir.toString()});
    byte[] png = Files.readAllBytes(dir.resolve("logistic-fit.png"));
    assertTrue(png.length > 10_000, "a plot, not an empty image: " + png.length + " bytes");
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
  }
}
