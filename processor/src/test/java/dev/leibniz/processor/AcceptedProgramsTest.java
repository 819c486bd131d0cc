package dev.leibniz.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.leibniz.processor.Compilations.call;
import static dev.leibniz.processor.Compilations.compile;
import static dev.leibniz.processor.Compilations.describe;
import static dev.leibniz.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import dev.leibniz.processor.Compilations.Source;
import dev.leibniz.runtime.Jvp;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The other side of the diagnostics: what the SPEC allows must compile, with no processor error
 * and no javac warning in the generated code ({@code -Xlint:all -Werror}).
 */
class AcceptedProgramsTest {
  private static final List<String> STRICT = List.of("-Xlint:all", "-Werror");

  /** Most of SPEC §3-§6 in one class: second order, arrays, records, every rule kind, lambdas. */
  @Test
  void broadProgramCompilesWithoutWarnings() {
    Source src = source("test.Sweep", """
        package test;

        import dev.leibniz.CustomJvp;
        import dev.leibniz.CustomVjp;
        import dev.leibniz.Differentiable;
        import dev.leibniz.NonDiff;
        import dev.leibniz.runtime.Dual;
        import dev.leibniz.runtime.Fwd;
        import dev.leibniz.runtime.Leibniz;
        import java.util.function.DoubleBinaryOperator;
        import java.util.function.DoubleUnaryOperator;

        class Sweep {
          record Point(double x, double y) {}
          record Labeled(String label, Point p, float w) {}
          record Box<T>(T value, double scale) {}

          @Differentiable(order = 2)
          static double second(double x, double y) { return Math.exp(x * y) + Math.atan2(y, x); }

          @Differentiable
          static double sumOver(double[] a) {
            double s = 0;
            for (double v : a) { s += v * v; }
            return s;
          }

          @Differentiable
          static Labeled records(Labeled l, double k) {
            Point p = new Point(l.p().x() * k, l.p().y() + k);
            return new Labeled(l.label(), p, l.w() * (float) k);
          }

          @CustomJvp(perArgument = {"mixX", "", "mixZ"})
          static double mix(double x, float y, double z) { return x * y * z; }
          static double mixX(double xDot, double primalOut, double x, float y, double z) { return xDot * y * z; }
          static double mixZ(double zDot, double primalOut, double x, float y, double z) { return x * y * zDot; }

          @CustomVjp(fwd = "objFwd", bwd = "objBwd")
          static double obj(double x, float y, @NonDiff String tag) { return x * y; }
          static Fwd<Double, double[]> objFwd(double x, float y, String tag) {
            return new Fwd<>(x * y, new double[] {x, y});
          }
          static Object[] objBwd(String tag, double[] r, double g) { return new Object[] {r[1] * g, (float) (r[0] * g)}; }

          @CustomJvp("appJvp")
          static double app(@NonDiff DoubleBinaryOperator f, double a, double b) { return f.applyAsDouble(a, b); }
          static Dual appJvp(DoubleBinaryOperator f, double a, double b, double aDot, double bDot) {
            return new Dual(f.applyAsDouble(a, b), aDot + bDot);
          }

          @Differentiable
          static double useAll(double x, double y) {
            double s = second(x, y) + sumOver(new double[] {x, y});
            s += mix(x, 2f, y) + obj(x, 3f, "t");
            s += app((a, b) -> a * Math.sin(b), x, y);
            s += app(Math::atan2, x, y);
            Box<Double> b = new Box<>(x, y);
            s += b.value() * b.scale();
            s += Leibniz.stopGradient(x) * y;
            return s;
          }

          @Differentiable
          static float floats(float x, @NonDiff DoubleUnaryOperator g) {
            return (float) Math.tanh(x) * x;
          }
        }
        """);
    Compilation c = compile(STRICT, src);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("test.SweepDerivatives");
  }

  /** SPEC §3: {@code double[]} is a differentiable result; jvp gives {@code Jvp<double[]>}. */
  @Test
  void methodReturningAnArray() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          static double[] pair(double x) {
            return new double[] {x, x * x};
          }
        }
        """);
    Compilation c = compile(STRICT, src);
    assertWithMessage("errors:\n%s", describe(c)).that(c.errors()).isEmpty();
    @SuppressWarnings("unchecked")
    Jvp<double[]> jvp = (Jvp<double[]>) call(c, "test.FooDerivatives", "pairJvp", 1.5, 1.0);
    assertThat(jvp.value()).usingTolerance(0).containsExactly(1.5, 2.25).inOrder();
    assertThat(jvp.tangent()).usingTolerance(1e-15).containsExactly(1.0, 3.0).inOrder();
    // the pullback of a cotangent (u, v) is u + 2 x v
    Object vjp = call(c, "test.FooDerivatives", "pairVjp", 1.5);
    try {
      double bar = (double) vjp.getClass().getMethod("pullback", double[].class).invoke(vjp, new double[] {2, 5});
      assertThat(bar).isWithin(1e-15).of(2 + 2 * 1.5 * 5);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * SPEC §6: rules reach a function value through {@code Leibniz.differentiable(f)}, and
   * {@code df.jvp(x, xDot)} is linear in {@code xDot} (the Linearity class says so too). Today
   * such a rule is rejected: "this JVP rule passes a tangent to fn_jvp(...), which is not linear"
   * (with an internal name, fn_jvp, in the message).
   */
  @Test
  void jvpRuleThroughAFunctionValuesJvp() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomJvp;
        import dev.leibniz.Differentiable;
        import dev.leibniz.NonDiff;
        import dev.leibniz.runtime.DifferentiableUnaryOperator;
        import dev.leibniz.runtime.Dual;
        import dev.leibniz.runtime.Leibniz;
        import java.util.function.DoubleUnaryOperator;
        class Foo {
          @CustomJvp("appJvp")
          static double app(@NonDiff DoubleUnaryOperator f, double x) { return f.applyAsDouble(x); }
          static Dual appJvp(DoubleUnaryOperator f, double x, double xDot) {
            DifferentiableUnaryOperator df = Leibniz.differentiable(f);
            Dual d = df.jvp(x, xDot);
            return new Dual(d.value(), 3 * d.tangent());
          }
          @Differentiable
          static double use(double x) {
            return app(t -> t * t, x);
          }
        }
        """);
    Compilation c = compile(STRICT, src);
    assertWithMessage("errors:\n%s", describe(c)).that(c.errors()).isEmpty();
    // the rule: 3 times the true derivative of t^2
    assertThat((double) call(c, "test.FooDerivatives", "useGrad", 1.5)).isWithin(1e-14).of(9.0);
  }
}
