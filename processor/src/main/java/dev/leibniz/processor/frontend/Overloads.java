package dev.leibniz.processor.frontend;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import dev.leibniz.processor.diagnostics.Diagnostic;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.MathFn;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;

/**
 * Finds a call's method among a class's members and types its result, as javac's overload
 * resolution would for the arguments the front end has typed.
 */
final class Overloads {

  private final BodyContext cx;

  Overloads(BodyContext cx) {
    this.cx = cx;
  }

  boolean hasMethod(TypeElement owner, String name) {
    for (Element member : cx.members(owner)) {
      if (member.getKind() == ElementKind.METHOD && member.getSimpleName().contentEquals(name)) {
        return true;
      }
    }
    return false;
  }

  Type safeType(TypeMirror m) {
    try {
      return cx.mapper.toIr(m);
    } catch (TypeMapper.UnsupportedTypeException e) {
      return Type.Ref.of(Known.OBJECT);
    }
  }

  /**
   * The result type of a call: a type variable of the method ({@code <T> T requireNonNull(T)}) is
   * the type of the argument declared with it, boxed; otherwise its erasure.
   */
  Type inferredResult(ExecutableElement method, TypeMirror declared, List<Expr> args) {
    if (declared instanceof TypeVariable tv) {
      List<? extends VariableElement> params = method.getParameters();
      for (int i = 0; i < params.size() && i < args.size(); i++) {
        if (cx.types.isSameType(params.get(i).asType(), tv)) {
          Type arg = args.get(i).type();
          return arg instanceof Type.Prim p ? Type.Ref.of(p.boxed()) : arg;
        }
      }
    }
    return safeType(declared);
  }

  TypeMirror resultTypeOf(ExecutableElement method, Type receiverType) {
    if (receiverType instanceof Type.Ref ref && !ref.args().isEmpty()) {
      TypeMirror site = cx.mapper.toMirror(receiverType);
      if (site instanceof DeclaredType d) {
        try {
          return ((ExecutableType) cx.types.asMemberOf(d, method)).getReturnType();
        } catch (IllegalArgumentException e) {
          return method.getReturnType();
        }
      }
    }
    return method.getReturnType();
  }

  List<ExecutableElement> methods(TypeElement owner, String name, int arity) {
    List<ExecutableElement> out = new ArrayList<>();
    for (Element member : cx.members(owner)) {
      if (member.getKind() == ElementKind.METHOD && member.getSimpleName().contentEquals(name)) {
        ExecutableElement m = (ExecutableElement) member;
        int n = m.getParameters().size();
        if (n == arity || (m.isVarArgs() && arity >= n - 1)) {
          out.add(m);
        }
      }
    }
    return out;
  }

  /**
   * The {@code candidates} that can take the lambdas and method references among {@code args}, as
   * javac would: a function type at the argument's position, of the lambda's arity. A lambda
   * cannot be typed without its target, so this comes before the other arguments are compared.
   * All of them when none can.
   */
  List<ExecutableElement> takingFunctions(List<ExecutableElement> candidates, List<? extends ExpressionTree> args) {
    if (candidates.size() < 2) {
      return candidates;
    }
    List<ExecutableElement> out = new ArrayList<>();
    for (ExecutableElement m : candidates) {
      if (takesFunctions(m, args)) {
        out.add(m);
      }
    }
    return out.isEmpty() ? candidates : out;
  }

  /** Whether {@code a} is a lambda or a method reference, in parentheses or not. */
  static boolean isFunctionLiteral(ExpressionTree a) {
    ExpressionTree u = unwrapped(a);
    return u instanceof LambdaExpressionTree || u instanceof MemberReferenceTree;
  }

  private static ExpressionTree unwrapped(ExpressionTree a) {
    while (a instanceof ParenthesizedTree p) {
      a = p.getExpression();
    }
    return a;
  }

  private boolean takesFunctions(ExecutableElement m, List<? extends ExpressionTree> args) {
    for (int i = 0; i < args.size(); i++) {
      ExpressionTree a = unwrapped(args.get(i));
      if (!isFunctionLiteral(a)) {
        continue;
      }
      Type t = i < m.getParameters().size() ? safeType(m.getParameters().get(i).asType()) : null;
      if (t == null || !Known.isFunction(t)
          || a instanceof LambdaExpressionTree l && l.getParameters().size() != Known.arity(t)
          || a instanceof MemberReferenceTree r && !refersToArity(r, Known.arity(t))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the static method {@code r} names has an overload of {@code arity} parameters
   * ({@code Math::pow} for a binary function, not a unary one); true when its class is unknown here.
   */
  private boolean refersToArity(MemberReferenceTree r, int arity) {
    TypeElement type = typeNamed(r.getQualifierExpression());
    if (type == null) {
      return true;
    }
    String name = r.getName().toString();
    String qualified = type.getQualifiedName().toString();
    MathFn fn = MathFn.byJavaName(name);
    if ((qualified.equals("java.lang.Math") || qualified.equals("java.lang.StrictMath")) && fn != null) {
      return fn.arity() == arity;
    }
    return !methods(type, name, arity).isEmpty();
  }

  /** The class {@code q} names ({@code Math}, {@code java.lang.Math}), or null. */
  private TypeElement typeNamed(ExpressionTree q) {
    if (q instanceof IdentifierTree id) {
      return cx.names.resolveSimple(id.getName().toString());
    }
    return q instanceof MemberSelectTree ? cx.elements.getTypeElement(q.toString()) : null;
  }

  /** Overload resolution among {@code candidates}: exact, then widening, then boxing and varargs. */
  ExecutableElement choose(List<ExecutableElement> candidates, List<Expr> args, Tree at) {
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    for (int phase = 0; phase < 3; phase++) {
      List<ExecutableElement> applicable = new ArrayList<>();
      for (ExecutableElement m : candidates) {
        if (applicable(m, args, phase)) {
          applicable.add(m);
        }
      }
      if (!applicable.isEmpty()) {
        ExecutableElement best = applicable.get(0);
        for (ExecutableElement m : applicable) {
          if (moreSpecific(m, best)) {
            best = m;
          }
        }
        return best;
      }
    }
    throw new FrontendException(at, Diagnostic.OVERLOAD_AMBIGUOUS.of(candidates.get(0).getSimpleName()));
  }

  private boolean applicable(ExecutableElement m, List<Expr> args, int phase) {
    List<? extends VariableElement> params = m.getParameters();
    if (phase < 2 && params.size() != args.size()) {
      return false;
    }
    for (int i = 0; i < args.size(); i++) {
      TypeMirror param;
      if (phase == 2 && m.isVarArgs() && i >= params.size() - 1) {
        TypeMirror last = params.get(params.size() - 1).asType();
        param = ((javax.lang.model.type.ArrayType) last).getComponentType();
      } else {
        if (i >= params.size()) {
          return false;
        }
        param = params.get(i).asType();
      }
      if (args.get(i) == null) {
        continue; // a lambda or method reference: takingFunctions kept the methods that can take it
      }
      TypeMirror arg = cx.mapper.toMirror(args.get(i).type());
      if (arg.getKind() == TypeKind.NULL) {
        if (param.getKind().isPrimitive()) {
          return false;
        }
        continue;
      }
      param = cx.types.erasure(param);
      boolean ok;
      if (phase == 0) {
        ok = arg.getKind().isPrimitive() == param.getKind().isPrimitive() && cx.types.isAssignable(arg, param);
      } else {
        ok = cx.types.isAssignable(arg, param);
      }
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private boolean moreSpecific(ExecutableElement a, ExecutableElement b) {
    if (a == b || a.getParameters().size() != b.getParameters().size()) {
      return false;
    }
    for (int i = 0; i < a.getParameters().size(); i++) {
      TypeMirror pa = cx.types.erasure(a.getParameters().get(i).asType());
      TypeMirror pb = cx.types.erasure(b.getParameters().get(i).asType());
      if (!cx.types.isAssignable(pa, pb)) {
        return false;
      }
    }
    return true;
  }
}
