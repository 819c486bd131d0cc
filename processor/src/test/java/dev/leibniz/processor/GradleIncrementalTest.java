package dev.leibniz.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor declares itself to Gradle's incremental compilation as "isolating"
 * ({@code META-INF/gradle/incremental.annotation.processors}). What Gradle then relies on, and
 * why not "aggregating":
 * <ul>
 *   <li>each generated file names originating elements of exactly one top-level type (else Gradle
 *       recompiles everything), and the processor works behind Gradle's wrapped environment;
 *   <li>when one class changes, Gradle recompiles it (and the classes that use it) alone, with the
 *       earlier output on the class path: the processor then uses the other classes' generated
 *       classes, as it does for a library's;
 *   <li>in "aggregating" mode Gradle would hand the processor every unchanged annotated class as a
 *       class file, whose method bodies cannot be read, and expect their generated classes again.
 * </ul>
 */
class GradleIncrementalTest {

  private static final String B = """
      package p;
      import dev.leibniz.Differentiable;
      public final class B {
        @Differentiable
        public static double g(double x) {
          return Math.sin(x) * x;
        }
      }
      """;

  private static final String A = """
      package p;
      import dev.leibniz.Differentiable;
      public final class A {
        @Differentiable
        public static double f(double x) {
          return B.g(x) * x;
        }

        @Differentiable
        static double twice(double x) {
          return 2 * f(x);
        }

        public static final class Inner {
          @Differentiable
          static double h(double x, double y) {
            return B.g(x) * y;
          }
        }
      }
      """;

  @TempDir
  Path dir;

  @Test
  void eachGeneratedFileHasOneOriginatingTypeBehindAGradleLikeEnvironment() {
    Map<String, Set<String>> origins = new LinkedHashMap<>();
    Compilation c = Compiler.javac()
        .withProcessors(new RobustnessTest.WrappingProcessor(env -> new GradleLikeEnvironment(env, origins), r -> r))
        .compile(JavaFileObjects.forSourceString("p.A", A), JavaFileObjects.forSourceString("p.B", B));
    assertThat(c).succeeded();
    assertThat(origins).containsExactly("p.ADerivatives", Set.of("p.A"), "p.A_InnerDerivatives", Set.of("p.A"),
        "p.BDerivatives", Set.of("p.B"), "p.AVectorized", Set.of("p.A"), "p.A_InnerVectorized", Set.of("p.A"),
        "p.BVectorized", Set.of("p.B"));
  }

  @Test
  void recompilingOneChangedClassAloneUsesTheOtherClassesGeneratedClass() throws Exception {
    Path out = dir.resolve("out");
    Path gen = dir.resolve("gen");
    DiagnosticCollector<JavaFileObject> first = new DiagnosticCollector<>();
    assertWithMessage("%s", describe(first)).that(javac(List.of("-d", out.toString(), "-s", gen.toString()),
        List.of(), first, write("A", A), write("B", B))).isTrue();

    // A changes: Gradle deletes what came from A, then compiles A alone against the earlier output
    for (Path stale : List.of(out.resolve("p/A.class"), out.resolve("p/ADerivatives.class"),
        gen.resolve("p/ADerivatives.java"))) {
      Files.delete(stale);
    }
    DiagnosticCollector<JavaFileObject> second = new DiagnosticCollector<>();
    String changed = A.replace("return B.g(x) * x;", "return B.g(x) * x * x;");
    assertWithMessage("%s", describe(second)).that(javac(List.of("-classpath", out + File.pathSeparator
        + System.getProperty("java.class.path"), "-d", out.toString(), "-s", gen.toString()), List.of(), second,
        write("A", changed))).isTrue();
    assertThat(Files.readString(gen.resolve("p/ADerivatives.java"))).contains("BDerivatives.gVjp(");

    try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
      Method fGrad = loader.loadClass("p.ADerivatives").getMethod("fGrad", double.class);
      double x = 0.5;
      // f = sin(x) x^3, f' = cos(x) x^3 + 3 sin(x) x^2
      double expected = Math.cos(x) * x * x * x + 3 * Math.sin(x) * x * x;
      assertThat((double) fGrad.invoke(null, x)).isWithin(1e-15).of(expected);
    }
  }

  /** {@code javac A.java p.B}: B is read from its class file, so g has no body to read. */
  @Test
  void annotatedClassReadFromAClassFileIsOneClearError() throws IOException {
    Path bClasses = dir.resolve("b");
    assertThat(javac(List.of("-proc:none", "-d", bClasses.toString()), List.of(), new DiagnosticCollector<>(),
        write("B", B))).isTrue();

    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    boolean ok = javac(List.of("-classpath", bClasses + File.pathSeparator + System.getProperty("java.class.path"),
        "-d", dir.resolve("out").toString(), "-s", dir.resolve("gen").toString()), List.of("p.B"), diagnostics,
        write("A", A));
    List<String> errors = diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.toList());
    assertThat(ok).isFalse();
    assertWithMessage("errors: %s", errors).that(errors).containsExactly("leibniz: cannot read the body of g: class"
        + " p.B was read from a class file, and Leibniz derives methods from their source: compile its source file"
        + " in the same run");
    assertThat(Files.exists(dir.resolve("gen/p/ADerivatives.java"))).isFalse();
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve("src/" + name + "/p/" + name + ".java");
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  /** javac with the processor (unless {@code -proc:none}), on {@code sources} and classes named. */
  private static boolean javac(List<String> options, List<String> classNames,
      DiagnosticCollector<JavaFileObject> diagnostics, Path... sources) throws IOException {
    for (int i = 0; i < options.size() - 1; i++) {
      if (options.get(i).equals("-d") || options.get(i).equals("-s")) {
        Files.createDirectories(Path.of(options.get(i + 1)));
      }
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, options, classNames,
          files.getJavaFileObjects(sources));
      task.setProcessors(List.of(new LeibnizProcessor()));
      return task.call();
    }
  }

  private static String describe(DiagnosticCollector<JavaFileObject> diagnostics) {
    List<String> lines = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      lines.add(d.getKind() + ": " + d.getMessage(Locale.ROOT));
    }
    return String.join("\n", lines);
  }

  private static String topLevelType(Element e) {
    while (!(e.getEnclosingElement() instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return ((TypeElement) e).getQualifiedName().toString();
  }

  /**
   * Like Gradle's IncrementalProcessingEnvironment: a plain class holding javac's environment in
   * a field, with a Filer that records each generated file's originating top-level types.
   */
  private static final class GradleLikeEnvironment implements ProcessingEnvironment {
    private final ProcessingEnvironment delegate;
    private final Filer filer;

    GradleLikeEnvironment(ProcessingEnvironment delegate, Map<String, Set<String>> origins) {
      this.delegate = delegate;
      this.filer = new Filer() {
        @Override
        public JavaFileObject createSourceFile(CharSequence name, Element... originatingElements) throws IOException {
          Set<String> types = new LinkedHashSet<>();
          for (Element e : originatingElements) {
            types.add(topLevelType(e));
          }
          origins.put(name.toString(), types);
          return delegate.getFiler().createSourceFile(name, originatingElements);
        }

        @Override
        public JavaFileObject createClassFile(CharSequence name, Element... originatingElements) {
          throw new UnsupportedOperationException("the processor writes sources only");
        }

        @Override
        public FileObject createResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
            CharSequence relativeName, Element... originatingElements) {
          throw new UnsupportedOperationException("the processor writes sources only");
        }

        @Override
        public FileObject getResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
            CharSequence relativeName) {
          throw new UnsupportedOperationException("the processor reads no resources");
        }
      };
    }

    @Override
    public Map<String, String> getOptions() {
      return delegate.getOptions();
    }

    @Override
    public Messager getMessager() {
      return delegate.getMessager();
    }

    @Override
    public Filer getFiler() {
      return filer;
    }

    @Override
    public Elements getElementUtils() {
      return delegate.getElementUtils();
    }

    @Override
    public Types getTypeUtils() {
      return delegate.getTypeUtils();
    }

    @Override
    public SourceVersion getSourceVersion() {
      return delegate.getSourceVersion();
    }

    @Override
    public Locale getLocale() {
      return delegate.getLocale();
    }
  }
}
