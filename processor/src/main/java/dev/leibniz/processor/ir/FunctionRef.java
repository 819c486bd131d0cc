package dev.leibniz.processor.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * An annotated static method, by class, name and erased parameter types (see {@link #erased}):
 * overloads are different functions.
 */
public record FunctionRef(ClassRef owner, String name, List<Type> parameterTypes) {
  public FunctionRef {
    List<Type> erased = new ArrayList<>();
    for (Type t : parameterTypes) {
      erased.add(erased(t));
    }
    parameterTypes = List.copyOf(erased);
  }

  /** {@code t} as Java erases it: classes and records without their type arguments or components. */
  public static Type erased(Type t) {
    if (t instanceof Type.Array a) {
      return new Type.Array(erased(a.element()));
    } else if (t instanceof Type.Ref r) {
      return Type.Ref.of(r.cls());
    } else if (t instanceof Type.Record r) {
      return Type.Ref.of(r.cls());
    }
    return t;
  }

  @Override
  public String toString() {
    return owner.simpleName() + "." + name;
  }
}
