package dev.leibniz.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.leibniz.processor.Compilations.assertError;
import static dev.leibniz.processor.Compilations.call;
import static dev.leibniz.processor.Compilations.errorMessages;
import static dev.leibniz.processor.Compilations.source;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.leibniz.processor.Compilations.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/**
 * Types not generated yet (as AutoValue's missing types): a method whose signature names one
 * waits for the round that generates it, and a type that never comes is one clear error.
 */
class DeferralTest {

  @Test
  void residualOfAnotherClassesGeneratedVjp() {
    Source bar = source("test.Bar", """
        package test;
        import dev.leibniz.Differentiable;
        class Bar {
          @Differentiable
          static double sq(double x) { return x * x * Math.sin(x); }
        }
        """);
    Source foo = source("test.Foo", """
        package test;
        import dev.leibniz.CustomVjp;
        import dev.leibniz.Differentiable;
        import dev.leibniz.runtime.Fwd;
        class Foo {
          @CustomVjp(fwd = "fFwd", bwd = "fBwd")
          static double f(double x) { return Bar.sq(x) + x; }
          static Fwd<Double, BarDerivatives.SqVjp> fFwd(double x) {
            BarDerivatives.SqVjp v = BarDerivatives.sqVjp(x);
            return new Fwd<>(v.value() + x, v);
          }
          static double fBwd(BarDerivatives.SqVjp residuals, double cotangent) {
            return residuals.pullback(cotangent) + cotangent;
          }
          @Differentiable
          static double h(double x) { return 2 * f(x); }
        }
        """);
    // a class calling into the deferred one waits with it
    Source baz = source("test.Baz", """
        package test;
        import dev.leibniz.Differentiable;
        class Baz {
          @Differentiable
          static double k(double x) { return x * Foo.h(x); }
        }
        """);
    Compilation c = Compilations.compile(bar, foo, baz);
    assertThat(c).succeededWithoutWarnings();
    double x = 0.7;
    double dh = 2 * (2 * x * Math.sin(x) + x * x * Math.cos(x) + 1);
    assertEquals(dh, (Double) call(c, "test.FooDerivatives", "hGrad", x), 1e-12);
    double h = 2 * (x * x * Math.sin(x) + x);
    assertEquals(h + x * dh, (Double) call(c, "test.BazDerivatives", "kGrad", x), 1e-12);
  }

  @Test
  void recordGeneratedByAnotherProcessor() {
    Source foo = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        @MakePoint
        class Foo {
          @Differentiable
          static double energy(Point p, double k) { return k * (p.x() * p.x() + 3 * p.y() * p.y()); }
          static double[] gradient(double x, double y, double k) {
            FooDerivatives.EnergyGradient g = FooDerivatives.energyGrad(new Point(x, y), k);
            return new double[] {g.p().x(), g.p().y(), g.k()};
          }
        }
        """);
    Source annotation = source("test.MakePoint", """
        package test;
        @interface MakePoint {}
        """);
    Compilation c = Compiler.javac().withProcessors(new LeibnizProcessor(), new PointProcessor())
        .compile(foo.file(), annotation.file());
    assertThat(c).succeededWithoutWarnings();
    double[] g = (double[]) call(c, "test.Foo", "gradient", 0.5, -2.0, 1.5);
    assertArrayEquals(new double[] {1.5 * 2 * 0.5, 1.5 * 6 * -2.0, 0.25 + 3 * 4}, g, 1e-12);
  }

  @Test
  void typeThatNeverComes() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.Differentiable;
        class Foo {
          @Differentiable
          static double f(double x,
              Missing m) { return x * x; }
        }
        """);
    Compilation c = Compilations.compile(src);
    assertError(c, src, src.line("Missing m)"), "leibniz: parameter m of f uses type Missing, which does not exist",
        "no annotation processor generated it");
    assertThat(errorMessages(c).stream().filter(m -> m.contains("leibniz")).count()).isEqualTo(1L);
  }

  @Test
  void ownDerivativesTypeInOwnRule() {
    Source src = source("test.Foo", """
        package test;
        import dev.leibniz.CustomVjp;
        import dev.leibniz.Differentiable;
        import dev.leibniz.runtime.Fwd;
        class Foo {
          @Differentiable
          static double sq(double x) { return x * x; }
          @CustomVjp(fwd = "fFwd", bwd = "fBwd")
          static double f(double x) { return sq(x); }
          static Fwd<Double, FooDerivatives.SqVjp> fFwd(double x) {
            return new Fwd<>(sq(x), FooDerivatives.sqVjp(x));
          }
          static double fBwd(FooDerivatives.SqVjp residuals, double cotangent) { return residuals.pullback(cotangent); }
        }
        """);
    Compilation c = Compilations.compile(src);
    assertError(c, src, src.line("Fwd<Double, FooDerivatives.SqVjp> fFwd("),
        "leibniz: method fFwd uses type FooDerivatives.SqVjp, which does not exist",
        "FooDerivatives is generated from this class", "move the method whose form it is to another class");
    assertThat(errorMessages(c).stream().filter(m -> m.contains("leibniz")).count()).isEqualTo(1L);
  }

  /** Generates {@code record Point(double x, double y)} in the round that sees {@code @MakePoint}. */
  static final class PointProcessor extends AbstractProcessor {
    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("test.MakePoint");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (annotations.isEmpty()) {
        return false;
      }
      try (Writer w = processingEnv.getFiler().createSourceFile("test.Point").openWriter()) {
        w.write("package test;\nrecord Point(double x, double y) {}\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return true;
    }
  }
}
