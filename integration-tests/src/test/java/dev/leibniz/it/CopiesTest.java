package dev.leibniz.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 8: array copies in every form, against closed forms, finite differences and the plain call. */
class CopiesTest {
  private static final double[] V = {0.3, -1.2, 0.8, 2.0, -0.4};

  private static Object[] args(Object... args) {
    return args;
  }

  @Test
  void everyFormAgreesWithFiniteDifferences() {
    Checker.of(Copies.class, "cloned").checkAll(args(V, 0.7), args(new double[] {1.5, -0.5}, -2.0));
    Checker.of(Copies.class, "resized").checkAll(args(V, 3), args(V, 5), args(V, 8), args(V, 0));
    Checker.of(Copies.class, "window").checkAll(args(V, 1, 4, 0.5), args(V, 3, 8, 2.0), args(V, 5, 7, 1.5),
        args(V, 2, 2, 1.0));
    Checker.of(Copies.class, "shifted").checkAll(args(V, 0.9), args(new double[] {1, 2}, -0.3));
    Checker.of(Copies.class, "intoParameter").checkAll(args(new double[] {1, 2, 3}, new double[] {4, 5, 6, 7}, 0.5));
    Checker.of(Copies.class, "filled").checkAll(args(V, 0.6), args(new double[] {1, 2, 3}, -1.1));
    Checker.of(Copies.class, "floats").checkAll(args(new float[] {0.5f, -1.25f, 0.75f}, 0.5f));
    Checker.of(Copies.class, "copyEachStep").checkAll(args(V, 0.1, 7), args(new double[] {0.2, 0.4}, 0.3, 3));
  }

  @Test
  void closedForms() {
    for (int n : new int[] {0, 3, 5, 8}) {
      double[] expected = new double[V.length];
      for (int i = 0; i < Math.min(n, V.length); i++) {
        expected[i] = 2 * (i + 1) * V[i];
      }
      assertArrayEquals(expected, CopiesDerivatives.resizedGrad(V, n), 1e-15, "resized to " + n);
      double[][] hessian = CopiesDerivatives.resizedHessian(V, n);
      for (int i = 0; i < V.length; i++) {
        for (int j = 0; j < V.length; j++) {
          assertEquals(i == j && i < n ? 2 * (i + 1) : 0, hessian[i][j], 1e-15, "resized'' " + n);
        }
      }
    }

    // window: d w[i] / d v[from + i] = k inside v, and nothing past its end
    double[] cotangent = {1, -2, 3, 0.5, 4};
    CopiesDerivatives.WindowGradient g = CopiesDerivatives.windowVjp(V, 3, 8, 2.0).pullback(cotangent);
    assertArrayEquals(new double[] {0, 0, 0, 2, -4}, g.v(), 0, "window dv");
    assertEquals(1 * V[3] - 2 * V[4], g.k(), 1e-15, "window dk");

    // shifted: w = {x, v1, v2, v3, v3}, s = x^2 + 2 v1^2 + 3 v2^2 + 4 v3^2 + 5 v3^2
    double x = 0.9;
    CopiesDerivatives.ShiftedGradient s = CopiesDerivatives.shiftedGrad(V, x);
    assertArrayEquals(new double[] {0, 4 * V[1], 6 * V[2], 18 * V[3], 0}, s.v(), 1e-15, "shifted dv");
    assertEquals(2 * x, s.x(), 1e-15, "shifted dx");
    double[][] h = CopiesDerivatives.shiftedHessian(V, x);
    double[] diagonal = {0, 4, 6, 18, 0, 2};
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 6; j++) {
        assertEquals(i == j ? diagonal[i] : 0, h[i][j], 1e-15, "shifted''[" + i + "][" + j + "]");
      }
    }

    // intoParameter: dst ends {src1, src2, dst2 k}; the result src1 src2 + dst2 k
    double[] src = {1, 2, 3};
    double[] dst = {4, 5, 6, 7};
    CopiesDerivatives.IntoParameterGradient p = CopiesDerivatives.intoParameterGrad(src, dst, 0.5);
    assertArrayEquals(new double[] {0, 3, 2}, p.src(), 0, "d src");
    assertArrayEquals(new double[] {0, 0, 0.5, 0}, p.dst(), 0, "d dst on entry");
    assertEquals(6, p.k(), 0, "dk");
    assertArrayEquals(new double[] {2, 3, 3, 7}, dst, 0, "dst after the gradient");

    // the tangent of dst's final contents, updated in place by mJvp
    dst = new double[] {4, 5, 6, 7};
    double[] dstDot = {1, 1, 1, 1};
    double tangent = CopiesDerivatives.intoParameterJvp(src, dst, 0.5, new double[] {1, 2, 3}, dstDot, 2)
        .tangent();
    assertEquals(2 * 3 + 3 * 2 + 0.5 + 6 * 2, tangent, 1e-15, "intoParameter jvp");
    assertArrayEquals(new double[] {2, 3, 0.5 + 12, 1}, dstDot, 1e-15, "dstDot after mJvp");
  }

  @Test
  void hessiansAgreeWithDifferencesOfGradients() {
    FormChecks.assertHessian(Copies.class, "cloned", V, 0.7);
    FormChecks.assertHessian(Copies.class, "filled", V, 0.6);
    FormChecks.assertHessian(Copies.class, "copyEachStep", V, 0.1, 7);
  }

  /** SPEC §5a: each form leaves the caller's arrays as the plain call does. */
  @Test
  void formsWriteWhatThePlainCallWrites() {
    FormChecks.assertSameWrites(Copies.class, "intoParameter", new double[] {1, 2, 3}, new double[] {4, 5, 6, 7}, 0.5);
    FormChecks.assertSameWrites(Copies.class, "filled", V, 0.6);
    FormChecks.assertSameWrites(Copies.class, "shifted", V, 0.9);
    FormChecks.assertSameWrites(Copies.class, "cloned", V, 0.7);
    FormChecks.assertSameWrites(Copies.class, "floats", new float[] {0.5f, -1.25f, 0.75f}, 0.5f);
  }

  /** Bad indices and lengths throw what the JDK methods throw, in every form. */
  @Test
  void badArgumentsThrowAsTheJdkDoes() {
    double[] v = {1, 2, 3};
    for (Object[] a : List.of(args(v, 2, 1, 1.0), args(v, -1, 2, 1.0), args(v, 4, 5, 1.0))) {
      assertSameException("window", a, "Vjp", "Jvp");
    }
    assertSameException("window", args(null, 2, 1, 1.0), "Vjp"); // from > to is reported before v is read
    assertSameException("resized", args(v, -1), "Grad", "Vjp", "ValueAndGrad", "Jvp", "Hessian");
    double[] dst = {0, 0};
    assertSameException("intoParameter", args(v, dst, 1.0), "Grad", "Vjp", "Jvp");
    assertSameException("intoParameter", args(new double[] {1, 2}, new double[] {4, 5, 6}, 1.0), "Grad", "Vjp");
  }

  private static void assertSameException(String name, Object[] args, String... forms) {
    RuntimeException expected = thrown(Checker.method(Copies.class, name), args);
    Checker checker = Checker.of(Copies.class, name);
    for (String form : forms) {
      Object[] given = form.equals("Jvp") ? checker.withTangents(args, new double[checker.leaves(args).length]) : args;
      RuntimeException actual = thrown(Checker.method(CopiesDerivatives.class, name + form), given);
      assertEquals(expected.getClass(), actual.getClass(), name + form + java.util.Arrays.deepToString(args));
      if (!(expected instanceof NullPointerException)) {
        assertEquals(expected.getMessage(), actual.getMessage(), name + form + java.util.Arrays.deepToString(args));
      }
    }
  }

  private static RuntimeException thrown(Method m, Object[] args) {
    AssertionError e = assertThrows(AssertionError.class, () -> Checker.invoke(m, null, args));
    return (RuntimeException) e.getCause();
  }
}
