package dev.leibniz.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.leibniz.processor.Compilations.assertError;
import static dev.leibniz.processor.Compilations.compile;
import static dev.leibniz.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import dev.leibniz.processor.Compilations.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Custom rules (SPEC §6): a rule that is missing, not static or of another signature is an error
 * that prints the expected signature; a JVP rule that is not linear in its tangents is an error on
 * the offending statement.
 */
class RuleDiagnosticsTest {

  static final String LINEAR = "the tangent output must be linear in the tangents, so that reverse mode can"
      + " transpose the rule";

  // ------------------------------------------------------------------ full JVP rules

  @Test
  void missingJvpRule() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomJvp;
        class Foo {
          @CustomJvp("fJvp")
          static double f(double x, double y) { return x * y; }
        }
        """);
    Compilation c = compile(src);
    // reported on the annotated method: there is no rule to point at
    assertError(c, src, src.line("double f("), "leibniz: @CustomJvp rule fJvp not found in Foo:",
        "declare static Dual fJvp(double x, double y, double xDot, double yDot)");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void nonStaticJvpRule() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomJvp;
        import dev.leibniz.runtime.Dual;
        class Foo {
          @CustomJvp("fJvp")
          static double f(double x) { return x * x; }
          Dual fJvp(double x, double xDot) { return new Dual(x * x, 2 * x * xDot); }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("Dual fJvp("), "leibniz: @CustomJvp rule fJvp must be static:",
        "static Dual fJvp(double x, double xDot)");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void privateJvpRule() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomJvp;
        import dev.leibniz.runtime.Dual;
        class Foo {
          @CustomJvp("fJvp")
          static double f(double x) { return x * x; }
          private static Dual fJvp(double x, double xDot) { return new Dual(x * x, 2 * x * xDot); }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("Dual fJvp("), "leibniz: @CustomJvp rule fJvp must not be private",
        "the generated class calls it", "static Dual fJvp(double x, double xDot)");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void jvpRuleWithTooFewTangents() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomJvp;
        import dev.leibniz.runtime.Dual;
        class Foo {
          @CustomJvp("fJvp")
          static double f(double x, double y) { return x * y; }
          static Dual fJvp(double x, double xDot) { return new Dual(x, xDot); }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("Dual fJvp("), "leibniz: @CustomJvp rule fJvp has the wrong signature:",
        "expected static Dual fJvp(double x, double y, double xDot, double yDot),",
        "found static Dual fJvp(double x, double xDot)");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void jvpRuleReturnTypes() {
    // Dual for a double method; Jvp<Float> for a float one; Jvp<R> for a record
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomJvp;
        import dev.leibniz.runtime.Dual;
        import dev.leibniz.runtime.Jvp;
        class Foo {
          record P(double a, double b) {}
          @CustomJvp("fJvp")
          static double f(double x) { return x; }
          static Jvp<Double> fJvp(double x, double xDot) { return new Jvp<>(x, xDot); }
          @CustomJvp("gJvp")
          static float g(float x) { return x; }
          static Dual gJvp(float x, float xDot) { return new Dual(x, xDot); }
          @CustomJvp("hJvp")
          static P h(double x) { return new P(x, x); }
          static Jvp<Double> hJvp(double x, double xDot) { return new Jvp<>(x, xDot); }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("Jvp<Double> fJvp("), "rule fJvp has the wrong signature:",
        "expected static Dual fJvp(double x, double xDot), found static Jvp<Double> fJvp(double x, double xDot)");
    assertError(c, src, src.line("Dual gJvp("), "rule gJvp has the wrong signature:",
        "expected static Jvp<Float> gJvp(float x, float xDot)");
    assertError(c, src, src.line("Jvp<Double> hJvp("), "rule hJvp has the wrong signature:",
        "expected static Jvp<Foo.P> hJvp(double x, double xDot)");
    assertThat(c).hadErrorCount(3);
  }

  @Test
  void jvpRuleKeepsNonDiffParametersWhereTheyStand() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomJvp;
        import dev.leibniz.NonDiff;
        import dev.leibniz.runtime.Dual;
        import java.util.function.DoubleUnaryOperator;
        class Foo {
          @CustomJvp("appJvp")
          static double app(double x, @NonDiff DoubleUnaryOperator f) { return f.applyAsDouble(x); }
          static Dual appJvp(DoubleUnaryOperator f, double x, double xDot) { return new Dual(x, xDot); }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("Dual appJvp("), "rule appJvp has the wrong signature:",
        "expected static Dual appJvp(double x, DoubleUnaryOperator f, double xDot)");
    assertThat(c).hadErrorCount(1);
  }

  // ------------------------------------------------------------------ per-argument rules

  @Test
  void perArgumentRuleWithWrongSignature() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomJvp;
        class Foo {
          @CustomJvp(perArgument = {"fX", ""})
          static double f(double x, float y) { return x * y; }
          static float fX(double xDot, double primalOut, double x, float y) { return 0; }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("float fX("), "leibniz: @CustomJvp per-argument rule fX has the wrong signature:",
        "expected static double fX(double xDot, double primalOut, double x, float y)",
        "found static float fX(double xDot, double primalOut, double x, float y)");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void nonStaticPerArgumentRule() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomJvp;
        class Foo {
          @CustomJvp(perArgument = {"fX", ""})
          static double f(double x, double y) { return x * y; }
          double fX(double xDot, double primalOut, double x, double y) { return xDot * y; }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("double fX("), "leibniz: @CustomJvp per-argument rule fX must be static:",
        "static double fX(double xDot, double primalOut, double x, double y)");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void missingPerArgumentRule() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomJvp;
        class Foo {
          @CustomJvp(perArgument = {"", "fY"})
          static double f(double x, double y) { return x * y; }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("double f("), "leibniz: @CustomJvp per-argument rule fY not found in Foo:",
        "declare static double fY(double yDot, double primalOut, double x, double y)");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void perArgumentCountMismatch() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomJvp;
        import dev.leibniz.NonDiff;
        class Foo {
          @CustomJvp(perArgument = {"fX", "fY"})
          static double f(double x, @NonDiff double y) { return x * y; }
          static double fX(double xDot, double primalOut, double x, double y) { return xDot * y; }
          static double fY(double yDot, double primalOut, double x, double y) { return x * yDot; }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("double f("), "leibniz: @CustomJvp(perArgument) on f lists 2 rules, but f has 1"
        + " differentiable parameters", "give one per parameter (\"\" for a zero contribution)");
    assertThat(c).hadErrorCount(1);
  }

  // ------------------------------------------------------------------ VJP rules

  @Test
  void missingFwdRule() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomVjp;
        class Foo {
          @CustomVjp(fwd = "fFwd", bwd = "fBwd")
          static double f(double x) { return x * x; }
          static double fBwd(Double x, double g) { return 2 * x * g; }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("double f("), "leibniz: @CustomVjp forward rule fFwd not found in Foo:",
        "declare static Fwd<Double, Res> fFwd(double x)");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void fwdRuleWithWrongSignature() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomVjp;
        import dev.leibniz.runtime.Fwd;
        class Foo {
          @CustomVjp(fwd = "fFwd", bwd = "fBwd")
          static double f(double x, double y) { return x * y; }
          static Fwd<Float, double[]> fFwd(double x, double y) { return new Fwd<>((float) (x * y), new double[] {x, y}); }
          static double[] fBwd(double[] r, double g) { return new double[] {r[1] * g, r[0] * g}; }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("Fwd<Float, double[]> fFwd("), "leibniz: @CustomVjp forward rule fFwd has the wrong"
        + " signature:", "expected static Fwd<Double, Res> fFwd(double x, double y)",
        "found static Fwd<Float, double[]> fFwd(double x, double y)");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void nonStaticFwdRule() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomVjp;
        import dev.leibniz.runtime.Fwd;
        class Foo {
          @CustomVjp(fwd = "fFwd", bwd = "fBwd")
          static double f(double x) { return x * x; }
          Fwd<Double, Double> fFwd(double x) { return new Fwd<>(x * x, x); }
          static double fBwd(Double x, double g) { return 2 * x * g; }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("Fwd<Double, Double> fFwd("), "leibniz: @CustomVjp forward rule fFwd must be static:",
        "static Fwd<Double, Res> fFwd(double x)");
    assertThat(c).hadErrorCount(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // D = one double: the cotangent is a double
      "one double   | double x                  | double   | static double fBwd(Double residuals, double cotangent)",
      // D = all double: double[]
      "two doubles  | double x, double y        | double   | static double[] fBwd(Double residuals, double cotangent)",
      // D = all float: float[]
      "two floats   | float x, float y          | float    | static float[] fBwd(Double residuals, float cotangent)",
      // D mixed: Object[]
      "mixed        | double x, float y         | double   | static Object[] fBwd(Double residuals, double cotangent)",
      // @NonDiff parameters first, in order, as in JAX
      "nondiff      | int n, double x, @NonDiff String s | double | static double fBwd(String s, Double residuals,"
          + " double cotangent)",
  })
  void bwdRuleWithWrongSignature(String name, String params, String result, String expected) {
    String args = params.replace("@NonDiff ", "");
    String call = String.join(", ", java.util.Arrays.stream(args.split(", ")).map(p -> p.split(" ")[1])
        .toArray(String[]::new));
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomVjp;
        import dev.leibniz.NonDiff;
        import dev.leibniz.runtime.Fwd;
        class Foo {
          @CustomVjp(fwd = "fFwd", bwd = "fBwd")
          static %2$s f(%1$s) { return 0; }
          static Fwd<%3$s, Double> fFwd(%4$s) { return new Fwd<>(f(%5$s), 1.0); }
          static String fBwd(Double residuals, String wrong) { return ""; }
        }
        """.formatted(params, result, result.equals("double") ? "Double" : "Float", args, call));
    Compilation c = compile(src);
    assertError(c, src, src.line("static String fBwd("), "leibniz: @CustomVjp backward rule fBwd has the wrong"
        + " signature:", "expected " + expected, "found static String fBwd(Double residuals, String wrong)");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void missingAndNonStaticBwdRule() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomVjp;
        import dev.leibniz.runtime.Fwd;
        class Foo {
          @CustomVjp(fwd = "fFwd", bwd = "fBwd")
          static double f(double x) { return x * x; }
          static Fwd<Double, Double> fFwd(double x) { return new Fwd<>(x * x, x); }
          @CustomVjp(fwd = "gFwd", bwd = "gBwd")
          static double g(double x) { return x * x; }
          static Fwd<Double, Double> gFwd(double x) { return new Fwd<>(x * x, x); }
          double gBwd(Double x, double ct) { return 2 * x * ct; }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("double f("), "leibniz: @CustomVjp backward rule fBwd not found in Foo:",
        "declare static double fBwd(Double residuals, double cotangent)");
    assertError(c, src, src.line("double gBwd("), "leibniz: @CustomVjp backward rule gBwd must be static:",
        "static double gBwd(Double residuals, double cotangent)");
    assertThat(c).hadErrorCount(2);
  }

  // ------------------------------------------------------------------ linearity of JVP rules

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "multiplies two tangents (xDot * yDot)           | double t = xDot * yDot;",
      "adds the primal value x to a tangent (xDot + x) | double t = xDot + x;",
      "adds the primal value x * x to a tangent (xDot + x * x) | double t = xDot + x * x;",
      "applies Math.sin to a tangent (Math.sin(xDot))  | double t = Math.sin(xDot);",
      "applies Math.abs to a tangent (Math.abs(yDot))  | double t = Math.abs(yDot);",
      "divides by a tangent (x / xDot)                 | double t = x / xDot;",
      "converts a tangent to int ((int) xDot)          | double t = (int) xDot;",
      "passes the tangent xDot to Foo.nonlinear(xDot), which Leibniz cannot tell is linear (a @Differentiable"
          + " method's body is checked) | double t = nonlinear(xDot);",
      "passes the tangent xDot to square(...), which is not linear in it: square multiplies two tangents (v * v)"
          + " | double t = square(xDot);",
  })
  void nonLinearJvpRule(String what, String statement) {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomJvp;
        import dev.leibniz.Differentiable;
        import dev.leibniz.runtime.Dual;
        class Foo {
          @CustomJvp("fJvp")
          static double f(double x, double y) { return x * y; }
          static Dual fJvp(double x, double y, double xDot, double yDot) {
            double a = y * xDot;
            %s
            return new Dual(x * y, a + t);
          }
          static double nonlinear(double v) { return v * v; }
          @Differentiable static double square(double v) { return v * v; }
        }
        """.formatted(statement));
    Compilation c = compile(src);
    assertError(c, src, src.line(statement), "leibniz: this JVP rule " + what + ":", LINEAR);
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void jvpRuleBranchingOnATangent() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomJvp;
        import dev.leibniz.runtime.Dual;
        class Foo {
          @CustomJvp("fJvp")
          static double f(double x) { return Math.abs(x); }
          static Dual fJvp(double x, double xDot) {
            double t = xDot;
            if (xDot < 0) {
              t = -xDot;
            }
            return new Dual(Math.abs(x), t);
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("if (xDot < 0)"), "leibniz: this JVP rule branches on a tangent (xDot < 0.0):", LINEAR);
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void jvpRuleBranchingOnAPrimalIsFine() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomJvp;
        import dev.leibniz.runtime.Dual;
        class Foo {
          @CustomJvp("fJvp")
          static double f(double x) { return Math.abs(x); }
          static Dual fJvp(double x, double xDot) {
            double t = xDot;
            if (x < 0) {
              t = -xDot;
            }
            return new Dual(Math.abs(x), t);
          }
        }
        """);
    assertThat(compile(src)).succeeded();
  }

  @Test
  void jvpRuleNonLinearInTheReturnStatement() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomJvp;
        import dev.leibniz.runtime.Dual;
        class Foo {
          @CustomJvp("fJvp")
          static double f(double x) { return x * x; }
          static Dual fJvp(double x, double xDot) {
            return new Dual(x * x,
                xDot * xDot);
          }
        }
        """);
    Compilation c = compile(src);
    // the product is a temporary of the return statement: reported where the statement starts
    assertError(c, src, src.line("return new Dual"), "leibniz: this JVP rule multiplies two tangents (xDot * xDot):", LINEAR);
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void jvpRuleWhoseValueDependsOnTheTangents() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomJvp;
        import dev.leibniz.runtime.Dual;
        class Foo {
          @CustomJvp("fJvp")
          static double f(double x) { return x * x; }
          static Dual fJvp(double x, double xDot) {
            double v = 2 * xDot;
            return new Dual(v, 2 * x * xDot);
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("return new Dual"), "leibniz: this JVP rule returns a primal output that depends on"
        + " the tangents (v):", LINEAR);
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void nonLinearPerArgumentRule() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomJvp;
        class Foo {
          @CustomJvp(perArgument = {"fX"})
          static double f(double x) { return x * x; }
          static double fX(double xDot, double primalOut, double x) {
            double t = xDot * xDot;
            return t;
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("double t = xDot * xDot;"), "leibniz: this JVP rule multiplies two tangents (xDot * xDot):", LINEAR);
    assertThat(c).hadErrorCount(1);
  }
}
