package dev.leibniz.processor.frontend;

import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import dev.leibniz.processor.diagnostics.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Resolves type names written in a method body, the way javac would: member types of the
 * enclosing classes, single-type imports, the same package, on-demand imports, {@code java.lang}.
 * (Bodies are not attributed while annotation processing runs, so the processor does this itself.)
 */
final class TypeNames {
  private final Elements elements;
  private final Types types;
  private final CompilationUnitTree unit;
  private final TypeElement enclosing;

  TypeNames(Elements elements, Types types, CompilationUnitTree unit, TypeElement enclosing) {
    this.elements = elements;
    this.types = types;
    this.unit = unit;
    this.enclosing = enclosing;
  }

  /** The type a type tree names; throws for what it cannot resolve. */
  TypeMirror resolve(Tree tree) {
    if (tree instanceof PrimitiveTypeTree p) {
      TypeKind kind = p.getPrimitiveTypeKind();
      return kind == TypeKind.VOID ? types.getNoType(kind) : types.getPrimitiveType(kind);
    }
    if (tree instanceof ArrayTypeTree a) {
      return types.getArrayType(resolve(a.getType()));
    }
    if (tree instanceof ParameterizedTypeTree p) {
      TypeElement raw = asElement(resolve(p.getType()), tree);
      if (p.getTypeArguments().isEmpty()) {
        return types.erasure(raw.asType()); // diamond: the caller infers
      }
      List<TypeMirror> args = new ArrayList<>();
      for (Tree arg : p.getTypeArguments()) {
        args.add(boxed(resolve(arg)));
      }
      return types.getDeclaredType(raw, args.toArray(new TypeMirror[0]));
    }
    TypeElement element = resolveClass(tree);
    if (element == null) {
      throw new FrontendException(tree, Diagnostic.CANNOT_RESOLVE.of("type " + tree));
    }
    return element.getTypeParameters().isEmpty() ? element.asType() : types.erasure(element.asType());
  }

  private TypeElement asElement(TypeMirror mirror, Tree tree) {
    if (mirror instanceof DeclaredType d) {
      return (TypeElement) d.asElement();
    }
    throw new FrontendException(tree, Diagnostic.CANNOT_RESOLVE.of("type " + tree));
  }

  private TypeMirror boxed(TypeMirror t) {
    return t.getKind().isPrimitive() ? types.boxedClass(types.getPrimitiveType(t.getKind())).asType() : t;
  }

  /** The class a name tree denotes, or null. */
  TypeElement resolveClass(Tree tree) {
    if (tree instanceof IdentifierTree id) {
      return resolveSimple(id.getName().toString());
    }
    if (tree instanceof MemberSelectTree select) {
      String name = select.getIdentifier().toString();
      TypeElement outer = resolveClass(select.getExpression());
      if (outer != null) {
        return memberType(outer, name);
      }
      return elements.getTypeElement(select.toString());
    }
    return null;
  }

  /** A simple class name as seen from the enclosing class. */
  TypeElement resolveSimple(String name) {
    for (Element e = enclosing; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      if (t.getSimpleName().contentEquals(name)) {
        return t;
      }
      TypeElement member = memberType(t, name);
      if (member != null) {
        return member;
      }
    }
    for (ImportTree imp : unit.getImports()) {
      if (imp.isStatic()) {
        continue;
      }
      Tree id = imp.getQualifiedIdentifier();
      if (id instanceof MemberSelectTree select && select.getIdentifier().contentEquals(name)) {
        TypeElement t = elements.getTypeElement(select.toString());
        if (t != null) {
          return t;
        }
      }
    }
    String pkg = elements.getPackageOf(enclosing).getQualifiedName().toString();
    TypeElement same = elements.getTypeElement(pkg.isEmpty() ? name : pkg + "." + name);
    if (same != null) {
      return same;
    }
    for (ImportTree imp : unit.getImports()) {
      Tree id = imp.getQualifiedIdentifier();
      if (!imp.isStatic() && id instanceof MemberSelectTree select && select.getIdentifier().contentEquals("*")) {
        String prefix = select.getExpression().toString();
        TypeElement t = elements.getTypeElement(prefix + "." + name);
        if (t != null) {
          return t;
        }
      }
    }
    return elements.getTypeElement("java.lang." + name);
  }

  private TypeElement memberType(TypeElement owner, String name) {
    for (Element member : owner.getEnclosedElements()) {
      if (member instanceof TypeElement t && member.getSimpleName().contentEquals(name)
          && (member.getKind().isClass() || member.getKind().isInterface()
              || member.getKind() == ElementKind.RECORD || member.getKind() == ElementKind.ENUM)) {
        return t;
      }
    }
    return null;
  }

  /** The classes a static import on demand or single static import names for {@code member}. */
  List<TypeElement> staticImportOwners(String member) {
    List<TypeElement> owners = new ArrayList<>();
    for (ImportTree imp : unit.getImports()) {
      if (imp.isStatic() && imp.getQualifiedIdentifier() instanceof MemberSelectTree select) {
        String id = select.getIdentifier().toString();
        if (id.equals("*") || id.equals(member)) {
          TypeElement owner = elements.getTypeElement(select.getExpression().toString());
          if (owner != null) {
            owners.add(owner);
          }
        }
      }
    }
    return owners;
  }
}
