package dev.leibniz.processor.transform;

import dev.leibniz.processor.diagnostics.Diagnostic;
import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.Leaves;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.Ops;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.Rename;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.rules.FunctionInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * JVP functions built from custom rules, in IR, so that the ordinary transforms can use them:
 * per-argument rules summed into one JVP rule (JAX {@code defjvps}), and the tangent of a
 * {@code @CustomVjp} method obtained from its VJP rule, for second-order forms.
 */
public final class CustomRules {
  private CustomRules() {}

  /**
   * {@code (p..., pDot...) -> (f(p...), sum of rule_i(pDot_i, f(p...), p...))}, the rules' bodies
   * inlined so reverse mode can transpose them; a missing rule adds nothing.
   */
  public static Function perArgument(FunctionInfo f, List<Function> rules) {
    Set<String> reserved = new HashSet<>();
    for (Function r : rules) {
      if (r != null) {
        reserved.addAll(r.reserved());
      }
    }
    Namer namer = new Namer(reserved);
    List<Param> params = new ArrayList<>();
    List<Expr> primals = new ArrayList<>();
    for (FunctionInfo.ParamInfo p : f.params()) {
      Var v = new Var(namer.declare(p.name()), p.type());
      params.add(new Param(v, p.differentiable()));
      primals.add(v);
    }
    List<Var> dots = new ArrayList<>();
    for (FunctionInfo.ParamInfo p : f.differentiableParams()) {
      // the tangents' names are the public contract (SPEC: <param>Dot); inlined rules get renamed
      Var dot = new Var(namer.declare(p.name() + "Dot"), p.type());
      dots.add(dot);
      params.add(new Param(dot, true));
    }
    Block.Builder body = new Block.Builder();
    Var out = namer.fresh("primalOut", f.resultType());
    body.add(new Stmt.Declare(out, new Expr.Invoke(new Callee.Function(f.ref(), Callee.Form.PRIMAL), null, primals,
        f.resultType()), SourceRef.NONE));
    List<Expr> outLeaves = Leaves.of(out, f.resultType());
    List<Expr> tangent = null;
    for (int k = 0; k < rules.size(); k++) {
      Function rule = rules.get(k);
      if (rule == null) {
        continue;
      }
      List<Expr> args = new ArrayList<>();
      args.add(dots.get(k));
      args.add(out);
      args.addAll(primals);
      List<Expr> contribution = inline(rule, args, namer, body);
      if (tangent == null) {
        tangent = contribution;
      } else {
        for (int j = 0; j < tangent.size(); j++) {
          tangent.set(j, Ops.add(tangent.get(j), contribution.get(j)));
        }
      }
    }
    if (tangent == null) {
      tangent = new ArrayList<>();
      for (Expr leaf : outLeaves) {
        tangent.add(Const.zero(leaf.type()));
      }
    }
    List<Expr> returned = new ArrayList<>(outLeaves);
    returned.addAll(tangent);
    body.add(new Stmt.Return(returned, SourceRef.NONE));
    return new Function(f.name() + "Jvp", params, FunctionInfo.jvpResultType(f.resultType()), body.build(), reserved);
  }

  /** Appends {@code callee}'s body to {@code body} with {@code args} bound; returns its result's leaves. */
  static List<Expr> inline(Function callee, List<Expr> args, Namer namer, Block.Builder body) {
    Function g = Structure.apply(callee);
    Rename rename = new Rename(new HashMap<>(), namer);
    for (int i = 0; i < g.params().size(); i++) {
      body.add(new Stmt.Declare(rename.var(g.params().get(i).var()), args.get(i), SourceRef.NONE));
    }
    List<Stmt> stmts = g.body().stmts();
    for (Stmt s : stmts.subList(0, stmts.size() - 1)) {
      body.add(rename.stmt(s));
    }
    Stmt.Return ret = (Stmt.Return) stmts.get(stmts.size() - 1);
    List<Expr> result = new ArrayList<>();
    for (Expr v : ret.values()) {
      result.add(rename.expr(v));
    }
    return result;
  }

  /**
   * The tangent of a {@code @CustomVjp} method with a scalar result, from its rules:
   * {@code fwd = fFwd(p...)}, {@code c = fBwd(n..., fwd.residuals(), 1)}, tangent {@code = c . pDot}.
   * Exact because the backward rule is linear in the cotangent; second-order forms use it.
   */
  public static Function tangentFromVjp(FunctionInfo f, FunctionInfo fwd, FunctionInfo bwd) {
    SourceRef src = SourceRef.NONE;
    if (!f.scalarResult()) {
      throw new TransformException(src, Diagnostic.SECOND_ORDER_VJP_RESULT.of(f.name()));
    }
    Namer namer = new Namer(Set.of());
    List<Param> params = new ArrayList<>();
    List<Expr> primals = new ArrayList<>();
    List<Expr> nonDiff = new ArrayList<>();
    for (FunctionInfo.ParamInfo p : f.params()) {
      Var v = new Var(namer.declare(p.name()), p.type());
      params.add(new Param(v, p.differentiable()));
      primals.add(v);
      if (p.nonDiff()) {
        nonDiff.add(v);
      }
      if (p.differentiable() && !p.type().isFloating()) {
        throw new TransformException(src, Diagnostic.SECOND_ORDER_VJP_PARAMETER.of(f.name(), p.name(), p.type()));
      }
    }
    List<Var> dots = new ArrayList<>();
    for (FunctionInfo.ParamInfo p : f.differentiableParams()) {
      Var dot = namer.fresh(p.name() + "Dot", p.type());
      dots.add(dot);
      params.add(new Param(dot, true));
    }
    Block.Builder body = new Block.Builder();
    Type fwdType = f.fwdType();
    Var result = namer.fresh("fwd", fwdType);
    body.add(new Stmt.Declare(result, new Expr.Invoke(new Callee.Function(fwd.ref(), Callee.Form.PRIMAL), null,
        primals, fwdType), src));
    Var value = namer.fresh("value", f.resultType());
    body.add(new Stmt.Declare(value, new Expr.Component(result, "value", f.resultType()), src));
    Type residualType = ((Type.Record) fwdType).components().get(1).type();
    Var residuals = namer.fresh("residuals", residualType);
    body.add(new Stmt.Declare(residuals, new Expr.Component(result, "residuals", residualType), src));
    List<Expr> bwdArgs = new ArrayList<>(nonDiff);
    bwdArgs.add(residuals);
    bwdArgs.add(Const.of(f.resultType(), 1));
    Type c = f.cotangentType();
    if (c instanceof Type.Array a && !(a.element() instanceof Type.Prim) && dots.size() > 1) {
      throw new TransformException(src, Diagnostic.SECOND_ORDER_VJP_BACKWARD.of(f.name()));
    }
    Var cotangents = namer.fresh("cotangents", c);
    body.add(new Stmt.Declare(cotangents, new Expr.Invoke(new Callee.Function(bwd.ref(), Callee.Form.PRIMAL), null,
        bwdArgs, c), src));
    List<Expr> terms = new ArrayList<>();
    for (int k = 0; k < dots.size(); k++) {
      Expr part = dots.size() == 1 ? cotangents
          : new Expr.ArrayRead(cotangents, new Const(Type.Prim.INT, k), dots.get(k).type());
      terms.add(Ops.mul(Ops.convert(part, f.resultType()), Ops.convert(dots.get(k), f.resultType())));
    }
    body.add(new Stmt.Return(List.of(value, Ops.sum(terms)), src));
    return new Function(f.name() + "Tangent", params, FunctionInfo.jvpResultType(f.resultType()), body.build(), Set.of());
  }
}
