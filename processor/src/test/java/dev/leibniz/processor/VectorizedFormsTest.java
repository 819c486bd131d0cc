package dev.leibniz.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.leibniz.processor.Compilations.compile;
import static dev.leibniz.processor.Compilations.generatedSource;
import static dev.leibniz.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import dev.leibniz.processor.Compilations.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code FooVectorized}: Vector API kernels when {@code jdk.incubator.vector} is there at compile
 * time, a note on the method for each batched form that runs the scalar form element by element,
 * scalar loops without the module.
 */
class VectorizedFormsTest {
  private static final List<String> VECTOR = List.of("--add-modules", "jdk.incubator.vector");

  private static final Source FOO = source("test.Foo", """
      package test;
      import dev.leibniz.Differentiable;
      import dev.leibniz.CustomJvp;
      import dev.leibniz.CustomVjp;
      import dev.leibniz.NonDiff;
      import dev.leibniz.runtime.Dual;
      import dev.leibniz.runtime.Fwd;
      class Foo {
        @Differentiable
        static double sinTimes(double x, double y) { return Math.sin(x) * y; }
        @Differentiable
        static double strict(double x) { return StrictMath.exp(x); }
        @Differentiable
        static double halve(double x) { while (x > 1) { x = x / 2; } return x; }
        @Differentiable
        static double calls(double x) { return sinTimes(x, x) * 2; }
        @Differentiable
        static double callsStrict(double x) { return sinTimes(strict(x), x); }
        @Differentiable
        static double fact(double x, @NonDiff int n) { return n <= 1 ? x : x * fact(x, n - 1); }
        @Differentiable
        static double[] notScalar(double x) { return new double[] {x}; }
        @CustomJvp("softplusJvp")
        static double softplus(double x) { return Math.log(1 + Math.exp(x)); }
        static Dual softplusJvp(double x, double xDot) {
          return new Dual(softplus(x), (1 - 1 / (1 + Math.exp(x))) * xDot);
        }
        @CustomVjp(fwd = "stricterFwd", bwd = "stricterBwd")
        static double stricter(double x) { return strict(x); }
        static Fwd<Double, Double> stricterFwd(double x) { return new Fwd<>(strict(x), x); }
        static double stricterBwd(Double x, double cotangent) { return FooDerivatives.strictVjp(x).pullback(cotangent); }
      }
      """);

  @Test
  void kernelsAndNotes() {
    Compilation c = compile(VECTOR, FOO);
    assertThat(c).succeeded();
    String generated = generatedSource(c, "test.FooVectorized");
    assertThat(generated).contains("x.lanewise(VectorOperators.SIN)");
    assertThat(generated).contains("static int sinTimesGrad(double[] xs, double[] ys, double[] xBars,");
    assertThat(generated).doesNotContain("notScalar");
    assertThat(c).hadNoteContaining("leibniz: FooVectorized.strictGrad runs FooDerivatives.strictGrad element by"
        + " element, not on the Vector API: StrictMath.exp (the Vector API has no strict version)")
        .inFile(FOO.file()).onLine(FOO.line("double strict("));
    assertThat(c).hadNoteContaining("leibniz: FooVectorized.halve runs Foo.halve element by element, not on the"
        + " Vector API: a loop whose number of trips depends on the batched values")
        .inFile(FOO.file()).onLine(FOO.line("double halve("));
    // calls inlined: sinTimes's forms are part of the kernels, strict's StrictMath is not printable
    assertThat(generated).contains("static int callsGrad(double[] xs, double[] xBars, int from, int to)");
    assertThat(c).hadNoteContaining("leibniz: FooVectorized.callsStrictGrad runs FooDerivatives.callsStrictGrad"
        + " element by element, not on the Vector API: StrictMath.exp (the Vector API has no strict version), in"
        + " Foo.strict (inlined)")
        .inFile(FOO.file()).onLine(FOO.line("double callsStrict("));
    // the JVP rule calls its method: the method's body inlined, exp(x) computed once for both
    String jvp = generated.substring(generated.indexOf("static int softplusJvp("));
    jvp = jvp.substring(0, jvp.indexOf("return i;"));
    String exp = "lanewise(VectorOperators.EXP)";
    assertThat(jvp.indexOf(exp)).isAtLeast(0);
    assertThat(jvp.lastIndexOf(exp)).isEqualTo(jvp.indexOf(exp));
    assertThat(jvp).contains("lanewise(VectorOperators.LOG)");
    assertThat(c).hadNoteContaining("leibniz: FooVectorized.factGrad runs FooDerivatives.factGrad element by"
        + " element, not on the Vector API: the call of Foo.fact (recursive, or calls nested more than 8 deep)")
        .inFile(FOO.file()).onLine(FOO.line("double fact("));
    // a rule Leibniz cannot inline: the note says what it met there
    assertThat(c).hadNoteContaining("leibniz: FooVectorized.stricterGrad runs FooDerivatives.stricterGrad element by"
        + " element, not on the Vector API: the call of Foo.stricter (its rules, which Leibniz cannot read:"
        + " FooDerivatives.strictVjp cannot be called here")
        .inFile(FOO.file()).onLine(FOO.line("double stricter("));
  }

  @Test
  void withoutTheModuleScalarLoopsAndNoNotes() {
    Compilation c = compile(FOO);
    assertThat(c).succeeded();
    String generated = generatedSource(c, "test.FooVectorized");
    assertThat(generated).doesNotContain("import jdk.incubator.vector");
    assertThat(generated).contains("Batch.compiledScalar(FooVectorized.class);");
    assertThat(c.notes()).isEmpty();
  }
}
