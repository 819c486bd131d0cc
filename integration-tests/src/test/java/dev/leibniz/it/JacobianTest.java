package dev.leibniz.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.it.JacobianExamples.Samples;
import org.junit.jupiter.api.Test;

/** Issue 8: {@code mJacobian} (SPEC §5) against closed forms, and through the Checker against the other forms. */
class JacobianTest {

  private static void assertMatrix(double[][] expected, double[][] actual, double tolerance, String what) {
    assertEquals(expected.length, actual.length, what + ": rows");
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], tolerance, what + ": row " + i);
    }
  }

  @Test
  void polarCoordinates() {
    double r = 2;
    double t = 0.5;
    assertMatrix(new double[][] {{Math.cos(t), -r * Math.sin(t)}, {Math.sin(t), r * Math.cos(t)}},
        JacobianExamplesDerivatives.cartesianJacobian(r, t), 1e-15, "cartesian");
  }

  @Test
  void tallByColumnsAndWideByRows() {
    // powers: out[i] = b a^i; d/da = i b a^(i-1), d/db = a^i
    double[][] j = JacobianExamplesDerivatives.powersJacobian(1.5, 2, 6);
    for (int i = 0; i < 6; i++) {
      assertArrayEquals(new double[] {i == 0 ? 0 : i * 2 * Math.pow(1.5, i - 1), Math.pow(1.5, i)}, j[i], 1e-12,
          "powers row " + i);
    }
    assertEquals(0, JacobianExamplesDerivatives.powersJacobian(1.5, 2, 0).length, "no rows");
    // moments: m1 = sum (v - s), m2 = sum (v - s)^2
    double[] x = {0.5, -1, 2, 3};
    double s = 0.25;
    double[][] m = JacobianExamplesDerivatives.momentsJacobian(x, s);
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      assertEquals(1, m[0][i], 0);
      assertEquals(2 * (x[i] - s), m[1][i], 1e-15);
      sum += x[i] - s;
    }
    assertEquals(-x.length, m[0][x.length], 0);
    assertEquals(-2 * sum, m[1][x.length], 1e-14);
  }

  @Test
  void recordsFlattenComponentByComponent() {
    // rows: values (3), scale (1); columns: s.values (3), s.scale, k
    double[] v = {0.1, -0.2, 0.3};
    double scale = 1.5;
    double k = 0.7;
    double[][] j = JacobianExamplesDerivatives.scaledJacobian(new Samples(v, scale, 4), k);
    assertEquals(4, j.length);
    for (int i = 0; i < 3; i++) {
      double e = Math.exp(k * v[i]);
      double[] row = new double[5];
      row[i] = k * e * scale;
      row[3] = e;
      row[4] = v[i] * e * scale;
      assertArrayEquals(row, j[i], 1e-14, "values row " + i);
    }
    assertArrayEquals(new double[] {0, 0, 0, k, scale}, j[3], 1e-15, "scale row");
  }

  @Test
  void writesHappenOnceAndColumnsAreTheContentsOnEntry() {
    double[] state = {0.3, 0.2, -0.4};
    double[] plain = state.clone();
    JacobianExamples.sweep(plain, 0.1);
    double[][] j = JacobianExamplesDerivatives.sweepJacobian(state, 0.1);
    assertArrayEquals(plain, state, 0, "the caller's array after mJacobian");
    Checker.of(JacobianExamples.class, "sweep").checkAll(new Object[] {new double[] {0.3, 0.2, -0.4}, 0.1});
    // row 2 is state[1] = s1 + h sin(s0): d/ds0 = h cos(s0), d/ds1 = 1, d/dh = sin(s0)
    assertArrayEquals(new double[] {0.1 * Math.cos(0.3), 1, 0, Math.sin(0.3)}, j[2], 1e-15, "row 2");
  }

  @Test
  void customRulesAndFloats() {
    assertMatrix(new double[][] {{4}, {12}, {0}}, JacobianExamplesDerivatives.squaresJacobian(2), 0, "custom vjp");
    assertMatrix(new double[][] {{2, 0}, {0, 2}}, JacobianExamplesDerivatives.doubledJacobian(new double[] {1, 5}), 0,
        "custom jvp");
    double[][] f = JacobianExamplesDerivatives.floatsJacobian(0.5f, new float[] {1, 2});
    assertArrayEquals(new double[] {(float) Math.cos(0.5f), (float) (0.5f * Math.cos(0.5f)), 0}, f[0], 1e-6);
  }

  @Test
  void everyFormAgrees() {
    Object[][] points = {{0.8, 1.3}, {2.0, -0.4}};
    Checker.of(JacobianExamples.class, "cartesian").checkAll(points);
    Checker.of(JacobianExamples.class, "powers").checkAll(new Object[] {1.1, -0.5, 5}, new Object[] {0.9, 2.0, 1});
    Checker.of(JacobianExamples.class, "moments").checkAll(new Object[] {new double[] {1, 2, 3}, 0.5},
        new Object[] {new double[] {}, 0.5});
    Checker.of(JacobianExamples.class, "scaled").checkAll(new Object[] {new Samples(new double[] {0.4, 0.1}, 2, 1), 0.3});
    Checker.of(JacobianExamples.class, "floats").checkAll(new Object[] {0.5f, new float[] {1, -2, 0.5f}});
    Checker.of(JacobianExamples.class, "squares").checkAll(new Object[] {1.5});
    Checker.of(JacobianExamples.class, "doubled").checkAll(new Object[] {new double[] {1, -2}});
  }
}
