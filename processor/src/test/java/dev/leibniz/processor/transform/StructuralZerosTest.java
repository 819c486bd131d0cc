package dev.leibniz.processor.transform;

import static dev.leibniz.processor.transform.Ir.*;
import static dev.leibniz.processor.transform.Modes.grad;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.Var;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A cotangent the executed path never set is a structural zero: contributions read from it do not
 * run, so {@code 0 * inf} does not turn a gradient into NaN (as in JAX, and as forward mode gives).
 */
class StructuralZerosTest {

  /** {@code sqrt(x*x + y*y)}, infinitely steep at the origin, used only when above 0.5. */
  @Test
  void valueUsedOnlyOnABranchNotTakenGivesAZeroGradient() {
    assertArrayEquals(new double[] {0, 0}, grad(Examples.outsideDisc(), 0.0, 0.0));
    assertArrayEquals(new double[] {0.6, 0.8}, grad(Examples.outsideDisc(), 0.6, 0.8), 1e-15);
  }

  /**
   * <pre>{@code
   * double logTimes(double x, int n) {
   *   double l = Math.log(x), s = 0;
   *   for (int i = 0; i < n; i++) s = s + l;
   *   return s;
   * }}</pre>
   */
  @Test
  void valueUsedOnlyInALoopThatDoesNotRun() {
    Var x = dbl("x");
    Var n = integer("n");
    Var l = dbl("l");
    Var s = dbl("s");
    Var i = integer("i");
    Function f = fn("logTimes", params(x, n),
        decl(l, log(x)), decl(s, c(0)),
        upTo(i, n, set(s, add(s, l))),
        ret(s));
    assertArrayEquals(new double[] {0}, grad(f, 0.0, 0), "no trip: a structural zero");
    assertArrayEquals(new double[] {Double.POSITIVE_INFINITY}, grad(f, 0.0, 2), "two trips: 2/x at 0");
    assertArrayEquals(new double[] {2 / 0.5}, grad(f, 0.5, 2), 1e-15);
  }

  private final Var taken = new Var("taken", BOOLEAN);
  private final Var g = dbl("g");
  private final Var slope = dbl("slope");
  private final Var nBar = dbl("nBar");
  private final Var xBar = dbl("xBar");

  /**
   * The pass on a backward sweep written by hand: {@code nBar} is set only when {@code taken}; its
   * contribution to {@code xBar} then runs under a flag.
   */
  @Test
  void contributionOfAMaybeSetCotangentRunsUnderAFlag() {
    Block backward = block(
        decl(nBar, c(0)),
        when(taken, set(nBar, add(nBar, g))),
        decl(xBar, c(0)),
        set(xBar, add(xBar, mul(nBar, slope))));
    Block guarded = StructuralZeros.apply(backward, new Namer(Set.of()), Map.of(), java.util.Set.of()).backward();

    assertEquals(Double.NaN, xBar(backward, false, Double.POSITIVE_INFINITY), "without the pass: 0 * inf");
    assertEquals(0.0, xBar(guarded, false, Double.POSITIVE_INFINITY));
    assertEquals(6.0, xBar(guarded, true, 2.0));
  }

  /** {@code xBar} after {@code backward} runs with {@code g} = 3. */
  private double xBar(Block backward, boolean isTaken, double slopeValue) {
    IrEval eval = new IrEval();
    eval.bind(taken, isTaken);
    eval.bind(g, 3.0);
    eval.bind(slope, slopeValue);
    eval.run(backward);
    return (Double) eval.eval(xBar);
  }
}
