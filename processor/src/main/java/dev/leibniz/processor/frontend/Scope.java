package dev.leibniz.processor.frontend;

import java.util.HashMap;
import java.util.Map;

/** Local names in a block and the blocks around it. */
final class Scope {
  private final Scope parent;
  private final Map<String, Value> locals = new HashMap<>();
  /** A lambda body's scope: names found outside it are captures. */
  private final boolean lambdaBoundary;

  Scope(Scope parent, boolean lambdaBoundary) {
    this.parent = parent;
    this.lambdaBoundary = lambdaBoundary;
  }

  Scope child() {
    return new Scope(this, false);
  }

  void define(String name, Value value) {
    locals.put(name, value);
  }

  /** The local {@code name}, or null. */
  Value lookup(String name) {
    for (Scope s = this; s != null; s = s.parent) {
      Value v = s.locals.get(name);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /** Whether {@code name} resolves outside the innermost enclosing lambda. */
  boolean isCapture(String name) {
    for (Scope s = this; s != null; s = s.parent) {
      if (s.locals.containsKey(name)) {
        return false;
      }
      if (s.lambdaBoundary) {
        return s.parent != null && s.parent.lookup(name) != null;
      }
    }
    return false;
  }
}
