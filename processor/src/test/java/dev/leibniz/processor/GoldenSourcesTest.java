package dev.leibniz.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.leibniz.processor.Compilations.call;
import static dev.leibniz.processor.Compilations.generatedSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.leibniz.runtime.Dual;
import dev.leibniz.runtime.Jvp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated {@code FooDerivatives} of a few representative methods, compared with the golden
 * files {@code src/test/resources/golden/FooDerivatives.golden.java} (see the README there). Also: the generated code
 * compiles without a warning under {@code -Xlint:all -Werror}, computes the right numbers, and
 * is the same however often and in whatever order it is generated.
 */
class GoldenSourcesTest {
  private static final List<String> NAMES = List.of("StraightLine", "LoopWithTape", "FloatMath", "CustomJvpRule",
      "CustomVjpRule", "RecordParameter");
  private static final List<String> STRICT = List.of("-Xlint:all", "-Werror");
  /** Set to regenerate the golden files (the test then fails, so that it is never left on). */
  private static final boolean UPDATE = Boolean.getBoolean("leibniz.golden.update");

  private static JavaFileObject input(String name) {
    return JavaFileObjects.forResource("golden/" + name + ".java");
  }

  private static Compilation compile(List<String> names) {
    List<JavaFileObject> files = new ArrayList<>();
    for (String n : names) {
      files.add(input(n));
    }
    return Compiler.javac().withProcessors(new LeibnizProcessor()).withOptions(STRICT).compile(files);
  }

  private static String resource(String path) {
    try (InputStream in = GoldenSourcesTest.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        return null;
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"StraightLine", "LoopWithTape", "FloatMath", "CustomJvpRule", "CustomVjpRule",
      "RecordParameter"})
  void generatedSourceMatchesGolden(String name) throws IOException {
    Compilation c = compile(List.of(name));
    assertThat(c).succeededWithoutWarnings();
    String actual = generatedSource(c, "golden." + name + "Derivatives");
    // not "...Derivatives.java": javac would find that on the classpath and warn that the type exists
    String goldenPath = "golden/" + name + "Derivatives.golden.java";
    if (UPDATE) {
      Path file = Path.of("src/test/resources", goldenPath);
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      fail("wrote " + file.toAbsolutePath() + ": review the diff, then run again without -Dleibniz.golden.update");
    }
    String expected = resource(goldenPath);
    assertWithMessage("golden file %s (create it with -Dleibniz.golden.update=true)", goldenPath)
        .that(expected).isNotNull();
    // assertEquals shows the first difference; the files are small enough to read whole
    assertEquals(expected, actual, "generated source differs from " + goldenPath);
  }

  @Test
  void everyGoldenInputHasItsTest() {
    // the parameterized test lists the names again: keep both in step
    for (String n : NAMES) {
      assertWithMessage("golden/%s.java", n).that(resource("golden/" + n + ".java")).isNotNull();
    }
  }

  @Test
  void generationIsDeterministic() {
    Map<String, String> first = sources(compile(NAMES));
    Map<String, String> again = sources(compile(NAMES));
    List<String> reversed = new ArrayList<>(NAMES);
    Collections.reverse(reversed);
    Map<String, String> otherOrder = sources(compile(reversed));
    List<String> generated = new ArrayList<>(NAMES.stream().map(n -> n + "Derivatives").toList());
    // batched forms for the classes with methods of scalars
    generated.addAll(NAMES.stream().filter(n -> !n.equals("RecordParameter")).map(n -> n + "Vectorized").toList());
    assertThat(first.keySet()).containsExactlyElementsIn(generated);
    assertEquals(first, again, "same input, same bytes");
    assertEquals(first, otherOrder, "the order of the sources does not matter");
    for (String n : NAMES) {
      // one class at a time gives the same as all together
      Map<String, String> alone = sources(compile(List.of(n)));
      assertEquals(first.get(n + "Derivatives"), alone.get(n + "Derivatives"), n);
      assertEquals(first.get(n + "Vectorized"), alone.get(n + "Vectorized"), n);
    }
  }

  private static Map<String, String> sources(Compilation c) {
    assertThat(c).succeededWithoutWarnings();
    Map<String, String> out = new LinkedHashMap<>();
    for (JavaFileObject f : c.generatedSourceFiles()) {
      try {
        String name = f.getName().substring(f.getName().lastIndexOf('/') + 1).replace(".java", "");
        out.put(name, f.getCharContent(false).toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- the numbers the golden code computes

  @Test
  void goldenCodeComputesTheDerivatives() {
    Compilation c = compile(NAMES);
    double x = 0.7;
    double y = 1.3;

    // f = sin(x) y + exp(x / y)
    Object g = call(c, "golden.StraightLineDerivatives", "fGrad", x, y);
    assertThat(component(g, "x")).isWithin(1e-14).of(Math.cos(x) * y + Math.exp(x / y) / y);
    assertThat(component(g, "y")).isWithin(1e-14).of(Math.sin(x) - Math.exp(x / y) * x / (y * y));
    Dual d = (Dual) call(c, "golden.StraightLineDerivatives", "fJvp", x, y, 1.0, 0.0);
    assertThat(d.tangent()).isWithin(1e-14).of(component(g, "x"));

    // x^5
    assertThat((double) call(c, "golden.LoopWithTapeDerivatives", "powerGrad", x, 5))
        .isWithin(1e-14).of(5 * Math.pow(x, 4));
    // the pullback replays its tape: twice the same answer, scaled by the cotangent
    Object vjp = call(c, "golden.LoopWithTapeDerivatives", "powerVjp", x, 5);
    assertThat(pullback(vjp, 2.0)).isWithin(1e-14).of(10 * Math.pow(x, 4));
    assertThat(pullback(vjp, 2.0)).isWithin(1e-14).of(10 * Math.pow(x, 4));

    // float: sin(x) x + 2
    float xf = 0.7f;
    float gf = (float) call(c, "golden.FloatMathDerivatives", "fGrad", xf);
    assertThat((double) gf).isWithin(1e-6).of(Math.cos(xf) * xf + Math.sin(xf));
    @SuppressWarnings("unchecked")
    Jvp<Float> jf = (Jvp<Float>) call(c, "golden.FloatMathDerivatives", "fJvp", xf, 1f);
    assertThat(jf.tangent()).isWithin(1e-6f).of(gf);

    // the rules' own derivatives (here the true ones)
    Object jr = call(c, "golden.CustomJvpRuleDerivatives", "fGrad", x, y);
    assertThat(component(jr, "x")).isWithin(1e-14).of(Math.cos(x) * y);
    assertThat(component(jr, "y")).isWithin(1e-14).of(Math.sin(x));
    Object vr = call(c, "golden.CustomVjpRuleDerivatives", "fGrad", x, y);
    assertThat(component(vr, "x")).isWithin(1e-14).of(Math.cos(x) * y);
    assertThat(component(vr, "y")).isWithin(1e-14).of(Math.sin(x));

    // |p|' = p / |p|
    try {
      ClassLoader loader = Compilations.classLoader(c);
      Class<?> point = loader.loadClass("golden.RecordParameter$Point");
      var constructor = point.getDeclaredConstructor(double.class, double.class);
      constructor.setAccessible(true); // the record is package-private
      Object p = constructor.newInstance(3.0, 4.0);
      Class<?> derivatives = loader.loadClass("golden.RecordParameterDerivatives");
      Object grad = derivatives.getMethod("normGrad", point).invoke(null, p);
      assertThat(component(grad, "x")).isWithin(1e-15).of(0.6);
      assertThat(component(grad, "y")).isWithin(1e-15).of(0.8);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static double component(Object record, String name) {
    try {
      var accessor = record.getClass().getDeclaredMethod(name);
      accessor.setAccessible(true);
      return (double) accessor.invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static double pullback(Object vjp, double cotangent) {
    try {
      return (double) vjp.getClass().getMethod("pullback", double.class).invoke(vjp, cotangent);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
