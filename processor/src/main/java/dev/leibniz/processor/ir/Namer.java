package dev.leibniz.processor.ir;

import java.util.HashSet;
import java.util.Set;

/**
 * Hands out variable names unique within one generated method. User variables keep their names
 * where they can ({@link #declare}); generated ones ({@link #fresh}, {@link #temp}) also avoid every
 * identifier of the user's source, so they never shadow a field or a class.
 */
public final class Namer {
  private final Set<String> taken = new HashSet<>();
  private final Set<String> reserved = new HashSet<>();
  private int nextTemp = 1;

  public Namer(Set<String> reserved) {
    this.reserved.addAll(reserved);
  }

  /** {@code fooBar} becomes {@code FooBar}: names derived from a method's or a component's name. */
  public static String capitalized(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** Marks {@code name} as used. */
  public void take(String name) {
    taken.add(name);
  }

  /** A user's variable: its own name unless an earlier variable of this method has it. */
  public String declare(String name) {
    if (taken.add(name)) {
      return name;
    }
    return fresh(name);
  }

  /** {@code base} if free, else {@code base2}, {@code base3}, ... */
  public String fresh(String base) {
    if (!reserved.contains(base) && taken.add(base)) {
      return base;
    }
    for (int i = 2; ; i++) {
      String candidate = base + i;
      if (!reserved.contains(candidate) && taken.add(candidate)) {
        return candidate;
      }
    }
  }

  /** A fresh temporary: {@code t1}, {@code t2}, ... */
  public String temp() {
    while (true) {
      String candidate = "t" + nextTemp++;
      if (!reserved.contains(candidate) && taken.add(candidate)) {
        return candidate;
      }
    }
  }

  public Var fresh(String base, Type type) {
    return new Var(fresh(base), type);
  }

  public Var temp(Type type) {
    return new Var(temp(), type);
  }

  /** A namer for a method derived from {@code f}: its variables and reserved names are taken. */
  public static Namer forFunction(Function f) {
    Namer n = new Namer(f.reserved());
    for (Param p : f.params()) {
      n.take(p.var().name());
    }
    for (Var v : Stmts.mentioned(f.body())) {
      n.take(v.name());
    }
    return n;
  }
}
