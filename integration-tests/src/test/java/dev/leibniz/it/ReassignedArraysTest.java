package dev.leibniz.it;

import org.junit.jupiter.api.Test;

/**
 * Issue 8: array variables holding several arrays in turn, in every form, against finite
 * differences and forward mode (the checker), second order against differences of gradients, and
 * the caller's arrays left as the plain call leaves them.
 */
class ReassignedArraysTest {
  private static final double[] U = {1.0, 2.0, 3.5, 4.0, 0.5, 2.0};
  private static final double[] V = {0.3, -1.2, 0.8, 2.0, -0.4};

  private static Object[] args(Object... args) {
    return args;
  }

  @Test
  void swappedBuffers() {
    Checker.of(Reassigned.class, "heat").checkAll(args(U, 0.13, 5), args(U, 0.2, 0), args(U, 0.05, 1),
        args(new double[] {1, 2}, 0.3, 4));
    Checker.of(Reassigned.class, "heatProfile").checkAll(args(U, 0.13, 5), args(U, 0.1, 0), args(U, 0.1, 2));
    Checker.of(Reassigned.class, "verlet").checkAll(args(V, new double[] {0.1, 0.2, -0.3, 0.4, 0}, 1.3, 0.4, 0.05, 20),
        args(V, new double[] {1, 0, 0, 0, 1}, 0.7, 0.1, 0.1, 1), args(V, V, 0.7, 0.1, 0.1, 2));
    Checker.of(Reassigned.class, "jacobi").checkAll(args(V, 4.5, 12), args(V, -3.0, 1), args(V, 3.0, 2),
        args(new double[] {2}, 3.0, 3));
    Checker.of(Reassigned.class, "floatSwap").checkAll(args(new float[] {0.5f, -0.25f, 0.75f}, 0.125f, 3));
  }

  @Test
  void freshArrayEachStep() {
    Checker.of(Reassigned.class, "cloneEachStep").checkAll(args(V, 0.1, 7), args(V, 0.3, 0), args(V, -0.2, 1));
    Checker.of(Reassigned.class, "newEachStep").checkAll(args(V, 0.1, 6), args(V, 0.1, 0), args(V, 0.2, 1));
    Checker.of(Reassigned.class, "stepped").checkAll(args(new double[] {0.4, -0.2}, 0.1, 9),
        args(new double[] {1.0, 0.5}, 0.2, 0));
    Checker.of(Reassigned.class, "straightLine").checkAll(args(V, 0.7), args(new double[] {2, -3}, 1.5));
  }

  @Test
  void branchChoosesTheArray() {
    Checker.of(Reassigned.class, "chosen").checkAll(args(V, new double[] {0.5, 0.25}, 0.8),
        args(V, new double[] {0.5, 0.25}, -0.8));
  }

  @Test
  void swappedParametersAreWrittenAndPassBackTheirCotangents() {
    Checker.of(Reassigned.class, "swapsParameters").checkAll(args(V, new double[] {1, 2, 3, 4, 5}, 0.7, 3),
        args(V, new double[] {1, 2, 3, 4, 5}, 0.7, 0), args(V, new double[] {1, 2, 3, 4, 5}, 0.7, 1));
    Checker.of(Reassigned.class, "readsSwapped").checkAll(args(V, new double[] {1, 2, 3, 4, 5}, 0.7));
    FormChecks.assertSameWrites(Reassigned.class, "swapsParameters", V, new double[] {1, 2, 3, 4, 5}, 0.7, 3);
    FormChecks.assertSameWrites(Reassigned.class, "heat", U, 0.13, 5);
    FormChecks.assertSameWrites(Reassigned.class, "chosen", V, new double[] {0.5, 0.25}, 0.8);
  }

  @Test
  void secondOrderAgreesWithDifferencesOfGradients() {
    FormChecks.assertHessian(Reassigned.class, "heat", U, 0.13, 4);
    FormChecks.assertHessian(Reassigned.class, "cloneEachStep", V, 0.1, 5);
  }
}
