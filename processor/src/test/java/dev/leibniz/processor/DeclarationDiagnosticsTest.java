package dev.leibniz.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.leibniz.processor.Compilations.assertError;
import static dev.leibniz.processor.Compilations.compile;
import static dev.leibniz.processor.Compilations.describe;
import static dev.leibniz.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import dev.leibniz.processor.Compilations.Source;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Errors on the declaration of an annotated method: reported on the method's name. */
class DeclarationDiagnosticsTest {

  @Test
  void nonStaticMethod() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          double f(double x) { return x * x; }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("double f("), "@Differentiable method f must be static",
        "make it static, passing what it reads from the instance as parameters");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void privateMethod() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          private static double f(double x) { return x * x; }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("double f("), "@Differentiable method f must not be private",
        "the generated FooDerivatives calls it", "make it package-private");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void genericMethod() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          static <T> double f(double x, T tag) { return x * x; }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("double f("), "@Differentiable method f must not be generic");
    assertThat(c).hadErrorCount(1);
  }

  /** SPEC §7: every error says why and suggests the fix; "must not be generic" does neither. */
  @Test
  void genericMethodMessageSuggestsAFix() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          static <T> double f(double x, T tag) { return x * x; }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("must not be generic").inFile(src.file()).onLine(src.line("double f("));
    assertSuggestsFix(c, "must not be generic");
  }

  @Test
  void overloadsWhoseJvpWouldClash() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        import dev.leibniz.NonDiff;
        class Foo {
          @Differentiable
          static double f(double a, @NonDiff double b, @NonDiff double c) { return a * b + c; }
          @Differentiable
          static double f(double x) { return x * x; }
          @Differentiable
          static double f(double a, double b) { return a * b; }
        }
        """);
    Compilation c = compile(src);
    // the later overload is the one in the way; f(double) clashes with neither
    assertError(c, src, src.line("double f(double a, double b)"),
        "overloads f(double, double, double) and f(double, double) would both generate"
            + " fJvp(double, double, double, double) in FooDerivatives", "rename one of them");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void overloadsWhoseHvpWouldClash() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        import dev.leibniz.NonDiff;
        class Foo {
          @Differentiable(order = 2)
          static double g(double x, double y) { return x * x * y; }
          @Differentiable(order = 2)
          static double g(double x, @NonDiff double k, @NonDiff double m) { return k * x * x + m; }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("double g(double x, @NonDiff"),
        "overloads g(double, double) and g(double, double, double) would both generate gJvp(double, double,"
            + " double, double) in FooDerivatives");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void methodNamedLikeAnotherMethodsForm() {
    // FVectorized would get two fGrad(double[], double[]): f's batched gradient and fGrad's batched
    // value; fValueAnd's gradient is fValueAndGrad, as f's value and gradient is; fTwice clashes with nothing
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          static double fGrad(double x) { return 2 * x; }
          @Differentiable
          static double f(double x) { return x * x; }
          @Differentiable
          static double fTwice(double x) { return 2 * x; }
          @Differentiable
          static double gValueAnd(double x) { return x; }
          @Differentiable
          static double g(double x) { return x; }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("double f(double x)"),
        "@Differentiable methods fGrad and f would both generate members named fGrad", "rename one of them");
    assertError(c, src, src.line("double g(double x)"),
        "@Differentiable methods gValueAnd and g would both generate members named gValueAndGrad");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void noDifferentiableParameter() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        import dev.leibniz.NonDiff;
        class Foo {
          @Differentiable
          static double f(int n, @NonDiff double scale, String label) { return n * scale; }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("double f("), "@Differentiable method f has no differentiable parameter",
        "so it has no derivative", "remove the annotation");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void nonDifferentiableReturnType() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          static int f(double x) { return (int) x; }
          @Differentiable
          static String g(double x) { return "x"; }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("int f("), "@Differentiable method f returns int, which carries no derivative",
        "it must return double, float, an array of them or a record");
    assertError(c, src, src.line("String g("), "method g returns java.lang.String, which carries no derivative");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void voidMethodWritingNoDifferentiableArray() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          static void log(double x, int[] counts) { counts[0]++; System.out.println(x); }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("void log("), "@Differentiable method log returns void and writes into none of its"
        + " differentiable array parameters, so it has no result to differentiate");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void voidMethodWithARule() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomJvp;
        class Foo {
          @CustomJvp("ruleJvp")
          static void rule(double[] x) { x[0] = 1; }
          static void ruleJvp(double[] x, double[] xDot) { }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("void rule("), "@CustomJvp method rule returns void: a rule gives no derivative of"
        + " what a method writes into its arrays");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void orderThree() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable(order = 3)
          static double f(double x) { return x * x * x; }
        }
        """);
    Compilation c = compile(src);
    // reported on the annotation, where the mistake is
    assertError(c, src, src.line("@Differentiable(order = 3)"), "@Differentiable(order = 3) is not supported",
        "order is 1");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void secondOrderNeedsParametersItCanFlatten() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          record Samples(double[][][] values) {}
          @Differentiable(order = 2)
          static double f(Samples x) { return x.values()[0][0][0] * x.values()[0][0][1]; }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("double f("), "@Differentiable(order = 2) method f",
        "second-order forms need differentiable parameters of double, float, arrays or matrices of them, or"
            + " records of those", "x is test.Foo.Samples", "pass its parts as separate parameters");
    assertThat(c).hadErrorCount(1);
  }

  /**
   * README: arrays of more than two dimensions are errors; as a parameter, a record component or the
   * result, the generated code called Shapes.zeros and Shapes.copy on them and did not compile.
   */
  @Test
  void arrayOfThreeDimensionsAsAParameter() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          static double f(double x,
              double[][][] t) {
            return t[0][0][0] * x;
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("double[][][] t"), "leibniz: arrays of more than two dimensions are not supported"
        + " in a differentiable method", "use a double[][]");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void arrayOfThreeDimensionsNotDifferentiatedOrInARecordOrResult() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        import dev.leibniz.NonDiff;
        class Foo {
          record Cube(double scale, float[][][] cells) {}
          @Differentiable
          static double ints(double x,
              int[][][] k) {
            return k[0][0][0] * x;
          }
          @Differentiable
          static double nonDiff(double x,
              @NonDiff double[][][] t) {
            return t[0][0][0] * x;
          }
          @Differentiable
          static double component(double x,
              Cube c) {
            return c.scale() * x;
          }
          @Differentiable
          static double[][][] result(double x) {
            return new double[][][] {{{x}}};
          }
        }
        """);
    Compilation c = compile(src);
    String message = "leibniz: arrays of more than two dimensions are not supported in a differentiable method";
    assertError(c, src, src.line("int[][][] k"), message);
    assertError(c, src, src.line("@NonDiff double[][][] t"), message);
    assertError(c, src, src.line("Cube c)"), message);
    assertError(c, src, src.line("double[][][] result("), message);
    assertThat(c).hadErrorCount(4);
  }

  @Test
  void nonDiffOnAPlainMethod() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.NonDiff;
        class Foo {
          static double plain(@NonDiff double scale, double x) { return scale * x; }
        }
        """);
    Compilation c = compile(src);
    // reported on the parameter
    assertError(c, src, src.line("static double plain("),
        "@NonDiff marks a parameter of a @Differentiable, @CustomJvp or @CustomVjp method",
        "plain has none of these");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void twoLeibnizAnnotations() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomJvp;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          @CustomJvp("fJvp")
          static double f(double x) { return x; }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("double f("), "method f has more than one of @Differentiable, @CustomJvp, @CustomVjp",
        "keep one");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void customJvpWithNeitherOrBothRuleForms() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomJvp;
        class Foo {
          @CustomJvp
          static double f(double x) { return x; }
          @CustomJvp(value = "gJvp", perArgument = {"gX"})
          static double g(double x) { return x; }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("double f("), "@CustomJvp on f needs either a rule, @CustomJvp(\"fJvp\"),",
        "or one rule per differentiable parameter", "not neither");
    assertError(c, src, src.line("double g("), "@CustomJvp on g needs either a rule", "not both");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void methodInPrivateOrInnerClass() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          private static class Hidden {
            @Differentiable
            static double a(double x) { return x; }
          }
          class Inner {
            @Differentiable
            static double b(double x) { return x; }
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("double a("), "method a is in private class Hidden",
        "which the generated code cannot reach", "make it package-private");
    assertError(c, src, src.line("double b("), "method b is in inner class Inner", "make the class static");
    assertThat(c).hadErrorCount(2);
  }

  /**
   * javac does not hand processors the elements of local classes, so the processor finds annotated
   * methods of local classes in the source. (javac runs a processor only in rounds where one of its
   * annotations is present on an element it shows: here {@code top} makes sure it runs.)
   */
  @Test
  void methodInLocalClass() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          static double top(double x) { return x; }
          static double outer(double y) {
            record Local(double v) {
              @Differentiable
              static double c(double x) { return x * x; }
            }
            return y;
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("double c("), "is in a local or anonymous class",
        "move it to a top-level or static nested class");
  }

  @Test
  void methodWithoutBody() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          static native double f(double x);
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("double f("), "method f has no body to differentiate");
    assertThat(c).hadErrorCount(1);
  }

  /**
   * {@code f} and {@code F} are different Java methods, but both get the nested types FGradient,
   * FValueAndGrad and FVjp: the generated class does not compile. The processor should say so on
   * the second method instead.
   */
  @Test
  void methodNamesDifferingOnlyInCase() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          static double f(double x, double y) { return x * y; }
          @Differentiable
          static double F(double x, double y) { return x + y; }
        }
        """);
    Compilation c = compile(src);
    assertWithMessage("javac errors in the generated code:\n%s", describe(c))
        .that(c.errors().stream().filter(Compilations::isInGeneratedCode).count()).isEqualTo(0);
    assertError(c, src, src.line("double F("), "leibniz:");
  }

  /**
   * A fix is an imperative: a message that suggests one has one of these words. Used where a
   * message today only names the construct.
   */
  static void assertSuggestsFix(Compilation c, String messageFragment) {
    List<String> fixWords = List.of(" make ", " remove ", " declare ", " give ", " mark ", " wrap ", " move ",
        " pass ", " use ", " assign ", " write ", " keep ", " rename ", " call ", " replace ", " return ");
    String message = c.errors().stream().map(d -> d.getMessage(Locale.ROOT))
        .filter(m -> m.contains(messageFragment)).findFirst()
        .orElseThrow(() -> new AssertionError("no error containing " + messageFragment + ":\n" + describe(c)));
    String padded = " " + message.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", " ") + " ";
    assertWithMessage("the error should suggest a fix (one of %s): %s", fixWords, message)
        .that(fixWords.stream().anyMatch(padded::contains)).isTrue();
  }
}
