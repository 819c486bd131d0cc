package dev.leibniz.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.leibniz.processor.Compilations.assertError;
import static dev.leibniz.processor.Compilations.compile;
import static dev.leibniz.processor.Compilations.errorMessages;
import static dev.leibniz.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import dev.leibniz.processor.Compilations.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rules that are not linear in their tangents, over arrays, records and calls, and rules calling
 * generated forms where they cannot: each an error on the line, naming the user's expression,
 * never an IR node or a temporary.
 */
class LinearityDiagnosticsTest {
  private static final String LINEAR = RuleDiagnosticsTest.LINEAR;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "mixes the primal value x[1] into a tangent array                 | double[] t = new double[] {xDot[0], x[1]};",
      "mixes the primal value 1.0 into a tangent                        | double[] t = {x[0] > 0 ? xDot[0] : 1.0};",
      "branches on a tangent (xDot[0] > 0.0)                             | double[] t = {xDot[xDot[0] > 0 ? 1 : 0]};",
      "converts a tangent to int ((int) xDot[0])                         | double[] t = {xDot[(int) xDot[0]]};",
      "passes the tangent xDot to sum(...), which may not be linear: Leibniz tells linear methods from their"
          + " @Differentiable bodies, and sum has a custom rule | double[] t = {sum(xDot)};",
      "passes the tangent xDot to norm(...), which is not linear in it: norm multiplies two tangents (v[0] * v[0])"
          + " | double[] t = {norm(xDot)};",
      "passes the tangent xDot as a primal argument of FooDerivatives.normJvp(xDot, x), whose result is linear only"
          + " in its tangent arguments | double[] t = {FooDerivatives.normJvp(xDot, x).tangent()};",
      "passes the tangent xDot to FooDerivatives.normGrad(xDot), which Leibniz cannot tell is linear"
          + " | double[] t = FooDerivatives.normGrad(xDot);",
  })
  void nonLinearRuleOverArrays(String what, String statement) {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomJvp;
        import dev.leibniz.Differentiable;
        import dev.leibniz.runtime.Dual;
        class Foo {
          @CustomJvp("sumJvp")
          static double sum(double[] x) { return x[0] + x[1]; }
          static Dual sumJvp(double[] x, double[] xDot) {
            %s
            return new Dual(sum(x), t[0]);
          }
          @Differentiable static double norm(double[] v) { return v[0] * v[0]; }
        }
        """.formatted(statement));
    Compilation c = compile(src);
    assertError(c, src, src.line(statement), "leibniz: this JVP rule " + what, LINEAR);
    assertThat(c).hadErrorCount(1);
    assertNoInternalNames(c);
  }

  @Test
  void primalWrittenIntoATangentArray() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomJvp;
        import dev.leibniz.runtime.Jvp;
        class Foo {
          @CustomJvp("idJvp")
          static double[] id(double[] x) { return x.clone(); }
          static Jvp<double[]> idJvp(double[] x, double[] xDot) {
            double[] t = new double[xDot.length];
            t[0] = xDot[0];
            t[1] = x[1];
            return new Jvp<>(id(x), t);
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("t[1] = x[1];"), "leibniz: this JVP rule writes the primal value x[1] into the"
        + " tangent variable t:", LINEAR);
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void tangentArrayFilledWithPrimalValues() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomJvp;
        import dev.leibniz.runtime.Jvp;
        class Foo {
          @CustomJvp("idJvp")
          static double[] id(double[] x) { return x.clone(); }
          static Jvp<double[]> idJvp(double[] x, double[] xDot) {
            double[] t = new double[x.length];
            for (int i = 0; i < x.length; i++) {
              t[i] = x[i];
            }
            return new Jvp<>(id(x), t);
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("return new Jvp"), "leibniz: this JVP rule returns a tangent output that does not"
        + " depend on the tangents (t): it is not linear in them", LINEAR);
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void recordTangentsIntComponentComputedFromTheTangent() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomJvp;
        import dev.leibniz.runtime.Jvp;
        class Foo {
          record Sample(double value, int count) {}
          @CustomJvp("twiceJvp")
          static Sample twice(Sample s) { return new Sample(2 * s.value(), s.count()); }
          static Jvp<Sample> twiceJvp(Sample s, Sample sDot) {
            return new Jvp<>(twice(s), new Sample(2 * sDot.value(), (int) sDot.value()));
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("return new Jvp"), "leibniz: this JVP rule converts a tangent to int ((int)"
        + " sDot.value()):", LINEAR);
    assertThat(c).hadErrorCount(1);
    assertNoInternalNames(c);
  }

  @Test
  void ruleOverAnArrayOfArrays() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomJvp;
        import dev.leibniz.runtime.Dual;
        class Foo {
          @CustomJvp("cornerJvp")
          static double corner(double[][] m) { return m[0][1]; }
          static Dual cornerJvp(double[][] m, double[][] mDot) { return new Dual(corner(m), mDot[0][1]); }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("static double corner("), "leibniz: reverse mode of a JVP rule over double[][] is not"
        + " supported yet");
    assertThat(c).hadErrorCount(1);
  }

  // ------------------------------------------------------------------ generated forms in rules

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "leibniz: the generated gGrad may be called in a @CustomJvp rule only: a derivative inside a differentiable"
          + " method (jax.grad inside jax.grad) is not supported; call g itself | @Differentiable static double h(double x) { return FooDerivatives.gGrad(x); }",
      "leibniz: FooDerivatives.gVjp cannot be called here: a JVP rule may call another method's generated form mJvp,"
          + " mGrad or mValueAndGrad | static Dual hJvp(double x, double xDot) {"
          + " return new Dual(x, FooDerivatives.gVjp(x).pullback(xDot)); }",
      "leibniz: pair returns double[], so it has no pairGrad: call pairJvp"
          + " | static Dual hJvp(double x, double xDot) { return new Dual(x, FooDerivatives.pairGrad(x)[0] * xDot); }",
      "leibniz: the JVP rule of h calls hJvp, which runs this rule again, without end"
          + " | static Dual hJvp(double x, double xDot) { return FooDerivatives.hJvp(x, xDot); }",
      "leibniz: v has no vJvp: a @CustomVjp rule on the way has no forward mode"
          + " | static Dual hJvp(double x, double xDot) { return FooDerivatives.vJvp(x, xDot); }",
  })
  void generatedFormsARuleCannotCall(String message, String declaration) {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomJvp;
        import dev.leibniz.CustomVjp;
        import dev.leibniz.Differentiable;
        import dev.leibniz.runtime.Dual;
        import dev.leibniz.runtime.Fwd;
        class Foo {
          @Differentiable static double g(double x) { return x * x; }
          @Differentiable static double[] pair(double x) { return new double[] {x, x}; }
          @CustomVjp(fwd = "vFwd", bwd = "vBwd") static double v(double x) { return x; }
          static Fwd<Double, Double> vFwd(double x) { return new Fwd<>(x, x); }
          static double vBwd(Double r, double g) { return g; }
          @CustomJvp("hJvp") static double %s
        }
        """.formatted(declaration.startsWith("@") ? "k(double x) { return x; }\n  static Dual hJvp(double x,"
        + " double xDot) { return new Dual(x, xDot); }\n  " + declaration : "h(double x) { return x; }\n  "
        + declaration));
    Compilation c = compile(src);
    assertError(c, src, src.line(declaration), message);
    assertThat(c).hadErrorCount(1);
  }

  private static void assertNoInternalNames(Compilation c) {
    for (String m : errorMessages(c)) {
      assertThat(m).doesNotContainMatch("NewArray\\[|ArrayLength\\[|Component\\[|\\bt[0-9]+\\b");
    }
  }
}
