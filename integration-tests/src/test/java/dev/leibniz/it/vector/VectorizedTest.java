package dev.leibniz.it.vector;

import static dev.leibniz.it.vector.Elementwise.SVML;
import static dev.leibniz.it.vector.Elementwise.check;
import static dev.leibniz.it.vector.Elementwise.checkFloat;
import static dev.leibniz.it.vector.Elementwise.dual;
import static dev.leibniz.it.vector.Elementwise.jvp;
import static dev.leibniz.it.vector.Elementwise.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.runtime.vector.Batch;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** Batched forms on the Vector API against the scalar forms, element by element. */
class VectorizedTest {
  private static final double EXACT = 0;

  @Test
  void theKernelsRunAndTheRightOnesExist() throws ClassNotFoundException {
    assertTrue(Batch.VECTORIZED, "the tests run with --add-modules jdk.incubator.vector");
    Set<String> kernels = new TreeSet<>();
    for (Method m : Class.forName(BatchesVectorized.class.getName() + "$Kernels").getDeclaredMethods()) {
      kernels.add(m.getName());
    }
    for (String m : new String[] {"softplus", "softplusJvp", "softplusGrad", "sinTimesGrad", "mixedGrad",
        "hornerGrad", "branch", "branchJvp", "branchGrad", "conditionalGrad", "nestedGrad", "powerJvp",
        "powerGrad", "trigGrad", "softplusFGrad", "branchFGrad",
        // custom rules, from their bodies: the method's own, its JVP rule, a @CustomVjp's two rules
        "softplusRule", "softplusRuleJvp", "softplusRuleGrad", "product", "productJvp", "productGrad", "clip",
        "clipGrad", "scaledSin", "scaledSinGrad",
        // calls of other methods, inlined
        "calls", "callsJvp", "callsGrad", "callsBranchGrad", "callInBranchGrad", "deep", "deepJvp", "deepGrad",
        "callsJvpRulesJvp", "callsJvpRulesGrad", "callsVjpRuleGrad", "callsScaledSinGrad", "callsFGrad"}) {
      assertTrue(kernels.contains(m), m + " has a kernel: " + kernels);
    }
    // element by element: double and float mixed, StrictMath in an inlined method, recursion
    for (String m : new String[] {"mixedPrecisionGrad", "callsStrict", "callsStrictGrad", "halvings",
        "halvingsGrad"}) {
      assertTrue(!kernels.contains(m), m + " has no kernel: " + kernels);
    }
  }

  @Test
  void transcendental() {
    check("softplus", 1, 1, a -> BatchesVectorized.softplus(a[0], a[1]), x -> of(Batches.softplus(x[0])), SVML);
    check("softplusJvp", 2, 2, a -> BatchesVectorized.softplusJvp(a[0], a[1], a[2], a[3]),
        x -> dual(BatchesDerivatives.softplusJvp(x[0], x[1])), SVML);
    check("softplusGrad", 1, 1, a -> BatchesVectorized.softplusGrad(a[0], a[1]),
        x -> of(BatchesDerivatives.softplusGrad(x[0])), SVML);
    check("sinTimesGrad", 2, 2, a -> BatchesVectorized.sinTimesGrad(a[0], a[1], a[2], a[3]), x -> {
      BatchesDerivatives.SinTimesGradient g = BatchesDerivatives.sinTimesGrad(x[0], x[1]);
      return of(g.x(), g.y());
    }, SVML);
    check("sinTimesJvp", 4, 2, a -> BatchesVectorized.sinTimesJvp(a[0], a[1], a[2], a[3], a[4], a[5]),
        x -> dual(BatchesDerivatives.sinTimesJvp(x[0], x[1], x[2], x[3])), SVML);
    check("mixed", 1, 1, a -> BatchesVectorized.mixed(a[0], a[1]), x -> of(Batches.mixed(x[0])), SVML);
    check("mixedGrad", 1, 1, a -> BatchesVectorized.mixedGrad(a[0], a[1]),
        x -> of(BatchesDerivatives.mixedGrad(x[0])), SVML);
    check("trigGrad", 2, 2, a -> BatchesVectorized.trigGrad(a[0], a[1], a[2], a[3]), x -> {
      BatchesDerivatives.TrigGradient g = BatchesDerivatives.trigGrad(x[0], x[1]);
      return of(g.x(), g.y());
    }, SVML);
    check("trig", 2, 1, a -> BatchesVectorized.trig(a[0], a[1], a[2]), x -> of(Batches.trig(x[0], x[1])), SVML);
  }

  @Test
  void arithmeticIsExact() {
    check("horner", 1, 1, a -> BatchesVectorized.horner(a[0], a[1]), x -> of(Batches.horner(x[0])), EXACT);
    check("hornerGrad", 1, 1, a -> BatchesVectorized.hornerGrad(a[0], a[1]),
        x -> of(BatchesDerivatives.hornerGrad(x[0])), EXACT);
    check("hornerJvp", 2, 2, a -> BatchesVectorized.hornerJvp(a[0], a[1], a[2], a[3]),
        x -> dual(BatchesDerivatives.hornerJvp(x[0], x[1])), EXACT);
    check("productJvp", 4, 2, a -> BatchesVectorized.productJvp(a[0], a[1], a[2], a[3], a[4], a[5]),
        x -> dual(BatchesDerivatives.productJvp(x[0], x[1], x[2], x[3])), EXACT);
    check("productGrad", 2, 2, a -> BatchesVectorized.productGrad(a[0], a[1], a[2], a[3]), x -> {
      BatchesDerivatives.ProductGradient g = BatchesDerivatives.productGrad(x[0], x[1]);
      return of(g.x(), g.y());
    }, EXACT);
  }

  /** The side not taken computes log(0), log of a negative, 1/0, sqrt of a negative: none of it leaks. */
  @Test
  void branchesBlendWithoutLeaks() {
    check("branch", 1, 1, a -> BatchesVectorized.branch(a[0], a[1]), x -> of(Batches.branch(x[0])), SVML);
    check("branchJvp", 2, 2, a -> BatchesVectorized.branchJvp(a[0], a[1], a[2], a[3]),
        x -> dual(BatchesDerivatives.branchJvp(x[0], x[1])), SVML);
    check("branchGrad", 1, 1, a -> BatchesVectorized.branchGrad(a[0], a[1]),
        x -> of(BatchesDerivatives.branchGrad(x[0])), EXACT);
    check("conditional", 2, 1, a -> BatchesVectorized.conditional(a[0], a[1], a[2]),
        x -> of(Batches.conditional(x[0], x[1])), EXACT);
    check("conditionalGrad", 2, 2, a -> BatchesVectorized.conditionalGrad(a[0], a[1], a[2], a[3]), x -> {
      BatchesDerivatives.ConditionalGradient g = BatchesDerivatives.conditionalGrad(x[0], x[1]);
      return of(g.x(), g.y());
    }, EXACT);
    check("nestedGrad", 2, 2, a -> BatchesVectorized.nestedGrad(a[0], a[1], a[2], a[3]), x -> {
      BatchesDerivatives.NestedGradient g = BatchesDerivatives.nestedGrad(x[0], x[1]);
      return of(g.x(), g.y());
    }, SVML);
    check("nestedJvp", 4, 2, a -> BatchesVectorized.nestedJvp(a[0], a[1], a[2], a[3], a[4], a[5]),
        x -> dual(BatchesDerivatives.nestedJvp(x[0], x[1], x[2], x[3])), SVML);
    double[] x = {-1, 0, -0.0, 0.25, 2, -3, 0.5, -2, 1};
    double[] g = new double[x.length];
    BatchesVectorized.branchGrad(x, g);
    Elementwise.assertSameBits(of(-2, 0, -0.0, 4, 0.5, -6, 2, -4, 1), g);
  }

  @Test
  void loopsWithFixedTripCountsAndScalarParameters() {
    for (int n : new int[] {0, 1, 5}) {
      check("power n=" + n, 1, 1, a -> BatchesVectorized.power(a[0], n, 0.5, a[1]),
          x -> of(Batches.power(x[0], n, 0.5)), EXACT);
      check("powerGrad n=" + n, 1, 1, a -> BatchesVectorized.powerGrad(a[0], n, 0.5, a[1]),
          x -> of(BatchesDerivatives.powerGrad(x[0], n, 0.5)), EXACT);
      check("powerJvp n=" + n, 2, 2, a -> BatchesVectorized.powerJvp(a[0], n, -2, a[1], a[2], a[3]),
          x -> dual(BatchesDerivatives.powerJvp(x[0], n, -2, x[1])), EXACT);
    }
  }

  @Test
  void customRules() {
    check("softplusRuleGrad", 1, 1, a -> BatchesVectorized.softplusRuleGrad(a[0], a[1]),
        x -> of(BatchesDerivatives.softplusRuleGrad(x[0])), SVML);
    check("softplusRuleJvp", 2, 2, a -> BatchesVectorized.softplusRuleJvp(a[0], a[1], a[2], a[3]),
        x -> dual(BatchesDerivatives.softplusRuleJvp(x[0], x[1])), SVML);
    double[] big = {1000, 100, 3, -1000, 0, 1, 2, 3, 1000};
    double[] g = new double[big.length];
    BatchesVectorized.softplusRuleGrad(big, g);
    assertEquals(1.0, g[0], "the rule is stable where exp overflows");
    assertEquals(1.0, g[8]);
    check("softplusRule", 1, 1, a -> BatchesVectorized.softplusRule(a[0], a[1]),
        x -> of(Batches.softplusRule(x[0])), SVML);
    check("product", 2, 1, a -> BatchesVectorized.product(a[0], a[1], a[2]), x -> of(Batches.product(x[0], x[1])),
        EXACT);
    check("clip", 1, 1, a -> BatchesVectorized.clip(a[0], a[1]), x -> of(Batches.clip(x[0])), SVML);
    check("clipGrad", 1, 1, a -> BatchesVectorized.clipGrad(a[0], a[1]),
        x -> of(BatchesDerivatives.clipGrad(x[0])), SVML);
  }

  /** SVML's float functions against (float) Math.f(x): within a few float ulps. */
  @Test
  void floats() {
    checkFloat("softplusFGrad", 1, 1, a -> BatchesVectorized.softplusFGrad(a[0], a[1]),
        x -> new float[] {BatchesDerivatives.softplusFGrad(x[0])}, 1e-6);
    checkFloat("softplusFJvp", 2, 2, a -> BatchesVectorized.softplusFJvp(a[0], a[1], a[2], a[3]),
        x -> jvp(BatchesDerivatives.softplusFJvp(x[0], x[1])), 1e-6);
    checkFloat("mixedPrecisionGrad", 1, 1, a -> BatchesVectorized.mixedPrecisionGrad(a[0], a[1]),
        x -> new float[] {BatchesDerivatives.mixedPrecisionGrad(x[0])}, 0);
    checkFloat("branchFGrad", 2, 2, a -> BatchesVectorized.branchFGrad(a[0], a[1], a[2], a[3]), x -> {
      BatchesDerivatives.BranchFGradient g = BatchesDerivatives.branchFGrad(x[0], x[1]);
      return new float[] {g.x(), g.y()};
    }, 1e-6);
  }

  @Test
  void arraysOfDifferentLengthsAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BatchesVectorized.sinTimesGrad(new double[3], new double[4], new double[3], new double[3]));
    assertEquals("arrays of a batched form must have one length: x has 3, y has 4, xBar has 3, yBar has 3",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> BatchesVectorized.softplus(new double[2], new double[1]));
  }

  /** Pieces of 2^14 elements on several threads give the one-thread result bit for bit. */
  @Test
  void threadsGiveTheSameBits() {
    int n = 5 * Batch.MIN_CHUNK + 13;
    double[] x = Elementwise.inputs(n, 7);
    double[] y = Elementwise.inputs(n, 8);
    double[] xBar = new double[n];
    double[] yBar = new double[n];
    BatchesVectorized.sinTimesGrad(x, y, xBar, yBar);
    double[] xBarThreads = new double[n];
    double[] yBarThreads = new double[n];
    ForkJoinPool pool = new ForkJoinPool(3);
    try {
      BatchesVectorized.sinTimesGrad(pool, x, y, xBarThreads, yBarThreads);
    } finally {
      pool.shutdown();
    }
    Elementwise.assertSameBits(xBar, xBarThreads);
    Elementwise.assertSameBits(yBar, yBarThreads);
    double[] out = new double[n];
    double[] outThreads = new double[n];
    BatchesVectorized.mixed(x, out);
    BatchesVectorized.mixed(ForkJoinPool.commonPool(), x, outThreads);
    Elementwise.assertSameBits(out, outThreads);
  }
}
