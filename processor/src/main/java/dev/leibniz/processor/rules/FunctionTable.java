package dev.leibniz.processor.rules;

import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.FunctionRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every differentiable method the processor knows in this compilation: the annotated methods of
 * this round, rule methods differentiated for second order, and methods of classes compiled
 * earlier (looked up on demand through their generated {@code …Derivatives} class).
 */
public final class FunctionTable {
  private final Map<FunctionRef, FunctionInfo> functions = new LinkedHashMap<>();
  private final External external;

  /** Methods compiled earlier. */
  public interface External {
    /** The method {@code ref}, or null when it has no generated forms. */
    FunctionInfo function(FunctionRef ref);

    /** The static methods of {@code owner} named {@code name}, overloads in declaration order. */
    List<FunctionRef> named(ClassRef owner, String name);
  }

  public FunctionTable(External external) {
    this.external = external;
  }

  public void add(FunctionInfo info) {
    functions.put(info.ref(), info);
  }

  /** The method {@code ref}, or null when it is not differentiable. */
  public FunctionInfo get(FunctionRef ref) {
    FunctionInfo info = functions.get(ref);
    if (info == null && !functions.containsKey(ref)) {
      info = external.function(ref);
      functions.put(ref, info);
    }
    return info;
  }

  /** The differentiable overloads of {@code owner}'s {@code name}: of this round, else compiled earlier. */
  public List<FunctionInfo> overloads(ClassRef owner, String name) {
    List<FunctionInfo> out = new ArrayList<>();
    for (FunctionInfo f : all()) {
      if (f.ref().owner().equals(owner) && f.name().equals(name)) {
        out.add(f);
      }
    }
    if (out.isEmpty()) {
      for (FunctionRef ref : external.named(owner, name)) {
        FunctionInfo f = get(ref);
        if (f != null) {
          out.add(f);
        }
      }
    }
    return out;
  }

  /** The functions added in this round, in order (external ones excluded). */
  public Collection<FunctionInfo> all() {
    return functions.values().stream()
        .filter(f -> f != null && f.kind() != FunctionInfo.Kind.EXTERNAL).toList();
  }
}
