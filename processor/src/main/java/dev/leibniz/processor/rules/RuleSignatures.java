package dev.leibniz.processor.rules;

import dev.leibniz.processor.diagnostics.Diagnostic;
import dev.leibniz.processor.diagnostics.Message;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The signatures custom rules must have (SPEC §6), checked against what the user wrote. A rule
 * that is missing, not static or of another signature is an error that prints the expected one.
 */
public final class RuleSignatures {
  private final Elements elements;
  private final Types types;

  public RuleSignatures(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** A rule signature problem, with the element to report it on. */
  public static final class RuleException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Element element;
    private final transient Message message;

    public RuleException(Element element, Message message) {
      super(message.text(), null, false, false);
      this.element = element;
      this.message = message;
    }

    public Message message() {
      return message;
    }

    public Element element() {
      return element;
    }
  }

  /** An expected signature: return type and parameters. */
  private record Expected(TypeMirror result, List<TypeMirror> params, List<String> names) {}

  /** The full JVP rule of {@code method}: {@code static Dual|Jvp<R> rule(P..., T...)}. */
  public ExecutableElement jvpRule(ExecutableElement method, String name, List<FunctionInfo.ParamInfo> params) {
    List<TypeMirror> types = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (VariableElement p : method.getParameters()) {
      types.add(p.asType());
      names.add(p.getSimpleName().toString());
    }
    for (int i = 0; i < params.size(); i++) {
      if (params.get(i).differentiable()) {
        types.add(method.getParameters().get(i).asType());
        names.add(params.get(i).name() + "Dot");
      }
    }
    return find(method, name, "@CustomJvp rule", new Expected(jvpType(method.getReturnType()), types, names));
  }

  /**
   * A per-argument rule: {@code static R rule(Ti piDot, R primalOut, P...)}, returning the
   * parameter's contribution to the result's tangent (JAX {@code defjvps}). SPEC §6 writes the
   * result type as {@code Ti}; both are the same for scalars, and for an array parameter of a
   * scalar method only {@code R} has a meaning (the contributions are summed into the tangent).
   */
  public ExecutableElement perArgumentRule(ExecutableElement method, String name, VariableElement param) {
    List<TypeMirror> types = new ArrayList<>();
    List<String> names = new ArrayList<>();
    types.add(param.asType());
    names.add(param.getSimpleName() + "Dot");
    types.add(method.getReturnType());
    names.add("primalOut");
    for (VariableElement p : method.getParameters()) {
      types.add(p.asType());
      names.add(p.getSimpleName().toString());
    }
    return find(method, name, "@CustomJvp per-argument rule", new Expected(method.getReturnType(), types, names));
  }

  /** The forward rule: {@code static Fwd<R, Res> fwd(P...)}; any {@code Res}. */
  public ExecutableElement fwdRule(ExecutableElement method, String name) {
    List<TypeMirror> params = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (VariableElement p : method.getParameters()) {
      params.add(p.asType());
      names.add(p.getSimpleName().toString());
    }
    TypeElement fwd = elements.getTypeElement("dev.leibniz.runtime.Fwd");
    Expected expected = new Expected(fwdType(method.getReturnType(), null), params, names);
    ExecutableElement rule = lookup(method, name, "@CustomVjp forward rule", expected);
    TypeMirror result = rule.getReturnType();
    boolean ok = result instanceof DeclaredType d && d.asElement().equals(fwd) && d.getTypeArguments().size() == 2
        && types.isSameType(d.getTypeArguments().get(0), boxed(method.getReturnType()))
        && sameParams(rule, params);
    if (!ok) {
      throw wrong(rule, "@CustomVjp forward rule", expected, name);
    }
    return rule;
  }

  /** The residual type a forward rule declares. */
  public TypeMirror residualType(ExecutableElement fwdRule) {
    return ((DeclaredType) fwdRule.getReturnType()).getTypeArguments().get(1);
  }

  /**
   * The backward rule: {@code static C bwd(N..., Res residuals, R cotangent)}, where {@code C} is
   * the cotangent of D by SPEC §6.
   */
  public ExecutableElement bwdRule(ExecutableElement method, String name, List<FunctionInfo.ParamInfo> params,
      TypeMirror residuals) {
    List<TypeMirror> types = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<TypeMirror> d = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      if (params.get(i).nonDiff()) {
        types.add(method.getParameters().get(i).asType());
        names.add(params.get(i).name());
      }
      if (params.get(i).differentiable()) {
        d.add(method.getParameters().get(i).asType());
      }
    }
    types.add(residuals);
    names.add("residuals");
    types.add(method.getReturnType());
    names.add("cotangent");
    return find(method, name, "@CustomVjp backward rule", new Expected(cotangentType(d), types, names));
  }

  /** The cotangent type of D: the parameter's own type, {@code double[]}, {@code float[]} or {@code Object[]}. */
  public TypeMirror cotangentType(List<TypeMirror> d) {
    if (d.size() == 1) {
      return d.get(0);
    }
    boolean allDouble = true;
    boolean allFloat = true;
    for (TypeMirror t : d) {
      allDouble &= t.getKind() == TypeKind.DOUBLE;
      allFloat &= t.getKind() == TypeKind.FLOAT;
    }
    if (allDouble) {
      return types.getArrayType(types.getPrimitiveType(TypeKind.DOUBLE));
    }
    if (allFloat) {
      return types.getArrayType(types.getPrimitiveType(TypeKind.FLOAT));
    }
    return types.getArrayType(elements.getTypeElement("java.lang.Object").asType());
  }

  private TypeMirror jvpType(TypeMirror result) {
    if (result.getKind() == TypeKind.DOUBLE) {
      return elements.getTypeElement("dev.leibniz.runtime.Dual").asType();
    }
    return types.getDeclaredType(elements.getTypeElement("dev.leibniz.runtime.Jvp"), boxed(result));
  }

  private TypeMirror fwdType(TypeMirror result, TypeMirror residuals) {
    TypeElement fwd = elements.getTypeElement("dev.leibniz.runtime.Fwd");
    TypeMirror res = residuals != null ? residuals : types.getWildcardType(null, null);
    return types.getDeclaredType(fwd, boxed(result), res);
  }

  private TypeMirror boxed(TypeMirror t) {
    return t.getKind().isPrimitive() ? types.boxedClass(types.getPrimitiveType(t.getKind())).asType() : t;
  }

  private ExecutableElement find(ExecutableElement method, String name, String what, Expected expected) {
    ExecutableElement rule = lookup(method, name, what, expected);
    if (!types.isSameType(rule.getReturnType(), expected.result()) || !sameParams(rule, expected.params())) {
      throw wrong(rule, what, expected, name);
    }
    return rule;
  }

  private ExecutableElement lookup(ExecutableElement method, String name, String what, Expected expected) {
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    List<ExecutableElement> candidates = new ArrayList<>();
    for (Element e : owner.getEnclosedElements()) {
      if (e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(name)) {
        candidates.add((ExecutableElement) e);
      }
    }
    if (candidates.isEmpty()) {
      throw new RuleException(method, Diagnostic.RULE_NOT_FOUND.of(what, name, owner.getSimpleName(),
          show(name, expected)));
    }
    ExecutableElement rule = candidates.get(0);
    for (ExecutableElement c : candidates) {
      if (sameParams(c, expected.params())) {
        rule = c;
      }
    }
    if (!rule.getModifiers().contains(Modifier.STATIC)) {
      throw new RuleException(rule, Diagnostic.RULE_NOT_STATIC.of(what, name, show(name, expected)));
    }
    if (rule.getModifiers().contains(Modifier.PRIVATE)) {
      throw new RuleException(rule, Diagnostic.RULE_PRIVATE.of(what, name, show(name, expected)));
    }
    return rule;
  }

  private RuleException wrong(ExecutableElement rule, String what, Expected expected, String name) {
    return new RuleException(rule, Diagnostic.RULE_SIGNATURE.of(what, name, show(name, expected), found(rule)));
  }

  private boolean sameParams(ExecutableElement rule, List<TypeMirror> params) {
    if (rule.getParameters().size() != params.size()) {
      return false;
    }
    for (int i = 0; i < params.size(); i++) {
      if (!types.isSameType(rule.getParameters().get(i).asType(), params.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static String show(String name, Expected e) {
    StringBuilder sb = new StringBuilder("static ").append(simple(e.result())).append(' ').append(name).append('(');
    for (int i = 0; i < e.params().size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(simple(e.params().get(i))).append(' ').append(e.names().get(i));
    }
    return sb.append(')').toString();
  }

  private static String found(ExecutableElement rule) {
    StringBuilder sb = new StringBuilder(rule.getModifiers().contains(Modifier.STATIC) ? "static " : "")
        .append(simple(rule.getReturnType())).append(' ').append(rule.getSimpleName()).append('(');
    for (int i = 0; i < rule.getParameters().size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      VariableElement p = rule.getParameters().get(i);
      sb.append(simple(p.asType())).append(' ').append(p.getSimpleName());
    }
    return sb.append(')').toString();
  }

  /** A type without package names: {@code Fwd<Double, ?>}, {@code Point}. */
  static String simple(TypeMirror t) {
    return t.toString().replaceAll("\\b[a-z][\\w]*\\.", "").replace("?", "Res").replace(",", ", ");
  }
}
