package dev.leibniz.processor.frontend;

import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import dev.leibniz.processor.diagnostics.Diagnostic;
import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Expr.BinaryOp;
import dev.leibniz.processor.ir.Ops;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import java.util.List;
import java.util.Set;

/**
 * Lowers while, do, for and enhanced-for loops, and {@code break}/{@code continue} to their targets.
 */
final class Loops {

  private final BodyContext cx;

  Loops(BodyContext cx) {
    this.cx = cx;
  }

  void loop(String label, Block init, ExpressionTree cond, StatementTree body,
      List<? extends ExpressionStatementTree> updates, boolean testAfter, Tree at) {
    if (cond != null && EvaluationOrder.hasEffects(cond)) {
      loopWithStatementsInCondition(label, init, cond, body, updates, testAfter, at);
      return;
    }
    Expr condition;
    try {
      condition = cond == null ? null : cx.lazily(() -> cx.stmts.condition(cond));
    } catch (ConditionNeedsStatements e) {
      // a call returning a record, or a copy: the condition runs as statements, once per test
      loopWithStatementsInCondition(label, init, cond, body, updates, testAfter, at);
      return;
    }
    Block[] bodyBlock = new Block[1];
    String loopLabel = loopBody(label, () -> bodyBlock[0] = cx.stmts.block(body));
    Block.Builder update = updates(updates);
    cx.out.add(new Stmt.Loop(loopLabel, init, condition, bodyBlock[0], update.build(), testAfter, cx.src(at)));
  }

  /**
   * A loop whose condition assigns (or holds a switch expression) runs the condition as statements
   * in its body, in Java's order: {@code while (c) body} as {@code while (true) { c; if (!c) break;
   * body }}, and {@code do body while (c)} with the test after the body, in its update when a
   * {@code continue} must reach it.
   */
  private void loopWithStatementsInCondition(String label, Block init, ExpressionTree cond, StatementTree body,
      List<? extends ExpressionStatementTree> updates, boolean testAfter, Tree at) {
    Block.Builder test = new Block.Builder();
    Block.Builder saved = cx.out;
    Scope savedScope = cx.scope;
    try {
      cx.out = test;
      cx.scope = cx.scope.child();
      Expr c = cx.stmts.condition(cond);
      cx.out.add(new Stmt.If(new Expr.Unary(Expr.UnaryOp.NOT, c, Type.Prim.BOOLEAN),
          Block.of(new Stmt.Break(null, cx.src(cond))), Block.EMPTY, cx.src(cond)));
    } finally {
      cx.out = saved;
      cx.scope = savedScope;
    }
    Block[] bodyBlock = new Block[1];
    String loopLabel = loopBody(label, () -> bodyBlock[0] = cx.stmts.block(body));
    Block.Builder update = updates(updates);
    Block.Builder whole = new Block.Builder();
    if (!testAfter) {
      whole.addAll(test.stmts()).addAll(bodyBlock[0].stmts());
    } else if (Stmts.any(bodyBlock[0], s -> s instanceof Stmt.Continue)) {
      update.addAll(test.stmts());
      whole.addAll(bodyBlock[0].stmts());
    } else {
      whole.addAll(bodyBlock[0].stmts()).addAll(test.stmts());
    }
    cx.out.add(new Stmt.Loop(loopLabel, init, null, whole.build(), update.build(), false, cx.src(at)));
  }

  /** A for loop's updates, each reported on its own when it cannot be lowered. */
  private Block.Builder updates(List<? extends ExpressionStatementTree> updates) {
    Block.Builder update = new Block.Builder();
    for (ExpressionStatementTree u : updates) {
      try {
        cx.stmts.expressionStatement(u.getExpression(), update);
      } catch (FrontendException e) {
        cx.report(e.tree(), e.message());
      }
    }
    return update;
  }

  void forLoop(String label, ForLoopTree f) {
    Scope saved = cx.scope;
    Block.Builder savedOut = cx.out;
    cx.scope = cx.scope.child();
    cx.out = new Block.Builder();
    try {
      for (StatementTree s : f.getInitializer()) {
        cx.stmts.statement(s);
      }
      Block init = cx.out.build();
      cx.out = savedOut;
      loop(label, init, f.getCondition(), f.getStatement(), f.getUpdate(), false, f);
    } finally {
      cx.scope = saved;
      cx.out = savedOut;
    }
  }

  void enhancedFor(String label, EnhancedForLoopTree f) {
    Expr array = cx.values.materialize(cx.exprs.expr(f.getExpression(), null));
    if (!(array.type() instanceof Type.Array arrayType)) {
      throw new FrontendException(f.getExpression(), Diagnostic.ENHANCED_FOR_NOT_ARRAY.of(array.type()));
    }
    // Java iterates over the array it found on entry, even when the body assigns the variable again
    Var arrayVar = array instanceof Var v && !cx.reassigned.contains(v.name()) ? v : cx.namer.temp(array.type());
    if (arrayVar != array) {
      cx.out.add(new Stmt.Declare(arrayVar, array, cx.src(f)));
    }
    Var index = cx.namer.fresh("i", Type.Prim.INT);
    Block init = Block.of(new Stmt.Declare(index, new Const(Type.Prim.INT, 0), cx.src(f)));
    Expr cond = Ops.compare(BinaryOp.LT, index, new Expr.ArrayLength(arrayVar));
    Scope saved = cx.scope;
    Block.Builder savedOut = cx.out;
    cx.scope = cx.scope.child();
    cx.out = new Block.Builder();
    try {
      String name = f.getVariable().getName().toString();
      Type elementType = arrayType.element();
      Var element = new Var(cx.namer.declare(name), elementType);
      cx.out.add(new Stmt.Declare(element, new Expr.ArrayRead(arrayVar, index, elementType), cx.src(f.getVariable())));
      cx.scope.define(name, new Value.Scalar(element));
      String loopLabel = loopBody(label, () -> cx.stmts.statement(f.getStatement()));
      Block body = cx.out.build();
      Block update = Block.of(new Stmt.Assign(index,
          new Expr.Binary(BinaryOp.ADD, index, new Const(Type.Prim.INT, 1), Type.Prim.INT), cx.src(f)));
      savedOut.add(new Stmt.Loop(loopLabel, init, cond, body, update, false, cx.src(f)));
    } finally {
      cx.scope = saved;
      cx.out = savedOut;
    }
  }

  /** Parses a loop's body with the loop as the target of plain jumps; returns the loop's label then. */
  private String loopBody(String label, Runnable parseBody) {
    JumpTarget target = new JumpTarget(true, label, false, Set.of(), null);
    cx.jumpTargets.push(target);
    try {
      parseBody.run();
    } finally {
      cx.jumpTargets.pop();
    }
    return target.label;
  }

  void jump(StatementTree s) {
    javax.lang.model.element.Name label = s instanceof BreakTree b ? b.getLabel() : ((ContinueTree) s).getLabel();
    if (label != null) {
      cx.out.add(s instanceof BreakTree ? new Stmt.Break(label.toString(), cx.src(s))
          : new Stmt.Continue(label.toString(), cx.src(s)));
      return;
    }
    if (s instanceof BreakTree) {
      JumpTarget top = cx.jumpTargets.peek();
      cx.out.add(new Stmt.Break(top == null || top.isLoop ? null : top.label, cx.src(s)));
      return;
    }
    boolean throughOneTripLoop = false;
    for (JumpTarget t : cx.jumpTargets) {
      if (t.isLoop) {
        if (throughOneTripLoop && t.label == null) {
          t.label = cx.namer.fresh("loop");
        }
        cx.out.add(new Stmt.Continue(throughOneTripLoop ? t.label : null, cx.src(s)));
        return;
      }
      throughOneTripLoop |= t.wrapped;
    }
    throw new FrontendException(s, Diagnostic.JUMP_OUTSIDE_LOOP.of());
  }
}
