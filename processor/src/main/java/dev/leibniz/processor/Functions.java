package dev.leibniz.processor;

import dev.leibniz.processor.frontend.BodyParser;
import dev.leibniz.processor.frontend.TypeMapper;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.FunctionRef;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.FunctionTable;
import dev.leibniz.processor.rules.RuleSignatures;
import dev.leibniz.processor.transform.ArrayWrites;
import dev.leibniz.processor.transform.CustomRules;
import dev.leibniz.processor.transform.Linearity;
import dev.leibniz.processor.transform.Linearize;
import dev.leibniz.processor.transform.TransformException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * The differentiable methods of a round: which they are, whether their declarations are valid,
 * their parsed bodies and rules, and which forms each needs.
 */
final class Functions {
  private final ProcessingEnvironment env;
  private final TypeMapper mapper;
  private final Reporter reporter;
  private FunctionTable table;
  /** The rule methods of {@code @CustomVjp} methods, kept for second-order forms. */
  private final Map<FunctionInfo, ExecutableElement[]> vjpRules = new HashMap<>();

  Functions(ProcessingEnvironment env, TypeMapper mapper, Reporter reporter) {
    this.env = env;
    this.mapper = mapper;
    this.reporter = reporter;
  }

  /** Where errors on elements go; with an annotation, on that annotation. */
  interface Reporter {
    void error(Element at, AnnotationMirror annotation, String message);
  }

  void setTable(FunctionTable table) {
    this.table = table;
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
    if (!differentiable(result)) {
      return fail(m, what + " method " + name + " returns " + m.getReturnType() + ", which carries no derivative:"
          + " it must return double, float, an array of them or a record");
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

  /** Parses the body or the rules of {@code info}, and checks the rules' signatures. */
  void prepare(FunctionInfo info, ExecutableElement m, BodyParser parser, RuleSignatures signatures) {
    switch (info.kind()) {
      case DERIVED -> {
        Function body = parser.parse(m, info.params());
        if (body != null) {
          info.setIr(Linearize.apply(body));
        }
      }
      case CUSTOM_JVP -> {
        ExecutableElement rule = signatures.jvpRule(m, info.jvpRule(), info.params());
        Function parsed = parser.parseJvpRule(rule, ruleParams(rule, info));
        if (parsed != null) {
          info.setIr(Linearize.apply(parsed));
        }
      }
      case CUSTOM_JVP_PER_ARGUMENT -> {
        List<Function> rules = new ArrayList<>();
        List<VariableElement> params = new ArrayList<>();
        for (int i = 0; i < m.getParameters().size(); i++) {
          if (info.params().get(i).differentiable()) {
            params.add(m.getParameters().get(i));
          }
        }
        boolean ok = true;
        for (int k = 0; k < params.size(); k++) {
          String name = info.perArgumentRules().get(k);
          if (name.isEmpty()) {
            rules.add(null);
            continue;
          }
          ExecutableElement rule = signatures.perArgumentRule(m, name, params.get(k));
          Function parsed = parser.parseJvpRule(rule, allDifferentiable(rule));
          ok &= parsed != null;
          rules.add(parsed);
        }
        if (ok) {
          info.setIr(Linearize.apply(CustomRules.perArgument(info, rules)));
        }
      }
      case CUSTOM_VJP -> {
        ExecutableElement fwd = signatures.fwdRule(m, info.fwdRule());
        ExecutableElement bwd = signatures.bwdRule(m, info.bwdRule(), info.params(), signatures.residualType(fwd));
        info.setVjpRuleTypes(mapper.toIr(fwd.getReturnType()), mapper.toIr(bwd.getReturnType()));
        vjpRules.put(info, new ExecutableElement[] {fwd, bwd});
      }
      default -> throw new IllegalStateException(info.kind().toString());
    }
  }

  /** A JVP rule's parameters: the method's own (D as the method has it), then one tangent per D. */
  private List<FunctionInfo.ParamInfo> ruleParams(ExecutableElement rule, FunctionInfo info) {
    List<FunctionInfo.ParamInfo> out = new ArrayList<>();
    int n = info.params().size();
    for (int i = 0; i < rule.getParameters().size(); i++) {
      String name = rule.getParameters().get(i).getSimpleName().toString();
      if (i < n) {
        FunctionInfo.ParamInfo p = info.params().get(i);
        out.add(new FunctionInfo.ParamInfo(name, p.type(), p.nonDiff(), p.differentiable()));
      } else {
        out.add(new FunctionInfo.ParamInfo(name, mapper.toIr(rule.getParameters().get(i).asType()), false, true));
      }
    }
    return out;
  }

  /**
   * A rule method's parameters, every one that can carry a derivative differentiable; a boxed
   * {@code Double} or {@code Float} (a residual {@code Fwd<Double, Double>} hands over) counts as
   * its primitive.
   */
  private List<FunctionInfo.ParamInfo> allDifferentiable(ExecutableElement rule) {
    List<FunctionInfo.ParamInfo> out = new ArrayList<>();
    for (VariableElement p : rule.getParameters()) {
      Type t = TypeMapper.unboxed(mapper.toIr(p.asType()));
      if (!t.isFloating() && t instanceof Type.Prim) {
        t = mapper.toIr(p.asType()); // only floating boxes are unboxed
      }
      out.add(new FunctionInfo.ParamInfo(p.getSimpleName().toString(), t, false, differentiable(t)));
    }
    return out;
  }

  /**
   * Checks that {@code info}'s JVP rule is linear in its tangents; after every method of the round
   * is parsed, since a rule may pass tangents to other methods, whose bodies say whether they are.
   */
  void checkLinearity(FunctionInfo info) {
    boolean jvpRule = info.kind() == FunctionInfo.Kind.CUSTOM_JVP
        || info.kind() == FunctionInfo.Kind.CUSTOM_JVP_PER_ARGUMENT;
    if (jvpRule && info.ir() != null) {
      Linearity.check(info.ir(), Linearity.tangentParams(info.ir(), info.params().size()),
          leafCount(info.resultType()), table);
    }
  }

  private static int leafCount(Type t) {
    if (t instanceof Type.Record r) {
      int n = 0;
      for (Type.Component c : r.components()) {
        n += leafCount(c.type());
      }
      return n;
    }
    return 1;
  }

  /**
   * Marks the forward forms second order needs. Level 2 of a method derived from its body is
   * forward mode over its level 1, so its callees need level 2 too; level 2 of a custom rule is
   * forward mode over the rule, so the rule's callees need level 1. A {@code @CustomVjp} method's
   * level 1 comes from its rules, which are then differentiated from their bodies.
   */
  void closeSecondOrder(List<FunctionInfo> infos, BodyParser parser, Map<FunctionInfo, ExecutableElement> elements) {
    Set<FunctionInfo> level1 = new HashSet<>();
    Set<FunctionInfo> level2 = new HashSet<>();
    Deque<Object[]> work = new ArrayDeque<>();
    for (FunctionInfo f : List.copyOf(infos)) {
      if (f.order() >= 2) {
        work.add(new Object[] {f, 2});
      }
    }
    while (!work.isEmpty()) {
      Object[] item = work.poll();
      FunctionInfo f = (FunctionInfo) item[0];
      int level = (Integer) item[1];
      if (!(level == 2 ? level2 : level1).add(f)) {
        continue;
      }
      if (level == 2) {
        f.setSecondOrder(true);
        work.add(new Object[] {f, 1});
      } else {
        f.setTangent(true);
      }
      if (f.kind() == FunctionInfo.Kind.EXTERNAL) {
        continue;
      }
      if (f.kind() == FunctionInfo.Kind.CUSTOM_VJP && f.ir() == null) {
        ExecutableElement[] rules = vjpRules.get(f);
        FunctionInfo fwd = ruleFunction(rules[0], f, parser, infos, elements);
        FunctionInfo bwd = ruleFunction(rules[1], f, parser, infos, elements);
        if (fwd == null || bwd == null) {
          return;
        }
        try {
          f.setIr(Linearize.apply(CustomRules.tangentFromVjp(f, fwd, bwd)));
        } catch (TransformException e) {
          throw new RuleSignatures.RuleException(elements.get(f), e.getMessage());
        }
      }
      boolean derived = f.kind() == FunctionInfo.Kind.DERIVED || f.kind() == FunctionInfo.Kind.RULE;
      if (f.ir() == null || (!derived && level == 1)) {
        continue; // a custom rule's own forward form is the user's code
      }
      int calleeLevel = derived ? level : 1;
      for (FunctionRef callee : callees(f.ir(), true)) {
        FunctionInfo c = table.get(callee);
        if (c != null) {
          work.add(new Object[] {c, calleeLevel});
        }
      }
      // forward mode over a rule's gJvp(...) calls gJvpJvp
      Stmts.walkExprs(f.ir().body(), e -> {
        if (e instanceof Expr.Invoke i && i.callee() instanceof Callee.Function c && c.form() == Callee.Form.JVP) {
          work.add(new Object[] {table.get(c.ref()), 2});
        }
      });
    }
  }

  /**
   * Checks the generated forms a JVP rule calls, once forward modes are known: {@code gJvp} exists
   * ({@code g} has no {@code @CustomVjp} on the way), and is not the rule's own method's.
   */
  void checkGeneratedFormCalls(FunctionInfo info) {
    if (info.ir() == null || info.kind() != FunctionInfo.Kind.CUSTOM_JVP
        && info.kind() != FunctionInfo.Kind.CUSTOM_JVP_PER_ARGUMENT) {
      return;
    }
    Stmts.walkExprs(info.ir().body(), e -> {
      if (e instanceof Expr.Invoke i && i.callee() instanceof Callee.Function c && c.form() == Callee.Form.JVP) {
        FunctionInfo g = table.get(c.ref());
        if (g == info) {
          throw new TransformException(i.source(), "leibniz: the JVP rule of " + info.name() + " calls " + info.name()
              + "Jvp, which runs this rule again, without end: compute the tangent in the rule");
        }
        if (!g.hasJvp()) {
          throw new TransformException(i.source(), "leibniz: " + g.name() + " has no " + g.name() + "Jvp: a"
              + " @CustomVjp rule on the way has no forward mode (JAX: can't apply forward-mode autodiff (jvp) to a"
              + " custom_vjp function)");
        }
      }
    });
  }

  /** A {@code @CustomVjp} rule method as a function differentiated from its body. */
  private FunctionInfo ruleFunction(ExecutableElement rule, FunctionInfo of, BodyParser parser,
      List<FunctionInfo> infos, Map<FunctionInfo, ExecutableElement> elements) {
    FunctionRef ref = new FunctionRef(of.ref().owner(), rule.getSimpleName().toString());
    FunctionInfo known = table.get(ref);
    if (known != null) {
      return known;
    }
    List<FunctionInfo.ParamInfo> params = allDifferentiable(rule);
    FunctionInfo info = new FunctionInfo(ref, FunctionInfo.Kind.RULE, params, mapper.toIr(rule.getReturnType()), 1,
        of.derivativesClass(), null, null, null, null);
    Function body = parser.parse(rule, params);
    if (body == null) {
      return null;
    }
    info.setIr(Linearize.apply(body));
    table.add(info);
    infos.add(info);
    elements.put(info, rule);
    return info;
  }

  /** The differentiable methods {@code ir} calls (in lambdas too, when asked). */
  static Set<FunctionRef> callees(Function ir, boolean inLambdas) {
    Set<FunctionRef> out = new LinkedHashSet<>();
    collectCallees(ir.body(), inLambdas, out);
    return out;
  }

  private static void collectCallees(dev.leibniz.processor.ir.Block b, boolean inLambdas, Set<FunctionRef> out) {
    Stmts.walkExprs(b, e -> {
      if (e instanceof Expr.Invoke i && i.callee() instanceof Callee.Function f) {
        out.add(f.ref());
      } else if (inLambdas && e instanceof Expr.Lambda l) {
        collectCallees(l.function().body(), true, out);
      }
    });
  }

  /**
   * The effects of every method's body: which have none (no calls but of Math and of such methods,
   * no throw, no writes to arrays they did not create), so that a call whose value is unused may
   * go; and which array parameters each writes into (SPEC §5a), through its callees too.
   */
  void computeEffects(List<FunctionInfo> infos, BodyParser quiet, Map<FunctionInfo, ExecutableElement> elements) {
    Map<FunctionInfo, Function> bodies = new LinkedHashMap<>();
    for (FunctionInfo f : infos) {
      Function body = f.kind() == FunctionInfo.Kind.DERIVED || f.kind() == FunctionInfo.Kind.RULE ? f.ir()
          : elements.containsKey(f) ? quiet.parse(elements.get(f), f.params()) : null;
      if (body != null) {
        bodies.put(f, body);
        f.setPure(locallyPure(body));
      }
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Map.Entry<FunctionInfo, Function> e : bodies.entrySet()) {
        Set<Integer> written = ArrayWrites.writtenParams(e.getValue(), table);
        if (!written.equals(e.getKey().writtenParams())) {
          e.getKey().setWrittenParams(written);
          changed = true;
        }
        if (!e.getKey().pure()) {
          continue;
        }
        for (FunctionRef callee : callees(e.getValue(), true)) {
          FunctionInfo c = table.get(callee);
          if (c == null || !c.pure()) {
            e.getKey().setPure(false);
            changed = true;
            break;
          }
        }
      }
    }
  }

  private static boolean locallyPure(Function f) {
    Set<Var> params = new HashSet<>();
    for (Param p : f.params()) {
      params.add(p.var());
    }
    boolean[] pure = {true};
    Stmts.walk(f.body(), s -> {
      if (s instanceof Stmt.Throw || (s instanceof Stmt.ArrayWrite w && params.contains(w.array()))) {
        pure[0] = false;
      }
    });
    Stmts.walkExprs(f.body(), e -> {
      if (e instanceof Expr.Invoke i && !(i.callee() instanceof Callee.Function)
          && i.callee() != Callee.Special.STOP_GRADIENT) {
        pure[0] = false;
      }
    });
    return pure[0];
  }

  /**
   * Forward mode exists unless a {@code @CustomVjp} method is on the way (a fixed point), lambdas
   * included: a lambda is always passed to a differentiable method, which runs its forward form.
   */
  void computeForwardModes(List<FunctionInfo> infos) {
    for (FunctionInfo f : infos) {
      f.setHasJvp(f.kind() != FunctionInfo.Kind.CUSTOM_VJP);
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (FunctionInfo f : infos) {
        if (!f.hasJvp() || (f.kind() != FunctionInfo.Kind.DERIVED && f.kind() != FunctionInfo.Kind.RULE)
            || f.ir() == null) {
          continue;
        }
        for (FunctionRef callee : callees(f.ir(), true)) {
          FunctionInfo c = table.get(callee);
          if (c != null && c != f && !c.hasJvp()) {
            f.setHasJvp(false);
            changed = true;
            break;
          }
        }
      }
    }
  }

  /**
   * The array parameters a method compiled earlier writes into, read from its VJP class: a
   * {@code pullback(cotangent, xBar...)} overload takes their cotangents, in parameter order. Null
   * when they cannot be told apart.
   */
  private static Set<Integer> writtenArrays(TypeElement generated, FunctionInfo info) {
    for (Element e : generated.getEnclosedElements()) {
      if (!(e instanceof TypeElement vjp) || !vjp.getSimpleName().contentEquals(info.vjpClass().simpleName())) {
        continue;
      }
      for (ExecutableElement m : ElementFilter.methodsIn(vjp.getEnclosedElements())) {
        if (!m.getSimpleName().contentEquals("pullback") || m.getParameters().size() < 2) {
          continue;
        }
        List<Integer> arrays = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int k = 0; k < info.params().size(); k++) {
          if (info.params().get(k).differentiable() && info.params().get(k).type() instanceof Type.Array) {
            arrays.add(k);
          }
        }
        for (VariableElement p : m.getParameters().subList(1, m.getParameters().size())) {
          names.add(p.getSimpleName().toString());
        }
        Set<Integer> byName = new java.util.TreeSet<>();
        for (int k : arrays) {
          if (names.contains(info.params().get(k).name() + "Bar")) {
            byName.add(k);
          }
        }
        int count = m.getParameters().size() - 1;
        if (byName.size() == count) {
          return byName;
        }
        return arrays.size() == count ? new java.util.TreeSet<>(arrays) : null;
      }
    }
    return Set.of();
  }

  /** A method compiled earlier, known by its generated class, or null when it has none. */
  FunctionInfo external(FunctionRef ref) {
    TypeElement owner = mapper.element(ref.owner());
    if (owner == null) {
      return null;
    }
    ClassRef derivatives = FunctionInfo.derivativesClassOf(ref.owner());
    TypeElement generated = env.getElementUtils().getTypeElement(derivatives.canonicalName());
    if (generated == null) {
      return null;
    }
    Set<String> forms = new HashSet<>();
    for (Element e : generated.getEnclosedElements()) {
      if (e.getKind() == ElementKind.METHOD) {
        forms.add(e.getSimpleName().toString());
      }
    }
    if (!forms.contains(ref.name() + "Vjp")) {
      return null;
    }
    for (ExecutableElement m : ElementFilter.methodsIn(owner.getEnclosedElements())) {
      if (!m.getSimpleName().contentEquals(ref.name()) || !m.getModifiers().contains(Modifier.STATIC)) {
        continue;
      }
      try {
        List<FunctionInfo.ParamInfo> params = new ArrayList<>();
        for (VariableElement p : m.getParameters()) {
          Type t = mapper.toIr(p.asType());
          boolean nonDiff = annotation(p, LeibnizProcessor.NON_DIFF) != null;
          params.add(new FunctionInfo.ParamInfo(p.getSimpleName().toString(), t, nonDiff,
              !nonDiff && differentiable(t)));
        }
        boolean secondOrder = forms.contains(ref.name() + "JvpJvp") || forms.contains(ref.name() + "TangentJvp");
        FunctionInfo info = new FunctionInfo(ref, FunctionInfo.Kind.EXTERNAL, params, mapper.toIr(m.getReturnType()),
            secondOrder ? 2 : 1, derivatives, null, null, null, null);
        info.setHasJvp(forms.contains(ref.name() + "Jvp"));
        Set<Integer> written = writtenArrays(generated, info);
        if (written == null) {
          return null;
        }
        info.setWrittenParams(written);
        return info;
      } catch (TypeMapper.UnsupportedTypeException e) {
        return null;
      }
    }
    return null;
  }

}
