package dev.leibniz.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a Maven Central release needs of the three published jars, as {@code mvn package} builds
 * them: a sources jar and a javadoc jar beside each, and a stable module name for the module path.
 */
class PublishedArtifactsTest {

  private static Path beside(Path jar, String classifier) {
    String name = jar.getFileName().toString();
    Path path = jar.resolveSibling(name.substring(0, name.length() - ".jar".length()) + "-" + classifier + ".jar");
    assertTrue(Files.isRegularFile(path), path + " does not exist: it is built by `mvn package`");
    return path;
  }

  @ParameterizedTest
  @CsvSource({
      "leibniz.annotations.jar, dev.leibniz.annotations, dev/leibniz/Differentiable",
      "leibniz.runtime.jar, dev.leibniz.runtime, dev/leibniz/runtime/Dual",
      "leibniz.processor.jar, dev.leibniz.processor, dev/leibniz/processor/LeibnizProcessor",
  })
  void jarHasSourcesJavadocAndAModuleName(String property, String moduleName, String type) throws IOException {
    Path jar = ShadedProcessorJarTest.jar(property);
    try (JarFile classes = new JarFile(jar.toFile())) {
      assertEquals(moduleName, classes.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
    }
    try (JarFile sources = new JarFile(beside(jar, "sources").toFile())) {
      assertTrue(sources.getJarEntry(type + ".java") != null, type + ".java in the sources jar");
    }
    try (JarFile javadoc = new JarFile(beside(jar, "javadoc").toFile())) {
      assertTrue(javadoc.getJarEntry("index.html") != null, "index.html in the javadoc jar");
      // javadoc puts a named module's pages under the module's name
      assertTrue(javadoc.getJarEntry(moduleName + "/" + type + ".html") != null, type + ".html in the javadoc jar");
    }
  }
}
