package dev.leibniz.processor.transform;

import dev.leibniz.processor.diagnostics.Diagnostic;
import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Exprs;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.rules.FunctionTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse mode of a {@code @CustomJvp} method is the transpose of its rule's tangent computation:
 * reverse mode of the rule with respect to its tangent parameters only (checked linear by {@link
 * Linearity}). The transposed forms are given no tangents: what the rule reads of a tangent other
 * than its numbers, its shape and its non-differentiable record components, is its primal's
 * (SPEC §3); where a jvp call needs tangent arguments to compute a primal value, they are zero.
 */
public final class Transposition {
  private Transposition() {}

  /**
   * {@code rule} (linearized, the method's {@code primals} parameters first) as reverse mode
   * transposes it: only the tangents differentiable, and {@code Leibniz.stopGradient} of a tangent
   * the identity it is when the rule runs forward.
   */
  public static Function source(Function rule, int primals, FunctionTable table) {
    List<Param> params = new ArrayList<>();
    for (int i = 0; i < rule.params().size(); i++) {
      Var p = rule.params().get(i).var();
      if (i >= primals && p.type() instanceof Type.Array a && a.element() instanceof Type.Array) {
        throw new TransformException(SourceRef.NONE, Diagnostic.TRANSPOSED_RULE_MATRIX.of(p.type()));
      }
      params.add(new Param(p, i >= primals));
    }
    Set<Var> tangents = Linearity.tangentVariables(rule, Linearity.tangentParams(rule, primals), table);
    Block body = Stmts.map(rule.body(), e -> Exprs.rebuild(e, x -> x instanceof Expr.Invoke i
        && i.callee() == Callee.Special.STOP_GRADIENT && tangents.containsAll(Exprs.vars(i.args().get(0)))
        && !Exprs.vars(i.args().get(0)).isEmpty() ? i.args().get(0) : null));
    return new Function(rule.name(), params, rule.resultType(), body, rule.reserved());
  }

  /** The sweeps of {@code rule}'s transpose, reading the primals where the rule read its tangents. */
  public static Reverse.Result finish(Reverse.Result r, Function rule, int primals) {
    Map<Var, Var> primalOf = new LinkedHashMap<>();
    int next = primals;
    for (int i = 0; i < primals; i++) {
      if (rule.params().get(i).differentiable()) {
        primalOf.put(rule.params().get(next++).var(), rule.params().get(i).var());
      }
    }
    java.util.function.UnaryOperator<Expr> shapes = e -> Exprs.rebuild(e, x -> {
      if (x instanceof Expr.ArrayLength a && a.array() instanceof Var v && primalOf.containsKey(v)) {
        return new Expr.ArrayLength(primalOf.get(v));
      }
      if (x instanceof Expr.Component c && c.record() instanceof Var v && primalOf.containsKey(v)
          && !Linearize.carriesDerivative(c.type())) {
        return new Expr.Component(primalOf.get(v), c.name(), c.type());
      }
      return null;
    });
    Block forward = Stmts.map(r.forward(), shapes);
    Block backward = Stmts.map(r.backward(), shapes);
    List<Expr> gradients = r.gradients().stream().map(shapes).toList();
    Set<Var> read = Stmts.mentioned(forward);
    read.addAll(Stmts.mentioned(backward));
    List<Stmt> stmts = new ArrayList<>();
    for (Map.Entry<Var, Var> e : primalOf.entrySet()) {
      Var dot = e.getKey();
      if (!read.contains(dot)) {
        continue;
      }
      stmts.add(new Stmt.Declare(dot, Forward.zero(dot.type(), e.getValue()), SourceRef.NONE));
    }
    stmts.addAll(forward.stmts());
    return new Reverse.Result(new Block(stmts), backward, r.value(), gradients, r.tape(), r.pureFunctions(),
        r.arraySeeds(), r.pullbackGradients().stream().map(shapes).toList(), r.nullWhenZero());
  }
}
