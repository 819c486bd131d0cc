package dev.leibniz.processor.transform;

import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A method writing into an array parameter, given the same array for another parameter (by plain
 * Java code, which the processor does not see), or as a row of a matrix or an array of a record
 * among its arguments, or one array as two rows of a matrix it writes: the derivatives give each a
 * tangent and a cotangent of its own, so they would be wrong. The forms check it first and throw
 * instead; in a differentiable body the same call is an error at compile time ({@code SAME_ARRAY_TWICE}).
 */
public final class DistinctArrays {
  private static final ClassRef DISTINCT = ClassRef.of(Known.RUNTIME, "DistinctArrays");
  private static final ClassRef ILLEGAL_ARGUMENT = ClassRef.of("java.lang", "IllegalArgumentException");

  private DistinctArrays() {}

  /** {@code f} checking first that no array parameter it writes into ({@code written}) is another one. */
  public static Function checked(Function f, Set<Integer> written) {
    if (written.isEmpty()) {
      return f;
    }
    if (f.params().stream().anyMatch(p -> holdsArrays(p.var().type()))) {
      return f.withBody(new Block(reachableOnce(f, written)));
    }
    List<Stmt> body = sameParams(f, written);
    if (body.isEmpty()) {
      return f;
    }
    body.addAll(f.body().stmts());
    return new Function(f.name(), f.params(), f.resultType(), new Block(body), f.reserved());
  }

  /** Whether {@code t} is a matrix or a record (nested ones included) with an array: arrays reachable through it. */
  private static boolean holdsArrays(Type t) {
    return t instanceof Type.Array a && a.element() instanceof Type.Array
        || t instanceof Type.Record r && r.components().stream().anyMatch(c -> c.type() instanceof Type.Array
            || holdsArrays(c.type()));
  }

  /**
   * The check of the runtime's {@code DistinctArrays} over every array reachable from the
   * parameters: top-level arrays, matrices (their rows), the arrays and matrices of records (read
   * from the variables the body takes its record parameters apart into, after them: reverse mode
   * follows those), each declared an {@code Object} first, so that the check reads no differentiated value.
   */
  private static List<Stmt> reachableOnce(Function f, Set<Integer> written) {
    Namer namer = Namer.forFunction(f);
    List<Stmt> body = new ArrayList<>();
    Map<Var, String> names = new LinkedHashMap<>();
    f.params().forEach(p -> names.put(p.var(), p.var().name()));
    int prefix = 0;
    for (Stmt s : f.body().stmts()) {
      if (!(s instanceof Stmt.Declare d && d.init() instanceof Expr.Component c && c.record() instanceof Var r
          && names.containsKey(r))) {
        break;
      }
      names.put(d.var(), names.get(r) + "." + c.name() + "()");
      body.add(s);
      prefix++;
    }
    List<Expr> args = new ArrayList<>(List.of(text(f.name())));
    List<Var> params = f.params().stream().map(p -> p.var()).toList();
    names.forEach((v, name) -> {
      if (v.type() instanceof Type.Array) {
        Var held = namer.fresh("reached", Type.Ref.of(Known.OBJECT));
        body.add(new Stmt.Declare(held, v, SourceRef.NONE));
        args.addAll(List.of(text(name), new Const(Type.Prim.BOOLEAN, written.contains(params.indexOf(v))), held));
      }
    });
    body.add(new Stmt.Eval(new Expr.Invoke(new Callee.Method(DISTINCT, "check", true, List.of()), null, args,
        Type.Prim.VOID), SourceRef.NONE));
    body.addAll(f.body().stmts().subList(prefix, f.body().stmts().size()));
    return body;
  }

  private static Const text(String s) {
    return new Const(Type.Ref.of(Known.STRING), s);
  }

  /** {@code if (a == b) throw} for each written array parameter {@code a} and another {@code b} of its type. */
  private static List<Stmt> sameParams(Function f, Set<Integer> written) {
    List<Stmt> body = new ArrayList<>();
    for (int w : written) {
      for (int k = 0; k < f.params().size(); k++) {
        Var a = f.params().get(w).var();
        Var b = f.params().get(k).var();
        if (k != w && b.type().equals(a.type()) && (k > w || !written.contains(k))) {
          String message = f.name() + ": " + a.name() + " and " + b.name() + " are the same array, and " + f.name()
              + " writes into " + a.name() + ": its derivatives would take them for two arrays; pass a copy (.clone())";
          Expr error = new Expr.Invoke(new Callee.Constructor(ILLEGAL_ARGUMENT), null,
              List.of(new Const(Type.Ref.of(Known.STRING), message)), Type.Ref.of(ILLEGAL_ARGUMENT));
          body.add(new Stmt.If(new Expr.Binary(Expr.BinaryOp.EQ, a, b, Type.Prim.BOOLEAN),
              Block.of(new Stmt.Throw(error, SourceRef.NONE)), Block.EMPTY, SourceRef.NONE));
        }
      }
    }
    return body;
  }
}
