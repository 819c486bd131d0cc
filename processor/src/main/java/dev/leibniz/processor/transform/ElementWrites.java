package dev.leibniz.processor.transform;

import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Exprs;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.rules.FunctionTable;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The statements that may write elements of arrays, by element type: an element the backward sweep
 * reads (an index {@code p[0]} of {@code x[p[0]]}, a passive multiplier {@code n[0]}) keeps its
 * value only if none of them runs after the read. By type, not by variable, so that aliases (a
 * second variable, a row, two parameters given one array, a helper writing its argument) are
 * covered.
 */
final class ElementWrites {
  private final FunctionTable table;
  /** Element types each statement may write, {@link #ANY} for a call of a function value. */
  private final Map<Stmt, Set<Type>> written = new IdentityHashMap<>();

  /** A function value may write any array it captures. */
  private static final Type ANY = Type.Prim.VOID;

  ElementWrites(FunctionTable table) {
    this.table = table;
  }

  /** Notes what statement {@code s} (not the statements nested in it) may write. */
  void index(Stmt s) {
    Set<Type> types = new LinkedHashSet<>();
    if (s instanceof Stmt.ArrayWrite w) {
      types.add(base(w.array().type()));
    }
    for (Expr e : Stmts.exprs(s)) {
      Exprs.walk(e, x -> {
        if (x instanceof Expr.Invoke call) {
          calls(call, types);
        }
      });
    }
    if (!types.isEmpty()) {
      written.put(s, types);
    }
  }

  /** The statements that may write an element of an array whose elements (at the innermost level) have type {@code t}. */
  List<Stmt> writing(Type t) {
    Type element = base(t);
    List<Stmt> out = new ArrayList<>();
    written.forEach((s, types) -> {
      if (types.contains(element) || types.contains(ANY)) {
        out.add(s);
      }
    });
    return out;
  }

  private void calls(Expr.Invoke call, Set<Type> types) {
    if (call.callee() instanceof Callee.Function f) {
      for (int k : table.get(f.ref()).writtenArguments(f.form())) {
        types.add(base(call.args().get(k).type()));
      }
    } else if (call.callee() instanceof Callee.Apply) {
      types.add(ANY);
    } else if (call.callee() instanceof Callee.Method || call.callee() instanceof Callee.Constructor) {
      // a helper (swap(perm, i, j), Arrays.fill) may write any array it is given
      for (Expr arg : Exprs.children(call)) {
        arrays(arg.type(), types);
      }
    }
  }

  /** The element types of the arrays a value of type {@code t} holds (a record's components too). */
  private static void arrays(Type t, Set<Type> types) {
    if (t instanceof Type.Array) {
      types.add(base(t));
    } else if (t instanceof Type.Record r) {
      for (Type.Component c : r.components()) {
        arrays(c.type(), types);
      }
    }
  }

  private static Type base(Type t) {
    return t instanceof Type.Array a ? base(a.element()) : t;
  }
}
