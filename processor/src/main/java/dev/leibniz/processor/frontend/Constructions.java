package dev.leibniz.processor.frontend;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import dev.leibniz.processor.diagnostics.Diagnostic;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;

/**
 * Lowers {@code new}: record construction (with inferred type arguments) and array creation.
 */
final class Constructions {

  private final BodyContext cx;

  Constructions(BodyContext cx) {
    this.cx = cx;
  }

  Value newClass(NewClassTree n, Type expected) {
    if (n.getClassBody() != null) {
      throw new FrontendException(n, Diagnostic.ANONYMOUS_CLASS.of());
    }
    TypeMirror mirror = cx.names.resolve(n.getIdentifier());
    TypeElement element = (TypeElement) cx.types.asElement(mirror);
    if (element == null) {
      throw new FrontendException(n, Diagnostic.CANNOT_RESOLVE.of(n.getIdentifier()));
    }
    if (element.getKind() != ElementKind.RECORD) {
      List<Expr> args = cx.calls.passiveArgs(n.getArguments());
      return new Value.Scalar(new Expr.Invoke(new Callee.Constructor(cx.mapper.classRef(element),
          !element.getTypeParameters().isEmpty()), null, args,
          Type.Ref.of(cx.mapper.classRef(element)), cx.src(n)));
    }
    List<Value> args = new ArrayList<>();
    for (ExpressionTree a : n.getArguments()) {
      args.add(cx.exprs.expr(a, null));
    }
    Type.Record type = recordType(element, mirror, n, expected, args);
    if (args.size() != type.components().size()) {
      throw new FrontendException(n, Diagnostic.RECORD_ARITY.of(element.getSimpleName(), type.components().size()));
    }
    List<Value> components = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      Type ct = type.components().get(i).type();
      components.add(cx.values.convert(args.get(i), ct, n.getArguments().get(i)));
    }
    return new Value.Aggregate(type, components);
  }

  /** The record type of {@code new R<...>(args)}: explicit, from the expected type, or inferred. */
  private Type.Record recordType(TypeElement element, TypeMirror mirror, NewClassTree n, Type expected,
      List<Value> args) {
    if (element.getTypeParameters().isEmpty()) {
      return (Type.Record) cx.mapper.toIr(element.asType());
    }
    boolean diamond = n.getIdentifier() instanceof com.sun.source.tree.ParameterizedTypeTree p
        && p.getTypeArguments().isEmpty();
    if (!diamond && mirror instanceof DeclaredType d && !d.getTypeArguments().isEmpty()) {
      return (Type.Record) cx.mapper.toIr(mirror);
    }
    if (expected instanceof Type.Record r && r.cls().equals(cx.mapper.classRef(element))) {
      return r;
    }
    // Infer each type parameter from the component declared with exactly that type.
    List<TypeMirror> typeArgs = new ArrayList<>();
    for (var tp : element.getTypeParameters()) {
      TypeMirror found = null;
      List<? extends javax.lang.model.element.RecordComponentElement> comps = element.getRecordComponents();
      for (int i = 0; i < comps.size() && i < args.size(); i++) {
        TypeMirror declared = comps.get(i).asType();
        if (declared instanceof TypeVariable tv && tv.asElement().equals(tp)) {
          found = boxedMirror(cx.values.typeOf(args.get(i)));
        }
      }
      if (found == null) {
        throw new FrontendException(n, Diagnostic.RECORD_TYPE_ARGUMENTS.of(n.getIdentifier()));
      }
      typeArgs.add(found);
    }
    return (Type.Record) cx.mapper.toIr(cx.types.getDeclaredType(element, typeArgs.toArray(new TypeMirror[0])));
  }

  private TypeMirror boxedMirror(Type t) {
    TypeMirror m = cx.mapper.toMirror(t);
    if (m.getKind().isPrimitive()) {
      return cx.types.boxedClass((javax.lang.model.type.PrimitiveType) m).asType();
    }
    if (t instanceof Type.Record r && !r.args().isEmpty()) {
      List<TypeMirror> args = new ArrayList<>();
      for (Type a : r.args()) {
        args.add(boxedMirror(a));
      }
      return cx.types.getDeclaredType(cx.mapper.element(r.cls()), args.toArray(new TypeMirror[0]));
    }
    return m;
  }

  Value newArray(NewArrayTree n, Type expected) {
    Type element;
    if (n.getType() != null) {
      element = cx.mapper.toIr(cx.names.resolve(n.getType()));
    } else if (expected instanceof Type.Array a) {
      element = a.element();
    } else {
      throw new FrontendException(n, Diagnostic.ARRAY_TYPE_UNKNOWN.of());
    }
    for (int k = 1; k < n.getDimensions().size(); k++) {
      element = new Type.Array(element); // new double[n][m]: the type names the innermost element
    }
    if (element instanceof Type.Array inner && inner.element() instanceof Type.Array) {
      throw new FrontendException(n, Diagnostic.ARRAY_DIMENSIONS.of());
    }
    Type.Array type = new Type.Array(element);
    if (n.getDimensions().size() == 2) {
      // new double[n][m]: a runtime helper, so the IR needs one length per array only
      List<Expr> lengths = new ArrayList<>();
      for (ExpressionTree dim : n.getDimensions()) {
        lengths.add(cx.values.materialize(cx.values.convert(cx.exprs.expr(dim, Type.Prim.INT), Type.Prim.INT, dim)));
      }
      Type cell = ((Type.Array) element).element();
      if (!cell.isFloating()) {
        throw new FrontendException(n, Diagnostic.MATRIX_ELEMENT_TYPE.of(cell));
      }
      String helper = cell == Type.Prim.FLOAT ? "floatMatrix" : "matrix";
      return new Value.Scalar(new Expr.Invoke(new Callee.Method(Known.SHAPES, helper, true,
          List.of(Type.Prim.INT, Type.Prim.INT)), null, lengths, type));
    }
    if (n.getInitializers() != null) {
      List<Expr> elements = new ArrayList<>();
      for (ExpressionTree e : n.getInitializers()) {
        if (element instanceof Type.Array && heldElsewhere(e)) {
          throw new FrontendException(e, Diagnostic.MATRIX_ROW_SHARED.of(e, e));
        }
        elements.add(cx.values.materialize(cx.values.convert(cx.exprs.expr(e, element), element, e)));
      }
      return new Value.Scalar(new Expr.NewArray(type, null, elements));
    }
    ExpressionTree dim = n.getDimensions().get(0);
    Expr length = cx.values.materialize(cx.values.convert(cx.exprs.expr(dim, Type.Prim.INT), Type.Prim.INT, dim));
    return new Value.Scalar(new Expr.NewArray(type, length, null));
  }

  /**
   * Whether a row given to a matrix initializer may be an array some variable still holds: a
   * variable, a row of another matrix, a field, a record's component. A new array, a copy or a
   * method's result is the matrix's own.
   */
  private static boolean heldElsewhere(ExpressionTree row) {
    while (row instanceof ParenthesizedTree p) {
      row = p.getExpression();
    }
    if (row instanceof MethodInvocationTree call) {
      return call.getArguments().isEmpty() && call.getMethodSelect() instanceof MemberSelectTree select
          && !select.getIdentifier().contentEquals("clone"); // a record's accessor
    }
    return row instanceof IdentifierTree || row instanceof ArrayAccessTree || row instanceof MemberSelectTree;
  }
}
