package dev.leibniz.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eclipse and VS Code compile with Eclipse's compiler (ecj), which gives annotation processors no
 * method bodies. Leibniz cannot work there, and must say so on each annotated method, instead of
 * writing nothing and leaving the user with "ModelDerivatives cannot be resolved".
 */
class EclipseCompilerTest {

  private static final String MODEL = """
      package test;
      import dev.leibniz.CustomJvp;
      import dev.leibniz.Differentiable;
      import dev.leibniz.runtime.Dual;
      final class Model {
        @Differentiable
        static double f(double x, double y) {
          return Math.sin(x) * y;
        }

        @CustomJvp("gJvp")
        static double g(double x) {
          return Math.log1p(Math.exp(x));
        }

        static Dual gJvp(double x, double xDot) {
          return new Dual(g(x), xDot / (1 + Math.exp(-x)));
        }
      }
      """;

  @TempDir
  Path dir;

  @Test
  void oneClearErrorOnEachAnnotatedMethod() {
    assertClearErrors(compileWithEcj(new LeibnizProcessor()));
  }

  /**
   * Inside the Eclipse IDE, processors are loaded by a class loader that does not see
   * {@code jdk.compiler}, so even {@code com.sun.source.util.Trees} is missing: the same errors,
   * and no exception out of the processor.
   */
  @Test
  void sameErrorsWhenTheProcessorCannotSeeJdkCompiler() throws Exception {
    try (URLClassLoader hiding = new HidingJdkCompiler(testClassPath())) {
      Processor processor = (Processor) hiding.loadClass(LeibnizProcessor.class.getName())
          .getDeclaredConstructor().newInstance();
      assertThat(processor.getClass().getClassLoader()).isSameInstanceAs(hiding);
      assertClearErrors(compileWithEcj(processor));
    }
  }

  private void assertClearErrors(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
    List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).collect(Collectors.toList());
    String all = describe(diagnostics);
    assertWithMessage("errors:\n%s", all).that(errors).hasSize(2);
    assertError(errors.get(0), "f", line("static double f("), all);
    assertError(errors.get(1), "g", line("static double g("), all);
    assertWithMessage("nothing generated").that(Files.exists(dir.resolve("gen/test/ModelDerivatives.java")))
        .isFalse();
  }

  private static void assertError(Diagnostic<? extends JavaFileObject> error, String method, int line, String all) {
    String message = error.getMessage(Locale.ROOT);
    assertWithMessage("errors:\n%s", all).that(message).isEqualTo("leibniz: Eclipse's compiler (ecj, used by"
        + " Eclipse and VS Code) does not give annotation processors method bodies, so Leibniz cannot derive "
        + method + ": build with javac, e.g. let the IDE delegate the build to Maven or Gradle (IntelliJ IDEA"
        + " compiles with javac and works)");
    assertWithMessage("errors:\n%s", all).that(error.getSource().getName()).endsWith("Model.java");
    assertWithMessage("errors:\n%s", all).that(error.getLineNumber()).isEqualTo(line);
  }

  /** Compiles {@link #MODEL} with ecj through its {@code javax.tools} API, with {@code processor}. */
  private List<Diagnostic<? extends JavaFileObject>> compileWithEcj(Processor processor) {
    try {
      Path source = dir.resolve("src/test/Model.java");
      Files.createDirectories(source.getParent());
      Files.writeString(source, MODEL);
      Files.createDirectories(dir.resolve("out"));
      Files.createDirectories(dir.resolve("gen"));
      JavaCompiler ecj = new EclipseCompiler();
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      try (StandardJavaFileManager files = ecj.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
        List<String> options = List.of("-17", "-classpath", System.getProperty("java.class.path"),
            "-d", dir.resolve("out").toString(), "-s", dir.resolve("gen").toString());
        StringWriter output = new StringWriter();
        JavaCompiler.CompilationTask task = ecj.getTask(output, files, diagnostics, options, null,
            files.getJavaFileObjects(source.toFile()));
        task.setProcessors(List.of(processor));
        assertWithMessage("ecj output:\n%s\n%s", output, describe(diagnostics.getDiagnostics()))
            .that(task.call()).isFalse();
      }
      return diagnostics.getDiagnostics();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int line(String needle) {
    String[] lines = MODEL.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(needle)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException(needle);
  }

  private static String describe(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
    return diagnostics.stream()
        .map(d -> d.getKind() + " " + (d.getSource() == null ? "?" : d.getSource().getName()) + ":"
            + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
        .collect(Collectors.joining("\n"));
  }

  private static URL[] testClassPath() {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      try {
        urls.add(new File(entry).toURI().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalStateException(e);
      }
    }
    return urls.toArray(new URL[0]);
  }

  /** Loads the test class path itself, as an IDE's processor path would, and hides {@code jdk.compiler}. */
  private static final class HidingJdkCompiler extends URLClassLoader {
    HidingJdkCompiler(URL[] urls) {
      super(urls, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("com.sun.source.") || name.startsWith("com.sun.tools.javac.")) {
        throw new ClassNotFoundException(name + " is hidden, as in an IDE's processor class loader");
      }
      return super.loadClass(name, resolve);
    }
  }
}
