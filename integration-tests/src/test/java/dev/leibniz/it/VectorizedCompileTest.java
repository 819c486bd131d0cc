package dev.leibniz.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The batched forms' generated source compiles with {@code -Xlint:all} and no warning of its own. */
class VectorizedCompileTest {
  /** Batches.java in a package of its own, so its classes are not those the build compiled. */
  static String batches() throws IOException {
    return Files.readString(Paths.get("src/vector/java/dev/leibniz/it/vector/Batches.java"))
        .replace("package dev.leibniz.it.vector;", "package dev.leibniz.it.copy;");
  }

  /** javac's note that an incubating module is in use cannot be turned off: it is the only warning. */
  @Test
  void vectorKernelsCompileWithoutWarnings() throws IOException {
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.it.copy.Batches", batches()),
        List.of("--add-modules", "jdk.incubator.vector", "-Xlint:all"));
    try {
      for (String line : r.diagnostics().split("\n")) {
        assertEquals("WARNING :-1: using incubating module(s): jdk.incubator.vector", line);
      }
    } finally {
      r.delete();
    }
  }
}
