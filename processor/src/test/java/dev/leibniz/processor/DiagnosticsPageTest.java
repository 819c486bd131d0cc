package dev.leibniz.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code docs/diagnostics.md} is what the catalogue generates. */
class DiagnosticsPageTest {
  /** The page, from the processor module's directory (where Maven runs its tests). */
  private static final Path PAGE = Path.of("..", "docs", "diagnostics.md");

  @Test
  void pageIsGeneratedFromTheCatalogue() throws IOException {
    String generated = DiagnosticsPage.generate();
    if (Boolean.getBoolean("leibniz.regenerateDocs")) {
      Files.writeString(PAGE, generated, StandardCharsets.UTF_8);
    }
    String onDisk = Files.exists(PAGE) ? Files.readString(PAGE, StandardCharsets.UTF_8) : "";
    assertWithMessage("docs/diagnostics.md differs from the catalogue; regenerate it with: mvn -o test -pl processor"
        + " -am -Dtest=DiagnosticsPageTest -Dleibniz.regenerateDocs=true -Dsurefire.failIfNoSpecifiedTests=false")
        .that(onDisk).isEqualTo(generated);
  }
}
