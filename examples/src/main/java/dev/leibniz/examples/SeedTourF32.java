package dev.leibniz.examples;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.leibniz.examples.seed.f32.BasicJvp;
import dev.leibniz.examples.seed.f32.BasicJvpDerivatives;
import dev.leibniz.examples.seed.f32.BasicJvpVectorized;
import dev.leibniz.examples.seed.f32.BasicVjp;
import dev.leibniz.examples.seed.f32.BasicVjpDerivatives;
import dev.leibniz.examples.seed.f32.Clipping;
import dev.leibniz.examples.seed.f32.ClippingDerivatives;
import dev.leibniz.examples.seed.f32.ConventionDerivatives;
import dev.leibniz.examples.seed.f32.Debugging;
import dev.leibniz.examples.seed.f32.DebuggingDerivatives;
import dev.leibniz.examples.seed.f32.FixedPoint;
import dev.leibniz.examples.seed.f32.FixedPointDerivatives;
import dev.leibniz.examples.seed.f32.Log1pexp;
import dev.leibniz.examples.seed.f32.Log1pexpDerivatives;
import dev.leibniz.examples.seed.f32.Log1pexpVectorized;
import dev.leibniz.examples.seed.f32.NonDiffArgs;
import dev.leibniz.examples.seed.f32.NonDiffArgsDerivatives;
import dev.leibniz.examples.seed.f32.Pytrees;
import dev.leibniz.examples.seed.f32.PytreesDerivatives;
import dev.leibniz.examples.seed.f32.TldrJvp;
import dev.leibniz.examples.seed.f32.TldrJvpDerivatives;
import dev.leibniz.examples.seed.f32.TldrVjpDerivatives;
import dev.leibniz.runtime.Jvp;
import java.util.ArrayList;
import java.util.List;

/**
 * The float section of the seed tour: every example in float32 (JAX's default precision,
 * {@code dev.leibniz.examples.seed.f32}), beside JAX's float32 results. The keys are those of the
 * double section.
 */
final class SeedTourF32 {
  private SeedTourF32() {}

  /** {@code vmap(f)(jnp.arange(3.))} in float32: a batched form over 0, 1, 2. */
  static double[] arange3(java.util.function.BiConsumer<float[], float[]> batched) {
    float[] out = new float[3];
    batched.accept(new float[] {0f, 1f, 2f}, out);
    return new double[] {out[0], out[1], out[2]};
  }

  /** {@code jnp.linspace(lo, hi, n)} in float32. */
  static float[] linspace(float lo, float hi, int n) {
    double[] d = SeedTour.linspace(lo, hi, n);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) d[i];
    }
    return out;
  }

  static void run(Tour t) {
    t.section("TL;DR: custom JVPs with jax.custom_jvp");
    t.check("tldr_jvp.f(2,3)", TldrJvp.f(2f, 3f));
    Jvp<Float> y = TldrJvpDerivatives.fJvp(2f, 3f, 1f, 0f);
    t.check("tldr_jvp.jvp", y.value(), y.tangent());
    t.check("tldr_jvp.grad", TldrJvpDerivatives.fGrad(2f, 3f).x());
    TldrJvpDerivatives.FGradient both = TldrJvpDerivatives.fGrad(2f, 3f);
    t.check("tldr_jvp.grad_argnums_01", both.x(), both.y());
    t.note("with defjvps (one rule per argument):");
    Jvp<Float> yg = TldrJvpDerivatives.gJvp(2f, 3f, 1f, 0f);
    t.check("tldr_jvp.jvp", yg.value(), yg.tangent());
    t.check("tldr_jvp.grad", TldrJvpDerivatives.gGrad(2f, 3f).x());

    t.section("TL;DR: custom VJPs with jax.custom_vjp");
    t.check("tldr_vjp.grad", TldrVjpDerivatives.fGrad(2f, 3f).x());
    TldrVjpDerivatives.FGradient vjpBoth = TldrVjpDerivatives.fGrad(2f, 3f);
    t.check("tldr_vjp.grad_argnums_01", vjpBoth.x(), vjpBoth.y());

    t.section("Numerical stability: log1pexp");
    t.check("log1pexp.naive(3)", Log1pexp.naive(3f));
    t.check("log1pexp.naive.jit_grad(3)", Log1pexpDerivatives.naiveGrad(3f));
    t.check("log1pexp.naive.vmap_grad(arange3)", arange3(Log1pexpVectorized::naiveGrad));
    t.check("log1pexp.naive.grad(100)", Log1pexpDerivatives.naiveGrad(100f));
    t.check("log1pexp.naive.grad(1000)", Log1pexpDerivatives.naiveGrad(1000f));
    t.note("with the custom JVP rule:");
    t.check("log1pexp.rule.jit(3)", Log1pexp.rule(3f));
    t.check("log1pexp.rule.jit_grad(3)", Log1pexpDerivatives.ruleGrad(3f));
    t.check("log1pexp.rule.vmap_grad(arange3)", arange3(Log1pexpVectorized::ruleGrad));
    t.check("log1pexp.rule.grad(100)", Log1pexpDerivatives.ruleGrad(100f));
    t.check("log1pexp.rule.grad(1000)", Log1pexpDerivatives.ruleGrad(1000f));
    t.check("log1pexp.rule.grad_grad(3)", Log1pexpDerivatives.ruleHessian(3f));
    t.note("with defjvps:");
    t.check("log1pexp.rule.grad(100)", Log1pexpDerivatives.perArgumentGrad(100f));
    t.check("log1pexp.rule.jit_grad(3)", Log1pexpDerivatives.perArgumentGrad(3f));

    t.section("Enforcing a differentiation convention: x / (1 + sqrt(x))");
    t.check("convention.naive.grad(0)", ConventionDerivatives.naiveGrad(0f));
    t.check("convention.rule.grad(0)", ConventionDerivatives.ruleGrad(0f));
    t.check("convention.rule.grad(4)", ConventionDerivatives.ruleGrad(4f));
    t.note("with defjvps:");
    t.check("convention.rule.grad(0)", ConventionDerivatives.perArgumentGrad(0f));

    t.section("Gradient clipping");
    int[] samples = SeedTour.CLIP_SAMPLES;
    float[] ts = linspace(0f, 10f, 1000);
    double[] sampleT = new double[samples.length];
    double[] sin = new double[samples.length];
    double[] gradSin = new double[samples.length];
    double[] clipSin = new double[samples.length];
    double[] gradClipSin = new double[samples.length];
    for (int i = 0; i < samples.length; i++) {
      float x = ts[samples[i]];
      sampleT[i] = x;
      sin[i] = Clipping.sin(x);
      gradSin[i] = ClippingDerivatives.sinGrad(x);
      clipSin[i] = Clipping.clipSin(x);
      gradClipSin[i] = ClippingDerivatives.clipSinGrad(x);
    }
    t.check("clip.t_samples", sampleT);
    t.check("clip.sin_samples", sin);
    t.check("clip.grad_sin_samples", gradSin);
    t.check("clip.clip_sin_samples", clipSin);
    t.check("clip.grad_clip_sin_samples", gradClipSin);
    double sum = 0; // the float gradients summed without rounding: XLA's pairwise float sum is close to that
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float x : ts) {
      float g = ClippingDerivatives.clipSinGrad(x);
      sum += g;
      min = Math.min(min, g);
      max = Math.max(max, g);
    }
    t.check("clip.grad_clip_sin_sum", sum);
    t.check("clip.grad_clip_sin_min_max", min, max);

    t.section("Python debugging: a breakpoint in the backward pass");
    List<Double> seen = new ArrayList<>();
    Debugging.listen(seen::add);
    float fooGrad = DebuggingDerivatives.fooGrad(3f);
    Debugging.listen(g -> {});
    float cos9 = (float) Math.cos(9f);
    t.check("debug: cotangent seen by debugBwd", new double[] {cos9}, seen.get(0));
    t.check("debug: grad(foo)(3)", new double[] {cos9 * 6f}, fooGrad);

    t.section("Implicit function differentiation: fixed_point");
    t.check("fixed_point.newton_sqrt(2)", FixedPoint.newtonSqrt(2f));
    t.check("fixed_point.jit_vmap(1..4)", FixedPoint.newtonSqrt(1f), FixedPoint.newtonSqrt(2f),
        FixedPoint.newtonSqrt(3f), FixedPoint.newtonSqrt(4f));
    t.check("fixed_point.grad(2)", FixedPointDerivatives.newtonSqrtGrad(2f));
    t.check("fixed_point.grad_grad(2)", FixedPointDerivatives.newtonSqrtHessian(2f));
    t.check("fixed_point.grad(9)", FixedPointDerivatives.newtonSqrtGrad(9f));
    t.check("fixed_point.grad_grad(9)", FixedPointDerivatives.newtonSqrtHessian(9f));
    t.check("fixed_point.sqrt_grad(2)", FixedPointDerivatives.sqrtGrad(2f));
    t.check("fixed_point.sqrt_grad_grad(2)", FixedPointDerivatives.sqrtHessian(2f));

    t.section("Basic usage: jax.custom_jvp");
    t.check("basic.f(3)", BasicJvp.f(3f));
    Jvp<Float> b = BasicJvpDerivatives.fJvp(3f, 1f);
    t.check("basic.jvp(3,1)", b.value(), b.tangent());
    t.check("basic.grad(3)", BasicJvpDerivatives.fGrad(3f));
    t.check("basic.grad_grad(3)", BasicJvpDerivatives.fHessian(3f));
    t.check("basic.vmap(arange3)", arange3(BasicJvpVectorized::f));
    t.check("multi.grad(2,3)", BasicJvpDerivatives.multiGrad(2f, 3f).x());
    t.check("basic.grad(3)", BasicJvpDerivatives.sinGrad(3f));
    t.check("defjvps.grad0(2,3)", BasicJvpDerivatives.squareTimesGrad(2f, 3f).x());
    t.check("defjvps.grad1(2,3)", BasicJvpDerivatives.squareTimesGrad(2f, 3f).y());
    Jvp<Float> dj = BasicJvpDerivatives.squareTimesJvp(2f, 3f, 1f, 1f);
    t.check("defjvps.jvp(2,3;1,1)", dj.value(), dj.tangent());
    t.check("defjvps_none.grad0(2,3)", BasicJvpDerivatives.squareTimesNoneGrad(2f, 3f).x());
    t.check("defjvps_none.grad1(2,3)", BasicJvpDerivatives.squareTimesNoneGrad(2f, 3f).y());
    List<String> calls = new ArrayList<>();
    BasicJvp.log(calls::add);
    BasicJvp.f(3f);
    t.note("f(3) runs " + calls);
    calls.clear();
    BasicJvpDerivatives.fJvp(3f, 1f);
    t.note("jvp(f)(3, 1) runs " + calls);
    calls.clear();
    BasicJvpDerivatives.fGrad(3f);
    t.note("grad(f)(3) runs " + calls);
    calls.clear();
    BasicJvpDerivatives.fHessian(3f);
    t.note("grad(grad(f))(3) runs " + calls);
    BasicJvp.log(message -> {});
    t.check("control_flow.grad(1)", BasicJvpDerivatives.branchyGrad(1f));
    t.check("control_flow.grad(-1)", BasicJvpDerivatives.branchyGrad(-1f));

    t.section("Basic usage: jax.custom_vjp");
    t.check("vjp_basic.f(3)", BasicVjp.f(3f));
    t.check("vjp_basic.grad(3)", BasicVjpDerivatives.fGrad(3f));
    t.check("vjp_basic.vjp(3)(1)", BasicVjpDerivatives.fVjp(3f).pullback(1f));
    t.check("vjp_multi.grad(2,3)", BasicVjpDerivatives.multiGrad(2f, 3f).x());
    t.check("vjp_multi.grad1(2,3)", BasicVjpDerivatives.multiGrad(2f, 3f).y());
    boolean hasJvp = false;
    for (java.lang.reflect.Method m : BasicVjpDerivatives.class.getMethods()) {
      hasJvp |= m.getName().equals("fJvp");
    }
    t.note("jvp(f): " + (hasJvp ? "fJvp exists (unexpected)" : "BasicVjpDerivatives has no fJvp: "
        + t.oracle().raw("vjp_basic.jvp_error").getAsJsonObject().get("message").getAsString()));

    t.section("Containers (pytrees)");
    Pytrees.Point pt = new Pytrees.Point(1f, 2f);
    Pytrees.Out out = Pytrees.f(pt);
    JsonObject dict = t.oracle().raw("pytree_jvp.f(pt)").getAsJsonObject();
    JsonArray pair = dict.getAsJsonArray("b");
    t.check("pytree_jvp.f(pt)", new double[] {dict.get("a").getAsDouble(), pair.get(0).getAsDouble(),
        pair.get(1).getAsDouble()}, out.a(), out.b().first(), out.b().second());
    Pytrees.Point g = PytreesDerivatives.funGrad(pt);
    t.check("pytree_jvp.grad(fun)(pt)", g.x(), g.y());
    Pytrees.Point gv = PytreesDerivatives.gunGrad(pt);
    t.check("pytree_vjp.grad(fun)(pt)", gv.x(), gv.y());
    Pytrees.Point full = PytreesDerivatives.gVjp(pt).pullback(new Pytrees.Out(1f, new Pytrees.Pair(1f, 1f)));
    t.check("pytree_vjp.full_cotangent", SeedTour.flatten(t.oracle().raw("pytree_vjp.full_cotangent")),
        full.x(), full.y());

    t.section("Non-differentiable arguments (nondiff_argnums)");
    t.check("nondiff_jvp.app", NonDiffArgs.app(x -> x * x * x, 3f));
    t.check("nondiff_jvp.grad", NonDiffArgsDerivatives.appGrad(x -> x * x * x, 3f));
    t.check("nondiff_jvp2.app2", NonDiffArgs.app2(x -> x * x * x, 3f, yy -> 5 * yy));
    t.check("nondiff_jvp2.grad", NonDiffArgsDerivatives.app2Grad(x -> x * x * x, 3f, yy -> 5 * yy));
    t.check("nondiff_vjp.app", NonDiffArgs.appVjp(x -> x * x, 4f));
    t.check("nondiff_vjp.grad", NonDiffArgsDerivatives.appVjpGrad(x -> x * x, 4f));
  }
}
