package dev.leibniz.processor;

import dev.leibniz.processor.frontend.TypeMapper;
import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.FunctionRef;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.rules.FunctionInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;

/**
 * Finds the annotated methods of a round and validates each declaration (modifiers, nesting,
 * names, parameter and result types, annotation values) into a {@link FunctionInfo}, reporting on
 * the declaration what it cannot accept.
 */
final class Declarations {
  private final ProcessingEnvironment env;
  private final TypeMapper mapper;
  private final Reporter reporter;

  Declarations(ProcessingEnvironment env, TypeMapper mapper, Reporter reporter) {
    this.env = env;
    this.mapper = mapper;
    this.reporter = reporter;
  }

  /** Where errors on elements go; with an annotation, on that annotation. */
  interface Reporter {
    void error(Element at, AnnotationMirror annotation, String message);
  }

  /**
   * The annotated methods of this round and of {@code deferred} classes (an earlier round's), by
   * class and in declaration order.
   */
  List<ExecutableElement> annotatedMethods(RoundEnvironment round, List<TypeElement> deferred) {
    Set<ExecutableElement> found = new LinkedHashSet<>();
    for (String name : List.of(LeibnizProcessor.DIFFERENTIABLE, LeibnizProcessor.CUSTOM_JVP,
        LeibnizProcessor.CUSTOM_VJP)) {
      TypeElement annotation = env.getElementUtils().getTypeElement(name);
      if (annotation != null) {
        found.addAll(ElementFilter.methodsIn(round.getElementsAnnotatedWith(annotation)));
      }
    }
    for (TypeElement c : deferred) {
      for (ExecutableElement m : ElementFilter.methodsIn(c.getEnclosedElements())) {
        if (hasLeibnizAnnotation(m)) {
          found.add(m);
        }
      }
    }
    List<ExecutableElement> sorted = new ArrayList<>(found);
    sorted.sort(Comparator.comparing((ExecutableElement m) -> classOf(m).getQualifiedName().toString())
        .thenComparingInt(m -> classOf(m).getEnclosedElements().indexOf(m)));
    return sorted;
  }

  private static TypeElement classOf(Element m) {
    return (TypeElement) m.getEnclosingElement();
  }

  /** {@code @NonDiff} only means something on a parameter of an annotated method. */
  void checkNonDiffPlacement(RoundEnvironment round) {
    TypeElement nonDiff = env.getElementUtils().getTypeElement(LeibnizProcessor.NON_DIFF);
    if (nonDiff == null) {
      return;
    }
    for (Element p : round.getElementsAnnotatedWith(nonDiff)) {
      Element method = p.getEnclosingElement();
      if (annotation(method, LeibnizProcessor.DIFFERENTIABLE) == null
          && annotation(method, LeibnizProcessor.CUSTOM_JVP) == null
          && annotation(method, LeibnizProcessor.CUSTOM_VJP) == null) {
        reporter.error(p, null, "leibniz: @NonDiff marks a parameter of a @Differentiable, @CustomJvp or @CustomVjp"
            + " method; " + method.getSimpleName() + " has none of these");
      }
    }
  }

  /** Whether {@code e} has {@code @Differentiable}, {@code @CustomJvp} or {@code @CustomVjp}. */
  static boolean hasLeibnizAnnotation(Element e) {
    return annotation(e, LeibnizProcessor.DIFFERENTIABLE) != null || annotation(e, LeibnizProcessor.CUSTOM_JVP) != null
        || annotation(e, LeibnizProcessor.CUSTOM_VJP) != null;
  }

  static AnnotationMirror annotation(Element e, String name) {
    for (AnnotationMirror a : e.getAnnotationMirrors()) {
      if (((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(name)) {
        return a;
      }
    }
    return null;
  }

  private Object value(AnnotationMirror a, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
        : env.getElementUtils().getElementValuesWithDefaults(a).entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(name)) {
        return e.getValue().getValue();
      }
    }
    return null;
  }

  /** The function an annotated method declares, or null after reporting why it cannot be one. */
  FunctionInfo describe(ExecutableElement m) {
    AnnotationMirror derived = annotation(m, LeibnizProcessor.DIFFERENTIABLE);
    AnnotationMirror jvp = annotation(m, LeibnizProcessor.CUSTOM_JVP);
    AnnotationMirror vjp = annotation(m, LeibnizProcessor.CUSTOM_VJP);
    int count = (derived != null ? 1 : 0) + (jvp != null ? 1 : 0) + (vjp != null ? 1 : 0);
    String what = derived != null ? "@Differentiable" : jvp != null ? "@CustomJvp" : "@CustomVjp";
    String name = m.getSimpleName().toString();
    if (count > 1) {
      return fail(m, "method " + name + " has more than one of @Differentiable, @CustomJvp, @CustomVjp: keep one");
    }
    if (!m.getModifiers().contains(Modifier.STATIC)) {
      return fail(m, what + " method " + name + " must be static: Leibniz differentiates static methods"
          + " (make it static, passing what it reads from the instance as parameters)");
    }
    if (m.getModifiers().contains(Modifier.PRIVATE)) {
      return fail(m, what + " method " + name + " must not be private: the generated " + derivativesName(m)
          + " calls it (make it package-private)");
    }
    if (!m.getTypeParameters().isEmpty()) {
      return fail(m, what + " method " + name + " must not be generic: remove its type parameters and use"
          + " concrete types (double, float, arrays of them, records)");
    }
    TypeElement owner = classOf(m);
    for (Element e = owner; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) {
        return fail(m, what + " methods must be in a top-level or static nested class, not a local class");
      }
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        return fail(m, what + " method " + name + " is in private class " + t.getSimpleName()
            + ", which the generated code cannot reach: make it package-private");
      }
      if (t.getNestingKind() == NestingKind.MEMBER && !t.getModifiers().contains(Modifier.STATIC)
          && t.getKind() == ElementKind.CLASS) {
        return fail(m, what + " method " + name + " is in inner class " + t.getSimpleName()
            + ": make the class static");
      }
    }
    // names the generated forms cannot tell apart, reported on the later of the two methods
    List<Element> earlier = earlierAnnotatedMethods(owner, m);
    for (Element other : earlier) {
      if (other.getSimpleName().contentEquals(name)) {
        return fail(m, "overloaded " + what + " method " + name + ": the generated " + name + "Jvp, " + name
            + "Grad, ... could not tell the overloads apart; give it another name");
      }
    }
    String cap = Namer.capitalized(name);
    for (Element other : earlier) {
      String otherName = other.getSimpleName().toString();
      if (!otherName.equals(name) && Namer.capitalized(otherName).equals(cap)) {
        return fail(m, what + " methods " + otherName + " and " + name + " would both generate " + cap + "Gradient, "
            + cap + "Vjp and " + cap + "ValueAndGrad: rename one of them");
      }
    }
    Type result;
    List<FunctionInfo.ParamInfo> params = new ArrayList<>();
    try {
      result = mapper.toIr(m.getReturnType());
      for (VariableElement p : m.getParameters()) {
        Type t = mapper.toIr(p.asType());
        boolean nonDiff = annotation(p, LeibnizProcessor.NON_DIFF) != null;
        params.add(new FunctionInfo.ParamInfo(p.getSimpleName().toString(), t, nonDiff,
            !nonDiff && differentiable(t)));
      }
    } catch (TypeMapper.UnsupportedTypeException e) {
      return fail(m, "leibniz: " + e.getMessage());
    }
    if (result == Type.Prim.VOID && derived == null) {
      return fail(m, what + " method " + name + " returns void: a rule gives no derivative of what a method writes"
          + " into its arrays; make it @Differentiable, or return the result");
    }
    if (!differentiable(result) && result != Type.Prim.VOID) {
      return fail(m, what + " method " + name + " returns " + m.getReturnType() + ", which carries no derivative:"
          + " it must return double, float, an array of them or a record (or void, writing its results into its"
          + " array parameters)");
    }
    boolean anyDifferentiable = false;
    for (FunctionInfo.ParamInfo p : params) {
      anyDifferentiable |= p.differentiable();
    }
    if (!anyDifferentiable) {
      return fail(m, what + " method " + name + " has no differentiable parameter (double, float, arrays of"
          + " them, records), so it has no derivative: remove the annotation");
    }
    AnnotationMirror a = derived != null ? derived : jvp != null ? jvp : vjp;
    int order = (Integer) value(a, "order");
    if (order < 1 || order > 2) {
      return fail(m, a, what + "(order = " + order + ") is not supported: order is 1 (first derivatives) or 2"
          + " (also mHessian and mHvp)");
    }
    if (order == 2) {
      for (FunctionInfo.ParamInfo p : params) {
        if (p.differentiable() && !flattensToScalars(p.type())
            && !(p.type() instanceof Type.Array array && array.element().isFloating())) {
          return fail(m, what + "(order = 2) method " + name + ": second-order forms need differentiable"
              + " parameters of double, float, arrays of them or records of scalars (flattened), and " + p.name()
              + " is " + p.type() + ": pass its parts as separate parameters, or use order = 1");
        }
      }
      if (!result.isFloating()) {
        return fail(m, what + "(order = 2) method " + name + " must return double or float");
      }
    }
    ClassRef ownerRef = mapper.classRef(owner);
    FunctionRef ref = new FunctionRef(ownerRef, name);
    ClassRef derivatives = FunctionInfo.derivativesClassOf(ownerRef);
    if (derived != null) {
      return new FunctionInfo(ref, FunctionInfo.Kind.DERIVED, params, result, order, derivatives, null, null, null,
          null);
    }
    if (jvp != null) {
      String rule = (String) value(jvp, "value");
      List<String> perArgument = new ArrayList<>();
      @SuppressWarnings("unchecked")
      List<? extends AnnotationValue> values = (List<? extends AnnotationValue>) value(jvp, "perArgument");
      for (AnnotationValue v : values) {
        perArgument.add((String) v.getValue());
      }
      if (rule.isEmpty() == perArgument.isEmpty()) {
        return fail(m, "@CustomJvp on " + name + " needs either a rule, @CustomJvp(\"" + name + "Jvp\"), or one rule"
            + " per differentiable parameter, @CustomJvp(perArgument = {...}), not "
            + (rule.isEmpty() ? "neither" : "both"));
      }
      int d = 0;
      for (FunctionInfo.ParamInfo p : params) {
        d += p.differentiable() ? 1 : 0;
      }
      if (!perArgument.isEmpty() && perArgument.size() != d) {
        return fail(m, "@CustomJvp(perArgument) on " + name + " lists " + perArgument.size() + " rules, but " + name
            + " has " + d + " differentiable parameters: give one per parameter (\"\" for a zero contribution)");
      }
      return new FunctionInfo(ref, rule.isEmpty() ? FunctionInfo.Kind.CUSTOM_JVP_PER_ARGUMENT
          : FunctionInfo.Kind.CUSTOM_JVP, params, result, order, derivatives, rule, perArgument, null, null);
    }
    return new FunctionInfo(ref, FunctionInfo.Kind.CUSTOM_VJP, params, result, order, derivatives, null, null,
        (String) value(vjp, "fwd"), (String) value(vjp, "bwd"));
  }

  private String derivativesName(ExecutableElement m) {
    return FunctionInfo.derivativesClassOf(mapper.classRef(classOf(m))).simpleName();
  }

  private FunctionInfo fail(Element at, String message) {
    return fail(at, null, message);
  }

  private FunctionInfo fail(Element at, AnnotationMirror annotation, String message) {
    reporter.error(at, annotation, message.startsWith("leibniz:") ? message : "leibniz: " + message);
    return null;
  }

  /** The methods of {@code owner} declared before {@code m} with a Leibniz annotation. */
  private static List<Element> earlierAnnotatedMethods(TypeElement owner, ExecutableElement m) {
    List<Element> out = new ArrayList<>();
    for (Element other : owner.getEnclosedElements()) {
      if (other == m) {
        break;
      }
      if (other.getKind() == ElementKind.METHOD && hasLeibnizAnnotation(other)) {
        out.add(other);
      }
    }
    return out;
  }

  /** Whether {@code t} is a scalar, or a record whose differentiable components all are (recursively). */
  static boolean flattensToScalars(Type t) {
    if (t.isFloating()) {
      return true;
    }
    if (t instanceof Type.Record r) {
      for (Type.Component c : r.components()) {
        if ((c.type().isDifferentiable() || c.type() instanceof Type.Record) && !flattensToScalars(c.type())) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /** Whether values of {@code t} can carry a derivative: floating types, arrays of them, records. */
  static boolean differentiable(Type t) {
    return t.isDifferentiable() || t instanceof Type.Record;
  }
}
