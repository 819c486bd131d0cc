package dev.leibniz.processor.rules;

import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.FunctionRef;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * What the processor knows of one differentiable method: how it is differentiated, its
 * signature, and the names of its generated forms.
 */
public final class FunctionInfo {

  /** How a method's derivatives are obtained. */
  public enum Kind {
    /** {@code @Differentiable}: derived from the body. */
    DERIVED,
    /** {@code @CustomJvp("rule")}. */
    CUSTOM_JVP,
    /** {@code @CustomJvp(perArgument = ...)}. */
    CUSTOM_JVP_PER_ARGUMENT,
    /** {@code @CustomVjp(fwd, bwd)}. */
    CUSTOM_VJP,
    /** A rule method differentiated from its body for second-order forms. */
    RULE,
    /** Compiled earlier: only its generated forms are known. */
    EXTERNAL
  }

  /** A parameter: name, type, and whether it belongs to D (SPEC §3). */
  public record ParamInfo(String name, Type type, boolean nonDiff, boolean differentiable) {}

  private final FunctionRef ref;
  private final Kind kind;
  private final List<ParamInfo> params;
  private final Type resultType;
  private final int order;
  private final ClassRef derivativesClass;
  private final String jvpRule;
  private final List<String> perArgumentRules;
  private final String fwdRule;
  private final String bwdRule;

  /** What the nested types and private helpers of a second, third... overload end with (SPEC §5). */
  private String overloadSuffix = "";
  /** Whether the owner has other methods of this name, so calls of it must not be ambiguous. */
  private boolean overloaded;
  /** Whether forward mode exists: no custom VJP rule on the way (set by the processor). */
  private boolean hasJvp = true;
  /** Whether the forward form of the forward form is needed (second order). */
  private boolean secondOrder;
  private boolean pure;
  private java.util.Set<Integer> writtenParams = java.util.Set.of();
  private java.util.Set<Integer> writtenRecordParams = java.util.Set.of();
  private java.util.Set<Integer> returnedParams = java.util.Set.of();
  /** Whether a forward form is needed although forward mode is not public (a custom VJP on the way). */
  private boolean tangent;
  /**
   * The IR the forms are made from: the body ({@code DERIVED}, {@code RULE}); the full JVP
   * function, the method's parameters then their tangents ({@code CUSTOM_JVP}, per-argument rules
   * inlined); the tangent computed from the VJP rule ({@code CUSTOM_VJP}, second order only).
   */
  private Function ir;
  /** The body of a method with custom rules, read for what it does to arrays; null when it could not be. */
  private Function primalBody;
  /** {@code Fwd<R, Res>}: what the forward rule of a {@code @CustomVjp} method returns. */
  private Type fwdType;
  /** What the backward rule of a {@code @CustomVjp} method returns. */
  private Type cotangentType;

  public FunctionInfo(FunctionRef ref, Kind kind, List<ParamInfo> params, Type resultType, int order,
      ClassRef derivativesClass, String jvpRule, List<String> perArgumentRules, String fwdRule,
      String bwdRule) {
    this.ref = ref;
    this.kind = kind;
    this.params = List.copyOf(params);
    this.resultType = resultType;
    this.order = order;
    this.derivativesClass = derivativesClass;
    this.jvpRule = jvpRule;
    this.perArgumentRules = perArgumentRules == null ? List.of() : List.copyOf(perArgumentRules);
    this.fwdRule = fwdRule;
    this.bwdRule = bwdRule;
  }

  public FunctionRef ref() {
    return ref;
  }

  public String name() {
    return ref.name();
  }

  public Kind kind() {
    return kind;
  }

  public List<ParamInfo> params() {
    return params;
  }

  public List<ParamInfo> differentiableParams() {
    List<ParamInfo> d = new ArrayList<>();
    for (ParamInfo p : params) {
      if (p.differentiable()) {
        d.add(p);
      }
    }
    return d;
  }

  public List<ParamInfo> nonDiffParams() {
    List<ParamInfo> n = new ArrayList<>();
    for (ParamInfo p : params) {
      if (p.nonDiff()) {
        n.add(p);
      }
    }
    return n;
  }

  public Type resultType() {
    return resultType;
  }

  public boolean scalarResult() {
    return resultType.isFloating();
  }

  public int order() {
    return order;
  }

  public ClassRef derivativesClass() {
    return derivativesClass;
  }

  public String jvpRule() {
    return jvpRule;
  }

  public List<String> perArgumentRules() {
    return perArgumentRules;
  }

  public String fwdRule() {
    return fwdRule;
  }

  public String bwdRule() {
    return bwdRule;
  }

  public boolean hasJvp() {
    return hasJvp;
  }

  public void setHasJvp(boolean hasJvp) {
    this.hasJvp = hasJvp;
  }

  public boolean secondOrder() {
    return secondOrder;
  }

  public void setSecondOrder(boolean secondOrder) {
    this.secondOrder = secondOrder;
  }

  /** The positions of the array parameters the method writes into (SPEC §5a). */
  public java.util.Set<Integer> writtenParams() {
    return writtenParams;
  }

  /**
   * The positions of the differentiable array parameters the method writes into: its pullback
   * takes their cotangent arrays and updates them in place.
   */
  public java.util.Set<Integer> inPlaceParams() {
    java.util.Set<Integer> out = new java.util.TreeSet<>();
    for (int k : writtenParams) {
      if (params.get(k).differentiable()) {
        out.add(k);
      }
    }
    return out;
  }

  /**
   * The positions of the array arguments a call of {@code form} writes into: the written
   * parameters, and in forward forms their tangents too (updated in place).
   */
  public java.util.Set<Integer> writtenArguments(Callee.Form form) {
    java.util.Set<Integer> written = writtenParams;
    if (form == Callee.Form.JVP || form == Callee.Form.JVP2) {
      written = withTangents(written, differentiableMask(Callee.Form.PRIMAL));
    }
    if (form == Callee.Form.JVP2) {
      written = withTangents(written, differentiableMask(Callee.Form.JVP));
    }
    return written;
  }

  /** {@code written} and the positions of their tangents, which follow the arguments {@code mask} describes. */
  private static java.util.Set<Integer> withTangents(java.util.Set<Integer> written, List<Boolean> mask) {
    java.util.Set<Integer> out = new java.util.TreeSet<>(written);
    int tangent = mask.size();
    for (int i = 0; i < mask.size(); i++) {
      if (mask.get(i)) {
        if (written.contains(i)) {
          out.add(tangent);
        }
        tangent++;
      }
    }
    return out;
  }

  /** The positions of the record parameters holding an array the method writes into (an error: see Diagnostic). */
  public java.util.Set<Integer> writtenRecordParams() {
    return writtenRecordParams;
  }

  public void setWrittenRecordParams(java.util.Set<Integer> positions) {
    this.writtenRecordParams = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(positions));
  }

  /**
   * The positions of the parameters whose arrays the method's result may hold (returned, or in a
   * returned record): see {@code ArrayWrites}.
   */
  public java.util.Set<Integer> returnedParams() {
    return returnedParams;
  }

  public void setReturnedParams(java.util.Set<Integer> positions) {
    this.returnedParams = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(positions));
  }

  public void setWrittenParams(java.util.Set<Integer> writtenParams) {
    // in parameter order: generated code iterates them, and must be the same on every run
    this.writtenParams = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(writtenParams));
  }

  /** Whether the method's body has no side effect, so an unused call of it may be dropped. */
  public boolean pure() {
    return pure;
  }

  public void setPure(boolean pure) {
    this.pure = pure;
  }

  /** Whether a forward form is generated: public {@code mJvp}, or {@code mTangent} for second order. */
  public boolean hasForwardForm() {
    return hasJvp || tangent;
  }

  public void setTangent(boolean tangent) {
    this.tangent = tangent;
  }

  public Function ir() {
    return ir;
  }

  /** The body of a method with custom rules, as far as the processor can read it; else null. */
  public Function primalBody() {
    return primalBody;
  }

  public void setPrimalBody(Function primalBody) {
    this.primalBody = primalBody;
  }

  public void setIr(Function ir) {
    this.ir = ir;
  }

  public Type fwdType() {
    return fwdType;
  }

  public Type cotangentType() {
    return cotangentType;
  }

  public void setVjpRuleTypes(Type fwdType, Type cotangentType) {
    this.fwdType = fwdType;
    this.cotangentType = cotangentType;
  }

  /**
   * The {@code k}-th annotated method of its name in its class (declaration order, from 1): from
   * the second on, its nested types and private helpers end with {@code k} ({@code FGradient2}).
   */
  public void setOverload(int k, boolean overloaded) {
    setOverload(k == 1 ? "" : String.valueOf(k), overloaded);
  }

  /** The overload's suffix, as read from a class compiled earlier. */
  public void setOverload(String suffix, boolean overloaded) {
    this.overloadSuffix = suffix;
    this.overloaded = overloaded;
  }

  /** What this overload's nested types end with: "" for the first, "2" for the second... */
  public String overloadSuffix() {
    return overloadSuffix;
  }

  /** Whether the owner has other methods of this name (generated calls of it then cast null arguments). */
  public boolean overloaded() {
    return overloaded;
  }

  /** The name of a nested type or private helper of this method: {@code base}, with the overload's suffix. */
  public String helperName(String base) {
    return base + overloadSuffix;
  }

  /** {@code name(double, P[])}: a method's name and parameter types as the user writes them. */
  public static String signature(String name, List<Type> types) {
    List<String> simple = new ArrayList<>();
    for (Type t : types) {
      simple.add(simpleName(FunctionRef.erased(t)));
    }
    return name + "(" + String.join(", ", simple) + ")";
  }

  private static String simpleName(Type t) {
    if (t instanceof Type.Array a) {
      return simpleName(a.element()) + "[]";
    }
    return t instanceof Type.Ref r ? r.cls().simpleName() : t.toString();
  }

  /** {@code fooBar} becomes {@code FooBar}. */
  public String capitalized() {
    return Namer.capitalized(name());
  }

  /** The gradient type G: the parameter's own type for one, else the {@code MGradient} record. */
  public Type gradientType() {
    List<ParamInfo> d = differentiableParams();
    if (d.size() == 1) {
      return d.get(0).type();
    }
    List<Type.Component> components = new ArrayList<>();
    for (ParamInfo p : d) {
      components.add(new Type.Component(p.name(), p.type()));
    }
    return new Type.Record(derivativesClass.nested(helperName(GeneratedNames.nested(name(), GeneratedNames.GRADIENT))), List.of(), components);
  }

  /** Whether the method returns nothing: its results are the arrays it writes into (SPEC §5a). */
  public boolean isVoid() {
    return resultType == Type.Prim.VOID;
  }

  /**
   * The type {@code mJvp} returns: {@code Dual} for a double result, {@code void} for a {@code void}
   * method (the tangents of its written arrays are updated in place), else {@code Jvp<R>}.
   */
  public Type jvpResultType() {
    return jvpResultType(resultType);
  }

  /** What a forward form returns for a result of type {@code t}: {@code Dual}, {@code Jvp<T>}, or nothing. */
  public static Type jvpResultType(Type t) {
    if (t == Type.Prim.VOID) {
      return t;
    }
    return t == Type.Prim.DOUBLE ? Known.dualType() : Known.jvpType(t);
  }

  public ClassRef vjpClass() {
    return derivativesClass.nested(helperName(GeneratedNames.nested(name(), GeneratedNames.VJP)));
  }

  public ClassRef valueAndGradClass() {
    return derivativesClass.nested(helperName(GeneratedNames.nested(name(), GeneratedNames.VALUE_AND_GRAD)));
  }

  /** The owner and name of a generated form. */
  public String formName(Callee.Form form) {
    return switch (form) {
      case PRIMAL -> name();
      case JVP -> GeneratedNames.form(name(), hasJvp ? GeneratedNames.JVP : GeneratedNames.TANGENT);
      case JVP2 -> GeneratedNames.form(formName(Callee.Form.JVP), GeneratedNames.JVP);
      case VJP -> GeneratedNames.form(name(), GeneratedNames.VJP);
    };
  }

  /** Which parameters of a form are differentiable: D, then (for forward forms) the tangents. */
  public List<Boolean> differentiableMask(Callee.Form form) {
    List<Boolean> mask = new ArrayList<>();
    for (ParamInfo p : params) {
      mask.add(p.differentiable());
    }
    int k = differentiableParams().size();
    if (form == Callee.Form.JVP || form == Callee.Form.JVP2) {
      for (int i = 0; i < k; i++) {
        mask.add(true);
      }
    }
    if (form == Callee.Form.JVP2) {
      List<Boolean> level1 = new ArrayList<>(mask);
      for (boolean b : level1) {
        if (b) {
          mask.add(true);
        }
      }
    }
    return mask;
  }

  /** The parameter types of a form: the method's, then (forward forms) the tangents of the differentiable ones. */
  public List<Type> formParameterTypes(Callee.Form form) {
    List<Type> types = new ArrayList<>();
    params.forEach(p -> types.add(p.type()));
    if (form == Callee.Form.JVP || form == Callee.Form.JVP2) {
      differentiableParams().forEach(p -> types.add(p.type()));
    }
    if (form == Callee.Form.JVP2) {
      List<Boolean> mask = differentiableMask(Callee.Form.JVP);
      for (int i = 0; i < mask.size(); i++) {
        if (mask.get(i)) {
          types.add(types.get(i));
        }
      }
    }
    return types;
  }

  /** The result type of a form. */
  public Type formResultType(Callee.Form form) {
    return switch (form) {
      case PRIMAL -> resultType;
      case JVP -> jvpResultType();
      case JVP2 -> isVoid() ? resultType : Known.jvpType(jvpResultType());
      case VJP -> Type.Ref.of(vjpClass());
    };
  }

  public ClassRef formOwner(Callee.Form form) {
    return form == Callee.Form.PRIMAL ? ref.owner() : derivativesClass;
  }

  @Override
  public String toString() {
    return ref.toString();
  }
}
