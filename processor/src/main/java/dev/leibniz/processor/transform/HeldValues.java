package dev.leibniz.processor.transform;

import dev.leibniz.processor.diagnostics.Diagnostic;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Exprs;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.SourceText;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.rules.FunctionTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a differentiated value would be held without its derivative, refused on the line: a
 * {@code @NonDiff} array, the array a static field holds, an object ({@code Double}, {@code
 * Object}, an array of records). {@link Activity} says what is differentiated.
 */
final class HeldValues {
  private HeldValues() {}

  static void check(Function f, FunctionTable table, Activity a) {
    checkNonDiffArrays(f, a);
    checkStaticArrays(f, table, a);
    checkObjectsHolding(f, a);
  }

  /**
   * Refuses a differentiated value written into a non-differentiable array parameter ({@code
   * @NonDiff double[] scratch}): it has no tangent or cotangent, so the derivative would be lost,
   * inside the method and for its callers.
   */
  private static void checkNonDiffArrays(Function f, Activity a) {
    for (Param p : f.params()) {
      if (!p.differentiable() && Linearize.carriesDerivative(p.var().type()) && a.isVaried(p.var())) {
        for (Activity.Edge e : a.edges) {
          Var array = a.root(p.var());
          if (a.root(e.target()) == array && e.sources().stream().anyMatch(v -> a.root(v) != array && a.isVaried(v))) {
            throw new TransformException(e.at().source(), Diagnostic.NON_DIFF_ARRAY_WRITTEN.of(p.var().name(), p.var().name()));
          }
        }
      }
    }
  }

  /**
   * Refuses writes into an array a static field holds ({@code double[] t = TABLE; t[0] = x}): the
   * derivative code reads the field at other times than the method does, so it would see the
   * written values too early or too late.
   */
  private static void checkStaticArrays(Function f, FunctionTable table, Activity a) {
    Map<Var, String> fields = new HashMap<>(); // the root of each array variable a static field's array reaches
    Stmts.walk(f.body(), s -> {
      Var target = Stmts.target(s);
      Expr value = Stmts.assigned(s);
      String field = value == null ? null : staticField(value);
      if (target != null && field != null && target.type() instanceof Type.Array) {
        fields.put(a.root(target), field);
      }
    });
    Stmts.walk(f.body(), s -> {
      List<Expr> written = new ArrayList<>();
      if (s instanceof Stmt.ArrayWrite w) {
        written.add(w.array());
      }
      for (Expr top : Stmts.exprs(s)) {
        Exprs.walk(top, e -> {
          if (e instanceof Expr.Invoke i && i.callee() instanceof Callee.Function fn) {
            table.get(fn.ref()).writtenArguments(fn.form()).forEach(k -> written.add(i.args().get(k)));
          }
        });
      }
      for (Expr array : written) {
        String field = array instanceof Var v ? fields.get(a.root(v)) : staticField(array);
        if (field != null) {
          throw new TransformException(s.source(), Diagnostic.STATIC_ARRAY_WRITTEN.of(field, field));
        }
      }
    });
  }

  /**
   * Refuses a differentiated number held as an object ({@code Double d = x}, {@code Object o = x},
   * {@code Double[] b = {x}}, {@code (Object) x}) and an array of numbers held as one ({@code Object o
   * = a}): read back ({@code double y = d}, {@code (double[]) o}), it has lost its derivative, or
   * the array its link to the variables the derivatives follow.
   */
  private static void checkObjectsHolding(Function f, Activity a) {
    SourceText text = new SourceText(f);
    Stmts.walk(f.body(), s -> {
      Var target = Stmts.target(s);
      Expr value = Stmts.assigned(s);
      // statements without a source are the processor's own (DistinctArrays keeps arrays as Object)
      if (target != null && value != null && s.source() != SourceRef.NONE && holdsObjects(target.type())
          && heldAsObject(value, a)) {
        throw new TransformException(s.source(), Diagnostic.NUMBER_AS_OBJECT.of(text.of(value), display(target.type())));
      }
      if (s instanceof Stmt.ArrayWrite w && holdsObjects(w.array().type()) && heldAsObject(w.value(), a)) {
        throw new TransformException(s.source(), Diagnostic.NUMBER_AS_OBJECT.of(text.of(w.value()),
            display(w.array().type())));
      }
      for (Expr top : Stmts.exprs(s)) {
        Exprs.walk(top, e -> {
          if (e instanceof Expr.Cast c && holdsObjects(c.type()) && heldAsObject(c.operand(), a)) {
            throw new TransformException(s.source(), Diagnostic.NUMBER_AS_OBJECT.of(text.of(c.operand()), display(c.type())));
          }
        });
      }
    });
  }

  /** {@code t} as the user wrote it: {@code Double}, {@code Object[]}. */
  static String display(Type t) {
    return t instanceof Type.Array a ? display(a.element()) + "[]" : t instanceof Type.Ref r ? r.cls().simpleName()
        : t instanceof Type.Record r ? r.cls().simpleName() : t.toString();
  }

  /**
   * An object type that is not text or a function value ({@code Object}, {@code Double}, {@code
   * Double[]}), or an array of records ({@code P[]}: a record's numbers are followed in variables,
   * not in arrays).
   */
  static boolean holdsObjects(Type t) {
    Type element = t;
    while (element instanceof Type.Array a) {
      element = a.element();
    }
    return element instanceof Type.Ref && !Activity.isText(element) && !Known.isFunction(element)
        || element instanceof Type.Record && t instanceof Type.Array;
  }

  /**
   * A differentiated number, an array (or matrix) of numbers, or a new array of objects made of
   * differentiated numbers ({@code {x, 2.0}}), which an object would hold without its derivative.
   */
  private static boolean heldAsObject(Expr value, Activity a) {
    if (value instanceof Expr.NewArray n && n.elements() != null) {
      return n.elements().stream().anyMatch(e -> heldAsObject(e, a));
    }
    return value.type() instanceof Type.Prim || value.type() instanceof Type.Record ? a.variedExpr(value)
        : value.type() instanceof Type.Array && Linearize.carriesDerivative(value.type());
  }

  /** The static field whose array {@code e} is, or one of its rows; null when it is none. */
  private static String staticField(Expr e) {
    return Exprs.arrayBase(e) instanceof Expr.StaticField field && e.type() instanceof Type.Array ? field.name() : null;
  }
}
