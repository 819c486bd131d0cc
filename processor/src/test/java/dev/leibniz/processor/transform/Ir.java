package dev.leibniz.processor.transform;

import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Expr.BinaryOp;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.FunctionRef;
import dev.leibniz.processor.ir.MathFn;
import dev.leibniz.processor.ir.Ops;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.GeneratedNames;
import dev.leibniz.processor.rules.FunctionTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A small DSL that builds IR the way the front end would, so a test reads like the Java it models:
 * {@code fn("f", params(x, y), ret(mul(sin(x), y)))}.
 */
public final class Ir {
  private Ir() {}

  public static final Type DOUBLE = Type.Prim.DOUBLE;
  public static final Type INT = Type.Prim.INT;
  public static final Type BOOLEAN = Type.Prim.BOOLEAN;
  public static final Type.Array DOUBLES = new Type.Array(DOUBLE);

  // ------------------------------------------------------------------ functions

  /** A function; its result type is that of the first value returned ({@code void} when none is). */
  public static Function fn(String name, List<Param> params, Stmt... body) {
    Block b = Block.of(body);
    Type[] result = {Type.Prim.VOID};
    Stmts.walk(b, s -> {
      if (s instanceof Stmt.Return r && !r.values().isEmpty() && result[0] == Type.Prim.VOID) {
        result[0] = r.values().get(0).type();
      }
    });
    return new Function(name, params, result[0], b, Set.of());
  }

  /** The parameters; those of a differentiable type are in D. */
  public static List<Param> params(Var... vars) {
    List<Param> out = new ArrayList<>();
    for (Var v : vars) {
      out.add(new Param(v, v.type().isDifferentiable()));
    }
    return out;
  }

  /** A table holding {@code f} as a {@code @Differentiable} method of class {@code test.T}, and nothing else. */
  public static FunctionTable table(Function f) {
    FunctionTable table = new FunctionTable(new FunctionTable.External() {
      @Override
      public FunctionInfo function(FunctionRef ref) {
        return null;
      }

      @Override
      public List<FunctionRef> named(ClassRef owner, String name) {
        return List.of();
      }
    });
    ClassRef owner = ClassRef.of("test", "T");
    List<Type> types = f.params().stream().map(p -> p.var().type()).toList();
    List<FunctionInfo.ParamInfo> params = f.params().stream()
        .map(p -> new FunctionInfo.ParamInfo(p.var().name(), p.var().type(), false, p.differentiable())).toList();
    FunctionInfo info = new FunctionInfo(new FunctionRef(owner, f.name(), types), FunctionInfo.Kind.DERIVED, params,
        f.resultType(), 1, GeneratedNames.derivativesClass(owner), null, null, null, null);
    info.setIr(Linearize.apply(f));
    info.setPure(true);
    table.add(info);
    return table;
  }

  // ------------------------------------------------------------------ variables and constants

  public static Var dbl(String name) {
    return new Var(name, DOUBLE);
  }

  public static Var integer(String name) {
    return new Var(name, INT);
  }

  public static Var doubles(String name) {
    return new Var(name, DOUBLES);
  }

  public static Const c(double value) {
    return Const.of(value);
  }

  public static Const i(int value) {
    return new Const(INT, value);
  }

  // ------------------------------------------------------------------ expressions

  public static Expr add(Expr a, Expr b) {
    return binary(BinaryOp.ADD, a, b);
  }

  public static Expr sub(Expr a, Expr b) {
    return binary(BinaryOp.SUB, a, b);
  }

  public static Expr mul(Expr a, Expr b) {
    return binary(BinaryOp.MUL, a, b);
  }

  public static Expr div(Expr a, Expr b) {
    return binary(BinaryOp.DIV, a, b);
  }

  public static Expr neg(Expr a) {
    return new Expr.Unary(Expr.UnaryOp.NEG, a, a.type());
  }

  /** Java's binary numeric promotion: {@code double} if either side is. */
  private static Expr binary(BinaryOp op, Expr a, Expr b) {
    Type t = a.type() == DOUBLE || b.type() == DOUBLE ? DOUBLE : a.type();
    return new Expr.Binary(op, Ops.convert(a, t), Ops.convert(b, t), t);
  }

  public static Expr lt(Expr a, Expr b) {
    return Ops.compare(BinaryOp.LT, a, b);
  }

  public static Expr eq(Expr a, Expr b) {
    return Ops.compare(BinaryOp.EQ, a, b);
  }

  public static Expr gt(Expr a, Expr b) {
    return Ops.compare(BinaryOp.GT, a, b);
  }

  public static Expr ge(Expr a, Expr b) {
    return Ops.compare(BinaryOp.GE, a, b);
  }

  public static Expr cond(Expr test, Expr then, Expr otherwise) {
    return Ops.cond(test, then, otherwise);
  }

  public static Expr sin(Expr x) {
    return Ops.math(MathFn.SIN, DOUBLE, x);
  }

  public static Expr sqrt(Expr x) {
    return Ops.math(MathFn.SQRT, DOUBLE, x);
  }

  public static Expr log(Expr x) {
    return Ops.math(MathFn.LOG, DOUBLE, x);
  }

  public static Expr exp(Expr x) {
    return Ops.math(MathFn.EXP, DOUBLE, x);
  }

  public static Expr read(Var array, Expr index) {
    return new Expr.ArrayRead(array, index, ((Type.Array) array.type()).element());
  }

  public static Expr length(Var array) {
    return new Expr.ArrayLength(array);
  }

  // ------------------------------------------------------------------ statements

  public static Stmt decl(Var v, Expr init) {
    return new Stmt.Declare(v, init, SourceRef.NONE);
  }

  public static Stmt set(Var v, Expr value) {
    return new Stmt.Assign(v, value, SourceRef.NONE);
  }

  public static Stmt write(Var array, Expr index, Expr value) {
    return new Stmt.ArrayWrite(array, index, value, SourceRef.NONE);
  }

  public static Stmt ifElse(Expr test, Block then, Block otherwise) {
    return new Stmt.If(test, then, otherwise, SourceRef.NONE);
  }

  public static Stmt when(Expr test, Stmt... then) {
    return ifElse(test, Block.of(then), Block.EMPTY);
  }

  public static Block block(Stmt... stmts) {
    return Block.of(stmts);
  }

  /** {@code for (int i = 0; i < n; i++) body}. */
  public static Stmt upTo(Var i, Expr n, Stmt... body) {
    return new Stmt.Loop(null, Block.of(decl(i, i(0))), lt(i, n), Block.of(body),
        Block.of(set(i, add(i, i(1)))), false, SourceRef.NONE);
  }

  /** {@code label: for (int i = 0; i < n; i++) body}. */
  public static Stmt upTo(String label, Var i, Expr n, Stmt... body) {
    Stmt.Loop l = (Stmt.Loop) upTo(i, n, body);
    return new Stmt.Loop(label, l.init(), l.cond(), l.body(), l.update(), false, SourceRef.NONE);
  }

  /** {@code do body while (test);}. */
  public static Stmt doWhile(Block body, Expr test) {
    return new Stmt.Loop(null, Block.EMPTY, test, body, Block.EMPTY, true, SourceRef.NONE);
  }

  /** {@code for (;;) body}. */
  public static Stmt forever(Stmt... body) {
    return new Stmt.Loop(null, Block.EMPTY, null, Block.of(body), Block.EMPTY, false, SourceRef.NONE);
  }

  public static Stmt brk() {
    return new Stmt.Break(null, SourceRef.NONE);
  }

  public static Stmt brk(String label) {
    return new Stmt.Break(label, SourceRef.NONE);
  }

  public static Stmt cont(String label) {
    return new Stmt.Continue(label, SourceRef.NONE);
  }

  public static Stmt ret(Expr... values) {
    return new Stmt.Return(List.of(values), SourceRef.NONE);
  }
}
