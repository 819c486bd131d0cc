package dev.leibniz.processor.frontend;

import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import dev.leibniz.processor.diagnostics.Diagnostic;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Resolves simple and qualified names: locals, fields (static constants, function-valued fields),
 * classes and packages.
 */
final class NameLookup {

  private final BodyContext cx;

  NameLookup(BodyContext cx) {
    this.cx = cx;
  }

  Value identifier(IdentifierTree id) {
    String name = id.getName().toString();
    Value local = cx.scope.lookup(name);
    if (local != null) {
      if (cx.captures != null && cx.scope.isCapture(name)) {
        for (Expr leaf : cx.values.leavesNoSpill(local)) {
          if (leaf instanceof Var v) {
            cx.captures.add(v);
          }
        }
      }
      return local;
    }
    for (Element e = cx.enclosingClass; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      Value field = staticField(t, name, id);
      if (field != null) {
        return field;
      }
    }
    for (TypeElement owner : cx.names.staticImportOwners(name)) {
      Value field = staticField(owner, name, id);
      if (field != null) {
        return field;
      }
    }
    TypeElement type = cx.names.resolveSimple(name);
    if (type != null) {
      return new Value.TypeName(type);
    }
    return new Value.PackageName(name);
  }

  private Value staticField(TypeElement owner, String name, Tree at) {
    for (Element member : cx.members(owner)) {
      if ((member.getKind() == ElementKind.FIELD || member.getKind() == ElementKind.ENUM_CONSTANT)
          && member.getSimpleName().contentEquals(name)) {
        VariableElement field = (VariableElement) member;
        if (!field.getModifiers().contains(Modifier.STATIC)) {
          throw new FrontendException(at, Diagnostic.INSTANCE_FIELD_READ.of(name));
        }
        Type type = cx.mapper.toIr(field.asType());
        if (Known.isFunction(type)) {
          return functionField(field, type, at);
        }
        Object constant = field.getConstantValue();
        if (constant != null && type instanceof Type.Prim) {
          return new Value.Scalar(new Const(type, constant));
        }
        if (!field.getModifiers().contains(Modifier.FINAL) && !(type instanceof Type.Ref)) {
          // a number (or numbers) a call that simply runs may change mid-body: derivative code reads
          // it at other times (an object's field holds no number the body reads, only calls on it)
          throw new FrontendException(at, Diagnostic.MUTABLE_FIELD_READ.of(name, name));
        }
        if (field.getModifiers().contains(Modifier.PRIVATE)) {
          throw new FrontendException(at, Diagnostic.PRIVATE_FIELD_READ.of(name));
        }
        return new Value.Scalar(new Expr.StaticField(cx.mapper.classRef(owner), name, type));
      }
    }
    return null;
  }

  /**
   * A function value read from a static field: a {@code static final} lambda of this class is
   * inlined where it is applied, as a local lambda is; any other would run without derivatives.
   */
  private Value functionField(VariableElement field, Type type, Tree at) {
    Tree decl = field.getModifiers().contains(Modifier.FINAL) && isEnclosing(field.getEnclosingElement())
        ? cx.trees.getTree(field) : null;
    if (decl instanceof VariableTree v && v.getInitializer() != null
        && Statements.unparenthesized(v.getInitializer()) instanceof LambdaExpressionTree l) {
      return new Value.LocalLambda(l, new Scope(null, false), type);
    }
    throw new FrontendException(at, Diagnostic.FUNCTION_FIELD.of(at));
  }

  private boolean isEnclosing(Element owner) {
    for (Element e = cx.enclosingClass; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.equals(owner)) {
        return true;
      }
    }
    return false;
  }

  Value memberSelect(MemberSelectTree m) {
    String name = m.getIdentifier().toString();
    Value q = cx.exprs.expr(m.getExpression(), null);
    if (q instanceof Value.PackageName p) {
      String full = p.name() + "." + name;
      TypeElement type = cx.elements.getTypeElement(full);
      return type != null ? new Value.TypeName(type) : new Value.PackageName(full);
    }
    if (q instanceof Value.TypeName t) {
      Value field = staticField(t.element(), name, m);
      if (field != null) {
        return field;
      }
      for (Element member : cx.members(t.element())) {
        if (member instanceof TypeElement inner && member.getSimpleName().contentEquals(name)) {
          return new Value.TypeName(inner);
        }
      }
      throw new FrontendException(m, Diagnostic.CANNOT_RESOLVE.of(m));
    }
    Expr target = cx.values.materialize(q);
    if (target.type() instanceof Type.Array && name.equals("length")) {
      return new Value.Scalar(new Expr.ArrayLength(target));
    }
    throw new FrontendException(m, Diagnostic.FIELD_ACCESS.of(m));
  }
}
