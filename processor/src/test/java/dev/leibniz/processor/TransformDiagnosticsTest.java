package dev.leibniz.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.leibniz.processor.Compilations.assertError;
import static dev.leibniz.processor.Compilations.call;
import static dev.leibniz.processor.Compilations.compile;
import static dev.leibniz.processor.Compilations.describe;
import static dev.leibniz.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import dev.leibniz.processor.Compilations.Source;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Errors found after parsing, by the analyses and transforms: differentiated values reaching
 * {@code @NonDiff} parameters (SPEC §6), what reverse and second-order modes cannot do.
 */
class TransformDiagnosticsTest {

  /** A @CustomJvp method with a function parameter, as the seed's {@code app}. */
  private static final String APP = """
        @CustomJvp("appJvp")
        static double app(@NonDiff DoubleUnaryOperator f, double x) { return f.applyAsDouble(x); }
        static Dual appJvp(DoubleUnaryOperator f, double x, double xDot) {
          return new Dual(f.applyAsDouble(x), 2 * xDot);
        }
      """;

  private static final String IMPORTS = """
      package test;
      import dev.leibniz.CustomJvp;
      import dev.leibniz.Differentiable;
      import dev.leibniz.NonDiff;
      import dev.leibniz.runtime.Dual;
      import java.util.function.DoubleUnaryOperator;
      """;

  /** An object made from a differentiated number could hand it back (a getter): its derivative would be lost. */
  @Test
  void differentiatedNumberIntoAnObjectFactory() {
    Source src = source("test.Foo", IMPORTS + """
        class Foo {
          static final class Box {
            final double v;
            Box(double v) { this.v = v; }
            static Box of(double v) { return new Box(v); }
            double get() { return v; }
          }
          @Differentiable
          static double f(double x) {
            Box b = Box.of(x);
            return x * b.get();
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("Box b = Box.of(x);"), "leibniz: call to Box.of(double) is not differentiable");
    assertThat(c).hadErrorCount(1);
  }

  /**
   * A callee that may return its argument's array: refused where the result or the argument is
   * written after the call (through an alias, in a later iteration too), accepted where the write
   * comes before it or the result is no longer used, and for new arrays made of the same numbers.
   */
  @Test
  void resultThatMayBeTheArgumentWrittenAfterTheCall() {
    Source src = source("test.Foo", IMPORTS + """
        class Foo {
          @Differentiable
          static double[] scaled(double[] a, double x) { a[0] *= x; return x > 0 ? a : new double[] {x}; }
          @Differentiable
          static double throughAnAlias(double[] a, double x) {
            double[] b = scaled(a, x);
            double[] c = b;
            c[0] = c[0] * x;
            return a[0];
          }
          @Differentiable
          static double nextIteration(double[] a, double x) {
            double s = 0;
            double[] r = scaled(a, x);
            for (int i = 0; i < 3; i++) {
              s += r[0];
              a[0] = a[0] * x;
            }
            return s;
          }
          @Differentiable
          static double writtenBefore(double[] a, double x) {
            a[0] = x * x;
            double[] w = scaled(a, x);
            return w[0] * a[0];
          }
          @Differentiable
          static double newArraysOfOneNumber(double x) {
            double[] p = scaled(new double[] {x, 1}, x);
            double[] q = scaled(new double[] {x, 2}, x);
            return p[0] * q[0];
          }
          @Differentiable
          static double copiedAtOnce(double[] a, double x) {
            double[] c = scaled(a, x).clone();
            a[0] = c[0] * x;
            c[0] = 2 * a[0];
            return c[0] + a[0];
          }
          @Differentiable
          static double resultNoLongerUsed(double[] a, double x) {
            double[] u = scaled(a, x);
            double s = u[0];
            a[0] = 2 * x;
            return s + a[0];
          }
        }
        """);
    Compilation c = compile(src);
    String message = "leibniz: scaled may return the array of its parameter a, and the array or the result is"
        + " written after the call";
    assertError(c, src, src.line("double[] b = scaled(a, x);"), message);
    assertError(c, src, src.line("double[] r = scaled(a, x);"), message);
    assertThat(c).hadErrorCount(2);
  }

  /**
   * One array reached under two names where a callee writes: a matrix and its row, a row taken
   * twice, one matrix twice, a record and its array (each was a wrong gradient with no error; an
   * adversarial helper found them). Two different rows of one matrix are fine.
   */
  @Test
  void matrixAndItsRowOrRecordAndItsArrayToAWritingCallee() {
    Source src = source("test.Foo", IMPORTS + """
        class Foo {
          record P(double[] a, double b) {}
          @Differentiable
          static void g(double[][] m, double[] r) { r[0] = 2 * m[0][0]; r[1] = m[1][0] * m[1][0]; }
          @Differentiable
          static void gm(double[][] m, double[] r) { m[1][0] = 2 * r[0]; }
          @Differentiable
          static void two(double[] x, double[] y) { y[0] = 2 * x[0]; }
          @Differentiable
          static void mm(double[][] x, double[][] y) { y[0][0] = 2 * x[0][0]; }
          @Differentiable
          static double pr(P p, double[] y) { y[0] = 2 * p.a()[0] * y[0]; return y[0] + p.a()[0]; }
          @Differentiable
          static double[][] copy(double[][] m) { return new double[][] {{m[0][0], 0}, {m[1][0], 0}}; }
          @Differentiable
          static double rowOfIt(double[][] m) { double[][] a = copy(m); g(a, a[1]); return a[1][1]; }
          @Differentiable
          static double rowInALocal(double[][] m) { double[][] a = copy(m); double[] r = a[1]; gm(a, r); return a[1][0]; }
          @Differentiable
          static double sameRow(double[][] m) { double[][] a = copy(m); two(a[1], a[1]); return a[1][0]; }
          @Differentiable
          static double twoRows(double[][] m) { double[][] a = copy(m); two(a[0], a[1]); return a[1][0]; }
          @Differentiable
          static double sameMatrix(double[][] m) { double[][] a = copy(m); mm(a, a); return a[0][0]; }
          @Differentiable
          static double recordHoldsIt(double[] x) {
            double[] y = x.clone();
            P p = new P(y, 1);
            return pr(p, y);
          }
          @Differentiable
          static double itsComponent(double[] x) {
            P p = new P(x.clone(), 1);
            return pr(p, p.a());
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("g(a, a[1]);"), "leibniz: the same array is passed to g's parameters m and r, and g"
        + " writes into r");
    assertError(c, src, src.line("gm(a, r);"), "to gm's parameters m and r, and gm writes into m");
    assertError(c, src, src.line("two(a[1], a[1]);"), "to two's parameters x and y, and two writes into y");
    assertError(c, src, src.line("mm(a, a);"), "to mm's parameters x and y, and mm writes into y");
    assertError(c, src, src.line("return pr(p, y);"), "to pr's parameters p and y, and pr writes into y");
    assertError(c, src, src.line("return pr(p, p.a());"), "to pr's parameters p and y, and pr writes into y");
    assertThat(c).hadErrorCount(6);
  }

  /**
   * The argument's array returned indirectly: through another method, a record parameter, a new
   * record, two calls in the caller, or a method with a custom rule (each was a wrong gradient with
   * no error; an adversarial helper found them).
   */
  @Test
  void argumentArrayReturnedIndirectly() {
    Source src = source("test.Foo", IMPORTS + """
        class Foo {
          record S(double[] xs, double w) {}
          @Differentiable
          static double[] id(double[] a) { return a; }
          @Differentiable
          static double[] viaAnother(double[] a) { return id(a); }
          @Differentiable
          static double[] component(S s) { return s.xs(); }
          @Differentiable
          static S wrapped(double[] a, double x) { S s = new S(a, x); return s; }
          @Differentiable
          static double throughAnother(double[] a, double x) {
            double[] r = viaAnother(a);
            a[0] = x * a[1];
            return r[0];
          }
          @Differentiable
          static double throughARecord(double[] a, double x) {
            S s = new S(a, x);
            double[] q = component(s);
            a[0] = x * a[1];
            return q[0];
          }
          @Differentiable
          static double inANewRecord(double[] a, double x) {
            S t = wrapped(a, x);
            a[0] = x * a[1];
            return t.xs()[0];
          }
          @CustomJvp("sameJvp")
          static double[] same(double[] a) { return a; }
          static dev.leibniz.runtime.Jvp<double[]> sameJvp(double[] a, double[] aDot) {
            return new dev.leibniz.runtime.Jvp<>(a, aDot);
          }
          @Differentiable
          static double throughACustomRule(double[] a, double x) {
            double[] w = same(a);
            a[0] = x * a[1];
            return w[0];
          }
          @Differentiable
          static double twoCalls(double[] a, double x) {
            double[] u = id(a);
            double[] v = id(u);
            a[0] = x * a[1];
            return v[0];
          }
        }
        """);
    Compilation c = compile(src);
    String fix = "make the method return a copy of that array (clone())";
    assertError(c, src, src.line("double[] r = viaAnother(a);"), "leibniz: viaAnother may return the array of its"
        + " parameter a", fix);
    assertError(c, src, src.line("double[] q = component(s);"), "leibniz: component may return the array of its"
        + " parameter s", fix);
    assertError(c, src, src.line("S t = wrapped(a, x);"), "leibniz: wrapped may return the array of its parameter a");
    assertError(c, src, src.line("double[] u = id(a);"), "leibniz: id may return the array of its parameter a");
    assertError(c, src, src.line("double[] w = same(a);"), "leibniz: same may return the array of its parameter a");
    assertThat(c).hadErrorCount(5);
  }

  @Test
  void matrixRowsReplacedOrReassignedInReverseMode() {
    Source src = source("test.Foo", IMPORTS + """
        class Foo {
          @Differentiable
          static double replaced(double[][] m, double[] r) {
            m[0] = r;
            return m[0][0];
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("m[0] = r;"), "leibniz: replacing a row of a two-dimensional array is not"
        + " supported in reverse mode: write its elements, or System.arraycopy into the row");
    assertThat(c).hadErrorCount(1);

    Source swapped = source("test.Bar", IMPORTS + """
        class Bar {
          @Differentiable
          static double swapped(double[][] m, double[][] n) {
            double s = 0;
            for (int k = 0; k < 2; k++) {
              s += m[0][0];
              m = n;
            }
            return s;
          }
        }
        """);
    Compilation d = compile(swapped);
    assertError(d, swapped, swapped.line("m = n;"), "leibniz: a two-dimensional array variable assigned again (m)"
        + " is not supported in reverse mode");
    assertThat(d).hadErrorCount(1);

    Source row = source("test.Baz", IMPORTS + """
        class Baz {
          @Differentiable
          static double row(double[][] m) {
            double[] r = m[0];
            double s = r[0];
            r = m[1];
            return s * r[0];
          }
        }
        """);
    Compilation e = compile(row);
    assertError(e, row, row.line("r = m[1];"), "leibniz: a row variable of a two-dimensional array assigned again (r)"
        + " is not supported in reverse mode");
    assertThat(e).hadErrorCount(1);
  }

  /**
   * A row held where another array may be (another return, ?:, a branch assigning): its cotangent would be the
   * matrix's row and another array's in turn. Was a row read into a temporary, reported as "assigned again (t1)",
   * or generated code that did not compile ({@code aBar[1] += rBar}, random programs of issue 8).
   */
  @Test
  void matrixRowAmongOtherArraysInReverseMode() {
    Source src = source("test.Foo", IMPORTS + """
        class Foo {
          @Differentiable
          static double[] returned(double x) {
            double[][] m = {{x}, {2 * x}}; // the method's own: a row of a parameter would be the caller's
            if (x > 0) {
              return m[1];
            }
            return new double[] {x};
          }
          @Differentiable
          static double[] returnedRow(double x) {
            double[][] m = {{x}, {2 * x}};
            double[] r = m[0];
            if (x > 0) {
              return r;
            }
            return new double[] {x};
          }
          @Differentiable
          static double chosen(double x, double[][] m, double[] b) {
            double[] r = x > 0 ? m[0] : b;
            return r[0] * x;
          }
          @Differentiable
          static double assigned(double x, double[][] m, double[] b, int k) {
            double[] r = b;
            if (x > 0) {
              r = m[k + 1];
            }
            return r[0] * x;
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("return m[1];"), "leibniz: a row of a two-dimensional array (m[1]) in a variable,"
        + " return value or ?: that may hold another array is not supported in reverse mode: declare the variable"
        + " where the row is read (double[] r = m[i]), or use a copy, m[1].clone()");
    assertError(c, src, src.line("double[] r = x > 0 ? m[0] : b;"), "leibniz: a row of a two-dimensional array (m[0])");
    assertError(c, src, src.line("r = m[k + 1];"), "leibniz: a row of a two-dimensional array (m[k + 1])",
        "use a copy, m[k + 1].clone()");
    assertError(c, src, src.line("return r;"), "leibniz: a row of a two-dimensional array (r)", "use a copy, r.clone()");
    assertThat(c).hadErrorCount(4);
  }

  @Test
  void differentiatedValuePassedToANonDiffParameter() {
    Source src = source("test.Foo", IMPORTS + """
        class Foo {
          @Differentiable
          static double scaled(@NonDiff double s, double x) { return s * x; }
          @Differentiable
          static double f(double x) {
            double y = x * 2;
            return scaled(y, 1.0);
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("return scaled(y, 1.0);"), "leibniz: the differentiated value y is passed to"
        + " @NonDiff parameter s of scaled", "pass it as an ordinary (differentiable) argument instead");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void differentiatedValueCapturedByALambda() {
    Source src = source("test.Foo", IMPORTS + """
        class Foo {
        %s
          @Differentiable
          static double f(double x) {
            double y = x * 2;
            return app(t -> t * y, 1.0);
          }
        }
        """.formatted(APP));
    Compilation c = compile(src);
    assertError(c, src, src.line("t -> t * y"), "leibniz: the lambda passed to parameter f of app captures the"
        + " differentiated value y", "(JAX raises an UnexpectedTracerError)",
        "pass y to app as an ordinary argument instead");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void lambdaCapturingOnlyConstantsIsFine() {
    Source src = source("test.Foo", IMPORTS + """
        class Foo {
        %s
          @Differentiable
          static double f(double x, @NonDiff double k) {
            double c = k * 3;
            return app(t -> t * c, x);
          }
        }
        """.formatted(APP));
    Compilation c = compile(List.of("-Xlint:all", "-Werror"), src);
    assertThat(c).succeeded();
    // the rule says d app / dx = 2, whatever the function
    assertThat((double) call(c, "test.FooDerivatives", "fGrad", 0.7, 5.0)).isEqualTo(2.0);
  }

  /**
   * The same capture as above, but through a local variable: today no error, and the gradient is
   * silently 0 (true value 2: app(t -> t * 2x, 1) = 2x). SPEC §6: "directly or captured by a
   * lambda, is a compile error".
   */
  @Test
  void differentiatedValueCapturedByALambdaHeldInALocal() {
    Source src = source("test.Foo", IMPORTS + """
        class Foo {
        %s
          @Differentiable
          static double f(double x) {
            double y = x * 2;
            DoubleUnaryOperator g = t -> t * y;
            return app(g, 1.0);
          }
        }
        """.formatted(APP));
    Compilation c = compile(src);
    if (c.status() == Compilation.Status.SUCCESS) {
      assertWithMessage("fGrad(0.5): silently dropped derivative")
          .that((double) call(c, "test.FooDerivatives", "fGrad", 0.5)).isEqualTo(2.0);
    }
    assertError(c, src, src.line("t -> t * y"), "captures the differentiated value y");
  }

  /**
   * Each method's errors are reported in one compilation. Today the transforms stop at the first
   * error of a class, so the second method's error appears only after the first is fixed.
   */
  @Test
  void errorsOfTwoMethodsOfOneClassAreBothReported() {
    Source src = source("test.Foo", IMPORTS + """
        class Foo {
          @Differentiable
          static double scaled(@NonDiff double s, double x) { return s * x; }
          @Differentiable
          static double f(double x) {
            return scaled(x, 1.0);
          }
          @Differentiable
          static double g(double x) {
            return scaled(2 * x, 1.0);
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("return scaled(x, 1.0);"), "the differentiated value x is passed to @NonDiff");
    assertError(c, src, src.line("return scaled(2 * x, 1.0);"), "is passed to @NonDiff parameter s of scaled");
  }

  /**
   * Where a call may keep a differentiated value and hand it back without its derivative: an
   * object's method ({@code stats.push(v)}, {@code sb.append(x)}), a static method returning nothing
   * (into a static field), text read back as a number. Each gave a wrong gradient silently.
   */
  @Test
  void callsThatMayKeepADifferentiatedValue() {
    Source src = source("test.Foo", IMPORTS + """
        class Foo {
          static final class Stats {
            double sum;
            void push(double v) {
              sum += v;
            }
            double total() {
              return sum;
            }
          }
          static final double[] LAST = new double[1];
          static void put(double v) {
            LAST[0] = v;
          }
          @Differentiable
          static double pushed(double x) {
            Stats s = new Stats();
            s.push(x);
            return s.total();
          }
          @Differentiable
          static double stored(double x) {
            put(x * x);
            return LAST[0] + x;
          }
          @Differentiable
          static double appended(double x) {
            StringBuilder sb = new StringBuilder();
            sb.append(x);
            return Double.parseDouble(sb.toString()) * x;
          }
          @Differentiable
          static double readBack(double x) {
            String s = "v=" + x;
            return Double.parseDouble(s.substring(2)) * x;
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("s.push(x);"), "call to Stats.push(double) is not differentiable");
    assertError(c, src, src.line("put(x * x);"), "call to Foo.put(double) is not differentiable");
    assertError(c, src, src.line("sb.append(x);"), "call to StringBuilder.append(double) is not differentiable");
    assertError(c, src, src.line("return Double.parseDouble(s.substring(2)) * x;"),
        "call to Double.parseDouble(String) is not differentiable");
  }

  /**
   * Writes into the array a static field holds, through a local, a matrix's row or a callee: the
   * derivatives read the field's elements at other times (the gradient of x^2 + x was 1).
   */
  @Test
  void writesIntoAStaticFieldsArray() {
    Source src = source("test.Foo", IMPORTS + """
        class Foo {
          static final double[] LAST = new double[1];
          static final double[][] GRID = new double[2][2];
          static final double[] TABLE = {1, 2, 3};
          @Differentiable
          static void fill(double x, double[] out) {
            out[0] = x;
          }
          @Differentiable
          static double local(double x) {
            double[] t = LAST;
            t[0] = x * x;
            return LAST[0] + x;
          }
          @Differentiable
          static double row(double x) {
            double[] r = GRID[1];
            r[0] = 2;
            return x * GRID[1][0];
          }
          @Differentiable
          static double callee(double x) {
            fill(x, LAST);
            return LAST[0];
          }
          @Differentiable
          static double readOnly(double x) {
            double[] w = TABLE;
            return w[2] * x;
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("t[0] = x * x;"), "the array of static field LAST is written here: derivative code"
        + " reads static fields at other times than the method does; write into a local copy (LAST.clone(), row by"
        + " row for a matrix)");
    assertError(c, src, src.line("r[0] = 2;"), "the array of static field GRID is written here");
    assertError(c, src, src.line("fill(x, LAST);"), "the array of static field LAST is written here");
    assertThat(c).hadErrorCount(3); // reading a table through a local is fine
  }

  /**
   * A differentiated number held as an object, or an array of numbers held as {@code Object}: read
   * back, it had lost its derivative (the gradient of x * x was x), or generated code did not compile.
   */
  @Test
  void numbersHeldAsObjects() {
    Source src = source("test.Foo", IMPORTS + """
        class Foo {
          static final double[] T = new double[1];
          @Differentiable
          static double boxed(double x) {
            Double d = x;
            double y = d;
            return y * x;
          }
          @Differentiable
          static double boxedArray(double x) {
            Double[] a = {x, 2.0};
            return a[0] * x;
          }
          @Differentiable
          static double arrayAsObject(double[] a) {
            Object o = a;
            double[] b = (double[]) o;
            b[0] = b[0] * b[1];
            return a[0] * a[1];
          }
          @Differentiable
          static double staticArrayAsObject(double x) {
            Object o = T;
            double[] t = (double[]) o;
            t[0] = x * x;
            return T[0] * x;
          }
          record P(double a, double b) {}
          @Differentiable
          static double recordArray(double x, double y) {
            P[] ps = {new P(x, y), new P(y, x * x)};
            return ps[0].a() * ps[1].b();
          }
          @Differentiable
          static double recordIntoArray(double x, P[] ps) {
            ps[0] = new P(x, 2 * x);
            return ps[0].a() * ps[0].b();
          }
          @Differentiable
          static double varargs(double x) {
            java.util.List<Double> l = new java.util.ArrayList<>();
            java.util.Collections.addAll(l, x);
            return l.get(0) * x;
          }
        }
        """);
    Compilation c = compile(src);
    String object = ", an object, which keeps no derivative (read back, the number has lost it): keep differentiated"
        + " numbers in double or float variables and arrays";
    assertError(c, src, src.line("Double d = x;"), "leibniz: x is held as Double" + object);
    assertError(c, src, src.line("Double[] a = {x, 2.0};"), "is held as Double[]" + object);
    assertError(c, src, src.line("Object o = a;"), "a is held as Object" + object);
    assertError(c, src, src.line("Object o = T;"), "is held as Object" + object);
    assertError(c, src, src.line("java.util.Collections.addAll(l, x);"),
        "call to Collections.addAll(Object, Object[]) is not differentiable: Leibniz has no derivative for this JDK method");
    assertError(c, src, src.line("P[] ps = {new P(x, y), new P(y, x * x)};"), "is held as P[]" + object);
    assertError(c, src, src.line("ps[0] = new P(x, 2 * x);"), "new P(x, 2.0 * x) is held as P[]" + object);
    assertThat(c).hadErrorCount(7);
    Source cast = source("test.Foo", IMPORTS + """
        class Foo {
          record R(double v, Object o) {}
          @Differentiable
          static double cast(double x) {
            R r = new R(x, (Object) (x * 2));
            double y = (Double) r.o();
            return y * r.v();
          }
        }
        """);
    assertError(compile(cast), cast, cast.line("R r = new R(x, (Object) (x * 2));"), "x * 2.0 is held as Object" + object);
  }

  /** A generic collection of numbers without derivatives: its elements are Double (generated code read them as Object). */
  @Test
  void genericCollectionOfConstants() {
    Source src = source("test.Foo", IMPORTS + """
        class Foo {
          @Differentiable
          static double f(double x) {
            java.util.List<Double> weights = new java.util.ArrayList<>();
            weights.add(2.0);
            weights.add(3.0);
            double s = 0;
            for (int i = 0; i < weights.size(); i++) {
              s += weights.get(i) * x * x;
            }
            return s;
          }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).succeededWithoutWarnings();
    // f = 5 x^2
    assertWithMessage("fGrad(1.5)").that((double) call(c, "test.FooDerivatives", "fGrad", 1.5)).isWithin(1e-12).of(15.0);
  }

  /**
   * A record result holding one array twice: the caller gave each component a tangent of its own,
   * so a write through one did not reach the other (gradient 1 where 3 is right).
   */
  @Test
  void recordResultHoldingOneArrayTwice() {
    Source src = source("test.Foo", IMPORTS + """
        class Foo {
          record R(double[] u, double[] v) {}
          record Q(double[][] m, double[] r) {}
          record S(double[] u, double k) {}
          record T(S a, S b) {}
          @Differentiable
          static R same(double[] x) {
            double[] a = x.clone();
            return new R(a, a);
          }
          @Differentiable
          static Q row(double[] x) {
            double[][] m = {x.clone()};
            return new Q(m, m[0]);
          }
          @Differentiable
          static T nested(double[] x) {
            double[] a = x.clone();
            return new T(new S(a, 1), new S(a, 2));
          }
          @Differentiable
          static R distinct(double[] x) {
            double[] a = x.clone();
            return new R(a, a.clone());
          }
        }
        """);
    Compilation c = compile(src);
    assertError(c, src, src.line("return new R(a, a);"), "leibniz: the result holds one array twice (a and a): the"
        + " derivatives give each part of a result a tangent of its own, so a caller writing one would not change"
        + " the other; return a copy, a.clone()");
    assertError(c, src, src.line("return new Q(m, m[0]);"), "the result holds one array twice (m and m[0])");
    assertError(c, src, src.line("return new T(new S(a, 1), new S(a, 2));"), "the result holds one array twice");
    assertThat(c).hadErrorCount(3);
  }

  /**
   * JDK methods that only read (a search, a comparison, text) and Double.max/min/sum, which are
   * Math's: accepted (they were refused as not differentiable).
   */
  @Test
  void readOnlyJdkMethodsAndDoubleArithmetic() {
    Source src = source("test.Foo", IMPORTS + """
        class Foo {
          static final double[] KNOTS = {0, 1, 2, 3};
          @Differentiable
          static double spline(double[] c, double x) {
            int k = java.util.Arrays.binarySearch(KNOTS, x);
            if (k < 0) {
              k = -k - 2;
            }
            if (java.util.Arrays.equals(c, KNOTS) || Double.isNaN(x)) {
              throw new IllegalArgumentException(String.format("x = %.3f", x) + java.util.Arrays.toString(c));
            }
            return c[k] * x * x;
          }
          @Differentiable
          static double boxedMath(double x, double y) {
            return Double.max(x, y) * Double.sum(x, y) + Double.min(x * x, y);
          }
        }
        """);
    Compilation c = compile(List.of("-Xlint:all", "-Werror"), src);
    assertThat(c).succeeded();
    // x = 1.5 lies in [1, 2): c[1] x^2, d/dc1 = x^2, d/dx = 2 c1 x
    Object g = call(c, "test.FooDerivatives", "splineGrad", new double[] {1, 4, 9, 16}, 1.5);
    assertThat(g.toString()).contains("x=12.0");
    // max(x, y) (x + y) + min(x^2, y) at (2, 3): y (x + y) + y -> (y, x + 2y + 1) = (3, 9)
    assertThat(call(c, "test.FooDerivatives", "boxedMathGrad", 2.0, 3.0).toString()).isEqualTo("BoxedMathGradient[x=3.0, y=9.0]");
  }

  /** Text that goes out (printed, an exception's message) may show differentiated values. */
  @Test
  void differentiatedValuesPrintedOrInAMessage() {
    Source src = source("test.Foo", IMPORTS + """
        class Foo {
          @Differentiable
          static double f(double[] a, double[] b) {
            if (a.length != b.length) {
              throw new IllegalArgumentException("length mismatch: " + a.length + " and " + b.length);
            }
            double s = 0;
            for (int i = 0; i < a.length; i++) {
              s += a[i] * b[i];
            }
            String line = "s = " + s;
            System.out.println(line);
            System.out.printf("s = %f%n", s);
            if (s > 1e300) {
              throw new IllegalStateException("overflow: " + s);
            }
            return s;
          }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).succeededWithoutWarnings();
    // s = a . b: the gradient with respect to a is b
    Object g = call(c, "test.FooDerivatives", "fGrad", new double[] {1, 2}, new double[] {3, 4});
    try {
      assertThat((double[]) g.getClass().getMethod("a").invoke(g)).usingExactEquality().containsExactly(3.0, 4.0)
          .inOrder();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * A differentiated value written into a {@code @NonDiff} array (a scratch buffer), directly,
   * through a local holding it, or by a callee or a copy: it has no tangent, so the generated code
   * did not compile (scratchDot), or the caller's derivative was lost.
   */
  @Test
  void differentiatedValueWrittenIntoANonDiffArray() {
    Source src = source("test.Foo", IMPORTS + """
        class Foo {
          @Differentiable
          static void square(double[] x, double[] out) {
            for (int i = 0; i < x.length; i++) {
              out[i] = x[i] * x[i];
            }
          }
          @Differentiable
          static double direct(double[] x, @NonDiff double[] scratch) {
            scratch[0] = x[0] * x[0];
            return scratch[0];
          }
          @Differentiable
          static double throughALocal(double x, @NonDiff double[] scratch) {
            double[] t = scratch;
            t[1] = Math.sin(x);
            return x;
          }
          @Differentiable
          static double byACallee(double[] x, @NonDiff double[] scratch) {
            square(x, scratch);
            return x[0];
          }
          @Differentiable
          static double byACopy(double[] x, @NonDiff double[] scratch) {
            System.arraycopy(x, 0, scratch, 0, 1);
            return x[0];
          }
        }
        """);
    Compilation c = compile(src);
    String message = "a differentiated value is written into @NonDiff array scratch, which has no derivative: make"
        + " scratch an ordinary (differentiable) parameter, or write into a local array";
    assertError(c, src, src.line("scratch[0] = x[0] * x[0];"), message);
    assertError(c, src, src.line("t[1] = Math.sin(x);"), message);
    assertError(c, src, src.line("square(x, scratch);"), message);
    assertError(c, src, src.line("System.arraycopy(x, 0, scratch, 0, 1);"), message);
  }

  /**
   * A {@code @NonDiff} array a callee writes with numbers that are not differentiated: it stays
   * without derivative (was refused: "the differentiated value w is passed to @NonDiff parameter").
   */
  @Test
  void nonDiffArrayWrittenWithoutDerivativesByACallee() {
    Source src = source("test.Foo", IMPORTS + """
        class Foo {
          @Differentiable
          static double doubled(double x, @NonDiff double[] w) {
            for (int i = 0; i < w.length; i++) {
              w[i] *= 2;
            }
            return x;
          }
          @Differentiable
          static double f(double x, @NonDiff double[] w) {
            double s = Math.sin(x * w[0]);
            double y = doubled(x, w);
            return s * w[0] * y;
          }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).succeededWithoutWarnings();
    // f = sin(x w0) 2 w0 x, w0 as on entry: df/dx = 2 w0 (w0 x cos(x w0) + sin(x w0))
    double x = 0.7;
    double w0 = 1.3;
    assertWithMessage("fGrad").that((double) call(c, "test.FooDerivatives", "fGrad", x, new double[] {w0}))
        .isWithin(1e-12).of(2 * w0 * (w0 * x * Math.cos(x * w0) + Math.sin(x * w0)));
  }

  /**
   * A differentiated value through a call whose result type carries no derivative, and back:
   * boxing with {@code Double.valueOf(x).doubleValue()} passes the activity check (only calls
   * returning a floating type or taking an array are checked), and the gradient is silently 0
   * instead of 3. It must be the "not differentiable" error (or a correct derivative).
   */
  @Test
  void differentiatedValueThroughABoxingCall() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          static double f(double x) {
            double y = Double.valueOf(x).doubleValue();
            return y * 3;
          }
        }
        """);
    Compilation c = compile(src);
    if (c.status() == Compilation.Status.SUCCESS) {
      assertWithMessage("fGrad(0.5), d/dx 3x").that((double) call(c, "test.FooDerivatives", "fGrad", 0.5))
          .isEqualTo(3.0);
    } else {
      assertError(c, src, src.line("Double.valueOf(x)"), "is not differentiable");
    }
  }

  @Test
  void breakOfAnOuterLoopInReverseMode() {
    Source src = source("test.Foo", IMPORTS + """
        class Foo {
          @Differentiable
          static double f(double x) {
            double s = x;
            outer:
            for (int i = 0; i < 3; i++) {
              for (int j = 0; j < 3; j++) {
                s = s * x;
                if (s > 10) {
                  break outer;
                }
              }
            }
            return s;
          }
        }
        """);
    Compilation c = compile(src);
    // reverse mode turns the labelled break into flags that end both loops
    assertThat(c).succeeded();
    for (double x : new double[] {1.1, 1.3, 2.5}) {
      double h = 1e-6;
      double fd = ((double) call(c, "test.Foo", "f", x + h) - (double) call(c, "test.Foo", "f", x - h)) / (2 * h);
      double grad = (double) call(c, "test.FooDerivatives", "fGrad", x);
      assertThat(grad).isWithin(1e-5 * Math.max(1, Math.abs(fd))).of(fd);
    }
  }

  /** An array made in each iteration of a loop: each iteration's cotangent array is made again. */
  @Test
  void arrayCreatedInALoop() {
    Source src = source("test.Foo", IMPORTS + """
        class Foo {
          @Differentiable
          static double ok(double x) { return x * x; }
          @Differentiable
          static double sum(double x) {
            double s = 0;
            for (int i = 0; i < 3; i++) {
              double[] a = {x, x * i};
              s += a[0] * a[1];
            }
            return s;
          }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).succeeded();
    // s = sum of x * x * i for i < 3 = 3 x^2: the derivative is 6 x
    assertThat((double) call(c, "test.FooDerivatives", "sumGrad", 1.5)).isWithin(1e-12).of(9.0);
  }

  /**
   * An array variable assigned twice holds two arrays in turn: reverse mode follows them (it was
   * refused before issue 8).
   */
  @Test
  void arrayVariableAssignedTwiceIsDifferentiated() {
    Source src = source("test.Foo", IMPORTS + """
        class Foo {
          @Differentiable
          static double twice(double x, double y) {
            double[] a = {x, 2 * x};
            double s = a[0] * a[1];
            a = new double[] {s, y};
            return a[0] + a[1] * x;
          }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).succeeded();
    // 2 x^2 + x y: the gradient is (4 x + y, x)
    Object g = call(c, "test.FooDerivatives", "twiceGrad", 1.5, 0.25);
    assertThat(g.toString()).isEqualTo("TwiceGradient[x=6.25, y=1.5]");
  }

  /** The same fallback for second order through a @CustomVjp method with a record result. */
  @Test
  void secondOrderThroughARecordCustomVjpIsReportedOnTheCaller() {
    Source src = source("test.Foo", IMPORTS + """
        import dev.leibniz.CustomVjp;
        import dev.leibniz.runtime.Fwd;
        class Foo {
          record P(double a, double b) {}
          @CustomVjp(fwd = "gFwd", bwd = "gBwd")
          static P g(double x) { return new P(x, x); }
          static Fwd<P, Double> gFwd(double x) { return new Fwd<>(g(x), x); }
          static double gBwd(Double r, P ct) { return ct.a() + ct.b(); }
          @Differentiable(order = 2)
          static double h(double x) {
            P p = g(x);
            return p.a() * p.b();
          }
          @Differentiable
          static double unrelated(double x) { return x; }
        }
        """);
    Compilation c = compile(src);
    assertErrorOnOneOf(c, src, "leibniz: second-order forms through @CustomVjp method g need a double or float"
        + " result", "P p = g(x);", "static double h(", "static P g(");
  }

  /** An error containing {@code fragment}, on one of the lines holding the {@code candidates}. */
  private static void assertErrorOnOneOf(Compilation c, Source src, String fragment, String... candidates) {
    assertThat(c).failed();
    assertThat(c).hadErrorContaining(fragment);
    Set<Long> lines = new java.util.HashSet<>();
    for (String candidate : candidates) {
      lines.add((long) src.line(candidate));
    }
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      if (d.getMessage(Locale.ROOT).contains(fragment)) {
        assertWithMessage("line of \"%s\"; errors:\n%s", fragment, describe(c))
            .that(d.getLineNumber()).isIn(lines);
      }
    }
  }
}
