package dev.leibniz.processor.codegen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.leibniz.processor.rules.FunctionInfo;
import java.util.Collection;
import java.util.List;

/**
 * The runtime's {@code @Primal} on a generated {@code mVjp}: what a later compilation calling the
 * method reads back ({@code ExternalFunctions}), as its class files keep no body and, without
 * {@code -g}, no parameter names.
 */
final class PrimalFacts {
  static final ClassName PRIMAL = ClassName.get("dev.leibniz.runtime", "Primal");

  private PrimalFacts() {}

  static AnnotationSpec of(FunctionInfo f) {
    AnnotationSpec.Builder a = AnnotationSpec.builder(PRIMAL)
        .addMember("parameters", "$L", array(f.params().stream().map(p -> CodeBlock.of("$S", p.name())).toList()));
    if (!f.writtenParams().isEmpty()) {
      a.addMember("writes", "$L", positions(f.writtenParams()));
    }
    if (!f.returnedParams().isEmpty()) {
      a.addMember("returns", "$L", positions(f.returnedParams()));
    }
    return a.build();
  }

  private static CodeBlock positions(Collection<Integer> positions) {
    return array(positions.stream().map(k -> CodeBlock.of("$L", k)).toList());
  }

  private static CodeBlock array(List<CodeBlock> items) {
    return CodeBlock.of("{$L}", CodeBlock.join(items, ", "));
  }
}
