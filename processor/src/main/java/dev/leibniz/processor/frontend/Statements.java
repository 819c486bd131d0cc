package dev.leibniz.processor.frontend;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import dev.leibniz.processor.diagnostics.Diagnostic;
import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * Lowers statements: locals, expression statements, blocks, if, return and the dispatch to loops and
 * switches; each statement's errors are reported on it and parsing goes on with the next one.
 */
final class Statements {

  private final BodyContext cx;

  Statements(BodyContext cx) {
    this.cx = cx;
  }

  /**
   * One local per leaf of a record, named after the path to it ({@code pX}, {@code segPY}),
   * initialized from {@code whole}'s components, or uninitialized when {@code whole} is null.
   */
  Value declareRecord(String base, Type.Record type, Expr whole, Tree at) {
    List<Value> components = new ArrayList<>();
    for (Type.Component c : type.components()) {
      Expr part = whole == null ? null : new Expr.Component(whole, c.name(), c.type());
      String name = base + Namer.capitalized(c.name());
      if (c.type() instanceof Type.Record inner) {
        components.add(declareRecord(name, inner, part, at));
      } else {
        Var leaf = cx.namer.fresh(name, c.type());
        cx.out.add(new Stmt.Declare(leaf, part, cx.src(at)));
        components.add(new Value.Scalar(leaf));
      }
    }
    return new Value.Aggregate(type, components);
  }

  void statement(StatementTree s) {
    StatementTree outer = cx.currentStatement;
    cx.currentStatement = s;
    try {
      statementUnchecked(s);
    } catch (FrontendException e) {
      cx.report(e.tree(), e.message());
    } catch (TypeMapper.UnsupportedTypeException e) {
      cx.report(s, e.message());
    } finally {
      cx.currentStatement = outer;
    }
  }

  private void statementUnchecked(StatementTree s) {
    if (s instanceof VariableTree v) {
      declaration(v);
    } else if (s instanceof ExpressionStatementTree e) {
      expressionStatement(e.getExpression(), cx.out);
    } else if (s instanceof IfTree i) {
      Expr cond = condition(i.getCondition());
      Block then = block(i.getThenStatement());
      Block otherwise = i.getElseStatement() == null ? Block.EMPTY : block(i.getElseStatement());
      cx.out.add(new Stmt.If(cond, then, otherwise, cx.src(s)));
    } else if (s instanceof BlockTree b) {
      Scope saved = cx.scope;
      cx.scope = cx.scope.child();
      try {
        for (StatementTree inner : b.getStatements()) {
          statement(inner);
        }
      } finally {
        cx.scope = saved;
      }
    } else if (s instanceof WhileLoopTree w) {
      cx.loops.loop(null, Block.EMPTY, w.getCondition(), w.getStatement(), List.of(), false, s);
    } else if (s instanceof DoWhileLoopTree d) {
      cx.loops.loop(null, Block.EMPTY, d.getCondition(), d.getStatement(), List.of(), true, s);
    } else if (s instanceof ForLoopTree f) {
      cx.loops.forLoop(null, f);
    } else if (s instanceof EnhancedForLoopTree f) {
      cx.loops.enhancedFor(null, f);
    } else if (s instanceof LabeledStatementTree l) {
      String label = l.getLabel().toString();
      StatementTree inner = l.getStatement();
      if (inner instanceof WhileLoopTree w) {
        cx.loops.loop(label, Block.EMPTY, w.getCondition(), w.getStatement(), List.of(), false, inner);
      } else if (inner instanceof DoWhileLoopTree d) {
        cx.loops.loop(label, Block.EMPTY, d.getCondition(), d.getStatement(), List.of(), true, inner);
      } else if (inner instanceof ForLoopTree f) {
        cx.loops.forLoop(label, f);
      } else if (inner instanceof EnhancedForLoopTree f) {
        cx.loops.enhancedFor(label, f);
      } else {
        throw new FrontendException(s, Diagnostic.LABEL_NOT_ON_LOOP.of());
      }
    } else if (s instanceof BreakTree || s instanceof ContinueTree) {
      cx.loops.jump(s);
    } else if (s instanceof SwitchTree sw) {
      cx.switches.switchStatement(sw);
    } else if (s instanceof YieldTree y) {
      cx.switches.yieldStatement(y);
    } else if (s instanceof ReturnTree r) {
      returnStatement(r);
    } else if (s instanceof ThrowTree t) {
      Value v = cx.exprs.expr(t.getExpression(), null);
      cx.out.add(new Stmt.Throw(cx.values.materialize(v), cx.src(s)));
    } else if (s.getKind() == Tree.Kind.EMPTY_STATEMENT) {
      // nothing
    } else {
      throw new FrontendException(s, Diagnostic.UNSUPPORTED_STATEMENT.of(describe(s)));
    }
  }

  private static String describe(StatementTree s) {
    return switch (s.getKind()) {
      case TRY -> "a try statement";
      case SYNCHRONIZED -> "a synchronized block";
      case ASSERT -> "an assert statement";
      case CLASS, RECORD, INTERFACE, ENUM -> "a local class";
      default -> "statement " + s.getKind().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    };
  }

  Block block(StatementTree s) {
    Block.Builder saved = cx.out;
    Scope savedScope = cx.scope;
    cx.out = new Block.Builder();
    cx.scope = cx.scope.child();
    try {
      statement(s);
      return cx.out.build();
    } finally {
      cx.out = saved;
      cx.scope = savedScope;
    }
  }

  private void declaration(VariableTree v) {
    String name = v.getName().toString();
    Type type;
    Value init = null;
    if (isVar(v.getType())) {
      if (v.getInitializer() == null) {
        throw new FrontendException(v, Diagnostic.VAR_WITHOUT_INITIALIZER.of());
      }
      init = cx.exprs.expr(v.getInitializer(), null);
      type = cx.values.typeOf(init);
      if (type == Type.Prim.VOID) {
        throw new FrontendException(v, Diagnostic.CANNOT_INFER_LOCAL_TYPE.of(name));
      }
    } else {
      type = cx.mapper.toIr(cx.names.resolve(v.getType()));
      if (Known.isFunction(type) && unparenthesized(v.getInitializer()) instanceof LambdaExpressionTree l
          && !cx.reassigned.contains(name)) {
        cx.scope.define(name, new Value.LocalLambda(l, cx.scope, type));
        return;
      }
      if (v.getInitializer() != null) {
        try {
          init = cx.exprs.expr(v.getInitializer(), type);
        } catch (FrontendException e) {
          // keep the local, so later uses of it are not errors of their own
          cx.scope.define(name, type instanceof Type.Record r ? declareRecord(name, r, null, v)
              : new Value.Scalar(new Var(cx.namer.declare(name), type)));
          throw e;
        }
      }
    }
    if (init instanceof Value.LocalLambda fn && fn.type().equals(type) && !cx.reassigned.contains(name)) {
      cx.scope.define(name, fn); // g = f: another name for the local lambda, inlined where applied
      return;
    }
    if (type instanceof Type.Record r) {
      Value value = declareRecord(name, r, null, v);
      if (init != null) {
        cx.assigns.assignRecord(value, cx.values.convert(init, type, v.getInitializer()), v);
      }
      cx.scope.define(name, value);
    } else {
      Var var = new Var(cx.namer.declare(name), type);
      cx.out.add(new Stmt.Declare(var, init == null ? null : cx.values.materialize(cx.values.convert(init, type, v.getInitializer())), cx.src(v)));
      cx.scope.define(name, new Value.Scalar(var));
    }
  }

  static ExpressionTree unparenthesized(ExpressionTree e) {
    return e instanceof ParenthesizedTree p ? unparenthesized(p.getExpression()) : e;
  }

  private boolean isVar(Tree typeTree) {
    return typeTree == null
        || (typeTree instanceof IdentifierTree id && id.getName().contentEquals("var")
            && cx.names.resolveSimple("var") == null);
  }

  void expressionStatement(ExpressionTree e, Block.Builder into) {
    Block.Builder saved = cx.out;
    cx.out = into;
    try {
      if (e instanceof AssignmentTree a) {
        cx.assigns.assignment(a.getVariable(), a.getExpression(), e);
      } else if (e instanceof CompoundAssignmentTree c) {
        cx.assigns.compoundAssignment(c);
      } else if (e instanceof UnaryTree u && Assignments.isIncrement(u)) {
        cx.assigns.increment(u, false);
      } else if (e instanceof MethodInvocationTree || e instanceof NewClassTree) {
        Value v = cx.exprs.expr(e, null);
        Expr x = cx.values.materializeQuiet(v);
        if (x != null && !(x instanceof Var)) {
          cx.out.add(new Stmt.Eval(x, cx.src(e)));
        }
      } else {
        throw new FrontendException(e, Diagnostic.UNSUPPORTED_EXPRESSION_STATEMENT.of(e));
      }
    } finally {
      cx.out = saved;
    }
  }

  private void returnStatement(ReturnTree r) {
    if (r.getExpression() == null && cx.resultType == Type.Prim.VOID) {
      cx.out.add(new Stmt.Return(List.of(), cx.src(r)));
      return;
    }
    if (r.getExpression() == null) {
      throw new FrontendException(r, Diagnostic.RETURN_WITHOUT_VALUE.of());
    }
    Value v = cx.values.convert(cx.exprs.expr(r.getExpression(), cx.resultType), cx.resultType, r.getExpression());
    cx.out.add(new Stmt.Return(cx.values.leaves(v, r), cx.src(r)));
  }

  Expr condition(ExpressionTree tree) {
    Expr c = cx.values.materialize(cx.exprs.expr(tree, Type.Prim.BOOLEAN));
    if (c.type() != Type.Prim.BOOLEAN) {
      throw new FrontendException(tree, Diagnostic.CONDITION_NOT_BOOLEAN.of(tree));
    }
    return c;
  }
}
