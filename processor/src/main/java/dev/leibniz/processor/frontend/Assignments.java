package dev.leibniz.processor.frontend;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import dev.leibniz.processor.diagnostics.Diagnostic;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Expr.BinaryOp;
import dev.leibniz.processor.ir.Ops;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lowers assignments, compound assignments and increments, as statements and inside expressions
 * (where the value read before the effect is copied first).
 */
final class Assignments {

  private final BodyContext cx;

  Assignments(BodyContext cx) {
    this.cx = cx;
  }

  /** Assigns a record value to record locals, leaf by leaf (through temporaries when they overlap). */
  void assignRecord(Value target, Value value, Tree at) {
    List<Expr> targetLeaves = cx.values.leaves(target, at);
    List<Expr> valueLeaves = cx.values.leaves(value, at);
    Set<Var> targets = new HashSet<>();
    for (Expr t : targetLeaves) {
      targets.add((Var) t);
    }
    boolean overlap = false;
    for (Expr e : valueLeaves) {
      for (Var used : dev.leibniz.processor.ir.Exprs.vars(e)) {
        overlap |= targets.contains(used);
      }
    }
    if (overlap) {
      List<Expr> spilled = new ArrayList<>();
      for (Expr e : valueLeaves) {
        Var t = cx.namer.temp(e.type());
        cx.out.add(new Stmt.Declare(t, e, cx.src(at)));
        spilled.add(t);
      }
      valueLeaves = spilled;
    }
    for (int i = 0; i < targetLeaves.size(); i++) {
      cx.out.add(new Stmt.Assign((Var) targetLeaves.get(i), valueLeaves.get(i), cx.src(at)));
    }
  }

  static boolean isIncrement(UnaryTree u) {
    return switch (u.getKind()) {
      case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT -> true;
      default -> false;
    };
  }

  /** Emits the assignment; returns the assigned variable or element, read back. */
  Value assignment(ExpressionTree lhs, ExpressionTree rhs, Tree at) {
    if (lhs instanceof ArrayAccessTree a) {
      Expr array = arrayOf(a);
      if (!(array instanceof Var arrayVar) || !(array.type() instanceof Type.Array arrayType)) {
        throw new FrontendException(a, Diagnostic.ARRAY_ELEMENT_TARGET.of());
      }
      Expr index = cx.values.materialize(cx.values.convert(cx.exprs.expr(a.getIndex(), Type.Prim.INT), Type.Prim.INT, a.getIndex()));
      Expr value = cx.values.materialize(cx.values.convert(cx.exprs.expr(rhs, arrayType.element()), arrayType.element(), rhs));
      cx.out.add(new Stmt.ArrayWrite(arrayVar, index, value, cx.src(at)));
      return new Value.Scalar(new Expr.ArrayRead(arrayVar, index, arrayType.element()));
    }
    Value target = assignable(lhs);
    Type type = cx.values.typeOf(target);
    Value value = cx.values.convert(cx.exprs.expr(rhs, type), type, rhs);
    if (target instanceof Value.Aggregate) {
      assignRecord(target, value, at);
    } else {
      cx.out.add(new Stmt.Assign((Var) ((Value.Scalar) target).expr(), cx.values.materialize(value), cx.src(at)));
    }
    return target;
  }

  private Value assignable(ExpressionTree lhs) {
    if (lhs instanceof ParenthesizedTree p) {
      return assignable(p.getExpression());
    }
    if (lhs instanceof IdentifierTree id) {
      Value v = cx.scope.lookup(id.getName().toString());
      if (v != null) {
        if (cx.captures != null && cx.scope.isCapture(id.getName().toString())) {
          throw new FrontendException(lhs, Diagnostic.LAMBDA_ASSIGNS.of(id.getName()));
        }
        return v;
      }
    }
    throw new FrontendException(lhs, Diagnostic.ASSIGNMENT_TARGET.of(lhs));
  }

  /** Emits the compound assignment; returns the updated variable or element, read back. */
  Value compoundAssignment(CompoundAssignmentTree c) {
    BinaryOp op = Expressions.binaryOp(c.getKind());
    if (c.getVariable() instanceof ArrayAccessTree a) {
      Expr array = arrayOf(a);
      if (!(array instanceof Var arrayVar) || !(array.type() instanceof Type.Array arrayType)) {
        throw new FrontendException(a, Diagnostic.ARRAY_ELEMENT_TARGET.of());
      }
      Expr index = spillIfNeeded(cx.values.materialize(cx.values.convert(cx.exprs.expr(a.getIndex(), Type.Prim.INT), Type.Prim.INT, a.getIndex())), c);
      Type element = arrayType.element();
      // Java reads the element before the right-hand side runs (which may write into the array)
      Expr current = spillIfNeeded(new Expr.ArrayRead(arrayVar, index, element), c);
      Expr updated = cx.exprs.arithmetic(op, current, cx.values.materialize(cx.exprs.expr(c.getExpression(), null)), c);
      cx.out.add(new Stmt.ArrayWrite(arrayVar, index, Ops.convert(updated, element), cx.src(c)));
      return new Value.Scalar(new Expr.ArrayRead(arrayVar, index, element));
    }
    Value target = assignable(c.getVariable());
    if (!(target instanceof Value.Scalar s) || !(s.expr() instanceof Var var)) {
      throw new FrontendException(c, Diagnostic.RECORD_COMPOUND_ASSIGNMENT.of());
    }
    // Java reads the variable before the right-hand side runs (which may assign it)
    Expr current = EvaluationOrder.hasEffects(c.getExpression()) ? cx.values.spillExpr(var, c) : var;
    Expr rhs = cx.values.materialize(cx.exprs.expr(c.getExpression(), null));
    Expr updated;
    if (op == BinaryOp.ADD && var.type() instanceof Type.Ref) {
      updated = new Expr.Binary(BinaryOp.ADD, current, rhs, var.type()); // String +=
    } else {
      updated = cx.exprs.arithmetic(op, current, rhs, c);
    }
    cx.out.add(new Stmt.Assign(var, Ops.convert(updated, var.type()), cx.src(c)));
    return target;
  }

  /** The array an element assignment writes into: a row {@code m[i]} of a matrix is held in a local first. */
  private Expr arrayOf(ArrayAccessTree a) {
    Expr array = cx.values.materialize(cx.exprs.expr(a.getExpression(), null));
    return array instanceof Expr.ArrayRead && array.type() instanceof Type.Array ? spillIfNeeded(array, a) : array;
  }

  Expr spillIfNeeded(Expr e, Tree at) {
    if (dev.leibniz.processor.ir.Exprs.isAtom(e)) {
      return e;
    }
    Var t = cx.namer.temp(e.type());
    cx.out.add(new Stmt.Declare(t, e, cx.src(at)));
    return t;
  }

  /**
   * Emits {@code ++}/{@code --} on a numeric local or array element; returns its value as the
   * expression has it: the old one (in a temporary) for a postfix whose value is used.
   */
  Value increment(UnaryTree u, boolean valueUsed) {
    boolean up = u.getKind() == Tree.Kind.PREFIX_INCREMENT || u.getKind() == Tree.Kind.POSTFIX_INCREMENT;
    boolean oldValue = valueUsed
        && (u.getKind() == Tree.Kind.POSTFIX_INCREMENT || u.getKind() == Tree.Kind.POSTFIX_DECREMENT);
    BinaryOp op = up ? BinaryOp.ADD : BinaryOp.SUB;
    Expr one = new Const(Type.Prim.INT, 1);
    if (Statements.unparenthesized(u.getExpression()) instanceof ArrayAccessTree a) {
      Expr array = arrayOf(a);
      if (!(array instanceof Var arrayVar) || !(array.type() instanceof Type.Array arrayType)
          || !Values.isNumeric(arrayType.element())) {
        throw new FrontendException(u, Diagnostic.INCREMENT_TARGET.of());
      }
      Type element = arrayType.element();
      Expr index = spillIfNeeded(
          cx.values.materialize(cx.values.convert(cx.exprs.expr(a.getIndex(), Type.Prim.INT), Type.Prim.INT, a.getIndex())), u);
      Expr current = cx.values.spillExpr(new Expr.ArrayRead(arrayVar, index, element), u);
      cx.out.add(new Stmt.ArrayWrite(arrayVar, index, Ops.convert(cx.exprs.arithmetic(op, current, one, u), element), cx.src(u)));
      return new Value.Scalar(oldValue ? current : new Expr.ArrayRead(arrayVar, index, element));
    }
    Value target = assignable(u.getExpression());
    if (!(target instanceof Value.Scalar s) || !(s.expr() instanceof Var var)
        || !(var.type() instanceof Type.Prim p) || !p.isNumeric()) {
      throw new FrontendException(u, Diagnostic.INCREMENT_TARGET.of());
    }
    Expr old = oldValue ? cx.values.spillExpr(var, u) : var;
    cx.out.add(new Stmt.Assign(var, Ops.convert(cx.exprs.arithmetic(op, old, one, u), var.type()), cx.src(u)));
    return new Value.Scalar(old);
  }

  /**
   * An assignment, compound assignment, {@code ++} or {@code --} inside an expression: it runs
   * here, in Java's left-to-right order, and its value is what the expression reads.
   */
  Value effectInExpression(ExpressionTree t) {
    if (cx.lazyDepth > 0) {
      throw new FrontendException(t, Diagnostic.ASSIGNMENT_IN_CONDITION.of(t));
    }
    ExpressionTree target = t instanceof AssignmentTree a ? a.getVariable()
        : t instanceof CompoundAssignmentTree c ? c.getVariable() : ((UnaryTree) t).getExpression();
    if (Statements.unparenthesized(target) instanceof IdentifierTree id && cx.scope.lookup(id.getName().toString()) != null
        && cx.values.typeOf(cx.scope.lookup(id.getName().toString())) instanceof Type.Array) {
      throw new FrontendException(t, Diagnostic.ARRAY_ASSIGNMENT_IN_EXPRESSION.of(id.getName()));
    }
    if (t instanceof AssignmentTree a) {
      return assignment(a.getVariable(), a.getExpression(), t);
    } else if (t instanceof CompoundAssignmentTree c) {
      return compoundAssignment(c);
    }
    return increment((UnaryTree) t, true);
  }

  /** {@code v}'s value now, in temporaries, so that assignments that run later do not change it. */
  Value snapshot(Value v, Tree at) {
    if (v instanceof Value.Aggregate a) {
      List<Expr> copies = new ArrayList<>();
      for (Expr leaf : cx.values.leaves(a, at)) {
        copies.add(snapshotExpr(leaf, at));
      }
      return cx.values.rebuild(a.type(), copies);
    }
    return v instanceof Value.Scalar s ? new Value.Scalar(snapshotExpr(s.expr(), at)) : v;
  }

  private Expr snapshotExpr(Expr e, Tree at) {
    if (e instanceof Const || e instanceof Expr.Lambda || e.type() == Type.Prim.VOID || cx.lazyDepth > 0
        || e.type() instanceof Type.Array && !(e instanceof Expr.NewArray)) {
      // an array operand is a reference: its variable is never assigned inside an expression (a new
      // array's elements, though, are read where it is made)
      return e;
    }
    return cx.values.spillExpr(e, at);
  }
}
