package dev.leibniz.processor.rules;

import dev.leibniz.processor.ir.FunctionRef;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Every differentiable method the processor knows in this compilation: the annotated methods of
 * this round, rule methods differentiated for second order, and methods of classes compiled
 * earlier (looked up on demand through their generated {@code …Derivatives} class).
 */
public final class FunctionTable {
  private final Map<FunctionRef, FunctionInfo> functions = new LinkedHashMap<>();
  private final Function<FunctionRef, FunctionInfo> external;

  public FunctionTable(Function<FunctionRef, FunctionInfo> external) {
    this.external = external;
  }

  public void add(FunctionInfo info) {
    functions.put(info.ref(), info);
  }

  /** The method {@code ref}, or null when it is not differentiable. */
  public FunctionInfo get(FunctionRef ref) {
    FunctionInfo info = functions.get(ref);
    if (info == null && !functions.containsKey(ref)) {
      info = external.apply(ref);
      functions.put(ref, info);
    }
    return info;
  }

  /** The functions added in this round, in order (external ones excluded). */
  public Collection<FunctionInfo> all() {
    return functions.values().stream()
        .filter(f -> f != null && f.kind() != FunctionInfo.Kind.EXTERNAL).toList();
  }
}
