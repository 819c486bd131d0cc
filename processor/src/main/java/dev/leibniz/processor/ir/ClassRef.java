package dev.leibniz.processor.ir;

import java.util.ArrayList;
import java.util.List;

/** A class by package and nested simple names, e.g. {@code java.util.function} + {@code [DoubleUnaryOperator]}. */
public record ClassRef(String packageName, List<String> simpleNames) {
  public ClassRef {
    simpleNames = List.copyOf(simpleNames);
  }

  public static ClassRef of(String packageName, String... simpleNames) {
    return new ClassRef(packageName, List.of(simpleNames));
  }

  public String simpleName() {
    return simpleNames.get(simpleNames.size() - 1);
  }

  public ClassRef nested(String name) {
    List<String> names = new ArrayList<>(simpleNames);
    names.add(name);
    return new ClassRef(packageName, names);
  }

  /** The canonical name, as {@code dev.leibniz.runtime.Dual}. */
  public String canonicalName() {
    String nested = String.join(".", simpleNames);
    return packageName.isEmpty() ? nested : packageName + "." + nested;
  }

  @Override
  public String toString() {
    return canonicalName();
  }
}
