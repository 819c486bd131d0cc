package dev.leibniz.processor.frontend;

import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Expr.BinaryOp;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.Ops;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import java.util.List;

/**
 * The JDK's copies of {@code double[]} and {@code float[]} ({@code a.clone()},
 * {@code Arrays.copyOf}, {@code Arrays.copyOfRange}, {@code System.arraycopy}, {@code Arrays.fill})
 * written as a new array and element loops, which every transform differentiates as the user's own
 * element reads and writes.
 *
 * <p>They throw what the JDK methods throw. {@code new T[n]} and {@code a.length} throw the
 * {@code NegativeArraySizeException} and {@code NullPointerException} themselves; where the JDK
 * checks index ranges, the arguments are tested first and, when they are bad, the JDK method is
 * called on stand-in arrays of the same lengths, so the user gets the JDK's own exception and
 * message.
 */
final class ArrayCopies {
  private static final ClassRef ARRAYS = ClassRef.of("java.util", "Arrays");
  private static final ClassRef SYSTEM = ClassRef.of("java.lang", "System");
  private static final Type INT = Type.Prim.INT;

  private final Namer namer;
  private final Block.Builder out;
  private final SourceRef at;

  /** Writes into {@code out}; arguments given to the methods below are atoms, evaluated already. */
  ArrayCopies(Namer namer, Block.Builder out, SourceRef at) {
    this.namer = namer;
    this.out = out;
    this.at = at;
  }

  /** Whether copies of {@code t} are written as loops: arrays of {@code double} or {@code float}. */
  static boolean copied(Type t) {
    return t instanceof Type.Array a && (a.element() == Type.Prim.DOUBLE || a.element() == Type.Prim.FLOAT);
  }

  /** Whether {@code owner.name} with {@code arity} arguments is one of the static copies. */
  static boolean isStaticCopy(String owner, String name, int arity) {
    return switch (owner) {
      case "java.lang.System" -> name.equals("arraycopy") && arity == 5;
      case "java.util.Arrays" -> (name.equals("copyOf") && arity == 2) || (name.equals("copyOfRange") && arity == 3)
          || (name.equals("fill") && (arity == 2 || arity == 4));
      default -> false;
    };
  }

  /** Whether the static copy {@code name} of {@code args} is written as loops: an array of {@code double} or {@code float}, copied into one of the same type. */
  static boolean applies(String name, List<Expr> args) {
    Type array = args.get(0).type();
    return copied(array) && (!name.equals("arraycopy") || args.get(2).type().equals(array));
  }

  /** The static copy {@code name} of {@code args} (atoms); null for a {@code void} one. */
  Var staticCopy(String name, List<Expr> args) {
    Var a = (Var) args.get(0);
    Type element = arrayType(a).element();
    switch (name) {
      case "copyOf":
        return copyOf(a, index(args.get(1)));
      case "copyOfRange":
        return copyOfRange(a, index(args.get(1)), index(args.get(2)));
      case "arraycopy":
        arraycopy(a, index(args.get(1)), (Var) args.get(2), index(args.get(3)), index(args.get(4)));
        return null;
      default:
        if (args.size() == 2) {
          fill(a, zero(), new Expr.ArrayLength(a), Ops.convert(args.get(1), element));
        } else {
          checkRange(a, index(args.get(1)), index(args.get(2)));
          fill(a, index(args.get(1)), index(args.get(2)), Ops.convert(args.get(3), element));
        }
        return null;
    }
  }

  private static Expr index(Expr e) {
    return Ops.convert(e, INT);
  }

  /** {@code a.clone()}: {@code a.length} throws for a null {@code a}, as {@code clone()} does. */
  Var cloneOf(Var a) {
    Var copy = declare(new Expr.NewArray(arrayType(a), new Expr.ArrayLength(a), null));
    copyLoop(a, zero(), copy, zero(), new Expr.ArrayLength(copy));
    return copy;
  }

  /** {@code Arrays.copyOf(a, n)}: the first {@code min(a.length, n)} elements, then zeros. */
  private Var copyOf(Var a, Expr n) {
    Var copy = declare(new Expr.NewArray(arrayType(a), n, null));
    Var count = declare(min(new Expr.ArrayLength(a), n));
    copyLoop(a, zero(), copy, zero(), count);
    return copy;
  }

  /** {@code Arrays.copyOfRange(a, from, to)}: elements {@code from} to {@code to}, zeros past {@code a}'s end. */
  private Var copyOfRange(Var a, Expr from, Expr to) {
    Expr bad = or(less(to, from), or(isNull(a), or(less(from, zero()), less(new Expr.ArrayLength(a), from))));
    // Arrays.copyOfRange checks from <= to before it reads a
    Expr standIn = Ops.cond(isNull(a), new Const(a.type(), null), standIn(a));
    throwAsJdk(bad, ARRAYS, "copyOfRange", List.of(arrayType(a), INT, INT), List.of(standIn, from, to));
    Var length = declare(Ops.sub(to, from));
    Var copy = declare(new Expr.NewArray(arrayType(a), length, null));
    Var count = declare(min(Ops.sub(new Expr.ArrayLength(a), from), length));
    copyLoop(a, from, copy, zero(), count);
    return copy;
  }

  /** {@code System.arraycopy}: through a temporary array, so a copy within one array reads it as it was. */
  private void arraycopy(Var src, Expr srcPos, Var dst, Expr dstPos, Expr n) {
    // reading a null array's length throws the NullPointerException System.arraycopy throws first
    Expr bad = or(or(less(Ops.sub(new Expr.ArrayLength(src), n), srcPos), less(Ops.sub(new Expr.ArrayLength(dst), n), dstPos)),
        or(or(less(srcPos, zero()), less(dstPos, zero())), less(n, zero())));
    Type object = Type.Ref.of(Known.OBJECT);
    throwAsJdk(bad, SYSTEM, "arraycopy", List.of(object, INT, object, INT, INT),
        List.of(standIn(src), srcPos, standIn(dst), dstPos, n));
    Var held = declare(new Expr.NewArray(arrayType(src), n, null));
    copyLoop(src, srcPos, held, zero(), n);
    copyLoop(held, zero(), dst, dstPos, n);
  }

  /** The checks of {@code Arrays.fill(a, from, to, v)}. */
  private void checkRange(Var a, Expr from, Expr to) {
    Type element = arrayType(a).element();
    // reading a null array's length throws the NullPointerException Arrays.fill throws first
    Expr bad = or(less(new Expr.ArrayLength(a), to), or(less(to, from), less(from, zero())));
    throwAsJdk(bad, ARRAYS, "fill", List.of(arrayType(a), INT, INT, element),
        List.of(standIn(a), from, to, Const.zero(element)));
  }

  private void fill(Var a, Expr from, Expr to, Expr value) {
    Var i = namer.fresh("i", INT);
    out.add(loop(i, from, to, Block.of(new Stmt.ArrayWrite(a, i, value, at))));
  }

  /** {@code dst[dstPos + i] = src[srcPos + i]} for {@code i} below {@code n}. */
  private void copyLoop(Var src, Expr srcPos, Var dst, Expr dstPos, Expr n) {
    Var i = namer.fresh("i", INT);
    Type element = arrayType(src).element();
    Stmt write = new Stmt.ArrayWrite(dst, offset(dstPos, i), new Expr.ArrayRead(src, offset(srcPos, i), element), at);
    out.add(loop(i, zero(), n, Block.of(write)));
  }

  private Stmt loop(Var i, Expr from, Expr to, Block body) {
    Block init = Block.of(new Stmt.Declare(i, from, at));
    Block update = Block.of(new Stmt.Assign(i, Ops.add(i, new Const(INT, 1)), at));
    return new Stmt.Loop(null, init, less(i, to), body, update, false, at);
  }

  /** When {@code bad}, calls the JDK method on stand-ins, which throws. */
  private void throwAsJdk(Expr bad, ClassRef owner, String name, List<Type> params, List<Expr> args) {
    Expr call = new Expr.Invoke(new Callee.Method(owner, name, true, params), null, args,
        name.equals("copyOfRange") ? params.get(0) : Type.Prim.VOID, at);
    out.add(new Stmt.If(bad, Block.of(new Stmt.Eval(call, at)), Block.EMPTY, at));
  }

  /** A zero-filled array of {@code a}'s type and length: the JDK method's checks see what they would. */
  private static Expr standIn(Var a) {
    return new Expr.NewArray(arrayType(a), new Expr.ArrayLength(a), null);
  }

  private static Expr isNull(Var a) {
    return Ops.compare(BinaryOp.EQ, a, new Const(a.type(), null));
  }

  private Var declare(Expr init) {
    Var v = namer.temp(init.type());
    out.add(new Stmt.Declare(v, init, at));
    return v;
  }

  private static Type.Array arrayType(Var a) {
    return (Type.Array) a.type();
  }

  private static Expr offset(Expr base, Var i) {
    return base instanceof Const c && c.value() instanceof Integer k && k == 0 ? i : Ops.add(base, i);
  }

  private static Expr min(Expr a, Expr b) {
    return Ops.cond(less(a, b), a, b);
  }

  /** {@code a < b}, decided here when both are literals (as {@code 0 < 0} for a position written 0). */
  private static Expr less(Expr a, Expr b) {
    if (a instanceof Const x && x.value() instanceof Integer i && b instanceof Const y && y.value() instanceof Integer j) {
      return new Const(Type.Prim.BOOLEAN, i < j);
    }
    return Ops.compare(BinaryOp.LT, a, b);
  }

  private static Expr or(Expr a, Expr b) {
    if (isFalse(a) || isFalse(b)) {
      return isFalse(a) ? b : a;
    }
    return new Expr.Binary(BinaryOp.OR, a, b, Type.Prim.BOOLEAN);
  }

  private static boolean isFalse(Expr e) {
    return e instanceof Const c && Boolean.FALSE.equals(c.value());
  }

  private static Const zero() {
    return Const.zero(INT);
  }
}
