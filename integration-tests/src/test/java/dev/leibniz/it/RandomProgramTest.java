package dev.leibniz.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.it.Programs.Clazz;
import dev.leibniz.it.Programs.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random programs ({@link Programs}) compiled at test time with the real processor (one javac
 * run per try, several classes per run, calls between them), then checked at random points:
 *
 * <ul>
 *   <li>the compiled method computes what {@link Interpreter} computes, bit for bit;
 *   <li>jvp, grad, valueAndGrad and vjp agree with each other, and the pullback is linear
 *       ({@link Checker});
 *   <li>the gradient equals the interpreter's dual-number gradient;
 *   <li>each partial derivative equals a finite difference of the compiled method wherever that
 *       is meaningful: no stopGradient on the path, the same branches/floors/choices all over the
 *       stencil, and a stencil that converges (the estimates at h and h/2 agree).
 * </ul>
 *
 * Shrinking is off (each step would run javac); a failure prints the program and where its
 * generated derivatives are, and the jqwik seed reproduces it.
 */
class RandomProgramTest {
  private static final int CLASSES_PER_TRY = 6;
  private static final int POINTS_PER_METHOD = 2;

  private static final AtomicInteger METHODS = new AtomicInteger();
  private static final AtomicInteger CHECKED_METHODS = new AtomicInteger();
  private static final AtomicInteger POINTS = new AtomicInteger();
  private static final AtomicInteger FD_PARTIALS = new AtomicInteger();
  private static final AtomicInteger PARTIALS = new AtomicInteger();

  @Property(tries = 15, shrinking = ShrinkingMode.OFF)
  void generatedProgramsHaveCorrectDerivatives(@ForAll long seed) {
    Random r = new Random(seed);
    Programs.Generator generator = new Programs.Generator(r);
    List<Clazz> classes = new ArrayList<>();
    Map<String, String> sources = new LinkedHashMap<>();
    for (int i = 0; i < CLASSES_PER_TRY; i++) {
      Clazz c = generator.clazz("P" + i);
      classes.add(c);
      sources.put(Programs.PACKAGE + "." + c.name(), Programs.render(c));
    }
    TestCompiler.Result compiled = TestCompiler.compileOrFail(sources);
    for (Clazz c : classes) {
      Class<?> cls = compiled.load(Programs.PACKAGE + "." + c.name());
      for (Method m : c.methods()) {
        try {
          checkMethod(cls, m, r);
        } catch (AssertionError | RuntimeException e) {
          throw new AssertionError(c.name() + "." + m.name() + ": " + e.getMessage() + "\n\nprogram:\n"
              + sources.get(Programs.PACKAGE + "." + c.name()) + "\ngenerated derivatives in "
              + compiled.directory().resolve("generated"), e);
        }
      }
    }
  }

  private static void checkMethod(Class<?> cls, Method m, Random r) {
    METHODS.incrementAndGet();
    java.lang.reflect.Method primal = Checker.method(cls, m.name());
    int accepted = 0;
    for (int attempt = 0; attempt < 4 * POINTS_PER_METHOD && accepted < POINTS_PER_METHOD; attempt++) {
      double[] x = new double[m.arity()];
      for (int i = 0; i < x.length; i++) {
        x[i] = r.nextDouble() * 4 - 2;
        if (m.floats()) {
          x[i] = (float) x[i];
        }
      }
      int n = r.nextInt(4);
      Interpreter.Outcome expected = Interpreter.run(m, x, n);
      if (!expected.wellBehaved()) {
        continue; // values or derivatives out of range at this point: try another
      }
      accepted++;
      POINTS.incrementAndGet();
      Object[] args = args(m, x, n);
      String where = m.name() + java.util.Arrays.toString(x) + (m.intParam() ? " n=" + n : "");

      double value = ((Number) Checker.invoke(primal, null, args)).doubleValue();
      assertEquals(expected.value(), value, 0, where + ": the compiled method disagrees with the interpreter");

      double termScale = 0;
      for (double a : expected.scale()) {
        termScale += a;
      }
      Checker checker = Checker.of(cls, m.name()).withScale(termScale).withoutFiniteDifferences();
      checker.check(r, args);

      double[] grad = checker.gradient(args);
      double tolerance = m.floats() ? 1e-4 : 1e-10;
      for (int i = 0; i < x.length; i++) {
        double allowed = tolerance * Math.max(1, Math.max(expected.scale()[i], Math.abs(expected.gradient()[i])));
        assertTrue(Math.abs(grad[i] - expected.gradient()[i]) <= allowed,
            where + ": d/dx" + i + " is " + grad[i] + ", the interpreter's dual numbers give "
                + expected.gradient()[i]);
      }

      for (int i = 0; i < x.length && !expected.stopped(); i++) {
        PARTIALS.incrementAndGet();
        checkFiniteDifference(m, primal, x, n, i, grad[i], expected, where);
      }
    }
    if (accepted > 0) {
      CHECKED_METHODS.incrementAndGet();
    }
  }

  private static void checkFiniteDifference(Method m, java.lang.reflect.Method primal, double[] x, int n, int i,
      double partial, Interpreter.Outcome expected, String where) {
    double h = m.floats() ? 0x1p-7 : 0x1p-10 * Math.max(1, Math.abs(x[i]));
    for (int k = -4; k <= 4; k++) {
      double[] shifted = x.clone();
      shifted[i] += k * h / 2;
      if (!Interpreter.run(m, shifted, n).trace().equals(expected.trace())) {
        return; // a branch, floor or choice changes on the stencil: no single formula to difference
      }
    }
    double coarse = fivePoint(m, primal, x, n, i, h);
    double fine = fivePoint(m, primal, x, n, i, h / 2);
    double size = Math.max(1, Math.max(Math.abs(expected.value()), expected.scale()[i]));
    double converged = m.floats() ? 2e-3 : 1e-6;
    if (!(Math.abs(coarse - fine) <= converged * size)) {
      return; // the function wiggles on the scale of the stencil: the estimate is not trustworthy
    }
    FD_PARTIALS.incrementAndGet();
    assertTrue(Math.abs(partial - fine) <= 4 * converged * size,
        where + ": d/dx" + i + " is " + partial + " but the finite difference is " + fine);
  }

  private static double fivePoint(Method m, java.lang.reflect.Method primal, double[] x, int n, int i, double h) {
    double[] f = new double[5];
    for (int k = -2; k <= 2; k++) {
      double[] shifted = x.clone();
      shifted[i] += k * h;
      f[k + 2] = ((Number) Checker.invoke(primal, null, args(m, shifted, n))).doubleValue();
    }
    return (f[0] - 8 * f[1] + 8 * f[3] - f[4]) / (12 * h);
  }

  private static Object[] args(Method m, double[] x, int n) {
    List<Object> out = new ArrayList<>();
    for (double v : x) {
      out.add(m.floats() ? (Object) (float) v : (Object) v);
    }
    if (m.intParam()) {
      out.add(n);
    }
    return out.toArray();
  }

  /** Guards against a generator that drifts into programs the checks cannot use. */
  @AfterContainer
  static void enoughWasChecked() {
    if (METHODS.get() == 0) {
      return;
    }
    assertTrue(CHECKED_METHODS.get() >= 0.8 * METHODS.get(),
        CHECKED_METHODS + " of " + METHODS + " methods had a usable point");
    assertTrue(FD_PARTIALS.get() >= 0.5 * PARTIALS.get(),
        "finite differences were usable for only " + FD_PARTIALS + " of " + PARTIALS + " partials");
  }
}
