package dev.leibniz.processor.frontend;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreeScanner;
import dev.leibniz.processor.diagnostics.Diagnostic;
import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Leaves;
import dev.leibniz.processor.ir.Expr.BinaryOp;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.Ops;
import dev.leibniz.processor.ir.Reachability;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * Lowers switch statements and switch expressions (and {@code yield}) to if chains inside one-trip
 * loops where a case jumps out early.
 */
final class Switches {

  private final BodyContext cx;

  Switches(BodyContext cx) {
    this.cx = cx;
  }

  void yieldStatement(YieldTree y) {
    JumpTarget target = cx.jumpTargets.peek();
    if (target == null || target.resultNames == null) {
      throw new FrontendException(y, Diagnostic.YIELD_OUTSIDE_SWITCH.of());
    }
    yieldValue(target, y.getValue(), y);
    if (!target.trailing.contains(y)) {
      cx.out.add(new Stmt.Break(target.label, cx.src(y)));
    }
  }

  /**
   * Assigns a yielded value to placeholders named as the result: their type is the value's own
   * until every arm is known and {@link #typeResults} converts them to the switch's type.
   */
  private void yieldValue(JumpTarget target, ExpressionTree value, Tree at) {
    Value v = cx.exprs.expr(value, null);
    List<Expr> leaves = cx.values.leaves(v, at);
    if (target.resultNames.isEmpty()) {
      for (int i = 0; i < leaves.size(); i++) {
        target.resultNames.add(cx.namer.fresh("switchResult"));
      }
    } else if (target.resultNames.size() != leaves.size()) {
      throw new FrontendException(value, Diagnostic.SWITCH_ARMS_DIFFER.of());
    }
    target.yielded.add(v);
    for (int i = 0; i < leaves.size(); i++) {
      Var placeholder = new Var(target.resultNames.get(i), leaves.get(i).type());
      cx.out.add(new Stmt.Assign(placeholder, leaves.get(i), cx.src(at)));
    }
  }

  /** A switch statement, lowered to an if chain (see {@link #lowerSwitch}). */
  void switchStatement(SwitchTree s) {
    lowerSwitch(s.getExpression(), s.getCases(), null, s);
  }

  /** A switch expression: lowered as a statement whose arms assign the result, which then flows like {@code ?:}. */
  Value switchExpression(SwitchExpressionTree s, Type expected) {
    if (cx.lazyDepth > 0) { // in a loop condition (a lambda's body applied there): the loop runs it as statements
      throw new ConditionNeedsStatements(s, Diagnostic.SWITCH_EXPRESSION_PLACE.of());
    }
    Block.Builder saved = cx.out;
    Block.Builder lowered = new Block.Builder();
    cx.out = lowered;
    JumpTarget target;
    try {
      target = lowerSwitch(s.getExpression(), s.getCases(), new ArrayList<>(), s);
    } finally {
      cx.out = saved;
    }
    if (target.yielded.isEmpty()) {
      throw new FrontendException(s, Diagnostic.SWITCH_YIELDS_NOTHING.of());
    }
    Type type = expected;
    if (type == null) {
      type = cx.values.typeOf(target.yielded.get(0));
      for (Value v : target.yielded) {
        if (Values.isNumeric(type) && Values.isNumeric(cx.values.typeOf(v))) {
          type = Values.promote(type, cx.values.typeOf(v));
        }
      }
    }
    List<Type> leafTypes = Leaves.types(type);
    List<Var> results = new ArrayList<>();
    java.util.Map<String, Var> byName = new java.util.HashMap<>();
    for (int i = 0; i < leafTypes.size(); i++) {
      Var r = new Var(target.resultNames.get(i), leafTypes.get(i));
      // initialized: javac's definite assignment cannot always see that the lowered arms assign it
      cx.out.add(new Stmt.Declare(r, zero(r.type()), cx.src(s)));
      results.add(r);
      byName.put(r.name(), r);
    }
    cx.out.addAll(typeResults(lowered.build(), byName).stmts());
    List<Expr> leaves = new ArrayList<>(results);
    return type instanceof Type.Record r ? cx.values.rebuild(r, leaves) : new Value.Scalar(results.get(0));
  }

  private static Expr zero(Type t) {
    if (t == Type.Prim.BOOLEAN) {
      return new Const(t, false);
    }
    return t instanceof Type.Prim ? Ops.num(t, 0) : new Const(t, null);
  }

  /** {@code b} with the assignments to placeholders made assignments to {@code results}, converted. */
  private static Block typeResults(Block b, java.util.Map<String, Var> results) {
    List<Stmt> stmts = new ArrayList<>();
    for (Stmt s : b.stmts()) {
      if (s instanceof Stmt.Assign a && results.containsKey(a.target().name())) {
        Var r = results.get(a.target().name());
        stmts.add(new Stmt.Assign(r, Ops.convert(a.value(), r.type()), a.source()));
      } else if (s instanceof Stmt.If i) {
        stmts.add(new Stmt.If(i.cond(), typeResults(i.then(), results), typeResults(i.otherwise(), results),
            i.source()));
      } else if (s instanceof Stmt.Loop l) {
        stmts.add(new Stmt.Loop(l.label(), typeResults(l.init(), results), l.cond(), typeResults(l.body(), results),
            typeResults(l.update(), results), l.testAfter(), l.source()));
      } else {
        stmts.add(s);
      }
    }
    return new Block(stmts);
  }

  /**
   * Lowers a switch on an int-like value, an enum or a String to an if/else chain, {@code default}
   * last. A case that falls through runs the code of the cases after it too (parsed again for each
   * case entering there). A break or yield before the end of a case leaves a one-trip loop around
   * it all. Returns the jump target, holding a switch expression's yielded values.
   */
  private JumpTarget lowerSwitch(ExpressionTree selectorTree, List<? extends CaseTree> cases, List<String> resultNames,
      Tree at) {
    Expr selector = selector(selectorTree);
    List<List<? extends StatementTree>> bodies = new ArrayList<>();
    Set<Tree> trailing = Collections.newSetFromMap(new IdentityHashMap<>());
    for (CaseTree c : cases) {
      List<? extends StatementTree> stmts = caseStatements(c);
      bodies.add(stmts);
      StatementTree last = stmts.isEmpty() ? null : stmts.get(stmts.size() - 1);
      if ((last instanceof BreakTree b && b.getLabel() == null) || last instanceof YieldTree) {
        trailing.add(last);
      }
    }
    boolean wrapped = jumpsOut(bodies, trailing);
    JumpTarget target = new JumpTarget(false, wrapped ? cx.namer.fresh("switchBlock") : null, wrapped, trailing,
        resultNames);
    Block chain = Block.EMPTY;
    if (resultNames != null) { // a switch expression without default covers every enum constant known here
      Expr error = new Expr.Invoke(new Callee.Constructor(ClassRef.of("java.lang", "IncompatibleClassChangeError")),
          null, List.of(), Type.Ref.of(ClassRef.of("java.lang", "IncompatibleClassChangeError")));
      chain = Block.of(new Stmt.Throw(error, cx.src(at)));
    }
    List<Expr> conds = new ArrayList<>();
    List<Block> blocks = new ArrayList<>();
    int defaultIndex = -1;
    cx.jumpTargets.push(target);
    try {
      for (int i = 0; i < cases.size(); i++) {
        CaseTree c = cases.get(i);
        conds.add(caseCondition(selector, c));
        defaultIndex = c.getExpressions().isEmpty() ? i : defaultIndex;
        blocks.add(caseBlock(c, bodies.subList(i, bodies.size()), target));
      }
    } finally {
      cx.jumpTargets.pop();
    }
    if (defaultIndex >= 0) {
      chain = blocks.get(defaultIndex);
    }
    for (int i = cases.size() - 1; i >= 0; i--) {
      if (i != defaultIndex) {
        chain = Block.of(new Stmt.If(conds.get(i), blocks.get(i), chain, cx.src(cases.get(i))));
      }
    }
    if (wrapped) {
      cx.out.add(new Stmt.Loop(target.label, Block.EMPTY, new Const(Type.Prim.BOOLEAN, false), chain, Block.EMPTY, true,
          cx.src(at)));
    } else {
      cx.out.addAll(chain.stmts());
    }
    return target;
  }

  private static boolean endsWithJump(List<? extends StatementTree> stmts) {
    if (stmts.isEmpty()) {
      return false;
    }
    StatementTree s = stmts.get(stmts.size() - 1);
    return s instanceof BreakTree || s instanceof YieldTree || s instanceof ReturnTree || s instanceof ThrowTree
        || s instanceof ContinueTree;
  }

  /** The selector, evaluated once: an int-like value, an enum or a String. */
  private Expr selector(ExpressionTree tree) {
    Expr e = cx.values.materialize(cx.exprs.expr(tree, null));
    Type t = e.type();
    boolean intLike = t == Type.Prim.INT || t == Type.Prim.CHAR || t == Type.Prim.SHORT || t == Type.Prim.BYTE;
    if (!intLike && !Values.isString(t) && !isEnum(t)) {
      throw new FrontendException(tree, Diagnostic.SWITCH_SELECTOR_TYPE.of(Statements.unparenthesized(tree), t));
    }
    return e instanceof Var || e instanceof Const ? e : cx.values.spillExpr(e, tree);
  }

  private boolean isEnum(Type t) {
    if (!(t instanceof Type.Ref r)) {
      return false;
    }
    TypeElement element = cx.elements.getTypeElement(r.cls().canonicalName());
    return element != null && element.getKind() == ElementKind.ENUM;
  }

  /** The statements of a case: those after {@code case ...:}, or the body after {@code ->}. */
  private static List<? extends StatementTree> caseStatements(CaseTree c) {
    if (c.getCaseKind() == CaseTree.CaseKind.STATEMENT) {
      return c.getStatements();
    }
    Tree body = c.getBody();
    if (body instanceof BlockTree b) {
      return b.getStatements();
    }
    return body instanceof StatementTree s ? List.of(s) : List.of();
  }

  /** Whether a case leaves the switch with a plain break or a yield before the end of its code. */
  private static boolean jumpsOut(List<List<? extends StatementTree>> bodies, Set<Tree> trailing) {
    boolean[] found = {false};
    TreeScanner<Void, Void> scanner = new TreeScanner<>() {
      @Override
      public Void visitBreak(BreakTree node, Void p) {
        found[0] |= node.getLabel() == null && !trailing.contains(node);
        return null;
      }

      @Override
      public Void visitYield(YieldTree node, Void p) {
        found[0] |= !trailing.contains(node);
        return super.visitYield(node, p);
      }

      // jumps inside these go elsewhere
      @Override
      public Void visitWhileLoop(WhileLoopTree node, Void p) {
        return null;
      }

      @Override
      public Void visitDoWhileLoop(DoWhileLoopTree node, Void p) {
        return null;
      }

      @Override
      public Void visitForLoop(ForLoopTree node, Void p) {
        return null;
      }

      @Override
      public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void p) {
        return null;
      }

      @Override
      public Void visitSwitch(SwitchTree node, Void p) {
        return scan(node.getExpression(), p);
      }

      @Override
      public Void visitSwitchExpression(SwitchExpressionTree node, Void p) {
        return scan(node.getExpression(), p);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
        return null;
      }

      @Override
      public Void visitClass(com.sun.source.tree.ClassTree node, Void p) {
        return null;
      }
    };
    for (List<? extends StatementTree> body : bodies) {
      scanner.scan(body, null);
    }
    return found[0];
  }

  /** Whether the selector matches one of the case's labels; null for {@code default}. */
  private Expr caseCondition(Expr selector, CaseTree c) {
    Expr cond = null;
    for (ExpressionTree label : c.getExpressions()) {
      Expr match;
      if (isEnum(selector.type())) {
        if (!(label instanceof IdentifierTree id)) {
          throw new FrontendException(label, Diagnostic.CASE_NOT_CONSTANT.of(label, selector.type()));
        }
        Type.Ref enumType = (Type.Ref) selector.type();
        match = Ops.compare(BinaryOp.EQ, selector,
            new Expr.StaticField(enumType.cls(), id.getName().toString(), enumType));
      } else if (Values.isString(selector.type())) {
        Expr constant = cx.values.materialize(cx.exprs.expr(label, selector.type()));
        match = new Expr.Invoke(new Callee.Method(Known.STRING, "equals", false, List.of(Type.Ref.of(Known.OBJECT))),
            selector, List.of(constant), Type.Prim.BOOLEAN, cx.src(label));
      } else {
        Expr constant = cx.values.materialize(cx.exprs.expr(label, selector.type()));
        Type t = Values.promote(selector.type(), constant.type());
        match = Ops.compare(BinaryOp.EQ, Ops.convert(selector, t), Ops.convert(constant, t));
      }
      cond = cond == null ? match : new Expr.Binary(BinaryOp.OR, cond, match, Type.Prim.BOOLEAN);
    }
    return cond;
  }

  /**
   * A case's code, without its trailing break, and the code of the cases after it while it falls
   * through: while its lowered code can end normally (a block or an if/else ending in break or
   * return cannot), so that javac finds every statement reachable. An arrow's expression is a
   * statement or a yielded value.
   */
  private Block caseBlock(CaseTree c, List<List<? extends StatementTree>> bodies, JumpTarget target) {
    Block.Builder saved = cx.out;
    Scope savedScope = cx.scope;
    cx.out = new Block.Builder();
    cx.scope = cx.scope.child();
    try {
      if (c.getCaseKind() == CaseTree.CaseKind.RULE && c.getBody() instanceof ExpressionTree e) {
        if (target.resultNames != null) {
          yieldValue(target, e, e);
        } else {
          try {
            cx.stmts.expressionStatement(e, cx.out);
          } catch (FrontendException ex) {
            cx.report(ex.tree(), ex.message());
          }
        }
      }
      for (List<? extends StatementTree> body : bodies) {
        for (StatementTree s : body) {
          if (s instanceof YieldTree || !target.trailing.contains(s)) {
            cx.stmts.statement(s);
          }
        }
        if (c.getCaseKind() == CaseTree.CaseKind.RULE || endsWithJump(body)
            || !Reachability.completesNormally(cx.out.stmts())) {
          break;
        }
      }
      return cx.out.build();
    } finally {
      cx.out = saved;
      cx.scope = savedScope;
    }
  }
}
