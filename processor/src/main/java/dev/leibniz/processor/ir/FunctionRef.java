package dev.leibniz.processor.ir;

/** An annotated static method, by class and name (annotated methods are never overloaded). */
public record FunctionRef(ClassRef owner, String name) {
  @Override
  public String toString() {
    return owner.simpleName() + "." + name;
  }
}
