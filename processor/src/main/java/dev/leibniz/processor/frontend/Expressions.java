package dev.leibniz.processor.frontend;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreeScanner;
import dev.leibniz.processor.diagnostics.Diagnostic;
import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Expr.BinaryOp;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.Ops;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * Lowers and types operators, literals, conditionals and casts, and dispatches every other kind of
 * expression to the part that lowers it.
 */
final class Expressions {

  private final BodyContext cx;

  Expressions(BodyContext cx) {
    this.cx = cx;
  }

  private static String describe(ExpressionTree t) {
    return "expression kind " + t.getKind().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  Value expr(ExpressionTree t, Type expected) {
    Value v = exprAnyOrder(t, expected);
    return cx.readBeforeEffects.contains(t) ? cx.assigns.snapshot(v, t) : v;
  }

  private Value exprAnyOrder(ExpressionTree t, Type expected) {
    if (t instanceof ParenthesizedTree p) {
      return expr(p.getExpression(), expected);
    } else if (t instanceof LiteralTree l) {
      return new Value.Scalar(literal(l));
    } else if (t instanceof IdentifierTree id) {
      return cx.lookup.identifier(id);
    } else if (t instanceof MemberSelectTree m) {
      return cx.lookup.memberSelect(m);
    } else if (t instanceof BinaryTree b) {
      return binary(b);
    } else if (t instanceof UnaryTree u) {
      return unary(u);
    } else if (t instanceof ConditionalExpressionTree c) {
      return conditional(c, expected);
    } else if (t instanceof TypeCastTree c) {
      return cast(c);
    } else if (t instanceof MethodInvocationTree m) {
      return cx.calls.invocation(m, expected);
    } else if (t instanceof NewClassTree n) {
      return cx.constructions.newClass(n, expected);
    } else if (t instanceof NewArrayTree n) {
      return cx.constructions.newArray(n, expected);
    } else if (t instanceof ArrayAccessTree a) {
      Expr array = cx.values.materialize(expr(a.getExpression(), null));
      if (!(array.type() instanceof Type.Array arrayType)) {
        throw new FrontendException(a, Diagnostic.NOT_AN_ARRAY.of(a.getExpression()));
      }
      Expr index = cx.values.materialize(cx.values.convert(expr(a.getIndex(), Type.Prim.INT), Type.Prim.INT, a.getIndex()));
      return new Value.Scalar(new Expr.ArrayRead(array, index, arrayType.element()));
    } else if (t instanceof LambdaExpressionTree l) {
      return new Value.Scalar(cx.functions.lambda(l, expected));
    } else if (t instanceof MemberReferenceTree m) {
      return new Value.Scalar(cx.functions.methodReference(m, expected));
    } else if (t instanceof InstanceOfTree i) {
      if (i.getPattern() != null) {
        throw new FrontendException(t, Diagnostic.INSTANCEOF_PATTERN.of());
      }
      Expr operand = cx.values.materialize(expr(i.getExpression(), null));
      Type target = cx.mapper.toIr(cx.names.resolve(i.getType()));
      return new Value.Scalar(new Expr.InstanceOf(operand, target));
    } else if (t instanceof AssignmentTree || t instanceof CompoundAssignmentTree) {
      return cx.assigns.effectInExpression(t);
    } else if (t instanceof SwitchExpressionTree s) {
      return cx.switches.switchExpression(s, expected);
    }
    throw new FrontendException(t, Diagnostic.UNSUPPORTED_EXPRESSION.of(describe(t)));
  }

  private Expr literal(LiteralTree l) {
    Object v = l.getValue();
    return switch (l.getKind()) {
      case INT_LITERAL -> new Const(Type.Prim.INT, v);
      case LONG_LITERAL -> new Const(Type.Prim.LONG, v);
      case FLOAT_LITERAL -> new Const(Type.Prim.FLOAT, v);
      case DOUBLE_LITERAL -> new Const(Type.Prim.DOUBLE, v);
      case BOOLEAN_LITERAL -> new Const(Type.Prim.BOOLEAN, v);
      case CHAR_LITERAL -> new Const(Type.Prim.CHAR, v);
      case STRING_LITERAL -> new Const(Type.Ref.of(Known.STRING), v);
      default -> new Const(Type.Ref.of(Known.OBJECT), null);
    };
  }

  private Value binary(BinaryTree b) {
    BinaryOp op = binaryOp(b.getKind());
    Expr left = cx.values.materialize(expr(b.getLeftOperand(), null));
    boolean shortCircuit = op == BinaryOp.AND || op == BinaryOp.OR;
    if (shortCircuit && cx.lazyDepth == 0 && runsStatements(b.getRightOperand())) {
      return shortCircuitStatement(op, left, b);
    }
    Expr right = shortCircuit ? cx.lazily(() -> cx.values.materialize(expr(b.getRightOperand(), null)))
        : cx.values.materialize(expr(b.getRightOperand(), null));
    if (op == BinaryOp.ADD && (Values.isString(left.type()) || Values.isString(right.type()))) {
      return new Value.Scalar(new Expr.Binary(op, left, right, Type.Ref.of(Known.STRING)));
    }
    if (op.isArithmetic()) {
      return new Value.Scalar(arithmetic(op, left, right, b));
    }
    if (op.isComparison()) {
      if (Values.isNumeric(unboxed(left).type()) && Values.isNumeric(unboxed(right).type())
          && !(op.precedence == 8 && left.type() instanceof Type.Ref && right.type() instanceof Type.Ref)) {
        Type t = Values.promote(unboxed(left).type(), unboxed(right).type());
        return new Value.Scalar(Ops.compare(op, Ops.convert(unboxed(left), t), Ops.convert(unboxed(right), t)));
      }
      return new Value.Scalar(Ops.compare(op, left, right));
    }
    if (shortCircuit) {
      return new Value.Scalar(new Expr.Binary(op, left, right, Type.Prim.BOOLEAN));
    }
    if (left.type() == Type.Prim.BOOLEAN && right.type() == Type.Prim.BOOLEAN) {
      return new Value.Scalar(new Expr.Binary(op, left, right, Type.Prim.BOOLEAN));
    }
    if (!Values.isIntegral(left.type()) || !Values.isIntegral(right.type())) {
      throw new FrontendException(b, Diagnostic.OPERATOR_NEEDS_INTEGRAL.of(op.symbol));
    }
    if (op == BinaryOp.SHL || op == BinaryOp.SHR || op == BinaryOp.USHR) {
      Type t = Values.promote(left.type(), Type.Prim.INT);
      return new Value.Scalar(new Expr.Binary(op, Ops.convert(left, t), right, t));
    }
    Type t = Values.promote(left.type(), right.type());
    return new Value.Scalar(new Expr.Binary(op, Ops.convert(left, t), Ops.convert(right, t), t));
  }

  /** A {@code Double} (an element of a {@code List<Double>}) read as the {@code double} it holds. */
  private static Expr unboxed(Expr e) {
    Type t = TypeMapper.unboxed(e.type());
    return t == e.type() ? e : new Expr.Cast(t, e);
  }

  /**
   * {@code a && b} or {@code a || b} with calls in {@code b}, as an {@code if}: {@code b}'s calls
   * (one returning a record included) run only when {@code a} leaves the answer open.
   */
  private Value shortCircuitStatement(BinaryOp op, Expr left, BinaryTree b) {
    Var result = cx.namer.temp(Type.Prim.BOOLEAN);
    cx.out.add(new Stmt.Declare(result, left, cx.src(b)));
    Block.Builder saved = cx.out;
    Scope savedScope = cx.scope;
    try {
      cx.out = new Block.Builder();
      cx.scope = cx.scope.child();
      cx.out.add(new Stmt.Assign(result, cx.stmts.condition(b.getRightOperand()), cx.src(b)));
      Block evaluateRight = cx.out.build();
      cx.out = saved;
      Expr open = op == BinaryOp.AND ? result : new Expr.Unary(Expr.UnaryOp.NOT, result, Type.Prim.BOOLEAN);
      cx.out.add(new Stmt.If(open, evaluateRight, Block.EMPTY, cx.src(b)));
      return new Value.Scalar(result);
    } finally {
      cx.out = saved;
      cx.scope = savedScope;
    }
  }

  Expr arithmetic(BinaryOp op, Expr boxedLeft, Expr boxedRight, Tree at) {
    Expr left = unboxed(boxedLeft);
    Expr right = unboxed(boxedRight);
    if (!Values.isNumeric(left.type()) || !Values.isNumeric(right.type())) {
      throw new FrontendException(at, Diagnostic.OPERATOR_OPERANDS.of(op.symbol, left.type(), right.type()));
    }
    Type t = Values.promote(left.type(), right.type());
    return new Expr.Binary(op, Ops.convert(left, t), Ops.convert(right, t), t);
  }

  static BinaryOp binaryOp(Tree.Kind kind) {
    return switch (kind) {
      case MULTIPLY, MULTIPLY_ASSIGNMENT -> BinaryOp.MUL;
      case DIVIDE, DIVIDE_ASSIGNMENT -> BinaryOp.DIV;
      case REMAINDER, REMAINDER_ASSIGNMENT -> BinaryOp.REM;
      case PLUS, PLUS_ASSIGNMENT -> BinaryOp.ADD;
      case MINUS, MINUS_ASSIGNMENT -> BinaryOp.SUB;
      case LEFT_SHIFT, LEFT_SHIFT_ASSIGNMENT -> BinaryOp.SHL;
      case RIGHT_SHIFT, RIGHT_SHIFT_ASSIGNMENT -> BinaryOp.SHR;
      case UNSIGNED_RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> BinaryOp.USHR;
      case LESS_THAN -> BinaryOp.LT;
      case LESS_THAN_EQUAL -> BinaryOp.LE;
      case GREATER_THAN -> BinaryOp.GT;
      case GREATER_THAN_EQUAL -> BinaryOp.GE;
      case EQUAL_TO -> BinaryOp.EQ;
      case NOT_EQUAL_TO -> BinaryOp.NE;
      case AND, AND_ASSIGNMENT -> BinaryOp.BITAND;
      case OR, OR_ASSIGNMENT -> BinaryOp.BITOR;
      case XOR, XOR_ASSIGNMENT -> BinaryOp.XOR;
      case CONDITIONAL_AND -> BinaryOp.AND;
      case CONDITIONAL_OR -> BinaryOp.OR;
      default -> throw new IllegalArgumentException(kind.toString());
    };
  }

  private Value unary(UnaryTree u) {
    if (Assignments.isIncrement(u)) {
      return cx.assigns.effectInExpression(u);
    }
    Expr operand = cx.values.materialize(expr(u.getExpression(), null));
    switch (u.getKind()) {
      case UNARY_MINUS: {
        if (!Values.isNumeric(operand.type())) {
          throw new FrontendException(u, Diagnostic.UNARY_OPERAND.of());
        }
        Type t = Values.promote(operand.type(), Type.Prim.INT);
        Expr x = Ops.convert(operand, t);
        if (x instanceof Const c && c.value() instanceof Number) {
          return new Value.Scalar(negate(c));
        }
        return new Value.Scalar(new Expr.Unary(Expr.UnaryOp.NEG, x, t));
      }
      case UNARY_PLUS:
        return new Value.Scalar(Ops.convert(operand, Values.promote(operand.type(), Type.Prim.INT)));
      case LOGICAL_COMPLEMENT:
        return new Value.Scalar(new Expr.Unary(Expr.UnaryOp.NOT, operand, Type.Prim.BOOLEAN));
      case BITWISE_COMPLEMENT: {
        Type t = Values.promote(operand.type(), Type.Prim.INT);
        return new Value.Scalar(new Expr.Unary(Expr.UnaryOp.BITNOT, Ops.convert(operand, t), t));
      }
      default:
        throw new FrontendException(u, Diagnostic.UNARY_OPERATOR.of(u.getKind()));
    }
  }

  private static Const negate(Const c) {
    Object v = c.value();
    if (v instanceof Double d) {
      return new Const(c.type(), -d);
    } else if (v instanceof Float f) {
      return new Const(c.type(), -f);
    } else if (v instanceof Long l) {
      return new Const(c.type(), -l);
    }
    return new Const(c.type(), -((Number) v).intValue());
  }

  private Value conditional(ConditionalExpressionTree c, Type expected) {
    Expr cond = cx.stmts.condition(c.getCondition());
    if (cx.lazyDepth == 0 && (runsStatements(c.getTrueExpression()) || runsStatements(c.getFalseExpression()))) {
      return conditionalStatement(cond, c, expected);
    }
    Value a = cx.lazily(() -> expr(c.getTrueExpression(), expected));
    Value b = cx.lazily(() -> expr(c.getFalseExpression(), expected));
    if (a instanceof Value.Aggregate || b instanceof Value.Aggregate) {
      Type t = a instanceof Value.Aggregate ag ? ag.type() : cx.values.typeOf(b);
      List<Expr> la = cx.values.leaves(cx.values.convert(a, t, c), c);
      List<Expr> lb = cx.values.leaves(cx.values.convert(b, t, c), c);
      List<Expr> merged = new ArrayList<>();
      for (int i = 0; i < la.size(); i++) {
        merged.add(new Expr.Conditional(cond, la.get(i), lb.get(i), la.get(i).type()));
      }
      return cx.values.rebuild((Type.Record) t, merged);
    }
    Expr x = cx.values.materialize(a);
    Expr y = cx.values.materialize(b);
    Type t = Values.isNumeric(x.type()) && Values.isNumeric(y.type()) ? Values.promote(x.type(), y.type()) : x.type();
    return new Value.Scalar(new Expr.Conditional(cond, Ops.convert(x, t), Ops.convert(y, t), t));
  }

  /** Whether evaluating {@code t} emits statements: calls, assignments, switch expressions. */
  private static boolean runsStatements(ExpressionTree t) {
    return containsCall(t) || EvaluationOrder.hasEffects(t);
  }

  private static boolean containsCall(ExpressionTree t) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void p) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
        return null; // a lambda's calls run later, not here
      }
    }.scan(t, null);
    return found[0];
  }

  /**
   * {@code c ? a : b} with calls in a branch, as an {@code if}: each branch runs its own calls (a
   * call returning a record included), and only the branch taken runs.
   */
  private Value conditionalStatement(Expr cond, ConditionalExpressionTree c, Type expected) {
    Block.Builder saved = cx.out;
    Scope savedScope = cx.scope;
    try {
      cx.out = new Block.Builder();
      cx.scope = cx.scope.child();
      Value a = expr(c.getTrueExpression(), expected);
      Block.Builder thenOut = cx.out;
      cx.out = new Block.Builder();
      cx.scope = savedScope.child();
      Value b = expr(c.getFalseExpression(), expected);
      Block.Builder elseOut = cx.out;
      cx.out = saved;
      cx.scope = savedScope;
      Type t = cx.values.typeOf(a);
      Type tb = cx.values.typeOf(b);
      if (Values.isNumeric(t) && Values.isNumeric(tb)) {
        t = Values.promote(t, tb);
      }
      cx.out = thenOut;
      List<Expr> la = cx.values.leaves(cx.values.convert(a, t, c), c);
      cx.out = elseOut;
      List<Expr> lb = cx.values.leaves(cx.values.convert(b, t, c), c);
      cx.out = saved;
      List<Expr> results = new ArrayList<>();
      for (Expr leaf : la) {
        Var r = cx.namer.temp(leaf.type());
        cx.out.add(new Stmt.Declare(r, null, cx.src(c)));
        results.add(r);
      }
      for (int i = 0; i < results.size(); i++) {
        thenOut.add(new Stmt.Assign((Var) results.get(i), la.get(i), cx.src(c)));
        elseOut.add(new Stmt.Assign((Var) results.get(i), lb.get(i), cx.src(c)));
      }
      cx.out.add(new Stmt.If(cond, thenOut.build(), elseOut.build(), cx.src(c)));
      return t instanceof Type.Record r ? cx.values.rebuild(r, results) : new Value.Scalar(results.get(0));
    } finally {
      cx.out = saved;
      cx.scope = savedScope;
    }
  }

  private Value cast(TypeCastTree c) {
    Type target = cx.mapper.toIr(cx.names.resolve(c.getType()));
    Value v = expr(c.getExpression(), target);
    if (!(target instanceof Type.Prim)) {
      if (Known.isFunction(target) && !cx.values.typeOf(v).equals(target)) {
        return new Value.Scalar(new Expr.Cast(target, cx.values.materialize(v))); // (DoubleUnaryOperator) o
      }
      if (cx.values.typeOf(v).equals(target) || !(target instanceof Type.Record)) {
        return v;
      }
      throw new FrontendException(c, Diagnostic.CAST_TARGET.of(target));
    }
    Expr x = cx.values.materialize(v);
    // (float) Math.f(x) of a float x is one float-precision operation, as in JAX's float32.
    if (target == Type.Prim.FLOAT && x instanceof Expr.MathCall m && m.type() == Type.Prim.DOUBLE
        && allFloatArguments(m)) {
      List<Expr> args = new ArrayList<>();
      for (int i = 0; i < m.args().size(); i++) {
        Expr arg = m.args().get(i);
        args.add(m.fn().intParameter(i) ? arg : narrowToFloat(arg));
      }
      return new Value.Scalar(new Expr.MathCall(m.fn(), args, Type.Prim.FLOAT, m.strict()));
    }
    if (x.type().equals(target)) {
      return new Value.Scalar(x);
    }
    if (!(x.type() instanceof Type.Prim)) {
      throw new FrontendException(c, Diagnostic.CAST_CONVERSION.of(x.type(), target));
    }
    return new Value.Scalar(Ops.convert(x, target));
  }

  private static boolean allFloatArguments(Expr.MathCall m) {
    for (int i = 0; i < m.args().size(); i++) {
      if (m.fn().intParameter(i)) {
        continue;
      }
      Expr a = m.args().get(i);
      boolean isFloat = (a instanceof Expr.Cast cast && cast.operand().type() == Type.Prim.FLOAT)
          || (a instanceof Const k && k.value() instanceof Double d && (double) (float) (double) d == d);
      if (!isFloat) {
        return false;
      }
    }
    return true;
  }

  private static Expr narrowToFloat(Expr arg) {
    if (arg instanceof Expr.Cast c) {
      return c.operand();
    }
    return Const.of(Type.Prim.FLOAT, ((Number) ((Const) arg).value()).doubleValue());
  }
}
