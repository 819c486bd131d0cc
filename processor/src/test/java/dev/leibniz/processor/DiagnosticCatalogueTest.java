package dev.leibniz.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import dev.leibniz.processor.diagnostics.Diagnostic;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every entry of the diagnostics catalogue has a compile-testing case pinned to its line: its
 * example, compiled with the processor, gets exactly that message on the marked line. An entry
 * without an example must say why no program triggers it.
 */
class DiagnosticCatalogueTest {
  /** Entries a program triggers but that have no example yet: this list only shrinks. */
  static final Set<Diagnostic> NO_EXAMPLE_YET = EnumSet.of(Diagnostic.GENERATED_FORM_OVERLOAD_AMBIGUOUS,
      Diagnostic.BODY_FROM_CLASS_FILE, Diagnostic.SECOND_ORDER_VJP_RESULT, Diagnostic.SECOND_ORDER_VJP_PARAMETER,
      Diagnostic.SECOND_ORDER_VJP_BACKWARD, Diagnostic.RECORD_TYPE_ARGUMENTS, Diagnostic.UNSUPPORTED_EXPRESSION,
      Diagnostic.OPERATOR_OPERANDS, Diagnostic.FORWARD_THROUGH_VJP, Diagnostic.SWITCH_EXPRESSION_PLACE,
      Diagnostic.ASSIGNMENT_IN_CONDITION);

  @ParameterizedTest(name = "{0}")
  @EnumSource(Diagnostic.class)
  void exampleTriggersTheEntryOnItsLine(Diagnostic d) {
    String example = DiagnosticExamples.example(d);
    if (NO_EXAMPLE_YET.contains(d)) {
      assertWithMessage("%s has an example now: take it off NO_EXAMPLE_YET", d).that(example).isNull();
      return;
    }
    if (d.internalReason() != null) {
      assertWithMessage("%s is marked internal, so it has no example", d).that(example).isNull();
      assertThat(d.internalReason()).isNotEmpty();
      return;
    }
    assertWithMessage("%s has no example: add src/test/resources/diagnostics/%s.java", d, d.name())
        .that(example).isNotNull();
    Compilations.Source src = Compilations.source("example.Example", example);
    int line = src.line(DiagnosticExamples.MARK);
    Compilation c = Compilations.compile(DiagnosticExamples.options(example), src);
    javax.tools.Diagnostic.Kind kind = d.severity() == Diagnostic.Severity.NOTE ? javax.tools.Diagnostic.Kind.NOTE
        : javax.tools.Diagnostic.Kind.ERROR;
    List<String> onLine = c.diagnostics().stream()
        .filter(x -> x.getKind() == kind && x.getLineNumber() == line && x.getSource() != null
            && x.getSource().toUri().equals(src.file().toUri()))
        .map(x -> x.getMessage(Locale.ROOT))
        .toList();
    assertWithMessage("%s on line %s; the compiler said:\n%s", d, line, everything(c))
        .that(onLine.stream().anyMatch(m -> DiagnosticExamples.pattern(d).matcher(m).matches())).isTrue();
  }

  @Test
  void everyExampleBelongsToAnEntry() throws IOException, URISyntaxException {
    Path dir = Path.of(DiagnosticCatalogueTest.class.getResource("/diagnostics").toURI());
    Set<String> names = Arrays.stream(Diagnostic.values()).map(Enum::name).collect(Collectors.toSet());
    try (Stream<Path> files = Files.list(dir)) {
      Set<String> strays = files.map(p -> p.getFileName().toString().replaceFirst("\\.java$", ""))
          .filter(n -> !names.contains(n)).collect(Collectors.toCollection(TreeSet::new));
      assertThat(strays).isEmpty();
    }
  }

  private static String everything(Compilation c) {
    return c.diagnostics().stream()
        .map(x -> x.getKind() + " " + (x.getSource() == null ? "?" : ((JavaFileObject) x.getSource()).getName())
            + ":" + x.getLineNumber() + ": " + x.getMessage(Locale.ROOT))
        .collect(Collectors.joining("\n"));
  }
}
