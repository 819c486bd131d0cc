package dev.leibniz.processor.transform;

import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A method writing into an array parameter, given the same array for another parameter (by plain
 * Java code, which the processor does not see): the derivatives give each parameter a tangent and a
 * cotangent of its own, so they would be wrong. The forms check it first and throw instead; in a
 * differentiable body the same call is an error at compile time ({@code SAME_ARRAY_TWICE}).
 */
public final class DistinctArrays {
  private static final ClassRef ILLEGAL_ARGUMENT = ClassRef.of("java.lang", "IllegalArgumentException");

  private DistinctArrays() {}

  /** {@code f} checking first that no array parameter it writes into ({@code written}) is another one. */
  public static Function checked(Function f, Set<Integer> written) {
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
    if (body.isEmpty()) {
      return f;
    }
    body.addAll(f.body().stmts());
    return new Function(f.name(), f.params(), f.resultType(), new Block(body), f.reserved());
  }
}
