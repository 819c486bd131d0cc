package dev.leibniz.it;

import static dev.leibniz.it.Numeric.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Minimal programs, found by this suite (most by {@link RandomProgramTest}), that the processor
 * rejected, crashed on or compiled wrongly. Each test compiles its program at test time, so the
 * rest of the suite still builds; each now guards its fix.
 */
class ProcessorBugsTest {
  /**
   * Spec §4 allows {@code break}; a labeled one was rejected: "not supported in reverse mode: use a
   * flag" (fixed).
   */
  @Test
  void labeledBreak() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.LabeledBreak", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class LabeledBreak {
          @Differentiable
          public static double f(double x) {
            double s = 0;
            outer:
            for (int i = 1; i < 4; i++) {
              for (int j = 1; j < 4; j++) {
                s += x * i * j;
                if (i * j >= 4) {
                  break outer;
                }
              }
            }
            return s;
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.LabeledBreak");
    // s = x (1 + 2 + 3) + x (2 + 4): the loop stops at i = j = 2
    assertClose(12, Checker.of(c, "f").gradient(0.7)[0], 1e-12, "d/dx");
    Checker.of(c, "f").check(new Random(1), 0.7);
  }

  /**
   * A read of an array made just before, with nothing written into it, was emitted as {@code new
   * float[2][1]}, a matrix: javac failed "float[][] cannot be converted to double" (fixed: {@code
   * (new float[2])[1]}).
   */
  @Test
  void readOfAnArrayJustMade() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.ReadOfNew", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class ReadOfNew {
          @Differentiable
          public static float f(float x) {
            float[] v = new float[2];
            return (float) Math.sin(v[1]) * x + x * x;
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.ReadOfNew");
    assertClose(1.4, Checker.of(c, "f").gradient(0.7f)[0], 1e-6, "d/dx = sin(0) + 2x");
    Checker.of(c, "f").check(new Random(1), 0.7f);
  }

  /** The same for a labeled continue (fixed). */
  @Test
  void labeledContinue() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.LabeledContinue", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class LabeledContinue {
          @Differentiable
          public static double f(double x) {
            double s = 0;
            outer:
            for (int i = 0; i < 3; i++) {
              for (int j = 0; j < 3; j++) {
                if (j > i) {
                  continue outer;
                }
                s += x * x;
              }
            }
            return s;
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.LabeledContinue");
    // the inner body runs 1 + 2 + 3 times: s = 6 x^2
    assertClose(12 * 0.7, Checker.of(c, "f").gradient(0.7)[0], 1e-12, "d/dx");
    Checker.of(c, "f").check(new Random(1), 0.7);
  }

  /**
   * A passive call to a generic method: the processor typed {@code Objects.requireNonNull("ab")}
   * as Object and wrote {@code Object t1 = Objects.requireNonNull("ab"); String s = t1;}, which
   * did not compile (fixed).
   */
  @Test
  void passiveGenericCall() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.GenericCall", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;
        import java.util.Objects;

        public final class GenericCall {
          @Differentiable
          public static double f(double x) {
            String s = Objects.requireNonNull("ab");
            return x * s.length();
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.GenericCall");
    assertClose(2, Checker.of(c, "f").gradient(0.7)[0], 1e-12, "d/dx");
  }

  /**
   * Spec §4 allows local arrays; one created inside a loop was rejected: "reverse mode over array
   * a is not supported: an array that carries a derivative must be created once, outside loops"
   * (fixed).
   */
  @Test
  void arrayCreatedInLoop() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.ArrayInLoop", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class ArrayInLoop {
          @Differentiable
          public static double f(double x) {
            double s = 0;
            for (int i = 0; i < 3; i++) {
              double[] a = {x * i, x};
              s += a[0] * a[1];
            }
            return s;
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.ArrayInLoop");
    // s = (0 + 1 + 2) x^2
    assertClose(6 * 0.7, Checker.of(c, "f").gradient(0.7)[0], 1e-12, "d/dx");
    Checker.of(c, "f").check(new Random(1), 0.7);
  }

  /**
   * Spec §5 gives array results a jvp, a vjp and a Jacobian; any method returning a
   * {@code double[]} that depends on its inputs failed with "internal error ... array cotangents
   * are accumulated element by element" (Reverse.add, from ReverseForms.vjp), reported on the
   * class's first annotated method rather than on this one (fixed).
   */
  @Test
  void arrayResult() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.ArrayResult", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class ArrayResult {
          @Differentiable
          public static double[] f(double x) {
            return new double[] {x, x * x};
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.ArrayResult");
    double[][] jacobian = Checker.of(c, "f").jacobian(0.7);
    assertClose(1, jacobian[0][0], 1e-12, "d out0 / dx");
    assertClose(1.4, jacobian[1][0], 1e-12, "d out1 / dx");
    Checker.of(c, "f").check(new Random(1), 0.7);
  }

  /**
   * Spec §4 allows calls to annotated methods, record accessors and {@code ?:}; a call returning a
   * record in a {@code ?:} branch was rejected: "a call returning a record inside a condition or ?:
   * branch is not supported: assign it to a local first" (fixed; the right of {@code &&} is not,
   * see {@link #recordCallRightOfAnd}).
   */
  @Test
  void recordCallInConditionalBranch() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.RecordCall", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class RecordCall {
          public record P(double a, double b) {}

          @Differentiable
          public static P q(double x) {
            return new P(x, x * x);
          }

          @Differentiable
          public static double f(double x) {
            return x > 0 ? q(x).b() : -x;
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.RecordCall");
    assertClose(1.4, Checker.of(c, "f").gradient(0.7)[0], 1e-12, "d/dx x^2");
    assertClose(-1, Checker.of(c, "f").gradient(-0.7)[0], 1e-12, "d/dx -x");
    Checker.of(c, "f").check(new Random(1), 0.7);
  }

  /**
   * Spec §5: jvp takes one tangent per differentiable parameter, "named {@code <param>Dot}". For a
   * per-argument rule ({@code @CustomJvp(perArgument = ...)}) they were named {@code xDot2, yDot2}
   * (fixed).
   */
  @Test
  void jvpTangentsAreNamedAfterTheirParameters() throws ClassNotFoundException {
    TestCompiler.Result r = TestCompiler.compile(Map.of("dev.leibniz.bugs.Names", """
        package dev.leibniz.bugs;

        import dev.leibniz.CustomJvp;
        import dev.leibniz.Differentiable;

        public final class Names {
          @Differentiable
          public static double body(double x, double y) {
            return x * y;
          }

          @CustomJvp(perArgument = {"rx", "ry"})
          public static double rules(double x, double y) {
            return x * y;
          }

          static double rx(double xDot, double out, double x, double y) {
            return y * xDot;
          }

          static double ry(double yDot, double out, double x, double y) {
            return x * yDot;
          }
        }
        """), List.of("-parameters"));
    assertTrue(r.success(), r.diagnostics());
    Class<?> derivatives = r.load("dev.leibniz.bugs.NamesDerivatives");
    for (String method : List.of("bodyJvp", "rulesJvp")) {
      List<String> names = Arrays.stream(Checker.method(derivatives, method).getParameters())
          .map(Parameter::getName).toList();
      assertEquals(List.of("x", "y", "xDot", "yDot"), names, method);
    }
  }

  /**
   * Spec §5: {@code mHessian} is "{@code double[][]} over D flattened", so records and arrays are
   * allowed; {@code order = 2} on a record parameter was rejected: "second-order forms need double
   * or float differentiable parameters" (fixed; arrays are not, see {@link #secondOrderOverAnArray}).
   */
  @Test
  void secondOrderOverARecord() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.RecordHessian", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class RecordHessian {
          public record P(double a, double b) {}

          @Differentiable(order = 2)
          public static double f(P p) {
            return p.a() * p.a() * p.b();
          }
        }
        """));
    Class<?> derivatives = r.load("dev.leibniz.bugs.RecordHessianDerivatives");
    Class<?> p = r.load("dev.leibniz.bugs.RecordHessian$P");
    Object point;
    try {
      point = p.getDeclaredConstructor(double.class, double.class).newInstance(1.5, -2.0);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
    // f = a^2 b: H = [[2b, 2a], [2a, 0]]
    double[][] h = (double[][]) Checker.invoke(Checker.method(derivatives, "fHessian"), null, point);
    assertEquals(-4.0, h[0][0], 1e-12);
    assertEquals(3.0, h[0][1], 1e-12);
    assertEquals(3.0, h[1][0], 1e-12);
    assertEquals(0.0, h[1][1], 1e-12);
  }

  /**
   * An array result after a loop left by {@code break}: the pullback set the result's cotangent
   * array to null and then read it ({@code t2Bar = null; double xBar = t2Bar[0];}), a
   * NullPointerException on every call (fixed).
   */
  @Test
  void arrayResultAfterLoopWithBreak() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.ArrayAfterBreak", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class ArrayAfterBreak {
          @Differentiable
          public static double[] f(double x) {
            for (int i = 0; i < 3; i++) {
              x = x * 2;
              if (x > 5) {
                break;
              }
            }
            return new double[] {x};
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.ArrayAfterBreak");
    // 0.7 doubles three times (1.4, 2.8, 5.6); 3 once (6 > 5)
    assertClose(8, Checker.of(c, "f").pullback(new double[] {1}, 0.7)[0], 1e-12, "d/dx at 0.7");
    assertClose(2, Checker.of(c, "f").pullback(new double[] {1}, 3.0)[0], 1e-12, "d/dx at 3");
    Checker.of(c, "f").check(new Random(1), 0.7);
  }

  /**
   * An array result with two returns: the generated pullback did not compile ("cannot find
   * symbol t4Bar": the cotangent was added into the second return's array before that array was
   * declared, and in its branch the array was set to null and then read) (fixed).
   */
  @Test
  void arrayResultWithTwoReturns() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.ArrayTwoReturns", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class ArrayTwoReturns {
          @Differentiable
          public static double[] f(double x) {
            if (x > 0) {
              return new double[] {x * x};
            }
            return new double[] {x, 2 * x};
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.ArrayTwoReturns");
    assertClose(1.4, Checker.of(c, "f").pullback(new double[] {1}, 0.7)[0], 1e-12, "d/dx x^2");
    assertClose(1 + 2 * 3, Checker.of(c, "f").pullback(new double[] {1, 3}, -0.7)[0], 1e-12, "<(1, 3), (1, 2)>");
    Checker.of(c, "f").check(new Random(1), 0.7);
    Checker.of(c, "f").check(new Random(1), -0.7);
  }

  /**
   * Spec §4 allows lambdas passed to {@code @NonDiff} function parameters. A lambda whose body
   * called an annotated method and did anything else got a generated class that did not
   * compile: for {@code u -> h(u * 2) * u}, {@code double t1 = u * 2.0; double t1 = K.h(t1);}
   * ("variable t1 is already defined"): the call's temporaries were numbered from 1 again (fixed).
   */
  @Test
  void lambdaCallingAnAnnotatedMethod() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.LambdaCall", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;
        import dev.leibniz.NonDiff;
        import java.util.function.DoubleUnaryOperator;

        public final class LambdaCall {
          @Differentiable
          public static double h(double x) {
            return x * x;
          }

          @Differentiable
          public static double apply(@NonDiff DoubleUnaryOperator f, double x) {
            return f.applyAsDouble(x);
          }

          @Differentiable
          public static double g(double x) {
            return apply(u -> h(u * 2) * u, x);
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.LambdaCall");
    // g = (2x)^2 x = 4 x^3
    assertClose(12 * 0.49, Checker.of(c, "g").gradient(0.7)[0], 1e-12, "d/dx 4x^3");
    Checker.of(c, "g").check(new Random(1), 0.7);
  }

  /**
   * A lambda calling a {@code @CustomVjp} method (or a method reference to one, {@code
   * LambdaVjp::cube}). Its generated {@code DifferentiableUnaryOperator} had no {@code jvp}
   * method, so it did not compile; then {@code g} got a {@code gJvp} that threw
   * UnsupportedOperationException, where spec §5 says a method whose derivative needs a custom VJP
   * "has no mJvp" (fixed: the search for custom VJPs looks into lambdas).
   */
  @Test
  void lambdaCallingACustomVjpMethod() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.LambdaVjp", """
        package dev.leibniz.bugs;

        import dev.leibniz.CustomVjp;
        import dev.leibniz.Differentiable;
        import dev.leibniz.NonDiff;
        import dev.leibniz.runtime.Fwd;
        import java.util.function.DoubleUnaryOperator;

        public final class LambdaVjp {
          @CustomVjp(fwd = "cubeFwd", bwd = "cubeBwd")
          public static double cube(double x) {
            return x * x * x;
          }

          static Fwd<Double, Double> cubeFwd(double x) {
            return new Fwd<>(x * x * x, x);
          }

          static double cubeBwd(Double x, double g) {
            return 3 * x * x * g;
          }

          @Differentiable
          public static double apply(@NonDiff DoubleUnaryOperator f, double x) {
            return f.applyAsDouble(x);
          }

          @Differentiable
          public static double g(double x) {
            return apply(u -> cube(u), x);
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.LambdaVjp");
    assertClose(3 * 0.49, Checker.of(c, "g").gradient(0.7)[0], 1e-12, "d/dx x^3");
    assertTrue(!Checker.of(c, "g").hasJvp(), "g needs cube's custom VJP rule, so it should have no gJvp");
    Checker.of(c, "g").check(new Random(1), 0.7);
  }

  /**
   * Spec §5: {@code mHessian} is over "D flattened", and arrays are differentiable (§3). An array
   * parameter was rejected: "second-order forms need differentiable parameters of double, float or
   * records of them (flattened), and z is double[]" (fixed).
   */
  @Test
  void secondOrderOverAnArray() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.ArrayHessian", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class ArrayHessian {
          @Differentiable(order = 2)
          public static double f(double[] z) {
            return z[0] * z[0] * z[1];
          }
        }
        """));
    Class<?> derivatives = r.load("dev.leibniz.bugs.ArrayHessianDerivatives");
    // f = a^2 b: H = [[2b, 2a], [2a, 0]]
    double[][] h = (double[][]) Checker.invoke(Checker.method(derivatives, "fHessian"), null,
        (Object) new double[] {1.5, -2.0});
    assertEquals(-4.0, h[0][0], 1e-12);
    assertEquals(3.0, h[0][1], 1e-12);
    assertEquals(3.0, h[1][0], 1e-12);
    assertEquals(0.0, h[1][1], 1e-12);
  }

  /**
   * The same call on the right of {@code &&} (evaluated only sometimes) was rejected: "a call
   * returning a record inside a condition or ?: branch is not supported: assign it to a local
   * first" (fixed: the right side becomes an {@code if}).
   */
  @Test
  void recordCallRightOfAnd() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.RecordCallAnd", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class RecordCallAnd {
          public record P(double a, double b) {}

          @Differentiable
          public static P q(double x) {
            return new P(x, x * x);
          }

          @Differentiable
          public static double f(double x) {
            if (x > 0 && q(x).b() > 0.25) {
              return x * x;
            }
            return x;
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.RecordCallAnd");
    assertClose(1.4, Checker.of(c, "f").gradient(0.7)[0], 1e-12, "d/dx x^2");
    assertClose(1, Checker.of(c, "f").gradient(0.3)[0], 1e-12, "d/dx x");
    Checker.of(c, "f").check(new Random(1), 0.7);
  }

  /**
   * A copy of a parameter that the loop after it changes: folding {@code double v4 = x0;} into its
   * uses read the changed {@code x0} in the one-input forward gradient (found while making that
   * gradient; fixed before it landed: only variables that never change are folded).
   */
  @Test
  void copyOfAParameterChangedLater() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.CopyThenChange", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class CopyThenChange {
          @Differentiable
          public static double f(double x) {
            double v = x;
            for (int k = 0; k < 2; k++) {
              x /= 2.0 + Math.sin(v);
            }
            return x;
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.CopyThenChange");
    // f = x / (2 + sin x)^2: f' = 1 / s^2 - 2 x cos(x) / s^3
    double x = 0.4;
    double s = 2 + Math.sin(x);
    assertClose(1 / (s * s) - 2 * x * Math.cos(x) / (s * s * s), Checker.of(c, "f").gradient(x)[0], 1e-12,
        "d/dx");
    Checker.of(c, "f").check(new Random(1), x);
  }

  /**
   * A cotangent copied before it is reset, the copy being a parameter's gradient: moving the reset
   * after the copy's last use must keep the copy (found while writing that move; fixed before it
   * landed).
   */
  @Test
  void gradientThatIsACopy() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.GradientCopy", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class GradientCopy {
          @Differentiable
          public static float f(float x0, float x1, float x2) {
            x0 = x1;
            if (x1 * 2 >= x2) {
              x2 = x0;
            } else {
              x0 %= 1.75f;
            }
            return (float) Math.acos(0.5f * (float) Math.cos(-x0));
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.GradientCopy");
    Checker.of(c, "f").check(new Random(1), 0.3f, 0.6f, 0.9f);
    Checker.of(c, "f").check(new Random(2), 0.3f, 0.2f, 0.9f);
  }

  /**
   * A lambda capturing a local computed by a call of an annotated method: the generated lambda
   * class read a temporary it was never given (found by random programs; fixed by inlining local
   * lambdas where they are applied).
   */
  @Test
  void lambdaCapturingACallResult() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.CapturedCall", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;
        import java.util.function.DoubleUnaryOperator;

        public final class CapturedCall {
          @Differentiable
          public static double sq(double x) {
            return x * x;
          }

          @Differentiable
          public static double f(double x) {
            double c = sq(x);
            DoubleUnaryOperator h = u -> u * c;
            return h.applyAsDouble(x);
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.CapturedCall");
    // f = x^3
    assertClose(6.75, Checker.of(c, "f").gradient(1.5)[0], 1e-12, "3 x^2");
    Checker.of(c, "f").check(new Random(1), 1.5);
  }

  /**
   * {@code x[0] *= bump(x)} where bump writes x[0]: Java reads x[0] before the call; the forms read
   * it after, so they computed 8 where the plain call gives 6 (found by random programs).
   */
  @Test
  void compoundArrayWriteReadsTheElementFirst() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.Bump", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class Bump {
          @Differentiable
          public static double bump(double[] x) {
            x[0] = x[0] + 1;
            return 2;
          }

          @Differentiable
          public static double f(double[] x) {
            x[0] *= bump(x);
            return x[0];
          }

          @Differentiable
          public static double g(double[] x) {
            return x[0] * bump(x) + x[0];
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.Bump");
    // g reads x[0] before bump(x) writes it: 2 x + (x + 1), derivative 3
    assertClose(3, Checker.of(c, "g").gradient((Object) new double[] {3})[0], 0, "d/dx");
    Checker.of(c, "g").check(new Random(1), (Object) new double[] {3});
    double[] x = {3};
    assertEquals(2, ((double[]) Checker.invokeOnOriginals(Checker.method(Checker.derivativesOf(c), "fGrad"), null, x))[0]);
    assertEquals(6, x[0], "x after fGrad, as after f");
    Checker.of(c, "f").check(new Random(1), (Object) new double[] {3});
  }

  /**
   * The Hessian of a method writing into its array parameter: each pass wrote into the same array,
   * so later passes started from changed contents (found by random programs).
   */
  @Test
  void hessianOfAMethodWritingItsArray() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.WritingHessian", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class WritingHessian {
          @Differentiable(order = 2)
          public static double h(double[] x) {
            x[0] = x[0] * x[1];
            return x[0] * x[0];
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.WritingHessian");
    double[] x = {2, 3};
    // h = x0^2 x1^2 in terms of x on entry
    double[][] hessian = (double[][]) Checker.invokeOnOriginals(Checker.method(Checker.derivativesOf(c), "hHessian"), null, x);
    assertEquals(List.of(List.of(18.0, 24.0), List.of(24.0, 8.0)),
        Arrays.stream(hessian).map(row -> Arrays.stream(row).boxed().toList()).toList());
    assertEquals(List.of(6.0, 3.0), Arrays.stream(x).boxed().toList(), "x after hHessian, as after h");
    double[] v = {1, 0};
    double[] hv = (double[]) Checker.invokeOnOriginals(Checker.method(Checker.derivativesOf(c), "hHvp"), null,
        new double[] {2, 3}, v);
    assertEquals(List.of(18.0, 24.0), Arrays.stream(hv).boxed().toList(), "H e0");
    assertEquals(List.of(1.0, 0.0), Arrays.stream(v).boxed().toList(), "the direction unchanged");
  }

  /**
   * A continue in a loop whose update is not an expression list (a call, in forward mode): the
   * update was printed at the end of the body, which the continue skipped, and the loop never
   * ended (found by random programs).
   */
  @Test
  void continueBeforeAnUpdateWithACall() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.ContinueUpdate", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class ContinueUpdate {
          @Differentiable
          public static double sq(double x) {
            return x * x;
          }

          @Differentiable
          public static double f(double x) {
            double t = 1;
            for (int i = 0; i < 4; i++, t *= Math.tanh(x - sq(t))) {
              if (i % 2 == 0) {
                continue;
              }
              t += x;
            }
            return t;
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.ContinueUpdate");
    Checker.of(c, "f").check(new Random(1), 0.7);
  }

  /**
   * A callee writing into a fresh array it is given, in a loop: the pullback updates the array's
   * cotangent in place, which the structural-zero analysis took for never set, dropping what
   * flows back into the array's elements (found by random programs).
   */
  @Test
  void writingCalleeOnAFreshArrayInALoop() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.FreshArray", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class FreshArray {
          @Differentiable
          public static double scaleFirst(double s, double[] a) {
            a[0] *= Math.atan(a[0] * s);
            return a[0] * a[0];
          }

          @Differentiable
          public static double f(double x) {
            for (int k = 0; k < 2; k++) {
              x -= 0.1 * scaleFirst(1.5 / (2 + Math.cos(x)), new double[] {x * x});
            }
            return x;
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.FreshArray");
    Checker.of(c, "f").check(new Random(1), 0.4);
    Checker.of(c, "f").check(new Random(2), -0.8);
  }

  /**
   * A call of a method returning an array and writing into an array argument, its result unused:
   * the pullback was given a null cotangent for the array result (found by random programs).
   */
  @Test
  void unusedArrayResultOfAWritingCallee() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.UnusedResult", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class UnusedResult {
          @Differentiable
          public static double[] fill(double x, double[] out) {
            out[0] = Math.sin(x);
            return new double[] {x, 2 * x};
          }

          @Differentiable
          public static double f(double x) {
            double[] out = new double[1];
            fill(x, out);
            return out[0] * x;
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.UnusedResult");
    double x = 0.6;
    assertClose(Math.cos(x) * x + Math.sin(x), Checker.of(c, "f").gradient(x)[0], 1e-12, "d/dx sin(x) x");
    Checker.of(c, "f").check(new Random(1), x);
  }

  /**
   * A loop or branch whose only differentiated statements are calls writing into an array was
   * taken for inactive: its reverse was empty (found by random programs).
   */
  @Test
  void writingCallsAloneInALoopAndABranch() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.WritingLoop", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class WritingLoop {
          @Differentiable
          public static double halfSquare(double[] x) {
            x[0] = x[0] * x[0] * 0.5;
            return 0;
          }

          @Differentiable
          public static double f(double[] x, int n) {
            for (int k = 0; k < 2; k++) {
              halfSquare(x);
            }
            if (n > 0) {
              halfSquare(x);
            }
            return x[0];
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.WritingLoop");
    // two halvings of the square: x^4 / 8, derivative x^3 / 2; a third: x^8 / 128, derivative x^7 / 16
    assertClose(13.5, Checker.of(c, "f").gradient(new double[] {3}, 0)[0], 1e-12, "x^3 / 2");
    assertClose(Math.pow(1.5, 7) / 16, Checker.of(c, "f").gradient(new double[] {1.5}, 1)[0], 1e-12, "x^7 / 16");
    Checker.of(c, "f").check(new Random(1), new double[] {0.7}, 1);
  }

  /**
   * A method returning one of two array parameters and writing into one: the caller took both
   * for written (they shared a result variable), the callee only one, and the generated call of
   * its pullback did not compile (found by random programs).
   */
  @Test
  void returnsOneOfTwoArraysAndWritesOne() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.PickArray", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class PickArray {
          @Differentiable
          public static double[] pick(double[] a, double x, double[] b) {
            a[0] *= Math.tanh(x);
            if (x > 0) {
              return a;
            }
            return b;
          }

          @Differentiable
          public static double f(double[] a, double x, double[] b) {
            return pick(a, x, b)[0] + a[0] * b[0];
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.PickArray");
    Checker.of(c, "f").check(new Random(1), new double[] {0.7, 0.2}, 0.4, new double[] {1.5, -0.3});
    Checker.of(c, "f").check(new Random(2), new double[] {0.7, 0.2}, -0.4, new double[] {1.5, -0.3});
  }

  /**
   * Second order through a callee writing into an array: its forward form writes the tangent
   * arrays in place too, which the activity of the second pass did not know, so the argument
   * computed after the write had zero second-level tangents (found by random programs).
   */
  @Test
  void secondOrderThroughAWritingCallee() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.WritingOrder2", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class WritingOrder2 {
          @Differentiable(order = 2)
          public static double c(double[] a, double s) {
            a[0] *= Math.tanh(s);
            return 0;
          }

          @Differentiable(order = 2)
          public static double f(double[] a) {
            a[0] *= a[0];
            c(a, a[0] + a[0]);
            return Math.cos(a[0]) + a[0];
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.WritingOrder2");
    Class<?> d = Checker.derivativesOf(c);
    double x = -0.8;
    double step = 1e-5;
    double[][] hessian = (double[][]) Checker.invoke(Checker.method(d, "fHessian"), null, (Object) new double[] {x});
    double up = ((double[]) Checker.invoke(Checker.method(d, "fGrad"), null, (Object) new double[] {x + step}))[0];
    double down = ((double[]) Checker.invoke(Checker.method(d, "fGrad"), null, (Object) new double[] {x - step}))[0];
    assertClose((up - down) / (2 * step), hessian[0][0], 1e-6, "d2f/dx2 against the gradient's differences");
    Checker.of(c, "f").check(new Random(1), (Object) new double[] {x});
  }

  /**
   * A writing callee whose value's cotangent is set on one path only, in a method whose array is
   * reassigned on that path: the callee's gradient was guarded by the value cotangent's flag alone,
   * dropping what the pullback gave through the written array's cotangent, which is always set
   * (found by random programs; half of d/dx0 was lost).
   */
  @Test
  void writingCalleeGradientIsSetByItsArrayCotangent() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.WrittenSeedSet", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class WrittenSeedSet {
          @Differentiable
          public static double w(double[] x, double s) {
            x[2] = x[2] * s;
            return s;
          }

          @Differentiable
          public static double f(double[] x) {
            x[2] = x[0];
            double v = w(x, x[2]);
            if (v > 100) {
              x = new double[] {v};
            }
            return x[2];
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.WrittenSeedSet");
    // f = x0 * x0 (when x0 <= 100): d/dx0 = 2 x0
    double[] x = {-0.55, 1.6, -1.2};
    assertClose(2 * x[0], Checker.of(c, "f").gradient((Object) x.clone())[0], 1e-15, "d/dx0");
    Checker.of(c, "f").check(new Random(1), (Object) x);
  }

  /**
   * An enhanced {@code for} over an array variable the body assigns again read the variable on
   * every iteration; Java iterates over the array it found on entry (found by the reverse-mode
   * work on reassigned arrays: mJvp's value was 1301 instead of 14, the gradient (2, 0, 0)).
   */
  @Test
  void enhancedForIteratesTheArrayFoundOnEntry() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.ForEachReassigned", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class ForEachReassigned {
          @Differentiable
          public static double f(double[] a, double[] b) {
            double s = 0;
            for (double e : a) {
              s += e * e;
              a = b;
            }
            return s;
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.ForEachReassigned");
    double[] a = {1, 2, 3};
    double[] b = {10, 20, 30};
    assertEquals(14, (double) Checker.invoke(Checker.method(c, "f"), null, a, b), 0, "the plain call");
    double[] gradient = Checker.of(c, "f").gradient(a, b);
    assertEquals(Arrays.toString(new double[] {2, 4, 6, 0, 0, 0}), Arrays.toString(gradient), "d/da, d/db");
    Checker.of(c, "f").check(new Random(1), a, b);
  }

  /**
   * A cotangent set in a loop only when the value was used (the result is a constant otherwise)
   * times a primal value restored from the tape read as set, because the restored value was taken
   * for a cotangent: {@code 0 * inf} gave a NaN gradient where forward mode and JAX give 0 (found
   * by random programs, in float; here x overflows to infinity in double).
   */
  @Test
  void restoredPrimalValuesAreNotCotangents() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.RestoredPrimal", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class RestoredPrimal {
          @Differentiable
          public static double g(double x, double y) {
            for (int i = 0; i < 3; i++) {
              x += (x + 2) * Math.pow(Math.exp(Math.sin(i)), x);
            }
            if (x < 0) {
              return Math.sin(x) * y;
            }
            return y;
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.RestoredPrimal");
    // x overflows to infinity, so g = y: the gradient is (0, 1)
    assertEquals("[0.0, 1.0]", Arrays.toString(Checker.of(c, "g").gradient(400.0, 1.0)));
    Checker.of(c, "g").check(new Random(1), 0.3, 1.5);
  }

  /**
   * A {@code return;} ending a nested block of a void method was dropped from {@code mJvp} (the
   * "last return goes without saying" of the method's body applied to every block), so the writes
   * after it ran too (found by random programs, VOID_CALLEE).
   */
  @Test
  void voidMethodReturnInANestedBlock() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.VoidReturn", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class VoidReturn {
          @Differentiable
          public static void f(double[] x, double y) {
            if (y > 0) {
              return;
            }
            x[0] *= y;
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.VoidReturn");
    double[] x = {3};
    double[] xDot = {1};
    Checker.invokeOnOriginals(Checker.method(Checker.derivativesOf(c), "fJvp"), null, x, 2.0, xDot, 1.0);
    // y > 0: x is left as it is, and so is its tangent
    assertEquals(3, x[0], "x after fJvp");
    assertEquals(1, xDot[0], "xDot after fJvp");
    Checker.of(c, "f").check(new Random(1), new double[] {3}, 2.0);
    Checker.of(c, "f").check(new Random(1), new double[] {3}, -2.0);
  }

  /**
   * The reverse mode of a caller lost what a void callee's pullback added, in place, to the
   * cotangent of its first written array when that cotangent was not set yet: the sweep took the
   * pullback's first argument for a value cotangent, which void methods have none of (found by
   * random programs, VOID_CALLEE).
   */
  @Test
  void voidCalleeFirstArrayCotangent() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.VoidFirstArray", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class VoidFirstArray {
          @Differentiable
          public static void w(double[] a, double[] b) {
            a[0] *= 2;
            b[0] *= a[0];
          }

          @Differentiable
          public static double g(double[] x, double[] y) {
            double[] t = {x[0]};
            w(t, y);
            return y[0];
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.VoidFirstArray");
    // g = 2 x0 y0: the gradient (2 y0, 2 x0)
    assertEquals("[4.0, 6.0]", Arrays.toString(Checker.of(c, "g").gradient(new double[] {3}, new double[] {2})));
    Checker.of(c, "g").check(new Random(1), new double[] {3}, new double[] {2});
  }

  /**
   * A void method too large for one JIT-compiled method (its forms run in a frame class) was an
   * internal error: the frame returned the void method's result (found by random programs).
   */
  @Test
  void largeVoidMethodRunsInAFrame() {
    String step = "    x[0] = Math.sin(x[0] + y) * Math.cos(y * x[0]);\n";
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.LargeVoid", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class LargeVoid {
          @Differentiable
          public static void f(double[] x, double y) {
            if (y > 1) {
              return;
            }
        """ + step.repeat(150) + """
          }

          @Differentiable
          public static double g(double[] x, double y) {
            double[] t = x.clone();
            f(t, y);
            return t[0] * y + t[0];
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.LargeVoid");
    Checker.of(c, "f").check(new Random(1), new double[] {0.3}, 0.5);
    Checker.of(c, "f").check(new Random(1), new double[] {0.3}, 1.5);
    Checker.of(c, "g").check(new Random(2), new double[] {-0.2}, 0.4);
  }

  /**
   * A local constant a lambda captures, in the gradient by forward mode of a method of one input:
   * the constant was substituted into the code and its declaration dropped, but the lambda's class
   * still took it by name, so the generated source did not compile (found by an adversarial helper).
   */
  @Test
  void constantCapturedByALambdaInTheForwardGradient() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.CapturedConstant", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;
        import dev.leibniz.NonDiff;
        import java.util.function.DoubleUnaryOperator;

        public final class CapturedConstant {
          @Differentiable
          public static double plusOne(double x, @NonDiff DoubleUnaryOperator f) {
            return f.applyAsDouble(x) + 1;
          }

          @Differentiable
          public static double twice(double x) {
            int k = 2;
            return plusOne(x, t -> t * k);
          }

          @Differentiable
          public static double cubic(double x) {
            double c = 3;
            return plusOne(x, t -> t * c) * x;
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.CapturedConstant");
    assertEquals(2, Checker.of(c, "twice").gradient(0.7)[0], 1e-15);
    assertEquals(6 * 0.7 + 1, Checker.of(c, "cubic").gradient(0.7)[0], 1e-14); // (3x + 1) x
    Checker.of(c, "cubic").check(new Random(4), 0.7);
  }

  /**
   * A method writing into an array, just small enough for one JIT-compiled method, whose pullback
   * and VJP constructor took more than the JVM's 255 parameter slots of residuals: the generated
   * source did not compile (found by the random generator's helper before this day's other changes
   * kept fewer residuals here). Residuals beyond 200 slots now go to a frame.
   */
  @Test
  void residualsBeyondTheParameterSlots() {
    StringBuilder steps = new StringBuilder();
    for (int k = 0; k < 14; k++) {
      steps.append("    z = Math.sin(z) * Math.cos(z + ").append(k).append(".0) + Math.tanh(z * z) - Math.atan(z) * 0.5"
          + " + Math.exp(Math.sin(z)) * 0.25;\n");
    }
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.ManyResiduals", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class ManyResiduals {
          @Differentiable
          public static double f(double[] a, double x) {
            a[0] = x;
            double z = x * a[0];
        """ + steps + """
            return z;
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.ManyResiduals");
    Checker.of(c, "f").check(new Random(7), new double[] {0.5}, 0.7);
    FormChecks.assertSameWrites(c, "f", new double[] {0.5}, 0.7);
  }

  /**
   * A method too large for one JIT-compiled method writing into its matrix parameter: its VJP
   * object copied the matrix, rows and all, before the forward sweep, so {@code mVjp} wrote into
   * the copy and not the caller's matrix (found by random programs). The copy is now made after it.
   */
  @Test
  void largeMethodWritingItsMatrix() {
    String step = "    y = Math.sin(y + m[1 % m.length][0]) * Math.cos(y * m[0][1 % m[0].length]);\n";
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.LargeMatrixWriter", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class LargeMatrixWriter {
          @Differentiable
          public static double f(double x, double[][] m) {
            m[0][1 % m[0].length] = x;
            double y = x;
        """ + step.repeat(150) + """
            return y;
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.LargeMatrixWriter");
    Checker.of(c, "f").check(new Random(1), 0.3, new double[][] {{0.5, -0.2}, {0.7}});
    FormChecks.assertSameWrites(c, "f", 0.3, new double[][] {{0.5, -0.2}, {0.7}});
  }

  /**
   * A switch expression yielding from inside an {@code if}, in a {@code for} header's update: the
   * update was not structured, so its {@code break} out of the switch skipped the forward sweep's
   * pushes of branch decisions and the pullback read past the tape's start (found by random
   * programs, SWITCH).
   */
  @Test
  void yieldInAForUpdate() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.YieldInUpdate", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class YieldInUpdate {
          @Differentiable
          public static double f(double x0, double x1, int n) {
            double w1 = x0;
            for (int i = 0; i < n; w1 = switch (i % 3) {
              case 0, 2 -> w1;
              default -> {
                if (i > x1) {
                  yield x1;
                }
                double y = n;
                yield y;
              }
            }) {
              i++;
            }
            return w1;
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.YieldInUpdate");
    // n = 2: i = 1 yields x1 (1 > 0.635), i = 2 keeps it: f = x1
    assertEquals("[0.0, 1.0]", Arrays.toString(Checker.of(c, "f").gradient(-1.85, 0.635, 2)));
    Checker.of(c, "f").check(new Random(1), -1.85, 0.635, 2);
    Checker.of(c, "f").check(new Random(1), 0.4, 3.5, 4);
  }

  /**
   * A new array's elements read before a later operand assigns the variable ({@code f(new double[]
   * {x}, x--, x)}) were read after it: array operands were never copied, as references, but a new
   * array's elements are read where it is made (found by random programs, ASSIGN_IN_EXPR; the
   * value of every form differed from the plain call's).
   */
  @Test
  void newArrayElementsReadBeforeALaterAssignment() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.NewArrayOrder", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class NewArrayOrder {
          @Differentiable
          public static double g(double[] a, double b, double c) {
            return a[0] + b * 2 + c * 3;
          }

          @Differentiable
          public static double f(double x) {
            x += g(new double[] {x}, (x--), x);
            return x;
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.NewArrayOrder");
    // f = x + (x + 2 x + 3 (x - 1)) = 7 x - 3
    assertEquals(4.0, (double) Checker.invoke(Checker.method(c, "f"), null, 1.0), 0, "the plain call");
    assertClose(7, Checker.of(c, "f").gradient(1.0)[0], 1e-15, "df/dx");
    Checker.of(c, "f").check(new Random(1), 1.0);
  }

  /**
   * {@code new double[n][m]} in an {@code order = 2} method: its zero tangent, {@code Shapes.zeros(m)} in the
   * JVP, was taken at second order for a call without derivative ("call to Shapes.zeros(double[][]) is not
   * differentiable", found by random programs, MATRIX; fixed: a zero matrix shaped like its argument gives none
   * of its values).
   */
  @Test
  void newMatrixInASecondOrderMethod() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.MatrixOrder2", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class MatrixOrder2 {
          @Differentiable(order = 2)
          public static double f(double x) {
            double[][] m = new double[2][2];
            m[1][0] = x * x;
            return m[1][0] * x;
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.MatrixOrder2");
    // f = x^3: f' = 3 x^2, f'' = 6 x
    assertClose(3 * 0.49, Checker.of(c, "f").gradient(0.7)[0], 1e-15, "df/dx");
    assertClose(4.2, (double) Checker.invoke(Checker.method(Checker.derivativesOf(c), "fHessian"), null, 0.7), 1e-15,
        "d2f/dx2");
    Checker.of(c, "f").check(new Random(1), 0.7);
  }

  /**
   * {@code mJacobian} by columns of a method writing into a matrix parameter kept the caller's matrix
   * on entry as {@code a.clone()}, sharing its rows: the method's writes reached the copy and the caller's
   * matrix again in every column's jvp (a Jacobian at the written values, the caller's element written three
   * times; found by random programs, MATRIX; fixed: rows copied too).
   */
  @Test
  void jacobianOfAMethodWritingIntoAMatrix() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.MatrixJacobian", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class MatrixJacobian {
          @Differentiable
          public static double[] f(double[][] a) {
            double s = a[0][0];
            a[0][0] = 2 * s;
            return new double[] {s, s * s, a[0][0] + a[1][0]};
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.MatrixJacobian");
    double[][] a = {{1}, {3}};
    Object jacobian = Checker.invokeOnOriginals(Checker.method(Checker.derivativesOf(c), "fJacobian"), null,
        (Object) a);
    // three results by two inputs (by columns): d/da00 = (1, 2 s, 2), d/da10 = (0, 0, 1) at s = 1
    assertEquals("[[1.0, 0.0], [2.0, 0.0], [2.0, 1.0]]", Arrays.deepToString((double[][]) jacobian));
    assertEquals("[[2.0], [3.0]]", Arrays.deepToString(a), "written once, as the plain call writes");
    Checker.of(c, "f").check(new Random(1), (Object) new double[][] {{0.3, 1.2}, {-0.5}});
  }

  /**
   * A method writing into a matrix parameter through its rows ({@code a[0][0] = ...} is a write into the row
   * {@code a[0]}) was taken for pure: its mJvp dropped a call whose value was unused (the caller's matrix not
   * written, its tangent lost), and moved a read of the tangent matrix after a call writing it ({@code a[0][0]
   * * x + w(a, x)}: the tangent read after w). Found by random programs, MATRIX with ARRAY_WRITING_CALLEE
   * (forward and reverse mode disagreed); fixed: a method writing into any parameter is not pure.
   */
  @Test
  void methodWritingIntoAMatrixIsNotPure() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.MatrixWriter", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class MatrixWriter {
          @Differentiable
          public static double w(double[][] a, double x) {
            a[0][0] = a[0][0] * x;
            return x;
          }

          @Differentiable
          public static double f(double x, double[][] a) {
            return a[0][0] * x + w(a, x);
          }

          @Differentiable
          public static double g(double x, double[][] a) {
            w(a, x);
            return a[0][0];
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.MatrixWriter");
    Class<?> d = Checker.derivativesOf(c);
    // f = a x + x: df/dx = a + 1 = 4, df/da = x = 0.5
    Object fx = Checker.invokeOnOriginals(Checker.method(d, "fJvp"), null, 0.5, new double[][] {{3}}, 1.0,
        new double[][] {{0}});
    assertEquals("Dual[value=2.0, tangent=4.0]", fx.toString());
    Object fa = Checker.invokeOnOriginals(Checker.method(d, "fJvp"), null, 0.5, new double[][] {{3}}, 0.0,
        new double[][] {{1}});
    assertEquals("Dual[value=2.0, tangent=0.5]", fa.toString());
    // g = a x, and a holds a x after the call: dg/dx = a = 3
    double[][] a = {{3}};
    Object gx = Checker.invokeOnOriginals(Checker.method(d, "gJvp"), null, 0.5, a, 1.0, new double[][] {{0}});
    assertEquals("Dual[value=1.5, tangent=3.0]", gx.toString());
    assertEquals("[[1.5]]", Arrays.deepToString(a), "mJvp writes what the plain call writes");
    Checker.of(c, "f").check(new Random(1), 0.5, new double[][] {{3, -1}});
    Checker.of(c, "g").check(new Random(1), 0.5, new double[][] {{3}, {2}});
  }

  /**
   * {@code mHessian} of an {@code order = 2} method writing into a matrix parameter ran each pass on
   * {@code a.clone()}, sharing the rows: every pass wrote into the caller's matrix and saw the passes
   * before it (the same shallow copy as {@link #jacobianOfAMethodWritingIntoAMatrix}; fixed with it).
   */
  @Test
  void hessianOfAMethodWritingIntoAMatrix() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.MatrixHessian", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class MatrixHessian {
          @Differentiable(order = 2)
          public static double f(double[][] a) {
            double s = a[0][0];
            a[0][0] = s * s;
            return s * s * s + a[0][0] * a[1][0];
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.MatrixHessian");
    double[][] a = {{1.5}, {2}};
    Object hessian = Checker.invokeOnOriginals(Checker.method(Checker.derivativesOf(c), "fHessian"), null,
        (Object) a);
    // f = s^3 + s^2 b: H = [[6 s + 2 b, 2 s], [2 s, 0]] at s = 1.5, b = 2
    assertEquals("[[13.0, 3.0], [3.0, 0.0]]", Arrays.deepToString((double[][]) hessian));
    assertEquals("[[2.25], [2.0]]", Arrays.deepToString(a), "written once, as the plain call writes");
  }

  /**
   * A call in a loop condition of a method writing into an array: mJvp called the primal method
   * there, so the array's tangent missed the write (found by the random programs, MATRIX kind).
   */
  @Test
  void callWritingAnArrayInALoopCondition() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.WriterInCondition", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class WriterInCondition {
          @Differentiable
          public static double w(double a, double[][] m) {
            m[1][0] *= 2.0 - a;
            return a * 0.5;
          }

          @Differentiable
          public static double f(double[][] m, double x) {
            int k = 0;
            while (k < 2 && x > w(x, m)) {
              k++;
            }
            return x * m[1][0];
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.WriterInCondition");
    double[][] m = {{0.3, 0.4}, {1.5, 0.7}};
    double[][] mDot = {{0, 0}, {1, 0}};
    Object jvp = Checker.invokeOnOriginals(Checker.method(Checker.derivativesOf(c), "fJvp"), null, m, 0.5, mDot, 0.0);
    // two trips: m10 becomes 1.5^2 m10, its tangent 2.25; f = x m10 = 0.5 * 3.375, its tangent 0.5 * 2.25
    assertEquals(2.25, mDot[1][0]);
    assertEquals(3.375, m[1][0]);
    assertEquals("Dual[value=1.6875, tangent=1.125]", jvp.toString());
    Checker.of(c, "f").checkAll(new Object[] {new double[][] {{0.3, 0.4}, {1.5, 0.7}}, 0.5});
  }

  /**
   * A callee that swaps its array variables gave its caller a NaN partial where forward mode and JAX
   * give a finite one: the callee's backward sweep made the cotangent of {@code b}'s array, which
   * nothing read, a zero array, so {@code 0 * d sqrt(x - 1)} at {@code x - 1 < 0} was NaN (the
   * README's known bug; ArrayZerosTest has the rest of its kind). A caller's array the callee
   * overwrites came back with a zero cotangent, not a structural one, too.
   */
  @Test
  void calleeSwappingArrays() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.SwappingCallee", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class SwappingCallee {
          @Differentiable
          public static void w(double[] a, double[] b, double x) {
            a[0] *= 2;
            b[0] = Math.sqrt(x);
            double[] t = b;
            b = a;
            a = t;
          }

          @Differentiable
          public static double f(double[] a, double x) {
            w(a, new double[] {x}, x - 1);
            return a[0] * x;
          }

          @Differentiable
          public static double g(double[] a, double x) {
            double[] t = {Math.sqrt(x - 1)};
            w(a, t, x);
            return a[0] * x;
          }
        }
        """));
    Class<?> c = r.load("dev.leibniz.bugs.SwappingCallee");
    // a[0] is 6 after the call: f = 2 a0 x, its gradient (2x, 2 a0) = (1, 6) at a = {3}, x = 0.5; g
    // the same, the NaN partial in the caller's array, which the callee overwrites
    for (String method : List.of("f", "g")) {
      Checker m = Checker.of(c, method);
      assertEquals("[1.0, 6.0]", Arrays.toString(m.gradient(new double[] {3}, 0.5)), method);
      assertEquals(1.0, m.jvpTangent(new double[] {1, 0}, new double[] {3}, 0.5)[0], method + ": mJvp along a0");
      assertEquals(6.0, m.jvpTangent(new double[] {0, 1}, new double[] {3}, 0.5)[0], method + ": mJvp along x");
      m.check(new Random(1), new double[] {3}, 0.5);
    }
  }

  /**
   * Random programs: a local that is a plain copy of a parameter, named in a throw's message, was
   * replaced in the condition but not in the message, so the generated code named a variable it no
   * longer declared ("cannot find symbol v1").
   */
  @Test
  void copyNamedInAThrowMessage() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.GuardedCopy", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class GuardedCopy {
          @Differentiable
          public static double f(double x0) {
            double v1 = x0;
            if (v1 > 1.0E30) {
              throw new IllegalStateException("overflow: " + v1);
            }
            return x0 * x0;
          }
        }
        """), List.of("-Xlint:all", "-Werror"));
    Checker m = Checker.of(r.load("dev.leibniz.bugs.GuardedCopy"), "f");
    assertEquals(3.0, m.gradient(1.5)[0], "d x^2 / dx at 1.5");
    m.check(new Random(2), 1.5);
  }

  /**
   * Random programs: an element of a {@code List<Double>} in a {@code double} local, narrowed to
   * {@code float}: the generated code cast the {@code Double} to {@code float}, which javac refuses.
   */
  @Test
  void listElementNarrowedToFloat() {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.ListToFloat", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class ListToFloat {
          @Differentiable
          public static double f(double x0) {
            java.util.List<Double> w0 = new java.util.ArrayList<>();
            w0.add(1.5);
            double v1 = w0.get(0);
            double v2 = (double) (float) v1;
            return v2 * x0;
          }
        }
        """), List.of("-Xlint:all", "-Werror"));
    Checker m = Checker.of(r.load("dev.leibniz.bugs.ListToFloat"), "f");
    assertEquals(1.5, m.gradient(2.0)[0], "1.5 x0: d/dx0 = 1.5 (exact in float)");
    m.check(new Random(3), 2.0);
  }

  /**
   * A record result's component without derivative (an {@code int} tag) is the primal's in the
   * tangent record, as forms.md says and gradient records do (mJvp gave 0).
   */
  @Test
  void tangentRecordKeepsComponentsWithoutDerivative() throws ReflectiveOperationException {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.Tagged", """
        package dev.leibniz.bugs;

        import dev.leibniz.Differentiable;

        public final class Tagged {
          public record Out(double s, int tag) {}

          @Differentiable
          public static Out f(double x) {
            return new Out(x * x, 7);
          }
        }
        """));
    Class<?> derivatives = Checker.derivativesOf(r.load("dev.leibniz.bugs.Tagged"));
    Object jvp = derivatives.getMethod("fJvp", double.class, double.class).invoke(null, 3.0, 1.0);
    Object tangent = jvp.getClass().getMethod("tangent").invoke(jvp);
    assertEquals("Out[s=6.0, tag=7]", tangent.toString());
  }
}
