package dev.leibniz.processor;

import dev.leibniz.processor.diagnostics.Diagnostic;
import dev.leibniz.processor.frontend.BodyParser;
import dev.leibniz.processor.frontend.TypeMapper;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.FunctionRef;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.FunctionTable;
import dev.leibniz.processor.rules.RuleSignatures;
import dev.leibniz.processor.transform.CustomRules;
import dev.leibniz.processor.transform.Linearity;
import dev.leibniz.processor.transform.Linearize;
import dev.leibniz.processor.transform.TransformException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

/**
 * Parses each function's body or custom rules into IR and checks its JVP rules: their signatures,
 * linearity in the tangents, and the generated forms they call.
 */
final class FunctionBodies {
  private final TypeMapper mapper;
  private final FunctionTable table;

  FunctionBodies(TypeMapper mapper, FunctionTable table) {
    this.mapper = mapper;
    this.table = table;
  }

  /** The rule methods of {@code @CustomVjp} methods, kept for second-order forms. */
  private final Map<FunctionInfo, ExecutableElement[]> vjpRules = new HashMap<>();

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

  /** The fwd ({@code backward} false) or bwd rule of {@code @CustomVjp} method {@code f}, or null. */
  ExecutableElement vjpRule(FunctionInfo f, boolean backward) {
    ExecutableElement[] rules = vjpRules.get(f);
    return rules == null ? null : rules[backward ? 1 : 0];
  }

  /** A {@code @CustomVjp} rule's body as IR, or null when it cannot be read: for code that inlines it. */
  Function ruleBody(ExecutableElement rule, BodyParser parser) {
    Function body = parser.parse(rule, allDifferentiable(rule));
    return body == null ? null : Linearize.apply(body);
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
      out.add(new FunctionInfo.ParamInfo(p.getSimpleName().toString(), t, false, Declarations.differentiable(t)));
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
          throw new TransformException(i.source(), Diagnostic.JVP_RULE_RECURSION.of(info.name(), info.name()));
        }
        if (!g.hasJvp()) {
          throw new TransformException(i.source(), Diagnostic.JVP_RULE_CALLS_VJP_ONLY.of(g.name(), g.name()));
        }
      }
    });
  }

  /**
   * The tangent function of {@code @CustomVjp} method {@code f}, for second order: its fwd and bwd
   * rules differentiated from their bodies; null when a rule's body has an error (reported).
   */
  Function customVjpTangent(FunctionInfo f, BodyParser parser, List<FunctionInfo> infos,
      Map<FunctionInfo, ExecutableElement> elements) {
    ExecutableElement[] rules = vjpRules.get(f);
    FunctionInfo fwd = ruleFunction(rules[0], f, parser, infos, elements);
    FunctionInfo bwd = ruleFunction(rules[1], f, parser, infos, elements);
    if (fwd == null || bwd == null) {
      return null;
    }
    try {
      return Linearize.apply(CustomRules.tangentFromVjp(f, fwd, bwd));
    } catch (TransformException e) {
      throw new RuleSignatures.RuleException(elements.get(f), e.message());
    }
  }

  /** A {@code @CustomVjp} rule method as a function differentiated from its body. */
  private FunctionInfo ruleFunction(ExecutableElement rule, FunctionInfo of, BodyParser parser,
      List<FunctionInfo> infos, Map<FunctionInfo, ExecutableElement> elements) {
    List<FunctionInfo.ParamInfo> params = allDifferentiable(rule);
    String name = rule.getSimpleName().toString();
    FunctionRef ref = new FunctionRef(of.ref().owner(), name, params.stream().map(FunctionInfo.ParamInfo::type).toList());
    FunctionInfo known = table.get(ref);
    if (known != null) {
      return known;
    }
    FunctionInfo info = new FunctionInfo(ref, FunctionInfo.Kind.RULE, params, mapper.toIr(rule.getReturnType()), 1,
        of.derivativesClass(), null, null, null, null);
    info.setOverload(1 + (int) table.all().stream()
        .filter(g -> g.ref().owner().equals(ref.owner()) && g.name().equals(name)).count(),
        Declarations.isOverloaded((javax.lang.model.element.TypeElement) rule.getEnclosingElement(), name));
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
}
