package dev.leibniz.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources at test time with the real Leibniz processor, as a user's build would
 * (the shaded processor jar alone on the processor path), and loads the result. Paths come from
 * the build (see the surefire configuration in the pom): the three jars, and {@code
 * leibniz.workDir}, where sources, generated sources and classes are kept for inspection.
 */
final class TestCompiler {
  private static final AtomicInteger RUNS = new AtomicInteger();

  /** The outcome of one javac run: its errors and warnings, and apart its notes, a line each. */
  record Result(boolean success, String diagnostics, String notes, Path directory, ClassLoader loader) {
    Class<?> load(String name) {
      try {
        return Class.forName(name, true, loader);
      } catch (ClassNotFoundException e) {
        throw new AssertionError("not compiled: " + name + " in " + directory, e);
      }
    }

    /** Deletes the run's directory: sources, generated sources, classes (all loaded by now). */
    void delete() {
      try (java.util.stream.Stream<Path> files = Files.walk(directory)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The generated source of {@code name}'s derivatives, for failure messages. */
    String generated(String name) {
      Path file = directory.resolve("generated").resolve(name.replace('.', '/') + "Derivatives.java");
      try {
        return Files.exists(file) ? Files.readString(file) : "(no " + file + ")";
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private TestCompiler() {}

  /** Compiles {@code sources} (fully qualified class name → source) and asserts javac succeeded. */
  static Result compileOrFail(Map<String, String> sources) {
    return compileOrFail(sources, List.of());
  }

  /** As {@link #compileOrFail(Map)}, with more javac options (e.g. {@code -Xlint:all -Werror}). */
  static Result compileOrFail(Map<String, String> sources, List<String> extraOptions) {
    Result r = compile(sources, extraOptions);
    assertTrue(r.success, () -> "javac with the Leibniz processor failed:\n" + r.diagnostics + "\nsources:\n"
        + String.join("\n", sources.values()));
    return r;
  }

  /** Compiles {@code sources} (fully qualified class name → source) with the Leibniz processor. */
  static Result compile(Map<String, String> sources) {
    return compile(sources, List.of());
  }

  /** As {@link #compile(Map)}, with more javac options (e.g. {@code -parameters}). */
  static Result compile(Map<String, String> sources, List<String> extraOptions) {
    return compile(sources, extraOptions, List.of());
  }

  /**
   * As {@link #compile(Map, List)}, with the classes of earlier runs on the class path, as a user's
   * build has a library compiled before.
   */
  static Result compile(Map<String, String> sources, List<String> extraOptions, List<Result> libraries) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Path dir = Paths.get(property("leibniz.workDir")).resolve("run-" + ProcessHandle.current().pid() + "-"
        + RUNS.incrementAndGet());
    Path src = dir.resolve("src");
    Path generated = dir.resolve("generated");
    Path classes = dir.resolve("classes");
    try {
      Files.createDirectories(generated);
      Files.createDirectories(classes);
      List<File> files = new ArrayList<>();
      for (Map.Entry<String, String> e : sources.entrySet()) {
        Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, e.getValue());
        files.add(file.toFile());
      }
      List<String> classPath = new ArrayList<>(List.of(property("leibniz.annotations.jar"), property("leibniz.runtime.jar")));
      List<URL> urls = new ArrayList<>(List.of(classes.toUri().toURL()));
      for (Result library : libraries) {
        classPath.add(library.directory().resolve("classes").toString());
        urls.add(library.directory().resolve("classes").toUri().toURL());
      }
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      boolean ok;
      try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
        List<String> options = new ArrayList<>(List.of(
            "--release", "17",
            "-classpath", String.join(File.pathSeparator, classPath),
            "-processorpath", property("leibniz.processor.jar"),
            "-s", generated.toString(),
            "-d", classes.toString()));
        options.addAll(extraOptions);
        StringWriter out = new StringWriter();
        ok = javac.getTask(out, fm, diagnostics, options, null, fm.getJavaFileObjectsFromFiles(files)).call();
      }
      StringBuilder text = new StringBuilder();
      StringBuilder notes = new StringBuilder();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        boolean note = d.getKind() == Diagnostic.Kind.NOTE;
        if (note || d.getKind() == Diagnostic.Kind.ERROR || d.getKind() == Diagnostic.Kind.WARNING
            || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING) {
          (note ? notes : text).append(d.getKind()).append(' ')
              .append(d.getSource() == null ? "" : Paths.get(d.getSource().toUri()).getFileName())
              .append(':').append(d.getLineNumber()).append(": ").append(d.getMessage(Locale.ROOT)).append('\n');
        }
      }
      ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), TestCompiler.class.getClassLoader());
      return new Result(ok, text.toString(), notes.toString(), dir, loader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException("system property " + name + " is not set: run the tests through Maven");
    }
    return value;
  }
}
