package dev.leibniz.processor;

import dev.leibniz.processor.diagnostics.Diagnostic;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The example of each catalogue entry: {@code diagnostics/NAME.java} among the test resources, a
 * class {@code example.Example} whose line marked {@link #MARK} gets the diagnostic.
 */
final class DiagnosticExamples {
  /** Ends the line the diagnostic is reported on. */
  static final String MARK = "// <-";
  private static final String OPTIONS = "// javac ";

  private DiagnosticExamples() {}

  /** The example's source, or null when the entry has none. */
  static String example(Diagnostic d) {
    try (InputStream in = DiagnosticExamples.class.getResourceAsStream("/diagnostics/" + d.name() + ".java")) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The javac options on the example's first line, {@code // javac --add-modules ...}, if any. */
  static List<String> options(String example) {
    String first = example.lines().findFirst().orElse("");
    return first.startsWith(OPTIONS) ? List.of(first.substring(OPTIONS.length()).trim().split(" +")) : List.of();
  }

  /** The messages {@code d} can print, whatever its arguments. */
  static Pattern pattern(Diagnostic d) {
    StringBuilder regex = new StringBuilder(Pattern.quote("leibniz: "));
    String[] parts = d.template().split("%s", -1);
    for (int i = 0; i < parts.length; i++) {
      regex.append(i == 0 ? "" : "(.+?)").append(Pattern.quote(parts[i]));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
