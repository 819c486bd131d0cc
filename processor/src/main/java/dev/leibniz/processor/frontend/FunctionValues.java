package dev.leibniz.processor.frontend;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import dev.leibniz.processor.diagnostics.Diagnostic;
import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.LambdaFunction;
import dev.leibniz.processor.ir.MathFn;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.rules.FunctionInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Lowers lambdas and method references as function values, and calls of them: a local lambda is
 * inlined, other function values are called.
 */
final class FunctionValues {

  private final BodyContext cx;

  FunctionValues(BodyContext cx) {
    this.cx = cx;
  }

  /**
   * {@code h.applyAsDouble(args)} of a local lambda: its body, parsed where it was written with its
   * parameters bound to the arguments. A block body may return only as its last statement.
   */
  Value inline(Value.LocalLambda fn, List<? extends ExpressionTree> argTrees, Tree at) {
    LambdaExpressionTree l = fn.tree();
    if (argTrees.size() != l.getParameters().size()) {
      throw new FrontendException(at, Diagnostic.LAMBDA_ARITY.of(at, argTrees.size(), l.getParameters().size()));
    }
    List<Expr> args = new ArrayList<>();
    for (ExpressionTree a : argTrees) {
      args.add(cx.values.materialize(cx.values.convert(cx.exprs.expr(a, Type.Prim.DOUBLE), Type.Prim.DOUBLE, a)));
    }
    Scope saved = cx.scope;
    cx.scope = new Scope(fn.scope(), false);
    try {
      for (int i = 0; i < args.size(); i++) {
        String p = l.getParameters().get(i).getName().toString();
        Var v = new Var(cx.namer.declare(p), Type.Prim.DOUBLE);
        cx.out.add(new Stmt.Declare(v, args.get(i), cx.src(at)));
        cx.scope.define(p, new Value.Scalar(v));
      }
      if (l.getBody() instanceof ExpressionTree body) {
        return new Value.Scalar(cx.values.materialize(cx.values.convert(cx.exprs.expr(body, Type.Prim.DOUBLE), Type.Prim.DOUBLE, body)));
      }
      List<? extends StatementTree> stmts = ((BlockTree) l.getBody()).getStatements();
      StatementTree last = stmts.isEmpty() ? null : stmts.get(stmts.size() - 1);
      if (!(last instanceof ReturnTree ret) || ret.getExpression() == null || returnsIn(stmts.subList(0, stmts.size() - 1))) {
        throw new FrontendException(l, Diagnostic.LAMBDA_EARLY_RETURN.of());
      }
      for (StatementTree st : stmts.subList(0, stmts.size() - 1)) {
        cx.stmts.statement(st);
      }
      return new Value.Scalar(cx.values.materialize(cx.values.convert(cx.exprs.expr(ret.getExpression(), Type.Prim.DOUBLE), Type.Prim.DOUBLE,
          ret.getExpression())));
    } finally {
      cx.scope = saved;
    }
  }

  private static boolean returnsIn(List<? extends StatementTree> stmts) {
    boolean[] found = {false};
    TreeScanner<Void, Void> scanner = new TreeScanner<>() {
      @Override
      public Void visitReturn(ReturnTree node, Void p) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
        return null; // a nested lambda's returns are its own
      }
    };
    for (StatementTree st : stmts) {
      scanner.scan(st, null);
    }
    return found[0];
  }

  /** Calls on function values: {@code applyAsDouble}, and {@code jvp}/{@code vjp}/{@code vjpJvp}. */
  Value functionCall(Expr f, String name, List<? extends ExpressionTree> argTrees, Tree at) {
    int arity = Known.arity(f.type());
    boolean differentiableFn = ((Type.Ref) f.type()).cls().equals(Known.DIFF_UNARY)
        || ((Type.Ref) f.type()).cls().equals(Known.DIFF_BINARY);
    List<Expr> args = new ArrayList<>();
    for (ExpressionTree a : argTrees) {
      args.add(cx.values.materialize(cx.values.convert(cx.exprs.expr(a, Type.Prim.DOUBLE), Type.Prim.DOUBLE, a)));
    }
    Expr call;
    switch (name) {
      case "applyAsDouble":
        if (args.size() != arity) {
          return null;
        }
        call = new Expr.Invoke(new Callee.Apply(arity), f, args, Type.Prim.DOUBLE, cx.src(at));
        break;
      case "jvp":
        if (!differentiableFn || args.size() != 2 * arity) {
          return null;
        }
        call = new Expr.Invoke(Callee.Special.FN_JVP, f, args, Known.dualType(), cx.src(at));
        break;
      case "vjp":
        if (!differentiableFn || args.size() != arity + 1) {
          return null;
        }
        call = new Expr.Invoke(Callee.Special.FN_VJP, f, args,
            arity == 1 ? Type.Prim.DOUBLE : new Type.Array(Type.Prim.DOUBLE));
        break;
      case "vjpJvp":
        if (!differentiableFn || args.size() != 2 * arity + 2) {
          return null;
        }
        call = new Expr.Invoke(Callee.Special.FN_VJP_JVP, f, args,
            arity == 1 ? Known.dualType() : new Type.Array(Type.Prim.DOUBLE));
        break;
      default:
        return null;
    }
    return cx.calls.spill(call, at);
  }

  Expr lambda(LambdaExpressionTree l, Type expected) {
    if (expected == null || !Known.isFunction(expected)) {
      throw new FrontendException(l, Diagnostic.LAMBDA_PLACE.of());
    }
    int arity = Known.arity(expected);
    if (l.getParameters().size() != arity) {
      throw new FrontendException(l, Diagnostic.FUNCTION_TYPE_ARITY.of(expected, arity));
    }
    Scope saved = cx.scope;
    Block.Builder savedOut = cx.out;
    Set<Var> savedCaptures = cx.captures;
    int savedLazy = cx.lazyDepth;
    Type savedResult = cx.resultType;
    cx.scope = new Scope(cx.scope, true);
    cx.out = new Block.Builder();
    cx.captures = new LinkedHashSet<>();
    cx.lazyDepth = 0;
    cx.resultType = Type.Prim.DOUBLE;
    try {
      List<Var> params = new ArrayList<>();
      for (VariableTree p : l.getParameters()) {
        Var v = new Var(cx.namer.declare(p.getName().toString()), Type.Prim.DOUBLE);
        params.add(v);
        cx.scope.define(p.getName().toString(), new Value.Scalar(v));
      }
      if (l.getBody() instanceof ExpressionTree body) {
        Value v = cx.values.convert(cx.exprs.expr(body, Type.Prim.DOUBLE), Type.Prim.DOUBLE, body);
        cx.out.add(new Stmt.Return(List.of(cx.values.materialize(v)), cx.src(body)));
      } else {
        for (StatementTree s : ((BlockTree) l.getBody()).getStatements()) {
          cx.stmts.statement(s);
        }
      }
      LambdaFunction fn = new LambdaFunction(params, cx.out.build(), new ArrayList<>(cx.captures), cx.src(l));
      Set<Var> outerCaptures = savedCaptures;
      if (outerCaptures != null) {
        outerCaptures.addAll(cx.captures);
      }
      return new Expr.Lambda(fn, expected);
    } finally {
      cx.scope = saved;
      cx.out = savedOut;
      cx.captures = savedCaptures;
      cx.lazyDepth = savedLazy;
      cx.resultType = savedResult;
    }
  }

  /** {@code Foo::g} as the lambda {@code (x) -> Foo.g(x)}. */
  Expr methodReference(MemberReferenceTree m, Type expected) {
    if (expected == null || !Known.isFunction(expected)) {
      throw new FrontendException(m, Diagnostic.METHOD_REFERENCE_PLACE.of());
    }
    Value q = cx.exprs.expr(m.getQualifierExpression(), null);
    if (!(q instanceof Value.TypeName owner)) {
      throw new FrontendException(m, Diagnostic.METHOD_REFERENCE_NOT_STATIC.of());
    }
    int arity = Known.arity(expected);
    String name = m.getName().toString();
    Block.Builder savedOut = cx.out;
    cx.out = new Block.Builder();
    try {
      List<Var> params = new ArrayList<>();
      List<Expr> args = new ArrayList<>();
      for (int i = 0; i < arity; i++) {
        Var p = cx.namer.fresh(arity == 1 ? "x" : (i == 0 ? "a" : "b"), Type.Prim.DOUBLE);
        params.add(p);
        args.add(p);
      }
      Expr body = referencedCall(owner.element(), name, args, m);
      cx.out.add(new Stmt.Return(List.of(body), cx.src(m)));
      return new Expr.Lambda(new LambdaFunction(params, cx.out.build(), List.of(), cx.src(m)), expected);
    } finally {
      cx.out = savedOut;
    }
  }

  private Expr referencedCall(TypeElement owner, String name, List<Expr> args, Tree at) {
    String ownerName = owner.getQualifiedName().toString();
    if (ownerName.equals("java.lang.Math") || ownerName.equals("java.lang.StrictMath")) {
      MathFn fn = MathFn.byJavaName(name);
      if (fn != null && fn.arity() == args.size()) {
        return new Expr.MathCall(fn, args, Type.Prim.DOUBLE, ownerName.endsWith("StrictMath"));
      }
    }
    List<ExecutableElement> candidates = cx.overloads.methods(owner, name, args.size());
    if (!candidates.isEmpty()) {
      // the overload javac picks for the function type's double parameters
      FunctionInfo f = cx.calls.differentiable(cx.overloads.choose(candidates, args, at));
      if (f != null) {
        Var t = cx.namer.temp(f.resultType());
        cx.out.add(new Stmt.Declare(t, new Expr.Invoke(new Callee.Function(f.ref(), Callee.Form.PRIMAL), null,
            args, f.resultType()), cx.src(at)));
        return t;
      }
    }
    throw new FrontendException(at, Diagnostic.METHOD_REFERENCE_NOT_DIFFERENTIABLE.of(owner.getSimpleName(), name));
  }
}
