package dev.leibniz.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.leibniz.processor.Compilations.assertError;
import static dev.leibniz.processor.Compilations.call;
import static dev.leibniz.processor.Compilations.compile;
import static dev.leibniz.processor.Compilations.describe;
import static dev.leibniz.processor.Compilations.errorMessages;
import static dev.leibniz.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import dev.leibniz.processor.Compilations.Source;
import dev.leibniz.runtime.Dual;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Errors on constructs inside a {@code @Differentiable} body: reported on the construct's own line. */
class BodyDiagnosticsTest {

  /** What the differentiable subset has, said in every "statement not supported" error. */
  private static final String SUBSET = "the differentiable subset has locals, assignments, if, loops, break, continue"
      + " and return";
  private static final String MOVE = "move this code into a method the differentiable one calls with no"
      + " differentiated arguments";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "a try statement          | try { y = y * 2; } finally { y = y + 1; }",
      "a synchronized block     | synchronized (Foo.class) { y = y * 2; }",
      "an assert statement      | assert y > 0 : \"negative\";",
      "a local class            | class Helper { }",
      "a local class            | record Pair(double a, double b) { }",
  })
  void unsupportedStatement(String construct, String statement) {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          static double f(double x, int n) {
            double y = x * x;
            %s
            return y;
          }
        }
        """.formatted(statement));
    Compilation c = compile(src);
    assertError(c, src, src.line(statement), "leibniz: " + construct + " is not supported in a differentiable method",
        SUBSET, MOVE);
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void everyUnsupportedStatementIsReported() {
    // parsing goes on after an error: one error per statement, none for the rest
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          static double f(double x) {
            double y = x;
            try { y = y * 2; } finally { }
            y = y + 1;
            assert y > 0;
            return y;
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("try {"), "a try statement is not supported");
    assertError(c, src, src.line("assert y"), "an assert statement is not supported");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void assignmentToAField() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          static double last;
          @Differentiable
          static double f(double x) {
            double y = x * x;
            last = y;
            return y;
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("last = y;"), "leibniz: assignment to last is not supported",
        "a differentiable method may assign its locals, its parameters and elements of its local arrays, not fields");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void privateStaticFieldRead() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          private static final double SCALE = Math.sqrt(2.0);
          private static final double TWO = 2.0;
          static final double OPEN = Math.sqrt(3.0);
          @Differentiable
          static double f(double x) {
            double y = x * TWO * OPEN;
            return y * SCALE;
          }
        }
        """);
    Compilation c = compile(src);
    // a private constant is inlined and a package-private field is read: only SCALE is in the way
    assertError(c, src, src.line("return y * SCALE;"), "leibniz: private field SCALE cannot be read from the"
        + " generated derivative class", "make it package-private");
    assertThat(c).hadErrorCount(1);
  }

  /**
   * A static field that is not final: the call before the read changed it, and the derivatives read
   * it at other times (the gradient of sin(x) + sin(2x) came out with one scale for both).
   */
  @Test
  void mutableStaticFieldRead() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          static double scale = 1.0;
          static void setScale(double v) {
            scale = v;
          }
          @Differentiable
          static double f(double x) {
            setScale(1.0);
            double s = Math.sin(x * scale);
            setScale(2.0);
            return s + Math.sin(x * scale);
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("double s = Math.sin(x * scale);"), "leibniz: static field scale is not final: a"
        + " call may change it while the method runs", "make it final, or pass scale as a (@NonDiff) parameter");
  }

  @Test
  void instanceFieldRead() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          double scale = 2.0;
          @Differentiable
          static double f(double x) {
            return x * scale;
          }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("scale").inFile(src.file()).onLine(src.line("return x * scale;"));
  }

  @Test
  void lambdaNotPassedToAFunctionParameter() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          static double f(double x) {
            Runnable r = () -> { };
            return x * x;
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("Runnable r"), "leibniz: a lambda in a differentiable method must be passed to a"
        + " DoubleUnaryOperator or DoubleBinaryOperator parameter of a differentiable method");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void methodReferenceNotPassedToAFunctionParameter() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        import java.util.function.Supplier;
        class Foo {
          @Differentiable
          static double f(double x) {
            Supplier<String> s = Foo::name;
            return x * x;
          }
          static String name() { return "f"; }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("Supplier<String> s"), "leibniz: a method reference in a differentiable method must"
        + " be passed to a DoubleUnaryOperator or DoubleBinaryOperator parameter of a differentiable method");
    assertThat(c).hadErrorCount(1);
  }

  private static final Source UTIL = source("test.Util", """
      package test;
      final class Util {
        private Util() {}
        static double smooth(double x) { return x * x; }
        static int count(int n) { return n + 1; }
      }
      """);

  /** The SPEC's own example message (§4), word for word. */
  @Test
  void callToAMethodWithNoDerivative() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          static double f(double x) {
            double y = x + 1;
            double z = Util.smooth(y);
            return z * x;
          }
        }
        """);
    Compilation c = compile(src, UTIL);
    assertError(c, src, src.line("Util.smooth(y)"), "leibniz: call to Util.smooth(double) is not differentiable:"
        + " mark it @Differentiable, give it a @CustomJvp/@CustomVjp rule, or wrap the argument in"
        + " Leibniz.stopGradient(...)");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void sameCallIsFineWithStopGradientOrWithoutDifferentiatedArguments() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        import dev.leibniz.runtime.Leibniz;
        class Foo {
          @Differentiable
          static double f(double x) {
            double y = Util.smooth(Leibniz.stopGradient(x));
            double z = Util.smooth(3.0);
            int k = Util.count(2);
            System.out.println(x);
            return y * x + z * k;
          }
        }
        """);
    Compilation c = compile(List.of("-Xlint:all", "-Werror"), src, UTIL);
    assertThat(c).succeeded();
    // smooth(stopGradient(x)) is a constant: d/dx [x^2 * x + 9 * 3] = x^2, not 3 x^2
    double x = 1.5;
    assertThat((double) call(c, "test.FooDerivatives", "fGrad", x)).isEqualTo(x * x);
    assertThat(((Dual) call(c, "test.FooDerivatives", "fJvp", x, 1.0)).tangent()).isEqualTo(x * x);
  }

  /** An array that carries a derivative passed to a method without one is as bad as a scalar. */
  @Test
  void differentiatedArrayToAMethodWithNoDerivative() {
    Source util = source("test.Sums", """
        package test;
        final class Sums {
          private Sums() {}
          static double first(double[] a) { return a[0]; }
        }
        """);
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          static double f(double x) {
            double[] a = {x, 2 * x};
            return Sums.first(a);
          }
        }
        """);
    Compilation c = compile(src, util);
    assertError(c, src, src.line("Sums.first(a)"), "call to Sums.first(double[]) is not differentiable");
    assertThat(c).hadErrorCount(1);
  }

  /**
   * SPEC §4: the error is "at the exact expression". In a ?: branch (also a loop condition or
   * after &&) the call is not spilled to its own statement, and the error lands on the first
   * line of the enclosing statement instead of the call's line.
   */
  @Test
  void callWithNoDerivativeInAConditionalBranchIsReportedOnItsLine() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          static double f(double x) {
            return x > 0
                ? Util.smooth(x)
                : x;
          }
        }
        """);
    Compilation c = compile(src, UTIL);
    assertError(c, src, src.line("? Util.smooth(x)"), "call to Util.smooth(double) is not differentiable");
  }

  /**
   * A call that javac resolves to an overload without a derivative is taken for the annotated
   * overload of the same name and arity: here g(x, 2.5) runs g(double, double) in Java, but the
   * derivatives call gJvp(x, (int) 2.5, ...), the derivative of another function. It should be
   * the "not differentiable" error.
   */
  @Test
  void callToAnOverloadWithoutDerivative() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          static double g(double x, int k) { return x * k; }
          static double g(double x, double k) { return Math.sin(x) * k; }
          @Differentiable
          static double h(double x) {
            return g(x, 2.5);
          }
        }
        """);
    Compilation c = compile(src);
    if (c.status() == Compilation.Status.SUCCESS) {
      // what it silently computes today: the value is not even h's
      double x = 0.5;
      Dual jvp = (Dual) call(c, "test.FooDerivatives", "hJvp", x, 1.0);
      assertWithMessage("hJvp(x).value() against h(x) = g(x, 2.5) = 2.5 sin(x)")
          .that(jvp.value()).isWithin(1e-12).of(2.5 * Math.sin(x));
    }
    assertError(c, src, src.line("return g(x, 2.5);"), "call to Foo.g(double, double) is not differentiable");
  }

  /**
   * After a rejected declaration, later uses of the variable must not crash the processor: today
   * the name resolves to nothing and the front end throws, which surfaces as a second error,
   * {@code leibniz: internal error ... IllegalStateException: not a value: PackageName[name=y]}.
   * Any rejected initializer does it (a private method call, {@code i++}, a lambda for a
   * non-differentiable method); where the later use is a plain {@code return y}, the second error
   * is a bogus "cannot resolve y" instead.
   */
  @Test
  void integerMatrixMadeInABody() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          static double f(double x) {
            int[][] counts = new int[2][3];
            return x * counts.length;
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("new int[2][3]"), "leibniz: new int[..][..] is not supported in a differentiable"
        + " method: two-dimensional arrays are made of double or float");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void rejectedDeclarationDoesNotCrashLaterUses() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          static double f(double x) {
            double y = new double[][][] {{{x}}}[0][0][0];
            return y * 2;
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("new double[][][]"), "leibniz: arrays of more than two dimensions are not"
        + " supported");
    assertWithMessage("errors:\n%s", describe(c))
        .that(errorMessages(c).stream().noneMatch(m -> m.contains("internal error"))).isTrue();
    assertThat(c).hadErrorCount(1);
  }

  /**
   * Pattern matching for instanceof (Java 16) crashes the front end: the binding variable is never
   * defined, and its use throws. It should be supported or rejected on its line.
   */
  @Test
  void instanceofPatternDoesNotCrash() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          static double f(double x, Object scale) {
            if (scale instanceof Double d) {
              return x * d;
            }
            return x;
          }
        }
        """);
    Compilation c = compile(src);
    assertWithMessage("errors:\n%s", describe(c))
        .that(errorMessages(c).stream().noneMatch(m -> m.contains("internal error"))).isTrue();
    if (c.status() == Compilation.Status.SUCCESS) {
      assertThat((double) call(c, "test.FooDerivatives", "fGrad", 1.5, (Object) 2.0)).isEqualTo(2.0);
    } else {
      assertError(c, src, src.line("instanceof Double d"), "leibniz:");
      assertThat(c).hadErrorCount(1);
    }
  }

  /** A switch on a double (not Java either) is refused on the selector, naming it and what works. */
  @Test
  void switchOnADouble() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          static double f(double x) {
            double y = x;
            switch (x) { default -> y = 2 * x; }
            return y;
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("switch (x)"), "leibniz: a switch on x of type double is not supported",
        "switch on an int, char, short, byte, enum or String value, or use if/else");
  }

  /** A labeled switch is refused on its label (a plain break leaves a switch). */
  @Test
  void labeledSwitch() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          static double f(double x, int n) {
            double y = x;
            out: switch (n) { case 1: y = 2 * x; break out; default: y = x * x; }
            return y;
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("out: switch"), "leibniz: a label on anything but a loop is not supported");
    assertThat(c).hadErrorCount(1);
  }

  /** An array variable assigned inside an expression is refused: its elements' derivatives would alias. */
  @Test
  void arrayVariableAssignedInsideAnExpression() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          static double f(double[] a, double[] b) {
            double[] c = a;
            double s = (c = b)[0] * 2;
            return s + c[0];
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("double s ="), "leibniz: assigning array variable c inside an expression is not"
        + " supported", "write the assignment as a statement of its own");
    assertThat(c).hadErrorCount(1);
  }

  /** ++ on a field is refused on its line, as an assignment to it is. */
  @Test
  void incrementOfAFieldInsideAnExpression() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          static int calls;
          @Differentiable
          static double f(double x) {
            double y = x * calls++;
            return y;
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("calls++"), "leibniz: assignment to calls is not supported");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void anonymousClass() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          static double f(double x) {
            Object o = new Object() { };
            return x * x;
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("new Object()"),
        "leibniz: anonymous classes are not supported in a differentiable method");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void callToAPrivateMethod() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          static double f(double x) {
            int k = 1;
            k = twice(3);
            return x * k;
          }
          private static int twice(int n) { return 2 * n; }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("k = twice(3);"), "leibniz: private method twice cannot be called from the"
        + " generated derivative class", "make it package-private");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void methodReferenceToAMethodWithNoDerivative() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomJvp;
        import dev.leibniz.Differentiable;
        import dev.leibniz.NonDiff;
        import dev.leibniz.runtime.Dual;
        import java.util.function.DoubleUnaryOperator;
        class Foo {
          @CustomJvp("appJvp")
          static double app(@NonDiff DoubleUnaryOperator f, double x) { return f.applyAsDouble(x); }
          static Dual appJvp(DoubleUnaryOperator f, double x, double xDot) {
            return new Dual(f.applyAsDouble(x), 2 * xDot);
          }
          static double plain(double x) { return x * x; }
          @Differentiable
          static double g(double x) {
            return app(Foo::plain, x);
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("app(Foo::plain, x)"), "leibniz: method reference Foo::plain is not differentiable",
        "mark it @Differentiable or give it a @CustomJvp/@CustomVjp rule");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void voidReturn() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          static double f(double x) {
            if (x > 0) {
              return x;
            }
            return;
          }
        }
        """);
    // javac itself would reject the bare return later; the processor's error comes first
    Compilation c = compile(src);
    assertError(c, src, src.line("return;"), "leibniz: a differentiable method must return a value");
  }

  @Test
  void functionValueFromAFieldOfAnotherClass() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        import java.util.function.DoubleUnaryOperator;
        class Foo {
          @Differentiable
          static double f(double x) {
            return Ops.SQUARE.applyAsDouble(x);
          }
        }
        class Ops {
          static final DoubleUnaryOperator SQUARE = t -> t * t;
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("return Ops.SQUARE"), "leibniz: function value Ops.SQUARE is read from a field,"
        + " so Leibniz cannot see its body to differentiate it", "write the lambda as a local");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void localLambdaReturningEarly() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        import java.util.function.DoubleUnaryOperator;
        class Foo {
          @Differentiable
          static double f(double x) {
            DoubleUnaryOperator h = t -> {
              if (t > 0) {
                return t;
              }
              return -t * x;
            };
            return h.applyAsDouble(x);
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("DoubleUnaryOperator h"), "leibniz: a lambda applied in a differentiable method may"
        + " return only as its last statement");
    assertThat(c).hadErrorCount(1);
  }

  /** A method that may write a differentiated value into an array argument it was given. */
  @Test
  void differentiatedValueIntoAnArrayOfAMethodWithNoDerivative() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Util {
          static void put(double[] a, double x) { a[0] = x; }
        }
        class Foo {
          @Differentiable
          static double f(double x) {
            double[] a = new double[3];
            Util.put(a, x);
            return a[0];
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("Util.put(a, x)"), "call to Util.put(double[], double) is not differentiable");
    assertThat(c).hadErrorCount(1);
  }

  /** Copies of double[]/float[] are differentiated (issue 8); other array methods, and copies across types, are not. */
  @Test
  void arrayMethodsBeyondTheCopies() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        import java.util.Arrays;
        class Foo {
          @Differentiable
          static double sorted(double[] a) {
            double[] b = a.clone();
            Arrays.sort(b);
            return b[0];
          }
          @Differentiable
          static double narrowed(double[] a) {
            float[] f = new float[a.length];
            System.arraycopy(a, 0, f, 0, a.length);
            return f[0];
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("Arrays.sort(b)"), "leibniz: call to Arrays.sort(double[]) is not differentiable");
    assertError(c, src, src.line("System.arraycopy(a, 0, f"),
        "leibniz: call to System.arraycopy(Object, int, Object, int, int) is not differentiable");
    assertThat(c).hadErrorCount(2);
  }

  /** A copy's loops run where they are written, not each time a loop condition is tested. */
  @Test
  void customRuleMethodWritingIntoItsArray() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomJvp;
        import dev.leibniz.runtime.Dual;
        class Foo {
          @CustomJvp("firstJvp")
          static double first(double[] x) {
            x[0] = 0;
            return x[1];
          }
          static Dual firstJvp(double[] x, double[] xDot) {
            return new Dual(first(x), xDot[1]);
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("static double first"), "leibniz: first writes into its array parameter x: a"
        + " method with a custom rule may not write into its differentiable arrays");
  }
}
