package dev.leibniz.processor;

import dev.leibniz.processor.diagnostics.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code docs/diagnostics.md} from the catalogue and the examples, so that the page says
 * what the processor prints. Run from the repository root, or through {@code DiagnosticsPageTest}
 * with {@code -Dleibniz.regenerateDocs=true}.
 */
final class DiagnosticsPage {
  private DiagnosticsPage() {}

  public static void main(String[] args) throws IOException {
    Path page = Path.of(args.length > 0 ? args[0] : "docs/diagnostics.md");
    Files.writeString(page, generate(), StandardCharsets.UTF_8);
  }

  static String generate() {
    StringBuilder out = new StringBuilder();
    out.append("# Diagnostics\n\n")
        .append("<!-- Generated from dev.leibniz.processor.diagnostics.Diagnostic and the examples in\n")
        .append("     processor/src/test/resources/diagnostics; do not edit. Regenerate with\n")
        .append("     mvn -o test -pl processor -am -Dtest=DiagnosticsPageTest -Dleibniz.regenerateDocs=true"
            + " -Dsurefire.failIfNoSpecifiedTests=false -->\n\n")
        .append("Every message the Leibniz processor prints, as `javac` shows it: on the line of the construct,"
            + " prefixed `leibniz: `. `%s` stands for what the message names (a method, an expression, a type)."
            + " Each example is compiled by `DiagnosticCatalogueTest`, which checks the message on the line"
            + " marked `// <-`.\n\n");
    for (Diagnostic d : Diagnostic.values()) {
      out.append("## ").append(d.name()).append("\n\n");
      if (d.severity() == Diagnostic.Severity.NOTE) {
        out.append("A note, not an error.\n\n");
      }
      out.append("```\nleibniz: ").append(d.template()).append("\n```\n\n");
      String example = DiagnosticExamples.example(d);
      if (example != null) {
        out.append("Example:\n\n```java\n").append(example.strip()).append("\n```\n\n");
      } else if (d.internalReason() != null) {
        out.append("No example: ").append(d.internalReason()).append(".\n\n");
      } else {
        out.append("No example yet.\n\n");
      }
      out.append("Fix: ").append(d.fix()).append("\n\n");
    }
    return out.toString().stripTrailing() + "\n";
  }
}
