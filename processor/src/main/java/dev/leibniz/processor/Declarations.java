package dev.leibniz.processor;

import dev.leibniz.processor.diagnostics.Diagnostic;
import dev.leibniz.processor.diagnostics.Message;
import dev.leibniz.processor.frontend.TypeMapper;
import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.FunctionRef;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.GeneratedNames;
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
    void error(Element at, AnnotationMirror annotation, Message message);
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
        reporter.error(p, null, Diagnostic.NON_DIFF_PLACEMENT.of(method.getSimpleName()));
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
      return fail(m, Diagnostic.CONFLICTING_ANNOTATIONS.of(name));
    }
    if (!m.getModifiers().contains(Modifier.STATIC)) {
      return fail(m, Diagnostic.METHOD_NOT_STATIC.of(what, name));
    }
    if (m.getModifiers().contains(Modifier.PRIVATE)) {
      return fail(m, Diagnostic.METHOD_PRIVATE.of(what, name, derivativesName(m)));
    }
    if (!m.getTypeParameters().isEmpty()) {
      return fail(m, Diagnostic.METHOD_GENERIC.of(what, name));
    }
    TypeElement owner = classOf(m);
    for (Element e = owner; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) {
        return fail(m, Diagnostic.METHOD_IN_LOCAL_CLASS_ELEMENT.of(what));
      }
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        return fail(m, Diagnostic.METHOD_IN_PRIVATE_CLASS.of(what, name, t.getSimpleName()));
      }
      if (t.getNestingKind() == NestingKind.MEMBER && !t.getModifiers().contains(Modifier.STATIC)
          && t.getKind() == ElementKind.CLASS) {
        return fail(m, Diagnostic.METHOD_IN_INNER_CLASS.of(what, name, t.getSimpleName()));
      }
    }
    // names the generated forms cannot tell apart, reported on the later of the two methods
    List<Element> earlier = earlierAnnotatedMethods(owner, m);
    String cap = Namer.capitalized(name);
    for (Element other : earlier) {
      String otherName = other.getSimpleName().toString();
      if (!otherName.equals(name) && Namer.capitalized(otherName).equals(cap)) {
        return fail(m, Diagnostic.GENERATED_NAME_CLASH.of(what, otherName, name, cap, cap, cap));
      }
      String shared = GeneratedNames.sharedMember(otherName, name);
      if (shared != null) {
        return fail(m, Diagnostic.FORM_NAME_CLASH.of(what, otherName, name, shared));
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
      return fail(m, e.message());
    }
    if (result == Type.Prim.VOID && derived == null) {
      return fail(m, Diagnostic.RULE_METHOD_VOID.of(what, name));
    }
    if (!differentiable(result) && result != Type.Prim.VOID) {
      return fail(m, Diagnostic.RESULT_NOT_DIFFERENTIABLE.of(what, name, m.getReturnType()));
    }
    boolean anyDifferentiable = false;
    for (FunctionInfo.ParamInfo p : params) {
      anyDifferentiable |= p.differentiable();
    }
    if (!anyDifferentiable) {
      return fail(m, Diagnostic.NO_DIFFERENTIABLE_PARAMETER.of(what, name));
    }
    AnnotationMirror a = derived != null ? derived : jvp != null ? jvp : vjp;
    int order = (Integer) value(a, "order");
    if (order < 1 || order > 2) {
      return fail(m, a, Diagnostic.UNSUPPORTED_ORDER.of(what, order));
    }
    if (order == 2) {
      for (FunctionInfo.ParamInfo p : params) {
        if (p.differentiable() && !secondOrderShape(p.type())) {
          return fail(m, Diagnostic.SECOND_ORDER_PARAMETER.of(what, name, p.name(), p.type()));
        }
      }
      if (!result.isFloating()) {
        return fail(m, Diagnostic.SECOND_ORDER_RESULT.of(what, name));
      }
    }
    // the generated forms make zeros and copies of one- and two-dimensional arrays only (at order 2,
    // SECOND_ORDER_PARAMETER said so first)
    for (int k = 0; k < params.size(); k++) {
      if (tooManyDimensions(params.get(k).type())) {
        return fail(m.getParameters().get(k), Diagnostic.ARRAY_DIMENSIONS.of());
      }
    }
    if (tooManyDimensions(result)) {
      return fail(m, Diagnostic.ARRAY_DIMENSIONS.of());
    }
    ClassRef ownerRef = mapper.classRef(owner);
    FunctionRef ref = new FunctionRef(ownerRef, name, params.stream().map(FunctionInfo.ParamInfo::type).toList());
    ClassRef derivatives = GeneratedNames.derivativesClass(ownerRef);
    FunctionInfo info = function(m, ref, derived, jvp, vjp, params, result, order, derivatives);
    if (info != null) {
      int k = 1;
      for (Element other : earlier) {
        k += other.getSimpleName().contentEquals(name) ? 1 : 0;
      }
      info.setOverload(k, isOverloaded(owner, name));
    }
    return info;
  }

  /** Whether {@code owner} declares more than one method named {@code name}. */
  static boolean isOverloaded(TypeElement owner, String name) {
    return ElementFilter.methodsIn(owner.getEnclosedElements()).stream()
        .filter(m -> m.getSimpleName().contentEquals(name)).count() > 1;
  }

  /** The function of each annotation, or null after reporting why its rules are wrongly named. */
  private FunctionInfo function(ExecutableElement m, FunctionRef ref, AnnotationMirror derived,
      AnnotationMirror jvp, AnnotationMirror vjp, List<FunctionInfo.ParamInfo> params, Type result, int order,
      ClassRef derivatives) {
    String name = ref.name();
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
        return fail(m, Diagnostic.CUSTOM_JVP_RULES.of(name, name, rule.isEmpty() ? "neither" : "both"));
      }
      int d = 0;
      for (FunctionInfo.ParamInfo p : params) {
        d += p.differentiable() ? 1 : 0;
      }
      if (!perArgument.isEmpty() && perArgument.size() != d) {
        return fail(m, Diagnostic.PER_ARGUMENT_COUNT.of(name, perArgument.size(), name, d));
      }
      return new FunctionInfo(ref, rule.isEmpty() ? FunctionInfo.Kind.CUSTOM_JVP_PER_ARGUMENT
          : FunctionInfo.Kind.CUSTOM_JVP, params, result, order, derivatives, rule, perArgument, null, null);
    }
    return new FunctionInfo(ref, FunctionInfo.Kind.CUSTOM_VJP, params, result, order, derivatives, null, null,
        (String) value(vjp, "fwd"), (String) value(vjp, "bwd"));
  }

  private String derivativesName(ExecutableElement m) {
    return GeneratedNames.derivativesClass(mapper.classRef(classOf(m))).simpleName();
  }

  private FunctionInfo fail(Element at, Message message) {
    return fail(at, null, message);
  }

  private FunctionInfo fail(Element at, AnnotationMirror annotation, Message message) {
    reporter.error(at, annotation, message);
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

  /**
   * Whether second-order forms take a parameter of type {@code t}: {@code double} or {@code float},
   * arrays and matrices of them, and records whose differentiable components are such (D is
   * flattened into their leaves).
   */
  static boolean secondOrderShape(Type t) {
    if (t.isFloating()) {
      return true;
    }
    if (t instanceof Type.Array a) {
      return a.element().isFloating() || a.element() instanceof Type.Array row && row.element().isFloating();
    }
    if (t instanceof Type.Record r) {
      return r.components().stream()
          .allMatch(c -> !(c.type().isDifferentiable() || c.type() instanceof Type.Record) || secondOrderShape(c.type()));
    }
    return false;
  }

  /** Whether {@code t} is an array of more than two dimensions, or a record holding one. */
  private static boolean tooManyDimensions(Type t) {
    if (t instanceof Type.Array a) {
      return a.element() instanceof Type.Array row && row.element() instanceof Type.Array;
    }
    return t instanceof Type.Record r && r.components().stream().anyMatch(c -> tooManyDimensions(c.type()));
  }

  /** Whether values of {@code t} can carry a derivative: floating types, arrays of them, records. */
  static boolean differentiable(Type t) {
    return t.isDifferentiable() || t instanceof Type.Record;
  }
}
