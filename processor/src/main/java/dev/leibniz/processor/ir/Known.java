package dev.leibniz.processor.ir;

/** Classes the IR and the generated code refer to by name. */
public final class Known {
  private Known() {}

  public static final String RUNTIME = "dev.leibniz.runtime";

  public static final ClassRef DUAL = ClassRef.of(RUNTIME, "Dual");
  public static final ClassRef JVP = ClassRef.of(RUNTIME, "Jvp");
  public static final ClassRef FWD = ClassRef.of(RUNTIME, "Fwd");
  public static final ClassRef LEIBNIZ = ClassRef.of(RUNTIME, "Leibniz");
  public static final ClassRef TAPE = ClassRef.of(RUNTIME, "Tape");
  public static final ClassRef SHAPES = ClassRef.of(RUNTIME, "Shapes");
  public static final ClassRef DIFF_UNARY = ClassRef.of(RUNTIME, "DifferentiableUnaryOperator");
  public static final ClassRef DIFF_BINARY = ClassRef.of(RUNTIME, "DifferentiableBinaryOperator");

  public static final ClassRef UNARY_OPERATOR = ClassRef.of("java.util.function", "DoubleUnaryOperator");
  public static final ClassRef BINARY_OPERATOR = ClassRef.of("java.util.function", "DoubleBinaryOperator");

  public static final ClassRef MATH = ClassRef.of("java.lang", "Math");
  public static final ClassRef STRICT_MATH = ClassRef.of("java.lang", "StrictMath");
  public static final ClassRef OBJECT = ClassRef.of("java.lang", "Object");
  public static final ClassRef STRING = ClassRef.of("java.lang", "String");

  public static final Type.Ref TAPE_TYPE = Type.Ref.of(TAPE);

  /** Whether {@code type} is a function value the processor can differentiate through. */
  public static boolean isFunction(Type type) {
    return type instanceof Type.Ref r
        && (r.cls().equals(UNARY_OPERATOR) || r.cls().equals(BINARY_OPERATOR)
            || r.cls().equals(DIFF_UNARY) || r.cls().equals(DIFF_BINARY));
  }

  /** The arity of a function value type: 1 or 2. */
  public static int arity(Type type) {
    Type.Ref r = (Type.Ref) type;
    return r.cls().equals(UNARY_OPERATOR) || r.cls().equals(DIFF_UNARY) ? 1 : 2;
  }

  /** The {@code Dual} record type. */
  public static Type.Record dualType() {
    return new Type.Record(DUAL, java.util.List.of(), java.util.List.of(
        new Type.Component("value", Type.Prim.DOUBLE), new Type.Component("tangent", Type.Prim.DOUBLE)));
  }

  /** {@code Jvp<T>}, with {@code T} as the component type of both value and tangent. */
  public static Type.Record jvpType(Type t) {
    return new Type.Record(JVP, java.util.List.of(t), java.util.List.of(
        new Type.Component("value", t), new Type.Component("tangent", t)));
  }

  /** {@code Fwd<T, R>}. */
  public static Type.Record fwdType(Type t, Type residuals) {
    return new Type.Record(FWD, java.util.List.of(t, residuals), java.util.List.of(
        new Type.Component("value", t), new Type.Component("residuals", residuals)));
  }
}
