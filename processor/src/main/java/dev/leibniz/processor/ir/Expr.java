package dev.leibniz.processor.ir;

import java.util.List;

/**
 * An expression tree. In differentiated data flow the front end keeps them flat (operands are
 * variables or constants, see {@code Linearize}); conditions and other passive contexts keep trees.
 */
public sealed interface Expr
    permits Var, Const, Expr.Unary, Expr.Binary, Expr.Cast, Expr.Conditional, Expr.MathCall,
        Expr.Invoke, Expr.ArrayRead, Expr.ArrayLength, Expr.NewArray, Expr.Construct,
        Expr.Component, Expr.StaticField, Expr.Lambda, Expr.Pop, Expr.InstanceOf {

  Type type();

  enum UnaryOp {
    NEG("-"), NOT("!"), BITNOT("~");

    public final String symbol;

    UnaryOp(String symbol) {
      this.symbol = symbol;
    }
  }

  enum BinaryOp {
    MUL("*", 12), DIV("/", 12), REM("%", 12),
    ADD("+", 11), SUB("-", 11),
    SHL("<<", 10), SHR(">>", 10), USHR(">>>", 10),
    LT("<", 9), LE("<=", 9), GT(">", 9), GE(">=", 9),
    EQ("==", 8), NE("!=", 8),
    BITAND("&", 7), XOR("^", 6), BITOR("|", 5),
    AND("&&", 4), OR("||", 3);

    public final String symbol;
    /** Java precedence: higher binds tighter. */
    public final int precedence;

    BinaryOp(String symbol, int precedence) {
      this.symbol = symbol;
      this.precedence = precedence;
    }

    public boolean isComparison() {
      return precedence == 9 || precedence == 8;
    }

    public boolean isArithmetic() {
      return precedence >= 11;
    }
  }

  record Unary(UnaryOp op, Expr operand, Type type) implements Expr {}

  record Binary(BinaryOp op, Expr left, Expr right, Type type) implements Expr {}

  record Cast(Type type, Expr operand) implements Expr {}

  /** {@code cond ? then : otherwise}. */
  record Conditional(Expr cond, Expr then, Expr otherwise, Type type) implements Expr {}

  /**
   * A {@code Math}/{@code StrictMath} function. {@code type} is the precision it runs in:
   * {@code (float) Math.exp(x)} of a float {@code x} is one {@code float} exp.
   */
  record MathCall(MathFn fn, List<Expr> args, Type type, boolean strict) implements Expr {
    public MathCall {
      args = List.copyOf(args);
    }
  }

  /** A method call; {@code receiver} is null for static calls; {@code source} is where the user wrote it. */
  record Invoke(Callee callee, Expr receiver, List<Expr> args, Type type, SourceRef source) implements Expr {
    public Invoke {
      args = List.copyOf(args);
    }

    /** A call the processor makes up. */
    public Invoke(Callee callee, Expr receiver, List<Expr> args, Type type) {
      this(callee, receiver, args, type, SourceRef.NONE);
    }
  }

  record ArrayRead(Expr array, Expr index, Type type) implements Expr {}

  record ArrayLength(Expr array) implements Expr {
    @Override
    public Type type() {
      return Type.Prim.INT;
    }
  }

  /** {@code new T[length]}, or {@code new T[] {elements}} when {@code elements} is not null. */
  record NewArray(Type.Array type, Expr length, List<Expr> elements) implements Expr {}

  /** {@code new R(args)} for a record type. */
  record Construct(Type.Record type, List<Expr> args) implements Expr {
    public Construct {
      args = List.copyOf(args);
    }
  }

  /** The record accessor {@code record.name()}. */
  record Component(Expr record, String name, Type type) implements Expr {}

  /** A static field such as {@code Math.PI} or a constant of the user's class. */
  record StaticField(ClassRef owner, String name, Type type) implements Expr {}

  /** A function value written by the user: a lambda or a method reference turned into one. */
  record Lambda(LambdaFunction function, Type type) implements Expr {}

  /** Pops a value of {@code type} from a reverse-mode tape. */
  record Pop(Var tape, Type type) implements Expr {}

  /** {@code operand instanceof target}, kept for passive conditions. */
  record InstanceOf(Expr operand, Type target) implements Expr {
    @Override
    public Type type() {
      return Type.Prim.BOOLEAN;
    }
  }
}
