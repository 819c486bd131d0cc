package dev.leibniz.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/** Test support: compiling user code with the processor, finding lines, loading what was compiled. */
final class Compilations {
  private Compilations() {}

  /** A user source file: its compile-testing file object and its text, to find lines in. */
  record Source(JavaFileObject file, String text) {
    /** The 1-based line holding {@code needle}, which must occur on exactly one line. */
    int line(String needle) {
      String[] lines = text.split("\n", -1);
      int found = -1;
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].contains(needle)) {
          if (found != -1) {
            throw new IllegalArgumentException("\"" + needle + "\" is on lines " + found + " and " + (i + 1));
          }
          found = i + 1;
        }
      }
      if (found == -1) {
        throw new IllegalArgumentException("\"" + needle + "\" is not in the source");
      }
      return found;
    }
  }

  /** {@code text} as the source of class {@code name} (e.g. {@code "test.Foo"}). */
  static Source source(String name, String text) {
    return new Source(JavaFileObjects.forSourceString(name, text), text);
  }

  static Compilation compile(Source... sources) {
    return compile(List.of(), sources);
  }

  static Compilation compile(List<String> options, Source... sources) {
    JavaFileObject[] files = new JavaFileObject[sources.length];
    for (int i = 0; i < sources.length; i++) {
      files[i] = sources[i].file();
    }
    return Compiler.javac().withProcessors(new LeibnizProcessor()).withOptions(options).compile(files);
  }

  /**
   * Asserts one error on {@code line} of {@code source} that contains every fragment: the same
   * diagnostic, so that the construct, the reason and the fix are said together.
   */
  static void assertError(Compilation c, Source source, int line, String... fragments) {
    assertThat(c).failed();
    // compile-testing's own check first: its failure message lists every diagnostic
    assertThat(c).hadErrorContaining(fragments[0]).inFile(source.file()).onLine(line);
    boolean together = c.errors().stream()
        .filter(d -> d.getSource() != null && d.getSource().toUri().equals(source.file().toUri()))
        .filter(d -> d.getLineNumber() == line)
        .map(d -> d.getMessage(Locale.ROOT))
        .anyMatch(m -> List.of(fragments).stream().allMatch(m::contains));
    assertWithMessage("one error on line %s containing all of %s; errors were:\n%s", line, List.of(fragments),
        describe(c)).that(together).isTrue();
  }

  /** The errors of {@code c}, one per line, for failure messages. */
  static String describe(Compilation c) {
    return c.errors().stream()
        .map(d -> (d.getSource() == null ? "?" : d.getSource().getName()) + ":" + d.getLineNumber() + ": "
            + d.getMessage(Locale.ROOT))
        .collect(Collectors.joining("\n"));
  }

  /** The messages of the errors of {@code c}. */
  static List<String> errorMessages(Compilation c) {
    return c.errors().stream().map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.toList());
  }

  /** The text of a generated source file, e.g. {@code "test.FooDerivatives"}. */
  static String generatedSource(Compilation c, String qualifiedName) {
    try {
      return c.generatedSourceFile(qualifiedName)
          .orElseThrow(() -> new AssertionError(qualifiedName + " was not generated; errors:\n" + describe(c)))
          .getCharContent(false).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A class loader over the class files {@code c} wrote, user and generated classes alike. */
  static ClassLoader classLoader(Compilation c) {
    assertThat(c).succeeded();
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject f : c.generatedFiles()) {
      if (f.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      // names look like /CLASS_OUTPUT/test/FooDerivatives.class
      String path = f.toUri().getPath();
      String name = path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(),
          path.length() - ".class".length()).replace('/', '.');
      try (InputStream in = f.openInputStream()) {
        classes.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new ClassLoader(Compilations.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
      }
    };
  }

  /** Calls static method {@code method} of {@code className}, compiled by {@code c}. */
  static Object call(Compilation c, String className, String method, Object... args) {
    try {
      Class<?> cls = classLoader(c).loadClass(className);
      for (java.lang.reflect.Method m : cls.getDeclaredMethods()) {
        if (m.getName().equals(method) && m.getParameterCount() == args.length) {
          m.setAccessible(true);
          return m.invoke(null, args);
        }
      }
      throw new AssertionError(className + "." + method + " with " + args.length + " parameters not found");
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** Whether an error is of this compilation's user code, not javac's complaint about generated code. */
  static boolean isInGeneratedCode(Diagnostic<? extends JavaFileObject> d) {
    return d.getSource() != null && d.getSource().getName().endsWith("Derivatives.java");
  }
}
