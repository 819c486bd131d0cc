package dev.leibniz.processor.codegen;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Record declarations for JavaPoet 1.13, which predates records: a record is written as a
 * placeholder class holding one field per component (so JavaPoet imports their types), and
 * {@link #finish} turns each placeholder into {@code public record Name(T a, U b) {}}.
 */
final class Records {
  private static final String MARKER = "LeibnizRecord";

  private Records() {}

  /** A nested placeholder for {@code record name(components)}. */
  static TypeSpec placeholder(String name, List<String> componentNames, List<TypeName> componentTypes,
      CodeBlock javadoc) {
    TypeSpec.Builder b = TypeSpec.classBuilder(name)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc(javadoc)
        .addJavadoc(MARKER + "\n");
    for (int i = 0; i < componentNames.size(); i++) {
      b.addField(FieldSpec.builder(componentTypes.get(i), componentNames.get(i), Modifier.PRIVATE, Modifier.FINAL)
          .build());
    }
    return b.build();
  }

  /** The generated source with every placeholder written as the record it stands for. */
  static String finish(String source) {
    String[] lines = source.split("\n", -1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].trim().equals("* " + MARKER)) {
        out.append(lines[i]);
        if (i < lines.length - 1) {
          out.append('\n');
        }
        continue;
      }
      out.append(lines[i + 1]).append('\n'); // the end of the javadoc
      String classLine = lines[i + 2];
      String indent = classLine.substring(0, classLine.indexOf("public"));
      String name = classLine.trim().split(" ")[4];
      List<String> components = new ArrayList<>();
      int j = i + 3;
      for (; !lines[j].equals(indent + "}"); j++) {
        String field = lines[j].trim();
        if (field.startsWith("private final ")) {
          components.add(field.substring("private final ".length(), field.length() - 1));
        }
      }
      out.append(indent).append("public record ").append(name).append('(')
          .append(String.join(", ", components)).append(") {\n").append(indent).append("}\n");
      i = j;
    }
    return out.toString();
  }
}
