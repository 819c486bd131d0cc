package dev.leibniz.it.vector;

import static dev.leibniz.it.vector.Elementwise.SVML;
import static dev.leibniz.it.vector.Elementwise.check;
import static dev.leibniz.it.vector.Elementwise.checkFloat;
import static dev.leibniz.it.vector.Elementwise.dual;
import static dev.leibniz.it.vector.Elementwise.of;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Kernels of methods calling other annotated methods (their forms inlined) against the scalar
 * forms, which call them, element by element.
 */
class VectorizedCallsTest {
  private static final double EXACT = 0;

  /** A method whose parameters are named from, to, out and fromDot: the forms' names step aside. */
  @Test
  void parametersNamedLikeGeneratedOnes() {
    check("namesLikeGenerated", 4, 1, a -> BatchesVectorized.namesLikeGenerated(a[0], a[1], a[2], a[3], a[4]),
        x -> of(Batches.namesLikeGenerated(x[0], x[1], x[2], x[3])), 0);
    check("namesLikeGeneratedJvp", 8, 2, a -> BatchesVectorized.namesLikeGeneratedJvp(a[0], a[1], a[2], a[3], a[4],
        a[5], a[6], a[7], a[8], a[9]), x -> dual(BatchesDerivatives.namesLikeGeneratedJvp(x[0], x[1], x[2], x[3], x[4],
        x[5], x[6], x[7])), 0);
    check("namesLikeGeneratedGrad", 4, 4, a -> BatchesVectorized.namesLikeGeneratedGrad(a[0], a[1], a[2], a[3], a[4],
        a[5], a[6], a[7]), x -> {
          BatchesDerivatives.NamesLikeGeneratedGradient g = BatchesDerivatives.namesLikeGeneratedGrad(x[0], x[1], x[2],
              x[3]);
          return of(g.from(), g.to(), g.out(), g.fromDot());
        }, 0);
  }

  /** SPEC §5: a method of scalars has batched forms also when they are double and float mixed. */
  @Test
  void doubleAndFloatParametersMixed() {
    int n = 37;
    double[] x = new double[n];
    float[] y = new float[n];
    double[] xDot = new double[n];
    float[] yDot = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = 0.1 * i - 1.7;
      y[i] = (float) (2.5 - 0.13 * i);
      xDot[i] = i % 3;
      yDot[i] = (float) (1 - i % 2);
    }
    double[] out = new double[n];
    double[] outDot = new double[n];
    double[] xBar = new double[n];
    float[] yBar = new float[n];
    BatchesVectorized.mixedParameters(x, y, out);
    BatchesVectorized.mixedParametersJvp(x, y, xDot, yDot, new double[n], outDot);
    BatchesVectorized.mixedParametersGrad(x, y, xBar, yBar);
    for (int i = 0; i < n; i++) {
      assertEquals(Batches.mixedParameters(x[i], y[i]), out[i], "element " + i);
      assertEquals(BatchesDerivatives.mixedParametersJvp(x[i], y[i], xDot[i], yDot[i]).tangent(), outDot[i]);
      BatchesDerivatives.MixedParametersGradient g = BatchesDerivatives.mixedParametersGrad(x[i], y[i]);
      assertEquals(g.x(), xBar[i]);
      assertEquals(g.y(), yBar[i]);
    }
  }

  @Test
  void inlinedCalls() {
    check("calls", 1, 1, a -> BatchesVectorized.calls(a[0], a[1]), x -> of(Batches.calls(x[0])), SVML);
    check("callsJvp", 2, 2, a -> BatchesVectorized.callsJvp(a[0], a[1], a[2], a[3]),
        x -> dual(BatchesDerivatives.callsJvp(x[0], x[1])), SVML);
    check("callsGrad", 1, 1, a -> BatchesVectorized.callsGrad(a[0], a[1]),
        x -> of(BatchesDerivatives.callsGrad(x[0])), SVML);
    check("deep", 1, 1, a -> BatchesVectorized.deep(a[0], a[1]), x -> of(Batches.deep(x[0])), SVML);
    check("deepJvp", 2, 2, a -> BatchesVectorized.deepJvp(a[0], a[1], a[2], a[3]),
        x -> dual(BatchesDerivatives.deepJvp(x[0], x[1])), SVML);
    check("deepGrad", 1, 1, a -> BatchesVectorized.deepGrad(a[0], a[1]),
        x -> of(BatchesDerivatives.deepGrad(x[0])), SVML);
  }

  /** log(0), log of a negative, 1/0 in a callee's branch not taken: nothing leaks. */
  @Test
  void singularSideNotTakenInACallee() {
    check("callsBranch", 2, 1, a -> BatchesVectorized.callsBranch(a[0], a[1], a[2]),
        x -> of(Batches.callsBranch(x[0], x[1])), SVML);
    check("callsBranchJvp", 4, 2, a -> BatchesVectorized.callsBranchJvp(a[0], a[1], a[2], a[3], a[4], a[5]),
        x -> dual(BatchesDerivatives.callsBranchJvp(x[0], x[1], x[2], x[3])), SVML);
    check("callsBranchGrad", 2, 2, a -> BatchesVectorized.callsBranchGrad(a[0], a[1], a[2], a[3]), x -> {
      BatchesDerivatives.CallsBranchGradient g = BatchesDerivatives.callsBranchGrad(x[0], x[1]);
      return of(g.x(), g.y());
    }, SVML);
    // at x = 0, at x = y, a call takes x * x - 1: the log side (infinite there) does not leak
    double[] x = {0, -0.0, 2, 0, 1, -1, 0.5, 3, 0};
    double[] y = {0, 1, 2, -0.0, 1, -1, -2, 3, 5};
    double[] gx = new double[x.length];
    double[] gy = new double[x.length];
    BatchesVectorized.callsBranchGrad(x, y, gx, gy);
    for (int i = 0; i < x.length; i++) {
      BatchesDerivatives.CallsBranchGradient g = BatchesDerivatives.callsBranchGrad(x[i], y[i]);
      assertEquals(g.x(), gx[i], "x=" + x[i] + ", y=" + y[i]);
      assertEquals(g.y(), gy[i], "x=" + x[i] + ", y=" + y[i]);
    }
    // at (0, 5): (x * x - 1) * y + log(y - x) + (x^4 - 1), the first call's log(0) on the side not taken
    assertEquals(-0.2, gx[8], 1e-15);
    assertEquals(-0.8, gy[8], 1e-15);
  }

  /** Each pullback runs in the branch of the backward sweep its VJP object was made in. */
  @Test
  void callsInBranches() {
    check("callInBranch", 2, 1, a -> BatchesVectorized.callInBranch(a[0], a[1], a[2]),
        x -> of(Batches.callInBranch(x[0], x[1])), SVML);
    check("callInBranchJvp", 4, 2, a -> BatchesVectorized.callInBranchJvp(a[0], a[1], a[2], a[3], a[4], a[5]),
        x -> dual(BatchesDerivatives.callInBranchJvp(x[0], x[1], x[2], x[3])), SVML);
    check("callInBranchGrad", 2, 2, a -> BatchesVectorized.callInBranchGrad(a[0], a[1], a[2], a[3]), x -> {
      BatchesDerivatives.CallInBranchGradient g = BatchesDerivatives.callInBranchGrad(x[0], x[1]);
      return of(g.x(), g.y());
    }, SVML);
  }

  /** A call of a @CustomJvp method uses its rule in the JVP and gradient kernels: stable where exp overflows. */
  @Test
  void callsOfJvpRules() {
    check("callsJvpRules", 2, 1, a -> BatchesVectorized.callsJvpRules(a[0], a[1], a[2]),
        x -> of(Batches.callsJvpRules(x[0], x[1])), SVML);
    check("callsJvpRulesJvp", 4, 2, a -> BatchesVectorized.callsJvpRulesJvp(a[0], a[1], a[2], a[3], a[4], a[5]),
        x -> dual(BatchesDerivatives.callsJvpRulesJvp(x[0], x[1], x[2], x[3])), SVML);
    check("callsJvpRulesGrad", 2, 2, a -> BatchesVectorized.callsJvpRulesGrad(a[0], a[1], a[2], a[3]), x -> {
      BatchesDerivatives.CallsJvpRulesGradient g = BatchesDerivatives.callsJvpRulesGrad(x[0], x[1]);
      return of(g.x(), g.y());
    }, SVML);
    check("twiceSoftplusRuleJvp", 2, 2, a -> BatchesVectorized.twiceSoftplusRuleJvp(a[0], a[1], a[2], a[3]),
        x -> dual(BatchesDerivatives.twiceSoftplusRuleJvp(x[0], x[1])), SVML);
    check("twiceSoftplusRuleGrad", 1, 1, a -> BatchesVectorized.twiceSoftplusRuleGrad(a[0], a[1]),
        x -> of(BatchesDerivatives.twiceSoftplusRuleGrad(x[0])), SVML);
    // the rule's 1 - 1 / (1 + exp(x)): 1 where exp overflows (the body's derivative is NaN), 0 below -37
    double[] x = {1000, 800, 1000, -40, -1000, 1000, 710, -40, 1000};
    double[] expected = {2, 2, 2, 0, 0, 2, 2, 0, 2};
    double[] grad = new double[x.length];
    BatchesVectorized.twiceSoftplusRuleGrad(x, grad);
    double[] out = new double[x.length];
    double[] outDot = new double[x.length];
    double[] ones = new double[x.length];
    java.util.Arrays.fill(ones, 1);
    BatchesVectorized.twiceSoftplusRuleJvp(x, ones, out, outDot);
    double[] xBar = new double[x.length];
    BatchesVectorized.callsJvpRulesGrad(x, ones, xBar, new double[x.length]);
    for (int i = 0; i < x.length; i++) {
      assertEquals(expected[i], grad[i], "grad at " + x[i]);
      assertEquals(expected[i], outDot[i], "jvp at " + x[i]);
      assertEquals(expected[i] / 2 + 1, xBar[i], "callsJvpRulesGrad at " + x[i] + ", 1");
    }
  }

  /** A call of a @CustomVjp method uses its rules; the method's own gradient kernel is made of them too. */
  @Test
  void callsOfVjpRules() {
    check("callsVjpRule", 2, 1, a -> BatchesVectorized.callsVjpRule(a[0], a[1], a[2]),
        x -> of(Batches.callsVjpRule(x[0], x[1])), SVML);
    check("callsVjpRuleGrad", 2, 2, a -> BatchesVectorized.callsVjpRuleGrad(a[0], a[1], a[2], a[3]), x -> {
      BatchesDerivatives.CallsVjpRuleGradient g = BatchesDerivatives.callsVjpRuleGrad(x[0], x[1]);
      return of(g.x(), g.y());
    }, SVML);
    check("scaledSin", 2, 1, a -> BatchesVectorized.scaledSin(a[0], a[1], a[2]),
        x -> of(Batches.scaledSin(x[0], x[1])), SVML);
    check("scaledSinGrad", 2, 2, a -> BatchesVectorized.scaledSinGrad(a[0], a[1], a[2], a[3]), x -> {
      BatchesDerivatives.ScaledSinGradient g = BatchesDerivatives.scaledSinGrad(x[0], x[1]);
      return of(g.x(), g.y());
    }, SVML);
    check("callsScaledSinGrad", 2, 2, a -> BatchesVectorized.callsScaledSinGrad(a[0], a[1], a[2], a[3]), x -> {
      BatchesDerivatives.CallsScaledSinGradient g = BatchesDerivatives.callsScaledSinGrad(x[0], x[1]);
      return of(g.x(), g.y());
    }, SVML);
    // the rule halves the gradient along y: 0.5 sin(x), where the body's derivative is sin(x)
    double[] x = {0.5, 1, 2, 3, -1, -2, 0.25, 4, 5};
    double[] gx = new double[x.length];
    double[] gy = new double[x.length];
    BatchesVectorized.scaledSinGrad(x, new double[x.length], gx, gy);
    for (int i = 0; i < x.length; i++) {
      assertEquals(0.5 * Math.sin(x[i]), gy[i], 1e-15, "x=" + x[i]);
    }
  }

  @Test
  void floatCallees() {
    checkFloat("callsF", 2, 1, a -> BatchesVectorized.callsF(a[0], a[1], a[2]),
        x -> new float[] {Batches.callsF(x[0], x[1])}, 1e-6);
    checkFloat("callsFGrad", 2, 2, a -> BatchesVectorized.callsFGrad(a[0], a[1], a[2], a[3]), x -> {
      BatchesDerivatives.CallsFGradient g = BatchesDerivatives.callsFGrad(x[0], x[1]);
      return new float[] {g.x(), g.y()};
    }, 1e-6);
    checkFloat("callsFJvp", 4, 2, a -> BatchesVectorized.callsFJvp(a[0], a[1], a[2], a[3], a[4], a[5]),
        x -> Elementwise.jvp(BatchesDerivatives.callsFJvp(x[0], x[1], x[2], x[3])), 1e-6);
  }

  /** What falls back runs the scalar forms, exactly. */
  @Test
  void elementByElementWhereNotInlined() {
    check("callsStrictGrad", 1, 1, a -> BatchesVectorized.callsStrictGrad(a[0], a[1]),
        x -> of(BatchesDerivatives.callsStrictGrad(x[0])), EXACT);
    check("halvingsGrad", 1, 1, a -> BatchesVectorized.halvingsGrad(a[0], 3, a[1]),
        x -> of(BatchesDerivatives.halvingsGrad(x[0], 3)), EXACT);
  }
}
