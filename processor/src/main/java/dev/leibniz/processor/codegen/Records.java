package dev.leibniz.processor.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import javax.lang.model.element.Modifier;

/** Record declarations of the generated classes ({@code MGradient}, {@code MValueAndGrad}). */
final class Records {
  private Records() {}

  /** {@code public record name(componentTypes[0] componentNames[0], …) {}}, nested. */
  static TypeSpec record(String name, List<String> componentNames, List<TypeName> componentTypes, CodeBlock javadoc) {
    MethodSpec.Builder components = MethodSpec.constructorBuilder();
    for (int i = 0; i < componentNames.size(); i++) {
      components.addParameter(componentTypes.get(i), componentNames.get(i));
    }
    return TypeSpec.recordBuilder(name)
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc(javadoc)
        .recordConstructor(components.build())
        .build();
  }
}
