package dev.leibniz.it.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.examples.seed.BasicJvp;
import dev.leibniz.examples.seed.BasicJvpDerivatives;
import dev.leibniz.examples.seed.BasicVjp;
import dev.leibniz.examples.seed.BasicVjpDerivatives;
import dev.leibniz.examples.seed.Clipping;
import dev.leibniz.examples.seed.ClippingDerivatives;
import dev.leibniz.examples.seed.ConventionDerivatives;
import dev.leibniz.examples.seed.Debugging;
import dev.leibniz.examples.seed.DebuggingDerivatives;
import dev.leibniz.examples.seed.FixedPoint;
import dev.leibniz.examples.seed.FixedPointDerivatives;
import dev.leibniz.examples.seed.Log1pexp;
import dev.leibniz.examples.seed.Log1pexpDerivatives;
import dev.leibniz.examples.seed.NonDiffArgs;
import dev.leibniz.examples.seed.NonDiffArgsDerivatives;
import dev.leibniz.examples.seed.Pytrees;
import dev.leibniz.examples.seed.PytreesDerivatives;
import dev.leibniz.examples.seed.TldrJvp;
import dev.leibniz.examples.seed.TldrJvpDerivatives;
import dev.leibniz.examples.seed.TldrVjpDerivatives;
import dev.leibniz.runtime.Dual;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** Every example of the seed notebook in double precision against JAX with {@code jax_enable_x64}. */
class SeedF64Test {
  private final JaxOracle jax = JaxOracle.f64();

  private static double[] arange3(DoubleUnaryOperator f) {
    return new double[] {f.applyAsDouble(0), f.applyAsDouble(1), f.applyAsDouble(2)};
  }

  @Test
  void tldrCustomJvp() {
    jax.check("tldr_jvp.f(2,3)", TldrJvp.f(2, 3));
    Dual y = TldrJvpDerivatives.fJvp(2, 3, 1, 0);
    jax.check("tldr_jvp.jvp", y.value(), y.tangent());
    jax.check("tldr_jvp.grad", TldrJvpDerivatives.fGrad(2, 3).x());
    TldrJvpDerivatives.FGradient g = TldrJvpDerivatives.fGrad(2, 3);
    jax.check("tldr_jvp.grad_argnums_01", g.x(), g.y());
    TldrJvpDerivatives.FValueAndGrad vg = TldrJvpDerivatives.fValueAndGrad(2, 3);
    jax.check("tldr_jvp.f(2,3)", vg.value());
    jax.check("tldr_jvp.grad_argnums_01", vg.gradient().x(), vg.gradient().y());
    TldrJvpDerivatives.FGradient pulled = TldrJvpDerivatives.fVjp(2, 3).pullback(1);
    jax.check("tldr_jvp.grad_argnums_01", pulled.x(), pulled.y());
  }

  @Test
  void tldrDefjvps() {
    jax.check("tldr_jvp.f(2,3)", TldrJvp.g(2, 3));
    Dual y = TldrJvpDerivatives.gJvp(2, 3, 1, 0);
    jax.check("tldr_jvp.jvp", y.value(), y.tangent());
    TldrJvpDerivatives.GGradient g = TldrJvpDerivatives.gGrad(2, 3);
    jax.check("tldr_jvp.grad_argnums_01", g.x(), g.y());
    TldrJvpDerivatives.GGradient pulled = TldrJvpDerivatives.gVjp(2, 3).pullback(1);
    jax.check("tldr_jvp.grad_argnums_01", pulled.x(), pulled.y());
  }

  @Test
  void tldrCustomVjp() {
    jax.check("tldr_vjp.grad", TldrVjpDerivatives.fGrad(2, 3).x());
    TldrVjpDerivatives.FGradient g = TldrVjpDerivatives.fGrad(2, 3);
    jax.check("tldr_vjp.grad_argnums_01", g.x(), g.y());
    TldrVjpDerivatives.FValueAndGrad vg = TldrVjpDerivatives.fValueAndGrad(2, 3);
    jax.check("tldr_jvp.f(2,3)", vg.value());
    jax.check("tldr_vjp.grad_argnums_01", vg.gradient().x(), vg.gradient().y());
  }

  @Test
  void log1pexpNaive() {
    jax.check("log1pexp.naive(3)", Log1pexp.naive(3));
    jax.check("log1pexp.naive.jit_grad(3)", Log1pexpDerivatives.naiveGrad(3));
    jax.check("log1pexp.naive.vmap_grad(arange3)", arange3(Log1pexpDerivatives::naiveGrad));
    // exp(100) is finite in double: only 1000 overflows to 0 * inf = NaN
    jax.check("log1pexp.naive.grad(100)", Log1pexpDerivatives.naiveGrad(100));
    jax.check("log1pexp.naive.grad(1000)", Log1pexpDerivatives.naiveGrad(1000));
    jax.check("log1pexp.naive.grad(1000)", Log1pexpDerivatives.naiveJvp(1000, 1).tangent());
    jax.check("log1pexp.naive.grad(1000)", Log1pexpDerivatives.naiveVjp(1000).pullback(1));
  }

  @Test
  void log1pexpRule() {
    jax.check("log1pexp.rule.jit(3)", Log1pexp.rule(3));
    jax.check("log1pexp.rule.jit_grad(3)", Log1pexpDerivatives.ruleGrad(3));
    jax.check("log1pexp.rule.jit_grad(3)", Log1pexpDerivatives.ruleJvp(3, 1).tangent());
    jax.check("log1pexp.rule.vmap_grad(arange3)", arange3(Log1pexpDerivatives::ruleGrad));
    jax.check("log1pexp.rule.grad(100)", Log1pexpDerivatives.ruleGrad(100));
    jax.check("log1pexp.rule.grad(1000)", Log1pexpDerivatives.ruleGrad(1000));
    jax.check("log1pexp.rule.grad(1000)", Log1pexpDerivatives.ruleVjp(1000).pullback(1));
    jax.check("log1pexp.rule.grad_grad(3)", Log1pexpDerivatives.ruleHessian(3));
    jax.check("log1pexp.rule.grad_grad(3)", Log1pexpDerivatives.ruleHvp(3, 1));
  }

  @Test
  void log1pexpDefjvps() {
    jax.check("log1pexp.rule.jit(3)", Log1pexp.perArgument(3));
    jax.check("log1pexp.rule.jit_grad(3)", Log1pexpDerivatives.perArgumentGrad(3));
    jax.check("log1pexp.rule.vmap_grad(arange3)", arange3(Log1pexpDerivatives::perArgumentGrad));
    jax.check("log1pexp.rule.grad(100)", Log1pexpDerivatives.perArgumentGrad(100));
    jax.check("log1pexp.rule.grad(1000)", Log1pexpDerivatives.perArgumentGrad(1000));
    jax.check("log1pexp.rule.grad(1000)", Log1pexpDerivatives.perArgumentJvp(1000, 1).tangent());
  }

  @Test
  void convention() {
    jax.check("convention.naive.grad(0)", ConventionDerivatives.naiveGrad(0));
    jax.check("convention.rule.grad(0)", ConventionDerivatives.ruleGrad(0));
    jax.check("convention.rule.grad(0)", ConventionDerivatives.ruleJvp(0, 1).tangent());
    jax.check("convention.rule.grad(4)", ConventionDerivatives.ruleGrad(4));
    jax.check("convention.rule.grad(0)", ConventionDerivatives.perArgumentGrad(0));
    jax.check("convention.rule.grad(4)", ConventionDerivatives.perArgumentGrad(4));
  }

  @Test
  void gradientClipping() {
    double[] t = JaxOracle.linspace(0, 10, 1000);
    int[] at = JaxOracle.CLIP_SAMPLES;
    double[] ts = new double[at.length];
    double[] sin = new double[at.length];
    double[] gradSin = new double[at.length];
    double[] clipSin = new double[at.length];
    double[] gradClipSin = new double[at.length];
    for (int i = 0; i < at.length; i++) {
      double x = t[at[i]];
      ts[i] = x;
      sin[i] = Clipping.sin(x);
      gradSin[i] = ClippingDerivatives.sinGrad(x);
      clipSin[i] = Clipping.clipSin(x);
      gradClipSin[i] = ClippingDerivatives.clipSinGrad(x);
    }
    jax.check("clip.t_samples", ts);
    jax.check("clip.sin_samples", sin);
    jax.check("clip.grad_sin_samples", gradSin);
    jax.check("clip.clip_sin_samples", clipSin);
    jax.check("clip.grad_clip_sin_samples", gradClipSin);
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double x : t) {
      double g = ClippingDerivatives.clipSinGrad(x);
      sum += g;
      min = Math.min(min, g);
      max = Math.max(max, g);
    }
    jax.check("clip.grad_clip_sin_sum", sum);
    jax.check("clip.grad_clip_sin_min_max", min, max);
  }

  @Test
  void debuggingSeesTheCotangent() {
    List<Double> seen = new ArrayList<>();
    Debugging.listen(seen::add);
    try {
      double grad = DebuggingDerivatives.fooGrad(3);
      // the notebook's (Pdb) p g: the cotangent of y = x^2 = 9 is cos(9)
      jax.check("cotangent at the breakpoint", new double[] {Math.cos(9)}, seen.stream().mapToDouble(d -> d).toArray());
      jax.check("grad(foo)(3)", new double[] {Math.cos(9) * 6}, grad);
    } finally {
      Debugging.listen(g -> {});
    }
  }

  @Test
  void fixedPoint() {
    jax.check("fixed_point.newton_sqrt(2)", FixedPoint.newtonSqrt(2));
    jax.check("fixed_point.jit_vmap(1..4)", FixedPoint.newtonSqrt(1), FixedPoint.newtonSqrt(2), FixedPoint.newtonSqrt(3),
        FixedPoint.newtonSqrt(4));
    jax.check("fixed_point.grad(2)", FixedPointDerivatives.newtonSqrtGrad(2));
    jax.check("fixed_point.grad(2)", FixedPointDerivatives.newtonSqrtVjp(2).pullback(1));
    jax.check("fixed_point.grad_grad(2)", FixedPointDerivatives.newtonSqrtHessian(2));
    jax.check("fixed_point.grad_grad(2)", FixedPointDerivatives.newtonSqrtHvp(2, 1));
    jax.check("fixed_point.grad(9)", FixedPointDerivatives.newtonSqrtGrad(9));
    jax.check("fixed_point.grad_grad(9)", FixedPointDerivatives.newtonSqrtHessian(9));
    jax.check("fixed_point.sqrt_grad(2)", FixedPointDerivatives.sqrtGrad(2));
    jax.check("fixed_point.sqrt_grad_grad(2)", FixedPointDerivatives.sqrtHessian(2));
  }

  @Test
  void basicCustomJvp() {
    jax.check("basic.f(3)", BasicJvp.f(3));
    Dual y = BasicJvpDerivatives.fJvp(3, 1);
    jax.check("basic.jvp(3,1)", y.value(), y.tangent());
    jax.check("basic.grad(3)", BasicJvpDerivatives.fGrad(3));
    jax.check("basic.grad(3)", BasicJvpDerivatives.fValueAndGrad(3).gradient());
    jax.check("basic.grad(3)", BasicJvpDerivatives.fVjp(3).pullback(1));
    jax.check("basic.grad_grad(3)", BasicJvpDerivatives.fHessian(3));
    jax.check("basic.grad_grad(3)", BasicJvpDerivatives.fHvp(3, 1));
    jax.check("basic.vmap(arange3)", arange3(BasicJvp::f));
    jax.check("basic.grad(3)", BasicJvpDerivatives.sinGrad(3));
    jax.check("multi.grad(2,3)", BasicJvpDerivatives.multiGrad(2, 3).x());
    jax.check("multi.grad(2,3)", BasicJvpDerivatives.multiJvp(2, 3, 1, 0).tangent());
  }

  @Test
  void basicDefjvps() {
    BasicJvpDerivatives.SquareTimesGradient g = BasicJvpDerivatives.squareTimesGrad(2, 3);
    jax.check("defjvps.grad0(2,3)", g.x());
    jax.check("defjvps.grad1(2,3)", g.y());
    Dual y = BasicJvpDerivatives.squareTimesJvp(2, 3, 1, 1);
    jax.check("defjvps.jvp(2,3;1,1)", y.value(), y.tangent());
    BasicJvpDerivatives.SquareTimesNoneGradient none = BasicJvpDerivatives.squareTimesNoneGrad(2, 3);
    jax.check("defjvps_none.grad0(2,3)", none.x());
    jax.check("defjvps_none.grad1(2,3)", none.y());
    jax.check("defjvps_none.grad1(2,3)", BasicJvpDerivatives.squareTimesNoneJvp(2, 3, 0, 1).tangent());
  }

  @Test
  void controlFlow() {
    jax.check("control_flow.grad(1)", BasicJvpDerivatives.branchyGrad(1));
    jax.check("control_flow.grad(-1)", BasicJvpDerivatives.branchyGrad(-1));
    jax.check("control_flow.grad(1)", BasicJvpDerivatives.branchyJvp(1, 1).tangent());
    jax.check("control_flow.grad(-1)", BasicJvpDerivatives.branchyVjp(-1).pullback(1));
  }

  @Test
  void basicCustomVjp() {
    jax.check("vjp_basic.f(3)", BasicVjp.f(3));
    jax.check("vjp_basic.grad(3)", BasicVjpDerivatives.fGrad(3));
    BasicVjpDerivatives.FVjp vjp = BasicVjpDerivatives.fVjp(3);
    jax.check("vjp_basic.f(3)", vjp.value());
    jax.check("vjp_basic.vjp(3)(1)", vjp.pullback(1));
    BasicVjpDerivatives.MultiGradient g = BasicVjpDerivatives.multiGrad(2, 3);
    jax.check("vjp_multi.grad(2,3)", g.x());
    jax.check("vjp_multi.grad1(2,3)", g.y());
  }

  @Test
  void pytrees() {
    Pytrees.Point pt = new Pytrees.Point(1, 2);
    Pytrees.Out out = Pytrees.f(pt);
    jax.check("pytree_jvp.f(pt)", out.a(), out.b().first(), out.b().second());
    Pytrees.Out outG = Pytrees.g(pt);
    jax.check("pytree_jvp.f(pt)", outG.a(), outG.b().first(), outG.b().second());
    Pytrees.Point g = PytreesDerivatives.funGrad(pt);
    jax.check("pytree_jvp.grad(fun)(pt)", g.x(), g.y());
    Pytrees.Point gv = PytreesDerivatives.gunGrad(pt);
    jax.check("pytree_vjp.grad(fun)(pt)", gv.x(), gv.y());
    Pytrees.Point full = PytreesDerivatives.gVjp(pt).pullback(new Pytrees.Out(1, new Pytrees.Pair(1, 1)));
    jax.check("pytree_vjp.full_cotangent", full.x(), full.y());
  }

  @Test
  void pytreeZeroSignThroughTheVjpRule() {
    // The VJP rule computes y's cotangent as -sin(2) * 0 = -0.0, as JAX's does. (Through the JVP
    // rule JAX's +0.0 is a symbolic zero for the unused component; Leibniz passes a computed 0.0 to
    // the callee's pullback, whose negation gives -0.0: equal as a number, see docs/bodies.md, "Numerics".)
    assertEquals(Math.copySign(1, jax.numbers("pytree_vjp.grad(fun)(pt)")[1]),
        Math.copySign(1, PytreesDerivatives.gunGrad(new Pytrees.Point(1, 2)).y()), "sign of d/dy through the VJP");
  }

  @Test
  void nonDiffArguments() {
    jax.check("nondiff_jvp.app", NonDiffArgs.app(x -> x * x * x, 3));
    jax.check("nondiff_jvp.grad", NonDiffArgsDerivatives.appGrad(x -> x * x * x, 3));
    jax.check("nondiff_jvp.grad", NonDiffArgsDerivatives.appJvp(x -> x * x * x, 3, 1).tangent());
    jax.check("nondiff_jvp2.app2", NonDiffArgs.app2(x -> x * x * x, 3, y -> 5 * y));
    jax.check("nondiff_jvp2.grad", NonDiffArgsDerivatives.app2Grad(x -> x * x * x, 3, y -> 5 * y));
    jax.check("nondiff_vjp.app", NonDiffArgs.appVjp(x -> x * x, 4));
    jax.check("nondiff_vjp.grad", NonDiffArgsDerivatives.appVjpGrad(x -> x * x, 4));
    jax.check("nondiff_vjp.grad", NonDiffArgsDerivatives.appVjpVjp(x -> x * x, 4).pullback(1));
  }
}
