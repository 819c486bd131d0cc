package dev.leibniz.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
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

  /**
   * Calls are inlined, custom rules vectorized from their bodies; what is still not vectorized gets
   * one note per form, on the method's line, naming the construct (and the inlined method it is in).
   */
  @Test
  void notesNameWhatRunsElementByElement() throws IOException {
    String source = batches();
    TestCompiler.Result r = TestCompiler.compileOrFail(Map.of("dev.leibniz.it.copy.Batches", source),
        List.of("--add-modules", "jdk.incubator.vector"));
    try {
      String strict = "StrictMath.exp (the Vector API has no strict version)";
      String recursive = "the call of Batches.halvings (recursive, or calls nested more than 8 deep)";
      String mixed = "double and float values mixed";
      List<String> expected = new ArrayList<>();
      expected.addAll(notes(source, "callsStrict", strict + ", in Batches.strictExp (inlined)"));
      expected.addAll(notes(source, "strictExp", strict));
      expected.addAll(notes(source, "halvings", recursive));
      expected.addAll(notes(source, "mixedPrecision", mixed));
      expected.addAll(notes(source, "mixedParameters", mixed));
      List<String> found = new ArrayList<>(List.of(r.notes().split("\n")));
      Collections.sort(expected);
      Collections.sort(found);
      assertEquals(expected, found);
    } finally {
      r.delete();
    }
  }

  /** The notes on {@code method}'s primal, JVP and gradient forms. */
  private static List<String> notes(String source, String method, String construct) {
    List<String> lines = source.lines().toList();
    int line = 1;
    while (!lines.get(line - 1).contains("public static") || !lines.get(line - 1).contains(" " + method + "(")) {
      line++;
    }
    List<String> out = new ArrayList<>();
    for (String[] form : new String[][] {{"", "Batches"}, {"Jvp", "BatchesDerivatives"}, {"Grad", "BatchesDerivatives"}}) {
      out.add("NOTE Batches.java:" + line + ": leibniz: BatchesVectorized." + method + form[0] + " runs " + form[1]
          + "." + method + form[0] + " element by element, not on the Vector API: " + construct);
    }
    return out;
  }
}
