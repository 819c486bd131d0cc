package dev.leibniz.processor.ir;

import java.util.List;
import java.util.stream.Collectors;

/** The types the IR knows: primitives, arrays, records (flattened by the front end), other classes. */
public sealed interface Type permits Type.Prim, Type.Array, Type.Ref, Type.Record {

  /** Whether values of this type carry a tangent: {@code double}, {@code float}, and arrays of them. */
  default boolean isDifferentiable() {
    return this == Prim.DOUBLE || this == Prim.FLOAT
        || (this instanceof Array a && a.element().isDifferentiable());
  }

  default boolean isFloating() {
    return this == Prim.DOUBLE || this == Prim.FLOAT;
  }

  /** Primitive types. */
  enum Prim implements Type {
    BOOLEAN("boolean"), BYTE("byte"), SHORT("short"), CHAR("char"), INT("int"), LONG("long"),
    FLOAT("float"), DOUBLE("double"), VOID("void");

    private final String keyword;

    Prim(String keyword) {
      this.keyword = keyword;
    }

    public String keyword() {
      return keyword;
    }

    public boolean isNumeric() {
      return this != BOOLEAN && this != VOID;
    }

    public boolean isIntegral() {
      return isNumeric() && !isFloating();
    }

    /** The boxed class, as {@code java.lang.Double}. */
    public ClassRef boxed() {
      String name = switch (this) {
        case INT -> "Integer";
        case CHAR -> "Character";
        default -> Namer.capitalized(keyword);
      };
      return new ClassRef("java.lang", List.of(name));
    }

    @Override
    public String toString() {
      return keyword;
    }
  }

  /** An array type. */
  record Array(Type element) implements Type {
    @Override
    public String toString() {
      return element + "[]";
    }
  }

  /** A class or interface type other than a record, with its type arguments. */
  record Ref(ClassRef cls, List<Type> args) implements Type {
    public Ref {
      args = List.copyOf(args);
    }

    public static Ref of(ClassRef cls) {
      return new Ref(cls, List.of());
    }

    @Override
    public String toString() {
      return args.isEmpty() ? cls.toString()
          : cls + args.stream().map(Type::toString).collect(Collectors.joining(", ", "<", ">"));
    }
  }

  /**
   * A record type with its components, type arguments substituted. Boxed type arguments
   * ({@code Jvp<Float>}) appear as primitive component types: Java boxes and unboxes them.
   */
  record Record(ClassRef cls, List<Type> args, List<Component> components) implements Type {
    public Record {
      args = List.copyOf(args);
      components = List.copyOf(components);
    }

    public Component component(String name) {
      for (Component c : components) {
        if (c.name().equals(name)) {
          return c;
        }
      }
      return null;
    }

    @Override
    public String toString() {
      return args.isEmpty() ? cls.toString()
          : cls + args.stream().map(Type::toString).collect(Collectors.joining(", ", "<", ">"));
    }
  }

  /** A record component. */
  record Component(String name, Type type) {}
}
