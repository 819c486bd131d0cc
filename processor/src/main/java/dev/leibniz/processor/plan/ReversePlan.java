package dev.leibniz.processor.plan;

import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How a method's reverse forms are computed: the strategy of {@code mVjp} (and of {@code mGrad}
 * with it), and, for a function of one scalar, the forward-mode gradient. {@code cotangent} is the
 * pullback's parameter; {@code primalParams} the method's own parameters (a transposed JVP rule's
 * tangents left out).
 */
public record ReversePlan(Var cotangent, List<Var> primalParams, Strategy strategy, ForwardGradient forwardGradient) {

  /** Every block the reverse forms print. */
  public List<Block> blocks() {
    List<Block> out = new ArrayList<>();
    if (strategy instanceof InFrame s) {
      out.add(s.sweeps().forward());
      out.add(s.sweeps().backward());
      if (s.gradient() != null) {
        out.add(s.gradient().forward());
        out.add(s.gradient().backward());
      }
    } else if (strategy instanceof Recomputing s) {
      out.addAll(List.of(s.forward(), s.backward(), s.valueOnly()));
    } else if (strategy instanceof WithResiduals s) {
      out.add(s.backward());
      out.add(s.vjpForward());
      if (s.gradForward() != null) {
        out.add(s.gradForward());
      }
    }
    if (forwardGradient != null) {
      out.add(forwardGradient.gradOnly());
      out.add(forwardGradient.both());
    }
    return out;
  }

  /** How {@code mVjp} and its pullback work. */
  public sealed interface Strategy permits InFrame, Recomputing, WithResiduals {}

  /**
   * A body too large for one method: the forward sweep runs in a frame the VJP object keeps, each
   * pullback runs the backward sweep on its own copy. {@code gradient} is {@code mGrad}'s sweeps
   * ({@code null}: no reverse-mode {@code mGrad}), {@code gradientInFrame} whether they are split too;
   * {@code copied} the array parameters the VJP object copies.
   */
  public record InFrame(Sweeps sweeps, Sweeps gradient, boolean gradientInFrame, Set<Var> copied)
      implements Strategy {}

  /**
   * No side effects and immutable inputs: the VJP object keeps {@code inputs}, and
   * {@code mPullback(cotangent, inputs...)} runs {@code forward} then {@code backward}. {@code mVjp}
   * runs {@code valueOnly} and keeps {@code vjpArguments} (the value, then the inputs, saved on entry
   * when the body assigns them). {@code withGrad}: {@code mGrad} calls the pullback with one.
   */
  public record Recomputing(Block forward, Block backward, Expr gradient, List<Var> inputs, boolean withGrad,
      Block valueOnly, List<Expr> vjpArguments) implements Strategy {}

  /**
   * The backward sweep written once, in {@code mPullback(cotangent, arraySeeds..., residuals...)},
   * which {@code mGrad} and the VJP object call. {@code gradForward} is {@code mGrad}'s forward sweep
   * ({@code null}: no reverse-mode {@code mGrad}), {@code vjpForward} {@code mVjp}'s; {@code copied}
   * the array parameters the VJP object copies (the caller may change them).
   */
  public record WithResiduals(Sweeps sweeps, Block backward, Block gradForward, Block vjpForward, Set<Var> copied)
      implements Strategy {}

  /**
   * {@code mGrad} ({@code gradOnly}) and {@code mValueAndGrad} ({@code both}) of a function of one
   * scalar, by forward mode with the tangent one: one pass, nothing kept.
   */
  public record ForwardGradient(Block gradOnly, Block both) {}
}
