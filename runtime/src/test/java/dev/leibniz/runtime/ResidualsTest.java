package dev.leibniz.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ResidualsTest {
  @Test
  void copiesOnlyTheArgumentsArrays() {
    double[] a = {1, 2};
    double[][] m = {{3}, {4}};
    Residuals arguments = Residuals.of(new Object[] {a, m});
    double[] fresh = {5};
    assertSame(fresh, arguments.kept(fresh));
    assertNotSame(a, arguments.kept(a));
    assertArrayEquals(a, arguments.kept(a));
    // a row of an argument matrix, alone or in a new matrix (the other row is kept)
    assertNotSame(m[1], arguments.kept(m[1]));
    double[][] rows = {fresh, m[0]};
    double[][] kept = arguments.kept(rows);
    assertNotSame(rows, kept);
    assertSame(fresh, kept[0]);
    assertNotSame(m[0], kept[1]);
    assertArrayEquals(m[0], kept[1]);
    // the matrix itself: its rows too
    double[][] matrix = arguments.kept(m);
    assertNotSame(m[0], matrix[0]);
    assertArrayEquals(m[1], matrix[1]);
    assertSame(rows[0], arguments.kept(new double[][] {fresh})[0]);
  }

  @Test
  void allCopiesEveryArray() {
    int[] fresh = {1};
    assertNotSame(fresh, Residuals.ALL.kept(fresh));
    assertArrayEquals(fresh, Residuals.ALL.kept(fresh));
    assertSame("s", Residuals.ALL.kept("s"));
  }
}
