package dev.leibniz.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Residuals of {@code @CustomVjp} rules holding the caller's arrays, written after the call by a
 * differentiable caller or by plain code between the VJP and its pullback: the backward rule sees
 * them as the call did (the pullback read the later contents, {@code 2 (10 a0)} for {@code 2 a0}).
 */
class RuleResidualsTest {
  private final Random random = new Random(16);

  @Test
  void arrayResidualWrittenByTheCaller() {
    double[] a = {1.5, 2};
    // a0^2 + a1 + 10 a0
    assertArrayEquals(new double[] {2 * 1.5 + 10, 1}, RuleResidualsDerivatives.arrayWrittenLaterGrad(a.clone()), 1e-12);
    Checker.of(RuleResiduals.class, "arrayWrittenLater").check(random, a);
  }

  @Test
  void recordResidualHoldingTheArgument() {
    double[] a = {1.5, 2};
    // 3 a0 a1 + a1^2
    assertArrayEquals(new double[] {3 * 2, 3 * 1.5 + 2 * 2}, RuleResidualsDerivatives.recordWrittenLaterGrad(a.clone()),
        1e-12);
    Checker.of(RuleResiduals.class, "recordWrittenLater").check(random, a);
  }

  @Test
  void matrixRowResidual() {
    double[][] m = {{1.5, 2}, {3, 4}};
    // m00^2 + m01 + 5 m00
    assertArrayEquals(new double[][] {{2 * 1.5 + 5, 1}, {0, 0}}, RuleResidualsDerivatives.rowWrittenLaterGrad(copy(m)));
    Checker.of(RuleResiduals.class, "rowWrittenLater").check(random, (Object) m);
  }

  @Test
  void newMatrixOfTheArgumentsRows() {
    double[][] m = {{1.5, 2}, {3, 4}};
    // m00 m10 + m10^3
    assertArrayEquals(new double[][] {{3, 0}, {1.5 + 3 * 9, 0}}, RuleResidualsDerivatives.rowsWrittenLaterGrad(copy(m)));
    Checker.of(RuleResiduals.class, "rowsWrittenLater").check(random, (Object) m);
  }

  @Test
  void nonDiffArgumentWrittenByTheCaller() {
    double[] a = {1.5, 2};
    // a0^2 + a1
    assertArrayEquals(new double[] {3, 1}, RuleResidualsDerivatives.indexWrittenLaterGrad(a.clone()), 1e-12);
    Checker.of(RuleResiduals.class, "indexWrittenLater").check(random, a);
  }

  /** A transposed JVP rule reads the primal the reverse sweep kept, as a derived callee does. */
  @Test
  void transposedJvpRule() {
    double[] a = {1.5, 2};
    // a0^3 + 10 a0
    assertArrayEquals(new double[] {3 * 1.5 * 1.5 + 10, 0}, RuleResidualsDerivatives.cubeWrittenLaterGrad(a.clone()),
        1e-12);
    Checker.of(RuleResiduals.class, "cubeWrittenLater").check(random, a);
  }

  /** Plain code writing the arguments between the VJP and its pullback (SPEC §5a). */
  @Test
  void vjpObjectsKeepTheCallsContents() {
    double[] a = {1.5, 2};
    RuleResidualsDerivatives.SquareVjp square = RuleResidualsDerivatives.squareVjp(a);
    a[0] = 100;
    assertArrayEquals(new double[] {3, 1}, square.pullback(1));

    double[] b = {1.5, 2};
    RuleResidualsDerivatives.ProductVjp product = RuleResidualsDerivatives.productVjp(b);
    b[0] = 100;
    b[1] = 100;
    assertArrayEquals(new double[] {6, 4.5}, product.pullback(1));

    double[][] m = {{1.5, 2}, {3, 4}};
    RuleResidualsDerivatives.RowSquareVjp row = RuleResidualsDerivatives.rowSquareVjp(m);
    m[0][0] = 100;
    assertArrayEquals(new double[][] {{3, 1}, {0, 0}}, row.pullback(1));

    double[][] n = {{1.5, 2}, {3, 4}};
    RuleResidualsDerivatives.ColumnProductVjp rows = RuleResidualsDerivatives.columnProductVjp(n);
    n[0][0] = 100;
    n[1][0] = 100;
    assertArrayEquals(new double[][] {{3, 0}, {1.5, 0}}, rows.pullback(1));

    int[] index = {0};
    RuleResidualsDerivatives.PickVjp pick = RuleResidualsDerivatives.pickVjp(new double[] {1.5, 2}, index);
    index[0] = 1;
    assertArrayEquals(new double[] {3, 0}, pick.pullback(1));
    assertEquals(2.25, pick.value());
  }

  private static double[][] copy(double[][] m) {
    return new double[][] {m[0].clone(), m[1].clone()};
  }
}
