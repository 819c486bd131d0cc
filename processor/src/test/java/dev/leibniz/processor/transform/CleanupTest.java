package dev.leibniz.processor.transform;

import static dev.leibniz.processor.transform.Modes.copies;
import static dev.leibniz.processor.transform.Modes.with;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Exprs;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The cleanups keep every value: each pass, on the linearized bodies and the forward forms of the
 * examples, gives bit for bit the results (and the arrays written) it was given.
 */
class CleanupTest {
  /** An example at a point, with a tangent for each of its parameters in D. */
  private record Case(Function f, Object[] args, Object[] tangents) {}

  private static final List<Case> CASES = List.of(
      new Case(Examples.sinTimes(), new Object[] {0.8, -1.7}, new Object[] {0.3, 2.0}),
      new Case(Examples.geometric(), new Object[] {0.7, 5}, new Object[] {1.0}),
      new Case(Examples.powerUntil(), new Object[] {1.3, 5.0}, new Object[] {1.0, 0.5}),
      new Case(Examples.branch(), new Object[] {2.0, 1.0}, new Object[] {0.5, 3.0}),
      new Case(Examples.branch(), new Object[] {0.5, 1.0}, new Object[] {0.5, 3.0}),
      new Case(Examples.sumSquares(), new Object[] {new double[] {1.5, -2.0, 0.25}},
          new Object[] {new double[] {0.1, 0.2, -0.3}}),
      new Case(Examples.squareAll(), new Object[] {new double[] {1.5, -2.0, 0.25}, 1.2},
          new Object[] {new double[] {0.1, 0.2, -0.3}, -0.4}),
      new Case(Examples.outsideDisc(), new Object[] {0.0, 0.0}, new Object[] {1.0, 1.0}),
      new Case(Examples.outsideDisc(), new Object[] {0.6, 0.8}, new Object[] {1.0, 2.0}),
      new Case(Examples.firstAbove(), new Object[] {new double[] {0.5, 2.5, 3.0}, 1.0},
          new Object[] {new double[] {0.1, 0.2, -0.3}, 0.5}),
      new Case(Examples.triangle(), new Object[] {0.9, 5}, new Object[] {1.0}),
      new Case(Examples.powerAtLeastOnce(), new Object[] {1.1, 3}, new Object[] {1.0}),
      new Case(Examples.onPoint(), new Object[] {ForwardTest.point(0.5, 1.25)},
          new Object[] {ForwardTest.point(2.0, -1.0)}));

  @Test
  void deadCode() {
    preservesValues(b -> DeadCode.deadCode(b, Set.of(), ref -> false));
  }

  @Test
  void propagateCopies() {
    preservesValues(b -> Cleanup.propagateCopies(b, Set.of()));
  }

  @Test
  void inlineSingleUses() {
    int removed = preservesValues(b -> Compaction.inlineSingleUses(b, Set.of(), ref -> false));
    assertTrue(removed > 0, "temporaries were inlined");
  }

  @Test
  void assignAtDefinition() {
    preservesValues(b -> Compaction.assignAtDefinition(b, Set.of()));
  }

  @Test
  void sinkCopiesAndMergeResets() {
    preservesValues(b -> Cleanup.sinkCopies(Cleanup.mergeResets(b), Set.of()));
  }

  @Test
  void mergeFirstContributions() {
    preservesValues(Cleanup::mergeFirstContributions);
  }

  @Test
  void hoistEveryVariable() {
    preservesValues(b -> Cleanup.hoist(b, Stmts.mentioned(b)));
  }

  /** The chain the writer runs on a forward form (dead code inside {@code Forward.apply}). */
  @Test
  void allAsTheWriterChainsThem() {
    int removed = preservesValues(b -> Compaction.assignAtDefinition(Compaction.inlineSingleUses(
        Cleanup.propagateCopies(Cleanup.propagateCopies(b, Set.of()), Set.of()), Set.of(), ref -> false), Set.of()));
    assertTrue(removed > 0, "statements were removed");
  }

  /**
   * Reverse mode's cleanups: the gradient-only sweeps ({@code mGrad}) and the backward sweep
   * compacted as the writer prints it give the gradients of the full sweeps.
   */
  @Test
  void reverseSweepsKeepTheirGradients() {
    for (Case c : CASES) {
      Modes.Sweeps sweeps = Modes.reverse(c.f());
      Reverse.Result r = sweeps.result();
      List<Object> expected = Modes.vjp(sweeps, 1.0, arraySeeds(c.f()), copies(c.args())).gradients();
      if (c.f().resultType().isFloating()) {
        Reverse.Result gradOnly = r.gradientOnly(sweeps.seed(), Const.of(1.0));
        assertDeepEquals(expected, Modes.vjp(sweeps.with(gradOnly), 0, List.of(), copies(c.args())).gradients());
      }
      Set<Var> keep = new java.util.HashSet<>();
      r.gradients().forEach(g -> keep.addAll(Exprs.vars(g)));
      Block compact = Compaction.assignAtDefinition(Compaction.inlineSingleUses(r.backward(), keep, ref -> false), keep);
      Reverse.Result compacted = new Reverse.Result(r.forward(), compact, r.value(), r.gradients(), r.tape(),
          r.pureFunctions(), r.arraySeeds());
      assertDeepEquals(expected, Modes.vjp(sweeps.with(compacted), 1.0, arraySeeds(c.f()), copies(c.args())).gradients());
    }
  }

  /** The cotangent of the final contents of the array a {@code void} example writes. */
  private static List<Object> arraySeeds(Function f) {
    return f.resultType().isFloating() ? List.of() : List.of(new double[] {0.5, -1.0, 2.0});
  }

  /**
   * Checks that {@code pass} keeps the results of every case's linearized body and forward form;
   * returns how many statements it removed in all.
   */
  private static int preservesValues(UnaryOperator<Block> pass) {
    int removed = 0;
    for (Case c : CASES) {
      List<Function> forms = List.of(Linearize.apply(c.f()), Modes.forward(c.f()));
      List<Object[]> inputs = List.of(c.args(), with(c.args(), c.tangents()));
      for (int k = 0; k < forms.size(); k++) {
        Function before = forms.get(k);
        Function after = before.withBody(pass.apply(before.body()));
        assertDeepEquals(outcome(before, inputs.get(k)), outcome(after, inputs.get(k)));
        removed += size(before.body()) - size(after.body());
      }
    }
    return removed;
  }

  /** What running {@code f} gives: its results, then its arguments (arrays it wrote). */
  private static List<Object> outcome(Function f, Object[] args) {
    Object[] copies = copies(args);
    List<Object> out = new ArrayList<>(IrEval.call(f, copies));
    out.addAll(List.of(copies));
    return out;
  }

  private static void assertDeepEquals(List<Object> expected, List<Object> actual) {
    assertEquals(expected.size(), actual.size());
    assertArrayEquals(expected.toArray(), actual.toArray(), () -> expected + " became " + actual);
  }

  private static int size(Block b) {
    int[] n = {0};
    Stmts.walk(b, s -> n[0]++);
    return n[0];
  }
}
