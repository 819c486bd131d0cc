package dev.leibniz.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.leibniz.processor.Compilations.assertError;
import static dev.leibniz.processor.Compilations.call;
import static dev.leibniz.processor.Compilations.compile;
import static dev.leibniz.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import dev.leibniz.processor.Compilations.Source;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Function values applied in a body other than through the local their lambda was declared in:
 * they are called, not inlined, so what they capture would lose its derivative (they were silently
 * wrong: the tangent through the capture was dropped), and one not made in differentiated code has
 * no derivative at all (it threw at run time).
 */
class FunctionValueDiagnosticsTest {

  private static Source body(String statements) {
    return source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        import java.util.function.DoubleBinaryOperator;
        import java.util.function.DoubleUnaryOperator;
        class Foo {
          @Differentiable
          static double f(double x, double y, boolean c) {
            %s
          }
        }
        """.formatted(statements));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "DoubleUnaryOperator[] fs = {t -> t * x}; | return fs[0].applyAsDouble(y); | fs[0]",
      "DoubleUnaryOperator f = c ? (t -> t * x) : (t -> t + x); | return f.applyAsDouble(y); | f",
      "DoubleUnaryOperator f = t -> t; if (c) f = t -> t * x; | return f.applyAsDouble(y); | f",
      "DoubleUnaryOperator f = t -> t * x; Object o = f; | return ((DoubleUnaryOperator) o).applyAsDouble(y); | (DoubleUnaryOperator) o",
      "DoubleBinaryOperator f = (a, b) -> a * b * x; DoubleBinaryOperator[][] fs = {{f}}; "
          + "| return fs[0][0].applyAsDouble(y, y); | fs[0][0]",
      "DoubleUnaryOperator[] fs = new DoubleUnaryOperator[1]; DoubleUnaryOperator[] gs = fs; gs[0] = t -> t * x; "
          + "| return fs[0].applyAsDouble(y); | fs[0]",
      "double[] w = {x}; DoubleUnaryOperator[] fs = {t -> t * w[0]}; | return fs[0].applyAsDouble(y); | fs[0]",
  })
  void capturingFunctionValueNotAppliedThroughItsLocal(String setup, String apply, String shown) {
    Source src = body(setup + "\n    " + apply);
    Compilation c = compile(src);
    assertError(c, src, src.line(apply), "leibniz: function value " + shown + " captures the differentiated value ",
        "declare the lambda in its own local, assigned once, and apply that local");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void functionValueFromALibraryAppliedToADifferentiatedValue() {
    Source src = body("""
        DoubleUnaryOperator f = DoubleUnaryOperator.identity();
            return f.applyAsDouble(x) * x;""");
    Compilation c = compile(src);
    assertError(c, src, src.line("return f.applyAsDouble"), "leibniz: function value f is applied to the differentiated"
        + " value x, but it comes from DoubleUnaryOperator.identity(), not from a lambda or method reference written"
        + " in differentiated code");
    assertThat(c).hadErrorCount(1);
  }

  /** What stays accepted: a library function applied to a constant, and capture-free lambdas in arrays. */
  @Test
  void constantFunctionValuesAreCalledAndDifferentiatedInTheirArguments() {
    Source src = body("""
        double k = c ? 2.0 : 3.0;
            DoubleUnaryOperator id = DoubleUnaryOperator.identity();
            DoubleUnaryOperator[] fs = {t -> t * t, t -> t * k};
            DoubleUnaryOperator g = fs[c ? 0 : 1];
            return g.applyAsDouble(x) * id.applyAsDouble(3.0) + fs[1].applyAsDouble(x * y);""");
    Compilation c = compile(List.of("-Xlint:all", "-Werror"), src);
    assertThat(c).succeeded();
    // c: 3 x^2 + 2 x y, gradient (6x + 2y, 2x) at (0.5, 2)
    assertThat(call(c, "test.FooDerivatives", "fGrad", 0.5, 2.0, true).toString()).isEqualTo("FGradient[x=7.0, y=1.0]");
  }

  /**
   * A {@code @NonDiff} function passed on to another method together with a differentiated number:
   * the function does not capture the number (was refused; random programs).
   */
  @Test
  void nonDiffFunctionPassedOnWithADifferentiatedNumber() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        import dev.leibniz.NonDiff;
        import java.util.function.DoubleUnaryOperator;
        class Foo {
          @Differentiable
          static double g(double x, @NonDiff DoubleUnaryOperator f) {
            return f.applyAsDouble(x) * x;
          }
          @Differentiable
          static double h(double x, @NonDiff DoubleUnaryOperator f) {
            return g(x * x, f) + f.applyAsDouble(x);
          }
        }
        """);
    Compilation c = compile(List.of("-Xlint:all", "-Werror"), src);
    assertThat(c).succeeded();
  }
}
