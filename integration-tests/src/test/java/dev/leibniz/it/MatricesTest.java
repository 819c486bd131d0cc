package dev.leibniz.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Issue 8 / SPEC §3: two-dimensional arrays in every form, against closed forms and finite differences. */
class MatricesTest {
  private static final double[][] A = {{1, 2}, {3, 4}, {5, 6}};
  private static final double[][] RAGGED = {{0.3, -0.2, 0.9}, {1.1}, {}, {-0.5, 0.25}};

  private static double[][] copy(double[][] m) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i].clone();
    }
    return out;
  }

  @Test
  void closedForms() {
    // d(A x)_i / dA_ij = x_j, d/dx_j = A_ij
    assertArrayEquals(new double[] {1, -1, 0, 0, 0, 0, 1, 2},
        MatricesDerivatives.matVecJacobian(A, new double[] {1, -1})[0], 0);
    // the Gram matrix: d g_01 / d(a_00, a_01, a_10, a_11) = (a_10, a_11, a_00, a_01)
    double[][] j = MatricesDerivatives.gramJacobian(new double[][] {{1, 2}, {3, 4}});
    assertArrayEquals(new double[] {3, 4, 1, 2}, j[1], 0);
    // gradients keep the shape, ragged rows included
    double[][] g = MatricesDerivatives.scaleRowsJacobian(copy(RAGGED), 2);
    assertEquals(6, g.length, "rows: the written matrix's leaves");
    assertEquals(7, g[0].length, "columns: its leaves, then k");
    float[][] f = MatricesDerivatives.diagonalSquaresGrad(new float[][] {{1, 2}, {3, 4}});
    assertEquals("[[2.0, 0.0], [0.0, 8.0]]", Arrays.deepToString(f));
    // useScale = 2 k^2 a00 a10 + 4 k
    MatricesDerivatives.UseScaleGradient u = MatricesDerivatives.useScaleGrad(copy(A), 3);
    assertEquals(4 * 3 * 1 * 3 + 4, u.k(), 1e-12);
    assertEquals("[[54.0, 0.0], [18.0, 0.0], [0.0, 0.0]]", Arrays.deepToString(u.a()));
  }

  @Test
  void everyFormAgreesWithFiniteDifferences() {
    Checker.of(Matrices.class, "matVec").checkAll(new Object[] {copy(A), new double[] {0.5, -1.5}},
        new Object[] {new double[][] {{2}}, new double[] {-1}});
    Checker.of(Matrices.class, "outer").checkAll(new Object[] {new double[] {1, 2}, new double[] {0.5, 0.3}},
        new Object[] {new double[] {0.7}, new double[] {}});
    Checker.of(Matrices.class, "gram").checkAll(new Object[] {new double[][] {{0.3, -0.2}, {1.1, 0.4}, {0.6, -0.5}}});
    Checker.of(Matrices.class, "diagonalSquares").checkAll(new Object[] {new float[][] {{1, 2}, {3, 4}}});
    Checker.of(Matrices.class, "useScale").checkAll(new Object[] {copy(A), 0.7});
    Checker.of(Matrices.class, "rowsInPlace").checkAll(new Object[] {new double[][] {{0.3, -0.2, 0.9}, {1.1}, {-0.5, 0.25}},
        0.8});
  }

  @Test
  void rowWrittenThroughTheMatrixAfterALoopReadsIt() {
    double x = 0.7;
    double r0 = 1.5;
    double r1 = 2;
    // f = s (r1 + x), s = x (r0² + r1²): df/dr0 = 2 x r0 (r1 + x), df/dr1 = 2 x r1 (r1 + x) + s, df/dx = s/x (r1 + 2x)
    double s = x * (r0 * r0 + r1 * r1);
    Checker c = Checker.of(Matrices.class, "rowWrittenThroughTheMatrix");
    assertArrayEquals(new double[] {2 * x * r0 * (r1 + x), 2 * x * r1 * (r1 + x) + s, s / x * (r1 + 2 * x)},
        c.gradient(new double[][] {{r0, r1}}, x), 1e-12);
    c.check(new java.util.Random(5), new double[][] {{r0, r1}}, x);
    FormChecks.assertSameWrites(Matrices.class, "rowWrittenThroughTheMatrix", new double[][] {{r0, r1}}, x);
  }

  @Test
  void writesIntoTheCallersMatrixOnceAndJvpUpdatesItsTangent() {
    double[][] a = copy(RAGGED);
    double[][] aDot = copy(RAGGED);
    MatricesDerivatives.scaleRowsJvp(a, 2, aDot, 1);
    double[][] plain = copy(RAGGED);
    Matrices.scaleRows(plain, 2);
    assertEquals(Arrays.deepToString(plain), Arrays.deepToString(a));
    // tangent of a[i][j] k (i + 1) along (a, k) = (a, 1): a k (i + 1) + a (i + 1)
    for (int i = 0; i < RAGGED.length; i++) {
      for (int j = 0; j < RAGGED[i].length; j++) {
        assertEquals(RAGGED[i][j] * 3 * (i + 1), aDot[i][j], 1e-15);
      }
    }
  }
}
