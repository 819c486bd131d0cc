package dev.leibniz.processor.ir;

import java.util.List;

/** Builders for typed arithmetic expressions, folding only what is exact (structural). */
public final class Ops {
  private Ops() {}

  public static Expr add(Expr a, Expr b) {
    if (b instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG) {
      return new Expr.Binary(Expr.BinaryOp.SUB, a, u.operand(), a.type());
    }
    return new Expr.Binary(Expr.BinaryOp.ADD, a, b, a.type());
  }

  public static Expr sub(Expr a, Expr b) {
    return new Expr.Binary(Expr.BinaryOp.SUB, a, b, a.type());
  }

  /** {@code a * b}; multiplying by the literal 1 is dropped (exact in IEEE arithmetic). */
  public static Expr mul(Expr a, Expr b) {
    if (a instanceof Const c && c.isOne()) {
      return b;
    }
    if (b instanceof Const c && c.isOne()) {
      return a;
    }
    return new Expr.Binary(Expr.BinaryOp.MUL, a, b, a.type());
  }

  public static Expr div(Expr a, Expr b) {
    return new Expr.Binary(Expr.BinaryOp.DIV, a, b, a.type());
  }

  public static Expr neg(Expr a) {
    if (a instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG) {
      return u.operand();
    }
    if (a instanceof Const c && c.value() instanceof Double d) {
      return Const.of(-d);
    }
    if (a instanceof Const c && c.value() instanceof Float f) {
      return new Const(Type.Prim.FLOAT, -f);
    }
    return new Expr.Unary(Expr.UnaryOp.NEG, a, a.type());
  }

  public static Expr compare(Expr.BinaryOp op, Expr a, Expr b) {
    return new Expr.Binary(op, a, b, Type.Prim.BOOLEAN);
  }

  public static Expr cond(Expr c, Expr a, Expr b) {
    return new Expr.Conditional(c, a, b, a.type());
  }

  public static Expr math(MathFn fn, Type type, Expr... args) {
    return new Expr.MathCall(fn, List.of(args), type, false);
  }

  /** {@code value} converted to {@code type}, without a cast when it already has it. */
  public static Expr convert(Expr value, Type type) {
    if (value.type().equals(type)) {
      return value;
    }
    if (value instanceof Const c && c.value() instanceof Number n && type.isFloating()) {
      return Const.of(type, n.doubleValue());
    }
    return new Expr.Cast(type, value);
  }

  /** A floating literal of {@code type}. */
  public static Const num(Type type, double value) {
    return Const.of(type, value);
  }

  /** The sum of {@code terms}, or null when there are none. */
  public static Expr sum(List<Expr> terms) {
    Expr sum = null;
    for (Expr t : terms) {
      sum = sum == null ? t : add(sum, t);
    }
    return sum;
  }
}
