package dev.leibniz.it.vector;

import static dev.leibniz.it.vector.Elementwise.check;
import static dev.leibniz.it.vector.Elementwise.dual;
import static dev.leibniz.it.vector.Elementwise.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.leibniz.runtime.vector.Batch;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Run by surefire's {@code no-vector-module} execution, in a JVM without {@code
 * jdk.incubator.vector}: batched forms compiled with the module run as scalar loops, the same
 * numbers as the scalar forms exactly, after one warning line.
 */
class VectorizedFallbackTest {
  @Test
  void scalarLoopsAfterOneWarningLine() {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      check("softplusGrad", 1, 1, a -> BatchesVectorized.softplusGrad(a[0], a[1]),
          x -> of(BatchesDerivatives.softplusGrad(x[0])), 0);
      check("branchJvp", 2, 2, a -> BatchesVectorized.branchJvp(a[0], a[1], a[2], a[3]),
          x -> dual(BatchesDerivatives.branchJvp(x[0], x[1])), 0);
      check("sinTimesGrad", 2, 2, a -> BatchesVectorized.sinTimesGrad(a[0], a[1], a[2], a[3]), x -> {
        BatchesDerivatives.SinTimesGradient g = BatchesDerivatives.sinTimesGrad(x[0], x[1]);
        return of(g.x(), g.y());
      }, 0);
      check("mixed", 1, 1, a -> BatchesVectorized.mixed(a[0], a[1]), x -> of(Batches.mixed(x[0])), 0);
      check("callInBranchGrad", 2, 2, a -> BatchesVectorized.callInBranchGrad(a[0], a[1], a[2], a[3]), x -> {
        BatchesDerivatives.CallInBranchGradient g = BatchesDerivatives.callInBranchGrad(x[0], x[1]);
        return of(g.x(), g.y());
      }, 0);
      check("scaledSinGrad", 2, 2, a -> BatchesVectorized.scaledSinGrad(a[0], a[1], a[2], a[3]), x -> {
        BatchesDerivatives.ScaledSinGradient g = BatchesDerivatives.scaledSinGrad(x[0], x[1]);
        return of(g.x(), g.y());
      }, 0);
    } finally {
      System.setErr(err);
    }
    assertFalse(Batch.VECTORIZED);
    assertEquals("WARNING: leibniz: jdk.incubator.vector is not available at run time (java --add-modules"
        + " jdk.incubator.vector): batched forms run as scalar loops" + System.lineSeparator(),
        captured.toString(StandardCharsets.UTF_8));
  }
}
