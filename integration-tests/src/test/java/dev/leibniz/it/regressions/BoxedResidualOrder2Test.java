package dev.leibniz.it.regressions;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.leibniz.processor.LeibnizProcessor;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Regression: an {@code order = 2} {@code @CustomVjp} whose residual is a boxed {@code Double}
 * ({@code Fwd<Double, Double>}, as order-1 rules use) was rejected ("the differentiated value
 * residuals is passed to non-differentiable parameter x of cubeBwd"), and the error was reported on
 * the first annotated method of the class ({@code sin}, line 10) instead of on {@code cube}.
 */
class BoxedResidualOrder2Test {
  private static final JavaFileObject SOURCE = JavaFileObjects.forSourceLines("p.Cube",
      "package p;",
      "",
      "import dev.leibniz.CustomJvp;",
      "import dev.leibniz.CustomVjp;",
      "import dev.leibniz.runtime.Dual;",
      "import dev.leibniz.runtime.Fwd;",
      "",
      "public final class Cube {",
      "  @CustomJvp(\"sinJvp\")",
      "  public static double sin(double x) {", // line 10
      "    return Math.sin(x);",
      "  }",
      "",
      "  static Dual sinJvp(double x, double t) {",
      "    return new Dual(Math.sin(x), Math.cos(x) * t);",
      "  }",
      "",
      "  @CustomVjp(fwd = \"cubeFwd\", bwd = \"cubeBwd\", order = 2)",
      "  public static double cube(double x) {", // line 19
      "    return x * x * x;",
      "  }",
      "",
      "  static Fwd<Double, Double> cubeFwd(double x) {",
      "    return new Fwd<>(cube(x), x);",
      "  }",
      "",
      "  static double cubeBwd(Double x, double g) {",
      "    double xv = x;",
      "    return 3 * xv * xv * g;",
      "  }",
      "}");

  private static Compilation compile() {
    return Compiler.javac().withProcessors(new LeibnizProcessor()).compile(SOURCE);
  }

  @Test
  void boxedResidualsWorkAtOrderTwo() {
    assertThat(compile()).succeeded();
  }

  @Test
  void errorsAreNotReportedOnAnUnrelatedMethod() {
    for (Diagnostic<? extends JavaFileObject> d : compile().errors()) {
      assertTrue(d.getLineNumber() >= 18, "error reported on line " + d.getLineNumber() + ", before cube: " + d);
    }
  }
}
