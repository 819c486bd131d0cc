package dev.leibniz.examples.hipparchus;

import java.util.Arrays;
import java.util.List;
import org.hipparchus.ode.ExpandableODE;
import org.hipparchus.ode.ODEIntegrator;
import org.hipparchus.ode.ODEJacobiansProvider;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.VariationalEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/**
 * The sensitivity of {@link Pendulum}'s solution to its initial state and to {@code k}, by
 * Hipparchus's variational equations: Hipparchus integrates {@code dy/dy0} and {@code dy/dk}
 * beside {@code y}, and asks the {@link ODEJacobiansProvider} for the right-hand side's Jacobians
 * along the way, here from Leibniz ({@code rhsJacobian}) or from Hipparchus's {@code Gradient}.
 */
public final class PendulumSensitivity {
  /** The name Hipparchus knows the parameter {@code k} by. */
  public static final String K = "k";

  private PendulumSensitivity() {}

  /** The Jacobian of {@code Pendulum.rhs} at {@code (t, y, k)}: columns {@code y[0], y[1], k}. */
  @FunctionalInterface
  public interface RhsJacobian {
    double[][] at(double t, double[] y, double k);
  }

  /** Leibniz's generated Jacobian. */
  public static final RhsJacobian LEIBNIZ = PendulumDerivatives::rhsJacobian;
  /** Hipparchus's automatic differentiation. */
  public static final RhsJacobian HIPPARCHUS_AD = (t, y, k) -> HipparchusAd.pendulumJacobian(y, k);

  /** The state at the end and its derivatives with respect to the initial state and to {@code k}. */
  public record Solution(double[] y, double[][] dyDy0, double[] dyDk) {}

  /** Integrates from {@code y0} at time 0 to {@code tEnd} with the variational equations. */
  public static Solution solve(double[] y0, double k, double tEnd, RhsJacobian jacobian) {
    ODEJacobiansProvider equations = new Equations(k, jacobian);
    ExpandableODE expandable = new ExpandableODE(equations);
    VariationalEquation variational = new VariationalEquation(expandable, equations);
    ODEState initial = variational.setUpInitialState(new ODEState(0, y0));
    ODEStateAndDerivative end = integrator().integrate(expandable, initial, tEnd);
    return new Solution(end.getPrimaryState(), variational.extractMainSetJacobian(end),
        variational.extractParameterJacobian(end, K));
  }

  /** The same derivatives by central finite differences of step {@code h}, without variational equations. */
  public static Solution finiteDifferences(double[] y0, double k, double tEnd, double h) {
    double[][] dyDy0 = new double[2][2];
    for (int j = 0; j < 2; j++) {
      double[] up = y0.clone();
      double[] down = y0.clone();
      up[j] += h;
      down[j] -= h;
      double[] d = centralDifference(solve(up, k, tEnd), solve(down, k, tEnd), h);
      dyDy0[0][j] = d[0];
      dyDy0[1][j] = d[1];
    }
    double[] dyDk = centralDifference(solve(y0, k + h, tEnd), solve(y0, k - h, tEnd), h);
    return new Solution(solve(y0, k, tEnd), dyDy0, dyDk);
  }

  private static double[] centralDifference(double[] up, double[] down, double h) {
    return new double[] {(up[0] - down[0]) / (2 * h), (up[1] - down[1]) / (2 * h)};
  }

  /** The state at {@code tEnd} alone. */
  private static double[] solve(double[] y0, double k, double tEnd) {
    return integrator().integrate(new Equations(k, LEIBNIZ), new ODEState(0, y0), tEnd).getPrimaryState();
  }

  private static ODEIntegrator integrator() {
    return new DormandPrince853Integrator(1e-10, 1, 1e-13, 1e-13);
  }

  /** The pendulum for Hipparchus: its right-hand side, and the Jacobians of it. */
  private static final class Equations implements ODEJacobiansProvider {
    private final double k;
    private final RhsJacobian jacobian;

    Equations(double k, RhsJacobian jacobian) {
      this.k = k;
      this.jacobian = jacobian;
    }

    @Override
    public int getDimension() {
      return 2;
    }

    @Override
    public double[] computeDerivatives(double t, double[] y) {
      return Pendulum.rhs(t, y, k);
    }

    @Override
    public double[][] computeMainStateJacobian(double t, double[] y, double[] yDot) {
      double[][] j = jacobian.at(t, y, k);
      return new double[][] {Arrays.copyOf(j[0], 2), Arrays.copyOf(j[1], 2)};
    }

    @Override
    public List<String> getParametersNames() {
      return List.of(K);
    }

    @Override
    public boolean isSupported(String name) {
      return K.equals(name);
    }

    @Override
    public double[] computeParameterJacobian(double t, double[] y, double[] yDot, String name) {
      double[][] j = jacobian.at(t, y, k);
      return new double[] {j[0][2], j[1][2]};
    }
  }
}
