package dev.leibniz.processor.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.leibniz.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The runtime's {@code DistinctArrays.check} over the arrays plain Java code gives a generated form
 * besides the primal ones: {@code mJvp}'s tangents, which it updates in place, and an in-place
 * pullback's cotangents. One array given for two of them, one written, would be read after it is
 * overwritten ({@code fJvp(w, w)}, one direction for two parameters), so the form throws first.
 */
final class AliasChecks {
  private static final ClassName DISTINCT = ClassName.get("dev.leibniz.runtime", "DistinctArrays");

  private AliasChecks() {}

  /** The check of {@code arrays} (those {@code written} are updated in place), or nothing when none can clash. */
  static CodeBlock distinct(String method, List<Var> arrays, Predicate<Var> written) {
    if (arrays.size() < 2 || arrays.stream().noneMatch(written)) {
      return CodeBlock.of("");
    }
    List<CodeBlock> args = new ArrayList<>(List.of(CodeBlock.of("$S", method)));
    for (Var v : arrays) {
      args.add(CodeBlock.of("$S, $L, $L", v.name(), written.test(v), v.name()));
    }
    return CodeBlock.builder().addStatement("$T.check($L)", DISTINCT, CodeBlock.join(args, ", ")).build();
  }
}
