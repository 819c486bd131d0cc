package dev.leibniz.processor.frontend;

import dev.leibniz.processor.diagnostics.Diagnostic;
import dev.leibniz.processor.diagnostics.Message;
import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Converts between javac's {@link TypeMirror}s and IR {@link Type}s. */
public final class TypeMapper {
  private final Elements elements;
  private final Types types;
  private final Deque<String> recordsInProgress = new ArrayDeque<>();

  public TypeMapper(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** Thrown for a type the IR cannot represent; the message says why. */
  public static final class UnsupportedTypeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Message message;

    UnsupportedTypeException(Message message) {
      super(message.text(), null, false, false);
      this.message = message;
    }

    public Message message() {
      return message;
    }
  }

  public Type toIr(TypeMirror mirror) {
    switch (mirror.getKind()) {
      case BOOLEAN: return Type.Prim.BOOLEAN;
      case BYTE: return Type.Prim.BYTE;
      case SHORT: return Type.Prim.SHORT;
      case CHAR: return Type.Prim.CHAR;
      case INT: return Type.Prim.INT;
      case LONG: return Type.Prim.LONG;
      case FLOAT: return Type.Prim.FLOAT;
      case DOUBLE: return Type.Prim.DOUBLE;
      case VOID: return Type.Prim.VOID;
      case ARRAY: return new Type.Array(toIr(((ArrayType) mirror).getComponentType()));
      case DECLARED: return declared((DeclaredType) mirror);
      case TYPEVAR:
        return toIr(types.erasure(mirror));
      default:
        throw new UnsupportedTypeException(Diagnostic.UNSUPPORTED_TYPE.of(mirror));
    }
  }

  private Type declared(DeclaredType type) {
    TypeElement element = (TypeElement) type.asElement();
    ClassRef cls = classRef(element);
    List<Type> args = new ArrayList<>();
    for (TypeMirror arg : type.getTypeArguments()) {
      if (arg.getKind() == TypeKind.WILDCARD) {
        throw new UnsupportedTypeException(Diagnostic.WILDCARD_TYPE.of(type));
      }
      args.add(unboxed(toIr(arg)));
    }
    if (element.getKind() != ElementKind.RECORD) {
      return new Type.Ref(cls, args);
    }
    String name = cls.canonicalName();
    if (recordsInProgress.contains(name)) {
      throw new UnsupportedTypeException(Diagnostic.RECURSIVE_RECORD.of(name));
    }
    recordsInProgress.push(name);
    try {
      List<Type.Component> components = new ArrayList<>();
      for (javax.lang.model.element.RecordComponentElement e : element.getRecordComponents()) {
        TypeMirror componentType =
            ((javax.lang.model.type.ExecutableType) types.asMemberOf(type, e.getAccessor())).getReturnType();
        components.add(new Type.Component(e.getSimpleName().toString(), unboxed(toIr(componentType))));
      }
      return new Type.Record(cls, args, components);
    } finally {
      recordsInProgress.pop();
    }
  }

  /** {@code java.lang.Double} as {@code double}, and so on; other types as they are. */
  public static Type unboxed(Type type) {
    if (type instanceof Type.Ref r && r.cls().packageName().equals("java.lang") && r.args().isEmpty()) {
      for (Type.Prim p : Type.Prim.values()) {
        if (p != Type.Prim.VOID && p.boxed().equals(r.cls())) {
          return p;
        }
      }
    }
    return type;
  }

  public ClassRef classRef(TypeElement element) {
    List<String> names = new ArrayList<>();
    Element e = element;
    while (e instanceof TypeElement) {
      names.add(0, e.getSimpleName().toString());
      e = e.getEnclosingElement();
    }
    String pkg = elements.getPackageOf(element).getQualifiedName().toString();
    return new ClassRef(pkg, names);
  }

  public TypeElement element(ClassRef cls) {
    return elements.getTypeElement(cls.canonicalName());
  }

  /** The mirror of an IR type, for overload resolution; records and classes are erased. */
  public TypeMirror toMirror(Type type) {
    if (type instanceof Type.Prim p) {
      return switch (p) {
        case BOOLEAN -> types.getPrimitiveType(TypeKind.BOOLEAN);
        case BYTE -> types.getPrimitiveType(TypeKind.BYTE);
        case SHORT -> types.getPrimitiveType(TypeKind.SHORT);
        case CHAR -> types.getPrimitiveType(TypeKind.CHAR);
        case INT -> types.getPrimitiveType(TypeKind.INT);
        case LONG -> types.getPrimitiveType(TypeKind.LONG);
        case FLOAT -> types.getPrimitiveType(TypeKind.FLOAT);
        case DOUBLE -> types.getPrimitiveType(TypeKind.DOUBLE);
        case VOID -> types.getNoType(TypeKind.VOID);
      };
    }
    if (type instanceof Type.Array a) {
      return types.getArrayType(toMirror(a.element()));
    }
    ClassRef cls = type instanceof Type.Ref r ? r.cls() : ((Type.Record) type).cls();
    TypeElement element = element(cls);
    if (element == null) {
      return types.getNullType();
    }
    if (type instanceof Type.Ref r && !r.args().isEmpty() && r.args().size() == element.getTypeParameters().size()) {
      // List<Double>: its methods' results are Double, not Object (Overloads.resultTypeOf)
      TypeMirror[] args = new TypeMirror[r.args().size()];
      for (int i = 0; i < args.length; i++) {
        args[i] = toMirror(r.args().get(i)); // kept unboxed (declared): List<double> is List<Double>
        if (args[i] instanceof javax.lang.model.type.PrimitiveType p) {
          args[i] = types.boxedClass(p).asType();
        }
        if (!(args[i] instanceof javax.lang.model.type.DeclaredType || args[i] instanceof javax.lang.model.type.ArrayType)) {
          return types.erasure(element.asType());
        }
      }
      return types.getDeclaredType(element, args);
    }
    return types.erasure(element.asType());
  }

  public Types types() {
    return types;
  }

  public Elements elements() {
    return elements;
  }
}
