package dev.leibniz.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §1: "The processor jar must work alone on the processor path". javac compiles a small
 * annotated class with {@code -processorpath} = only the shaded processor jar (found through its
 * service file, no {@code -processor} option) and {@code -classpath} = only the annotations and
 * runtime jars; then the generated class is loaded and run. The jar paths come from the pom.
 * javac runs in this JVM (ToolProvider), so its processor class loader is kept apart from the test
 * class path (see {@link IsolatedProcessorPath}).
 */
class ShadedProcessorJarTest {

  /** The jar a system property names (set by integration-tests/pom.xml); it must exist. */
  static Path jar(String property) {
    String value = System.getProperty(property);
    assertTrue(value != null, property + " is not set: run this test through Maven (see integration-tests/pom.xml)");
    Path path = Path.of(value);
    assertTrue(Files.isRegularFile(path), path + " does not exist: it is built by `mvn package`");
    return path;
  }

  private static final String SOURCE = """
      package user;

      import dev.leibniz.Differentiable;

      public final class Foo {
        private Foo() {}

        @Differentiable
        public static double f(double x, double y) {
          double s = Math.sin(x) * y;
          for (int i = 0; i < 3; i++) {
            s = s * x + y;
          }
          return s;
        }
      }
      """;

  /**
   * javac's own processor class loader delegates to the application class loader, which here is
   * the test class path (it holds the processor, for the bug-repro tests). This file manager gives
   * javac a loader over the processor path alone, whose parent is the platform class loader: the
   * JDK's modules (jdk.compiler's Trees API too) but nothing of the class path.
   */
  private static final class IsolatedProcessorPath extends ForwardingJavaFileManager<StandardJavaFileManager> {
    boolean used;

    IsolatedProcessorPath(StandardJavaFileManager files) {
      super(files);
    }

    @Override
    public ClassLoader getClassLoader(Location location) {
      if (location != StandardLocation.ANNOTATION_PROCESSOR_PATH) {
        return super.getClassLoader(location);
      }
      used = true;
      List<URL> urls = new ArrayList<>();
      for (Path p : fileManager.getLocationAsPaths(location)) {
        try {
          urls.add(p.toUri().toURL());
        } catch (MalformedURLException e) {
          throw new IllegalArgumentException(e);
        }
      }
      return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }
  }

  @Test
  void jarAloneLoadsTheProcessor() throws Exception {
    try (URLClassLoader alone = new URLClassLoader(new URL[] {jar("leibniz.processor.jar").toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      Class<?> processor = alone.loadClass("dev.leibniz.processor.LeibnizProcessor");
      assertEquals(jar("leibniz.processor.jar").toUri().toURL(),
          processor.getProtectionDomain().getCodeSource().getLocation());
      // its own dependency, relocated, resolves inside the jar; the original name is not needed
      alone.loadClass("dev.leibniz.processor.shaded.javapoet.JavaFile");
      assertThrows(ClassNotFoundException.class, () -> alone.loadClass("com.palantir.javapoet.JavaFile"));
      assertTrue(javax.annotation.processing.Processor.class.isAssignableFrom(processor));
    }
  }

  @Test
  void jarCarriesItsServiceFileAndRelocatedDependencies() throws IOException {
    try (JarFile jar = new JarFile(jar("leibniz.processor.jar").toFile())) {
      JarEntry service = jar.getJarEntry("META-INF/services/javax.annotation.processing.Processor");
      assertTrue(service != null, "no processor service file");
      try (InputStream in = jar.getInputStream(service)) {
        assertEquals("dev.leibniz.processor.LeibnizProcessor",
            new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
      }
      List<String> names = jar.stream().map(JarEntry::getName).collect(Collectors.toList());
      assertTrue(names.contains("dev/leibniz/processor/shaded/javapoet/JavaFile.class"), "JavaPoet is relocated");
      assertFalse(names.stream().anyMatch(n -> n.startsWith("com/palantir/")), "no unrelocated JavaPoet");
    }
  }

  /**
   * Gradle's incremental compilation reads this file from the processor path; "isolating" because
   * each generated class comes from one annotated class (processor's GradleIncrementalTest says why
   * not "aggregating").
   */
  @Test
  void jarDeclaresItselfToGradlesIncrementalCompilation() throws IOException {
    try (JarFile jar = new JarFile(jar("leibniz.processor.jar").toFile())) {
      JarEntry registration = jar.getJarEntry("META-INF/gradle/incremental.annotation.processors");
      assertTrue(registration != null, "no Gradle registration");
      try (InputStream in = jar.getInputStream(registration)) {
        assertEquals("dev.leibniz.processor.LeibnizProcessor,isolating\n",
            new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void compilesAndRunsWithTheJarAloneOnTheProcessorPath(@TempDir Path dir) throws Exception {
    Path processor = jar("leibniz.processor.jar");
    Path annotations = jar("leibniz.annotations.jar");
    Path runtime = jar("leibniz.runtime.jar");
    Path src = dir.resolve("src/user/Foo.java");
    Path classes = dir.resolve("classes");
    Path generated = dir.resolve("generated");
    Files.createDirectories(src.getParent());
    Files.createDirectories(classes);
    Files.createDirectories(generated);
    Files.writeString(src, SOURCE);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<String> options = List.of(
        "--release", "17",
        "-Xlint:all", "-Werror",
        "-processorpath", processor.toString(),
        "-classpath", annotations + java.io.File.pathSeparator + runtime,
        "-d", classes.toString(),
        "-s", generated.toString());
    boolean ok;
    boolean isolated;
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
        StandardCharsets.UTF_8); IsolatedProcessorPath manager = new IsolatedProcessorPath(files)) {
      ok = javac.getTask(null, manager, diagnostics, options, null, files.getJavaFileObjects(src)).call();
      isolated = manager.used;
    }
    List<String> messages = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      messages.add(d.getKind() + ": " + d.getMessage(Locale.ROOT));
    }
    assertTrue(isolated, "javac took its processors from the isolated processor path");
    assertTrue(ok, "javac failed:\n" + String.join("\n", messages));
    assertEquals(List.of(), messages, "no warnings either");
    Path derivatives = generated.resolve("user/FooDerivatives.java");
    assertTrue(Files.isRegularFile(derivatives), "FooDerivatives.java was generated");
    assertTrue(Files.readString(derivatives).contains("public static FGradient fGrad(double x, double y)"));

    // run it, with nothing but the compiled classes and the runtime jar
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL(), runtime.toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      Class<?> foo = loader.loadClass("user.Foo");
      Class<?> fooDerivatives = loader.loadClass("user.FooDerivatives");
      double x = 0.4;
      double y = 1.7;
      double h = 1e-6;
      Method f = foo.getMethod("f", double.class, double.class);
      Object gradient = fooDerivatives.getMethod("fGrad", double.class, double.class).invoke(null, x, y);
      double dx = (double) gradient.getClass().getMethod("x").invoke(gradient);
      double dy = (double) gradient.getClass().getMethod("y").invoke(gradient);
      double fdX = ((double) f.invoke(null, x + h, y) - (double) f.invoke(null, x - h, y)) / (2 * h);
      double fdY = ((double) f.invoke(null, x, y + h) - (double) f.invoke(null, x, y - h)) / (2 * h);
      assertEquals(fdX, dx, 1e-6, "df/dx against finite differences");
      assertEquals(fdY, dy, 1e-6, "df/dy against finite differences");
      Object dual = fooDerivatives.getMethod("fJvp", double.class, double.class, double.class, double.class)
          .invoke(null, x, y, 1.0, 0.0);
      assertEquals(dx, (double) dual.getClass().getMethod("tangent").invoke(dual), 1e-12, "forward = reverse");
    }
  }
}
