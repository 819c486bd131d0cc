package dev.leibniz.examples;

import com.google.gson.JsonElement;
import dev.leibniz.examples.seed.BasicJvp;
import dev.leibniz.examples.seed.BasicJvpDerivatives;
import dev.leibniz.examples.seed.BasicJvpVectorized;
import dev.leibniz.examples.seed.BasicVjp;
import dev.leibniz.examples.seed.BasicVjpDerivatives;
import dev.leibniz.examples.seed.Clipping;
import dev.leibniz.examples.seed.ClippingDerivatives;
import dev.leibniz.examples.seed.Convention;
import dev.leibniz.examples.seed.ConventionDerivatives;
import dev.leibniz.examples.seed.Debugging;
import dev.leibniz.examples.seed.DebuggingDerivatives;
import dev.leibniz.examples.seed.FixedPoint;
import dev.leibniz.examples.seed.FixedPointDerivatives;
import dev.leibniz.examples.seed.Log1pexp;
import dev.leibniz.examples.seed.Log1pexpDerivatives;
import dev.leibniz.examples.seed.Log1pexpVectorized;
import dev.leibniz.examples.seed.NonDiffArgs;
import dev.leibniz.examples.seed.NonDiffArgsDerivatives;
import dev.leibniz.examples.seed.Pytrees;
import dev.leibniz.examples.seed.PytreesDerivatives;
import dev.leibniz.examples.seed.TldrJvp;
import dev.leibniz.examples.seed.TldrJvpDerivatives;
import dev.leibniz.examples.seed.TldrVjp;
import dev.leibniz.examples.seed.TldrVjpDerivatives;
import dev.leibniz.runtime.Dual;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed tour: every example of JAX's "Custom derivative rules" notebook, in Java, each result
 * printed beside JAX's own (JAX 0.11.2, {@code oracle/}): first in double precision (JAX with
 * {@code jax_enable_x64}), then in float32 ({@link SeedTourF32}, JAX's default). {@code vmap} is a
 * batched form of {@code FooVectorized}. Exits 1 on any mismatch.
 */
public final class SeedTour {
  private SeedTour() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    out.println("Leibniz seed tour: the notebook \"Custom derivative rules for JAX-transformable Python"
        + " functions\" in Java, beside JAX 0.11.2's results");
    Tour tour = new Tour(Oracle.f64(), out);
    runDouble(tour);
    out.println();
    out.printf("double: %d checks, %d mismatches%n", tour.checks(), tour.mismatches());
    Tour floats = new Tour(Oracle.f32(), out);
    SeedTourF32.run(floats);
    out.println();
    out.printf("float: %d checks, %d mismatches%n", floats.checks(), floats.mismatches());
    int checks = tour.checks() + floats.checks();
    int mismatches = tour.mismatches() + floats.mismatches();
    out.printf("%d checks, %d mismatches%n", checks, mismatches);
    if (mismatches > 0) {
      System.exit(1);
    }
  }

  /** The indices of {@code t} that the oracle samples in the clipping example. */
  static final int[] CLIP_SAMPLES = {0, 1, 100, 150, 250, 314, 500, 628, 700, 999};

  /** The numbers of a (nested) JSON list, in order. */
  static double[] flatten(JsonElement e) {
    List<Double> out = new ArrayList<>();
    flatten(e, out);
    double[] a = new double[out.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = out.get(i);
    }
    return a;
  }

  private static void flatten(JsonElement e, List<Double> out) {
    if (e.isJsonArray()) {
      for (JsonElement x : e.getAsJsonArray()) {
        flatten(x, out);
      }
    } else {
      out.add(Oracle.number(e));
    }
  }

  /** {@code vmap(f)(jnp.arange(3.))}: a batched form ({@code FooVectorized}) over 0, 1, 2. */
  static double[] arange3(java.util.function.BiConsumer<double[], double[]> batched) {
    double[] out = new double[3];
    batched.accept(new double[] {0, 1, 2}, out);
    return out;
  }

  /** Every example in double precision (JAX with {@code jax_enable_x64}). */
  static void runDouble(Tour t) {
    t.section("TL;DR: custom JVPs with jax.custom_jvp");
    t.check("tldr_jvp.f(2,3)", TldrJvp.f(2., 3.));
    Dual y = TldrJvpDerivatives.fJvp(2., 3., 1., 0.);
    t.check("tldr_jvp.jvp", y.value(), y.tangent());
    t.check("tldr_jvp.grad", TldrJvpDerivatives.fGrad(2., 3.).x());
    TldrJvpDerivatives.FGradient both = TldrJvpDerivatives.fGrad(2., 3.);
    t.check("tldr_jvp.grad_argnums_01", both.x(), both.y());
    t.note("with defjvps (one rule per argument):");
    Dual yg = TldrJvpDerivatives.gJvp(2., 3., 1., 0.);
    t.check("tldr_jvp.jvp", yg.value(), yg.tangent());
    t.check("tldr_jvp.grad", TldrJvpDerivatives.gGrad(2., 3.).x());

    t.section("TL;DR: custom VJPs with jax.custom_vjp");
    t.check("tldr_vjp.grad", TldrVjpDerivatives.fGrad(2., 3.).x());
    TldrVjpDerivatives.FGradient vjpBoth = TldrVjpDerivatives.fGrad(2., 3.);
    t.check("tldr_vjp.grad_argnums_01", vjpBoth.x(), vjpBoth.y());

    t.section("Numerical stability: log1pexp");
    t.check("log1pexp.naive(3)", Log1pexp.naive(3.));
    t.check("log1pexp.naive.jit_grad(3)", Log1pexpDerivatives.naiveGrad(3.));
    t.check("log1pexp.naive.vmap_grad(arange3)", arange3(Log1pexpVectorized::naiveGrad));
    t.check("log1pexp.naive.grad(100)", Log1pexpDerivatives.naiveGrad(100.));
    t.check("log1pexp.naive.grad(1000)", Log1pexpDerivatives.naiveGrad(1000.));
    t.note("with the custom JVP rule:");
    t.check("log1pexp.rule.jit(3)", Log1pexp.rule(3.));
    t.check("log1pexp.rule.jit_grad(3)", Log1pexpDerivatives.ruleGrad(3.));
    t.check("log1pexp.rule.vmap_grad(arange3)", arange3(Log1pexpVectorized::ruleGrad));
    t.check("log1pexp.rule.grad(100)", Log1pexpDerivatives.ruleGrad(100.));
    t.check("log1pexp.rule.grad(1000)", Log1pexpDerivatives.ruleGrad(1000.));
    t.check("log1pexp.rule.grad_grad(3)", Log1pexpDerivatives.ruleHessian(3.));
    t.note("with defjvps:");
    t.check("log1pexp.rule.grad(100)", Log1pexpDerivatives.perArgumentGrad(100.));
    t.check("log1pexp.rule.jit_grad(3)", Log1pexpDerivatives.perArgumentGrad(3.));

    t.section("Enforcing a differentiation convention: x / (1 + sqrt(x))");
    t.check("convention.naive.grad(0)", ConventionDerivatives.naiveGrad(0.));
    t.check("convention.rule.grad(0)", ConventionDerivatives.ruleGrad(0.));
    t.check("convention.rule.grad(4)", ConventionDerivatives.ruleGrad(4.));
    t.note("with defjvps:");
    t.check("convention.rule.grad(0)", ConventionDerivatives.perArgumentGrad(0.));

    t.section("Gradient clipping");
    int[] samples = CLIP_SAMPLES;
    double[] ts = linspace(0, 10, 1000);
    double[] sampleT = new double[samples.length];
    double[] sin = new double[samples.length];
    double[] gradSin = new double[samples.length];
    double[] clipSin = new double[samples.length];
    double[] gradClipSin = new double[samples.length];
    for (int i = 0; i < samples.length; i++) {
      double x = ts[samples[i]];
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
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double x : ts) {
      double g = ClippingDerivatives.clipSinGrad(x);
      sum += g;
      min = Math.min(min, g);
      max = Math.max(max, g);
    }
    t.check("clip.grad_clip_sin_sum", sum);
    t.check("clip.grad_clip_sin_min_max", min, max);
    try {
      // the tour runs in examples/target: the plots land in examples/target/plots
      for (Path plot : ClippingPlots.write(Path.of("plots"), ts)) {
        t.note("plot: " + plot.toAbsolutePath().normalize());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }

    t.section("Python debugging: a breakpoint in the backward pass");
    List<Double> seen = new ArrayList<>();
    Debugging.listen(seen::add);
    double fooGrad = DebuggingDerivatives.fooGrad(3.);
    t.check("debug: cotangent seen by debugBwd", new double[] {Math.cos(9.)}, seen.get(0));
    t.check("debug: grad(foo)(3)", new double[] {Math.cos(9.) * 6.}, fooGrad);

    t.section("Implicit function differentiation: fixed_point");
    t.check("fixed_point.newton_sqrt(2)", FixedPoint.newtonSqrt(2.));
    t.check("fixed_point.jit_vmap(1..4)", FixedPoint.newtonSqrt(1.), FixedPoint.newtonSqrt(2.),
        FixedPoint.newtonSqrt(3.), FixedPoint.newtonSqrt(4.));
    t.check("fixed_point.grad(2)", FixedPointDerivatives.newtonSqrtGrad(2.));
    t.check("fixed_point.grad_grad(2)", FixedPointDerivatives.newtonSqrtHessian(2.));
    t.check("fixed_point.grad(9)", FixedPointDerivatives.newtonSqrtGrad(9.));
    t.check("fixed_point.grad_grad(9)", FixedPointDerivatives.newtonSqrtHessian(9.));
    t.check("fixed_point.sqrt_grad(2)", FixedPointDerivatives.sqrtGrad(2.));
    t.check("fixed_point.sqrt_grad_grad(2)", FixedPointDerivatives.sqrtHessian(2.));

    t.section("Basic usage: jax.custom_jvp");
    t.check("basic.f(3)", BasicJvp.f(3.));
    Dual b = BasicJvpDerivatives.fJvp(3., 1.);
    t.check("basic.jvp(3,1)", b.value(), b.tangent());
    t.check("basic.grad(3)", BasicJvpDerivatives.fGrad(3.));
    t.check("basic.grad_grad(3)", BasicJvpDerivatives.fHessian(3.));
    t.check("basic.vmap(arange3)", arange3(BasicJvpVectorized::f));
    t.check("multi.grad(2,3)", BasicJvpDerivatives.multiGrad(2., 3.).x());
    t.check("basic.grad(3)", BasicJvpDerivatives.sinGrad(3.));
    t.check("defjvps.grad0(2,3)", BasicJvpDerivatives.squareTimesGrad(2., 3.).x());
    t.check("defjvps.grad1(2,3)", BasicJvpDerivatives.squareTimesGrad(2., 3.).y());
    Dual dj = BasicJvpDerivatives.squareTimesJvp(2., 3., 1., 1.);
    t.check("defjvps.jvp(2,3;1,1)", dj.value(), dj.tangent());
    t.check("defjvps_none.grad0(2,3)", BasicJvpDerivatives.squareTimesNoneGrad(2., 3.).x());
    t.check("defjvps_none.grad1(2,3)", BasicJvpDerivatives.squareTimesNoneGrad(2., 3.).y());
    List<String> calls = new ArrayList<>();
    BasicJvp.log(calls::add);
    BasicJvp.f(3.);
    t.note("f(3) runs " + calls);
    calls.clear();
    BasicJvpDerivatives.fJvp(3., 1.);
    t.note("jvp(f)(3, 1) runs " + calls);
    calls.clear();
    BasicJvpDerivatives.fGrad(3.);
    t.note("grad(f)(3) runs " + calls);
    calls.clear();
    BasicJvpDerivatives.fHessian(3.);
    t.note("grad(grad(f))(3) runs " + calls);
    BasicJvp.log(message -> {});
    t.check("control_flow.grad(1)", BasicJvpDerivatives.branchyGrad(1.));
    t.check("control_flow.grad(-1)", BasicJvpDerivatives.branchyGrad(-1.));

    t.section("Basic usage: jax.custom_vjp");
    t.check("vjp_basic.f(3)", BasicVjp.f(3.));
    t.check("vjp_basic.grad(3)", BasicVjpDerivatives.fGrad(3.));
    t.check("vjp_basic.vjp(3)(1)", BasicVjpDerivatives.fVjp(3.).pullback(1.));
    t.check("vjp_multi.grad(2,3)", BasicVjpDerivatives.multiGrad(2., 3.).x());
    t.check("vjp_multi.grad1(2,3)", BasicVjpDerivatives.multiGrad(2., 3.).y());
    boolean hasJvp = false;
    for (java.lang.reflect.Method m : BasicVjpDerivatives.class.getMethods()) {
      hasJvp |= m.getName().equals("fJvp");
    }
    t.note("jvp(f): " + (hasJvp ? "fJvp exists (unexpected)" : "BasicVjpDerivatives has no fJvp: "
        + t.oracle().raw("vjp_basic.jvp_error").getAsJsonObject().get("message").getAsString()));

    t.section("Containers (pytrees)");
    Pytrees.Point pt = new Pytrees.Point(1., 2.);
    Pytrees.Out out = Pytrees.f(pt);
    com.google.gson.JsonObject dict = t.oracle().raw("pytree_jvp.f(pt)").getAsJsonObject();
    com.google.gson.JsonArray pair = dict.getAsJsonArray("b");
    t.check("pytree_jvp.f(pt)", new double[] {dict.get("a").getAsDouble(), pair.get(0).getAsDouble(),
        pair.get(1).getAsDouble()}, out.a(), out.b().first(), out.b().second());
    Pytrees.Point g = PytreesDerivatives.funGrad(pt);
    t.check("pytree_jvp.grad(fun)(pt)", g.x(), g.y());
    Pytrees.Point gv = PytreesDerivatives.gunGrad(pt);
    t.check("pytree_vjp.grad(fun)(pt)", gv.x(), gv.y());
    Pytrees.Point full = PytreesDerivatives.gVjp(pt).pullback(new Pytrees.Out(1., new Pytrees.Pair(1., 1.)));
    t.check("pytree_vjp.full_cotangent", flatten(t.oracle().raw("pytree_vjp.full_cotangent")), full.x(), full.y());

    t.section("Non-differentiable arguments (nondiff_argnums)");
    t.check("nondiff_jvp.app", NonDiffArgs.app(x -> x * x * x, 3.));
    t.check("nondiff_jvp.grad", NonDiffArgsDerivatives.appGrad(x -> x * x * x, 3.));
    t.check("nondiff_jvp2.app2", NonDiffArgs.app2(x -> x * x * x, 3., yy -> 5 * yy));
    t.check("nondiff_jvp2.grad", NonDiffArgsDerivatives.app2Grad(x -> x * x * x, 3., yy -> 5 * yy));
    t.check("nondiff_vjp.app", NonDiffArgs.appVjp(x -> x * x, 4.));
    t.check("nondiff_vjp.grad", NonDiffArgsDerivatives.appVjpGrad(x -> x * x, 4.));
  }

  /** {@code jnp.linspace(lo, hi, n)}. */
  static double[] linspace(double lo, double hi, int n) {
    double[] out = new double[n];
    double step = (hi - lo) / (n - 1);
    for (int i = 0; i < n; i++) {
      out[i] = i == n - 1 ? hi : lo + i * step;
    }
    return out;
  }
}
