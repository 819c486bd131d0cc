package dev.leibniz.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Issue 8 / SPEC §5a: {@code void} methods, in every form, against closed forms and finite differences. */
class VoidMethodsTest {

  @Test
  void rhsJvpUpdatesTheWrittenTangentsInPlace() {
    double[] y = {1, 2};
    double[] d = {7, 7};
    double[] yDot = {0.5, 1};
    double[] dDot = {9, 9};
    VoidMethodsDerivatives.rhsJvp(2, y, d, 1, yDot, dDot);
    assertArrayEquals(new double[] {2, -2.2}, d, 1e-15, "the plain call's writes");
    // dydt0' = y1', dydt1' = -k' y0 - k y0' - 0.1 y1'
    assertArrayEquals(new double[] {1, -1 - 2 * 0.5 - 0.1}, dDot, 1e-15, "tangent of dydt's final contents");
    assertArrayEquals(new double[] {0.5, 1}, yDot, 0, "tangent of an array not written: unchanged");
    assertArrayEquals(new double[] {1, 2}, y, 0);
  }

  /**
   * One array given by plain Java code to {@code y} and {@code dydt}: the derivatives would take it
   * for two, so each form throws before writing anything (an adversarial helper found them wrong).
   */
  @Test
  void oneArrayForAWrittenParameterAndAnotherIsRefusedAtRunTime() {
    double[] y = {1, 2};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> VoidMethodsDerivatives.rhsVjp(2, y, y));
    assertEquals("rhs: dydt and y are the same array, and rhs writes into dydt: its derivatives would take them for"
        + " two arrays; pass a copy (.clone())", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> VoidMethodsDerivatives.rhsJvp(2, y, y, 1, new double[2], new double[2]));
    assertThrows(IllegalArgumentException.class, () -> VoidMethodsDerivatives.rhsJacobian(2, y, y));
    assertArrayEquals(new double[] {1, 2}, y, 0, "nothing written");
  }

  /**
   * One array given to mJvp as a written array and its own tangent, as one tangent for two
   * parameters, or to an in-place pullback for two cotangents: the form overwrote an array it still
   * read (rhsJvp(k, y, d, kDot, yDot, yDot) gave a wrong tangent silently). It throws first.
   */
  @Test
  void oneArrayForTangentsOrCotangentsIsRefusedAtRunTime() {
    double[] y = {1, 2};
    double[] d = new double[2];
    double[] shared = {1, 0};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> VoidMethodsDerivatives.rhsJvp(0.5, y, d, 0, shared, shared));
    assertEquals("rhs: yDot and dydtDot are the same array, and rhs writes into dydtDot: its derivatives would take them"
        + " for two arrays; pass a copy (.clone())", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> VoidMethodsDerivatives.rhsJvp(0.5, y, d, 0, new double[2], d));
    assertThrows(IllegalArgumentException.class, () -> VoidMethodsDerivatives.smoothJvp(y, 0.5, y, 0));
    assertArrayEquals(new double[] {0, 0}, d, 0, "nothing written");
    // one array for both cotangents of exchange's pullback: it gave a = b = (0, 3), right a = (0, 3), b = (10, 1)
    VoidMethodsDerivatives.ExchangeVjp vjp = VoidMethodsDerivatives.exchangeVjp(new double[] {1, 2}, new double[] {3, 4});
    double[] bar = {1, 10};
    assertThrows(IllegalArgumentException.class, () -> vjp.pullback(bar, bar));
    VoidMethodsDerivatives.ExchangeGradient g = vjp.pullback(new double[] {1, 10}, new double[] {1, 10});
    assertArrayEquals(new double[] {0, 3}, g.a(), 0, "a's cotangent on entry");
    assertArrayEquals(new double[] {10, 1}, g.b(), 0, "b's cotangent on entry");
    // distinct arrays, as before: d(dydt)/dk along kDot = 1 is (0, -y0)
    double[] dydtDot = new double[2];
    VoidMethodsDerivatives.rhsJvp(0.5, y.clone(), new double[2], 1, new double[2], dydtDot);
    assertArrayEquals(new double[] {0, -1}, dydtDot, 0, "tangent along k");
  }

  /**
   * A written array reached twice through a matrix's rows or a record's arrays: each form throws
   * before writing anything (an adversarial helper found the reverse forms wrong).
   */
  @Test
  void oneArrayAsARowOrARecordsArrayIsRefusedAtRunTime() {
    double[][] a = {{3, 0}, {5, 0}};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> VoidMethodsDerivatives.rowFromMatrixJacobian(a, a[1]));
    assertEquals("rowFromMatrix: m[1] and r are the same array, and rowFromMatrix writes into r: its derivatives would"
        + " take them for two arrays; pass a copy (.clone())", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> VoidMethodsDerivatives.rowFromMatrixVjp(a, a[0]));
    assertThrows(IllegalArgumentException.class,
        () -> VoidMethodsDerivatives.rowFromMatrixJvp(a, a[1], new double[][] {{1, 0}, {0, 0}}, new double[2]));
    assertArrayEquals(new double[] {5, 0}, a[1], 0, "nothing written");

    double[] r = {3};
    double[][] m = {r, r};
    e = assertThrows(IllegalArgumentException.class, () -> VoidMethodsDerivatives.squareEntriesJacobian(m));
    assertEquals("squareEntries: m[0] and m[1] are the same array, and squareEntries writes into m: its derivatives"
        + " would take them for two arrays; pass a copy (.clone())", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> VoidMethodsDerivatives.squareEntriesVjp(m));
    assertArrayEquals(new double[] {3}, r, 0, "nothing written");
    // many rows, one shared far apart (the check's map, past its pairwise size)
    double[][] big = new double[40][];
    for (int i = 0; i < big.length; i++) {
      big[i] = new double[] {i};
    }
    big[37] = big[2];
    e = assertThrows(IllegalArgumentException.class, () -> VoidMethodsDerivatives.squareEntriesJacobian(big));
    assertEquals("squareEntries: m[2] and m[37] are the same array", e.getMessage().split(", and")[0]);
    assertEquals(2, big[2][0], 0, "nothing written");

    double[] w = {3, 2};
    e = assertThrows(IllegalArgumentException.class,
        () -> VoidMethodsDerivatives.scaleByPairGrad(new VoidMethods.Pair(w, w.clone()), w));
    assertEquals("scaleByPair: z and p.a() are the same array, and scaleByPair writes into z: its derivatives would"
        + " take them for two arrays; pass a copy (.clone())", e.getMessage());
    assertArrayEquals(new double[] {3, 2}, w, 0, "nothing written");
  }

  /** Distinct rows and arrays: no exception, and the derivatives of the plain call. */
  @Test
  void distinctRowsAndRecordArraysAreDifferentiated() {
    double[][] jac = VoidMethodsDerivatives.squareEntriesJacobian(new double[][] {{3}, {5}});
    // rows: m00, m10 finals; columns m00, m10 on entry: diag(2*3, 2*5)
    assertArrayEquals(new double[] {6, 0}, jac[0], 0);
    assertArrayEquals(new double[] {0, 10}, jac[1], 0);
    double[] z = {2};
    var g = VoidMethodsDerivatives.scaleByPairGrad(new VoidMethods.Pair(new double[] {3}, new double[] {7}), z);
    // z0 * a0 + b0: d/dz0 = a0 = 3, d/da0 = z0 = 2, d/db0 = 1
    assertArrayEquals(new double[] {3}, g.z(), 0);
    assertArrayEquals(new double[] {2}, g.p().a(), 0);
    assertArrayEquals(new double[] {1}, g.p().b(), 0);
  }

  @Test
  void rhsJacobianRowsAreTheWrittenArrayColumnsTheContentsOnEntry() {
    double[] y = {1, 2};
    double[] d = {7, 7};
    double[][] j = VoidMethodsDerivatives.rhsJacobian(2, y, d);
    // columns: k, y0, y1, dydt0, dydt1 (overwritten: zero columns)
    assertArrayEquals(new double[] {0, 0, 1, 0, 0}, j[0], 0);
    assertArrayEquals(new double[] {-1, -2, -0.1, 0, 0}, j[1], 1e-15);
    assertEquals(2, j.length);
    assertArrayEquals(new double[] {2, -2.2}, d, 1e-15, "written once");
  }

  @Test
  void polarJacobianByColumnsAndRows() {
    double r = 2;
    double t = 0.3;
    double[] xy = new double[2];
    double[] scaled = {5};
    double[][] j = VoidMethodsDerivatives.polarJacobian(r, t, xy, scaled);
    double c = Math.cos(t);
    double s = Math.sin(t);
    // rows: xy0, xy1, scaled0; columns: r, theta, xy (2), scaled (1)
    assertArrayEquals(new double[] {c, -r * s, 0, 0, 0}, j[0], 1e-15);
    assertArrayEquals(new double[] {s, r * c, 0, 0, 0}, j[1], 1e-15);
    // scaled = 3 r^2 c s
    assertArrayEquals(new double[] {6 * r * c * s, 3 * r * r * (c * c - s * s), 0, 0, 0}, j[2], 1e-14);
    assertArrayEquals(new double[] {r * c, r * s}, xy, 1e-15);
    assertArrayEquals(new double[] {3 * r * r * c * s}, scaled, 1e-14);
  }

  @Test
  void eulerThroughTheVoidRhsAgainstFiniteDifferences() {
    double[] y0 = {1, 0};
    double k = 2;
    VoidMethodsDerivatives.FinalPositionGradient g = VoidMethodsDerivatives.finalPositionGrad(k, y0, 100, 0.01);
    double e = 1e-6;
    double dk = (VoidMethods.finalPosition(k + e, y0, 100, 0.01) - VoidMethods.finalPosition(k - e, y0, 100, 0.01))
        / (2 * e);
    assertEquals(dk, g.k(), 1e-8);
    for (int i = 0; i < 2; i++) {
      double[] p = y0.clone();
      double[] m = y0.clone();
      p[i] += e;
      m[i] -= e;
      double fd = (VoidMethods.finalPosition(k, p, 100, 0.01) - VoidMethods.finalPosition(k, m, 100, 0.01)) / (2 * e);
      assertEquals(fd, g.y0()[i], 1e-8, "d/dy0[" + i + "]");
    }
    assertArrayEquals(new double[] {1, 0}, y0, 0, "y0 unchanged");
    Checker.of(VoidMethods.class, "finalPosition").checkAll(new Object[] {2.0, new double[] {1, 0}, 30, 0.05},
        new Object[] {0.5, new double[] {-0.3, 0.8}, 0, 0.1});
  }

  @Test
  void callersOfVoidMethodsInEveryFormIncludingSecondOrder() {
    Checker.of(VoidMethods.class, "smoothTwice").checkAll(new Object[] {new double[] {0.3, -0.2, 0.9, 1.4}, 0.4},
        new Object[] {new double[] {0.5}, 0.7}, new Object[] {new double[] {}, 0.7});
    // the Hessian against finite differences of the gradient
    double[] x = {0.3, -0.2, 0.9};
    double a = 0.4;
    double[][] h = VoidMethodsDerivatives.smoothTwiceHessian(x, a);
    double e = 1e-5;
    for (int j = 0; j < 4; j++) {
      double[] xp = x.clone();
      double[] xm = x.clone();
      double ap = a;
      double am = a;
      if (j < 3) {
        xp[j] += e;
        xm[j] -= e;
      } else {
        ap += e;
        am -= e;
      }
      VoidMethodsDerivatives.SmoothTwiceGradient gp = VoidMethodsDerivatives.smoothTwiceGrad(xp, ap);
      VoidMethodsDerivatives.SmoothTwiceGradient gm = VoidMethodsDerivatives.smoothTwiceGrad(xm, am);
      for (int i = 0; i < 4; i++) {
        double fd = ((i < 3 ? gp.x()[i] : gp.a()) - (i < 3 ? gm.x()[i] : gm.a())) / (2 * e);
        assertEquals(fd, h[i][j], 1e-6, "H[" + i + "][" + j + "]");
      }
    }
  }

  @Test
  void voidMethodJacobianAgreesWithFiniteDifferencesOnRandomPoints() {
    Random random = new Random(7);
    for (int trial = 0; trial < 20; trial++) {
      int n = random.nextInt(5);
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = random.nextDouble() * 2 - 1;
      }
      double a = random.nextDouble();
      double[] written = x.clone();
      double[][] j = VoidMethodsDerivatives.smoothJacobian(written, a);
      double[] plain = x.clone();
      VoidMethods.smooth(plain, a);
      assertArrayEquals(plain, written, 0, "mJacobian writes what the call writes");
      assertEquals(n, j.length);
      double e = 1e-6;
      for (int c = 0; c <= n; c++) {
        double[] xp = x.clone();
        double[] xm = x.clone();
        double ap = a;
        double am = a;
        if (c < n) {
          xp[c] += e;
          xm[c] -= e;
        } else {
          ap += e;
          am -= e;
        }
        VoidMethods.smooth(xp, ap);
        VoidMethods.smooth(xm, am);
        for (int r = 0; r < n; r++) {
          assertEquals((xp[r] - xm[r]) / (2 * e), j[r][c], 1e-8, "J[" + r + "][" + c + "]");
        }
      }
    }
  }
}
