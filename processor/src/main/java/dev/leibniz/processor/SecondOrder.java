package dev.leibniz.processor;

import dev.leibniz.processor.frontend.BodyParser;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.FunctionRef;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.FunctionTable;
import dev.leibniz.processor.rules.RuleSignatures;
import dev.leibniz.processor.transform.CustomRules;
import dev.leibniz.processor.transform.Linearize;
import dev.leibniz.processor.transform.TransformException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;

/**
 * The closure of second-order requests: which methods need which forward forms, parsing the
 * {@code @CustomVjp} rules that second order differentiates from their bodies.
 */
final class SecondOrder {
  private final FunctionTable table;
  private final FunctionBodies bodies;

  SecondOrder(FunctionTable table, FunctionBodies bodies) {
    this.table = table;
    this.bodies = bodies;
  }

  /**
   * Marks the forward forms second order needs. Level 2 of a method derived from its body is
   * forward mode over its level 1, so its callees need level 2 too; level 2 of a custom rule is
   * forward mode over the rule, so the rule's callees need level 1. A {@code @CustomVjp} method's
   * level 1 comes from its rules, which are then differentiated from their bodies.
   */
  void close(List<FunctionInfo> infos, BodyParser parser, Map<FunctionInfo, ExecutableElement> elements) {
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
        ExecutableElement[] rules = bodies.vjpRules.get(f);
        FunctionInfo fwd = bodies.ruleFunction(rules[0], f, parser, infos, elements);
        FunctionInfo bwd = bodies.ruleFunction(rules[1], f, parser, infos, elements);
        if (fwd == null || bwd == null) {
          return;
        }
        try {
          f.setIr(Linearize.apply(CustomRules.tangentFromVjp(f, fwd, bwd)));
        } catch (TransformException e) {
          throw new RuleSignatures.RuleException(elements.get(f), e.message());
        }
      }
      boolean derived = f.kind() == FunctionInfo.Kind.DERIVED || f.kind() == FunctionInfo.Kind.RULE;
      if (f.ir() == null || (!derived && level == 1)) {
        continue; // a custom rule's own forward form is the user's code
      }
      int calleeLevel = derived ? level : 1;
      for (FunctionRef callee : CallAnalysis.callees(f.ir(), true)) {
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
}
