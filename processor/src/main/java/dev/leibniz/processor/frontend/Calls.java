package dev.leibniz.processor.frontend;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import dev.leibniz.processor.diagnostics.Diagnostic;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.FunctionRef;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.MathFn;
import dev.leibniz.processor.ir.Ops;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.rules.FunctionInfo;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Lowers method calls: differentiable methods of this round or earlier ones, {@code Math}, {@code
 * Leibniz}, generated forms inside JVP rules, passive external calls, record accessors and array
 * copies.
 */
final class Calls {

  private final BodyContext cx;

  Calls(BodyContext cx) {
    this.cx = cx;
  }

  Value invocation(MethodInvocationTree m, Type expected) {
    ExpressionTree select = m.getMethodSelect();
    List<? extends ExpressionTree> argTrees = m.getArguments();
    if (select instanceof IdentifierTree id) {
      String name = id.getName().toString();
      for (Element e = cx.enclosingClass; e instanceof TypeElement t; e = e.getEnclosingElement()) {
        if (cx.overloads.hasMethod(t, name)) {
          return staticCall(t, name, argTrees, m);
        }
      }
      for (TypeElement owner : cx.names.staticImportOwners(name)) {
        if (cx.overloads.hasMethod(owner, name)) {
          return staticCall(owner, name, argTrees, m);
        }
      }
      throw new FrontendException(m, Diagnostic.CANNOT_RESOLVE_METHOD.of(name));
    }
    MemberSelectTree ms = (MemberSelectTree) select;
    String name = ms.getIdentifier().toString();
    Value q = cx.exprs.expr(ms.getExpression(), null);
    if (q instanceof Value.TypeName t) {
      List<GeneratedForms.Form> forms = GeneratedForms.resolve(cx.table, cx.mapper.classRef(t.element()), name);
      return !forms.isEmpty() ? generatedCall(forms, argTrees, m) : staticCall(t.element(), name, argTrees, m);
    }
    if (q instanceof Value.PackageName p) {
      // a class generated in this round is not there yet: known by its name
      String here = cx.elements.getPackageOf(cx.enclosingClass).getQualifiedName().toString();
      ClassRef generated = GeneratedForms.named(cx.table, p.name(), here);
      if (generated == null) {
        throw new FrontendException(ms.getExpression(), Diagnostic.CANNOT_RESOLVE.of(ms.getExpression()));
      }
      List<GeneratedForms.Form> forms = GeneratedForms.resolve(cx.table, generated, name);
      if (forms.isEmpty()) {
        throw new FrontendException(m, Diagnostic.GENERATED_MEMBER_NOT_CALLABLE.of(generated.simpleName(), name));
      }
      return generatedCall(forms, argTrees, m);
    }
    return instanceCall(q, name, argTrees, m);
  }

  /**
   * A call of another method's generated form in a JVP rule, as a JAX rule may call
   * {@code jax.jvp}: {@code gJvp} is linear in its tangents (reverse mode transposes it through
   * {@code g}'s pullback), {@code gGrad} and {@code gValueAndGrad} give primal values.
   */
  private Value generatedCall(List<GeneratedForms.Form> forms, List<? extends ExpressionTree> argTrees, Tree at) {
    List<GeneratedForms.Form> sameArity = forms.stream()
        .filter(g -> g.parameterTypes().size() == argTrees.size()).toList();
    if (sameArity.size() > 1) {
      return overloadedGeneratedCall(sameArity, argTrees, at);
    }
    GeneratedForms.Form form = sameArity.isEmpty() ? forms.get(0) : sameArity.get(0);
    checkGeneratedCall(form, at);
    List<Type> types = form.parameterTypes();
    if (types.size() != argTrees.size()) {
      throw new FrontendException(at, Diagnostic.GENERATED_FORM_ARITY.of(form.f().name() + form.kind().suffix, types.size()));
    }
    List<Expr> args = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      args.add(cx.values.materialize(cx.values.convert(cx.exprs.expr(argTrees.get(i), types.get(i)), types.get(i), argTrees.get(i))));
    }
    return generatedInvoke(form, args, at);
  }

  /** A generated form may be called in a JVP rule, and {@code gGrad} of a scalar {@code g} only. */
  private void checkGeneratedCall(GeneratedForms.Form form, Tree at) {
    FunctionInfo f = form.f();
    String name = f.name() + form.kind().suffix;
    if (!cx.inJvpRule) {
      throw new FrontendException(at, Diagnostic.GENERATED_FORM_OUTSIDE_RULE.of(name, f.name()));
    }
    if (form.kind() != GeneratedForms.Kind.JVP && !f.scalarResult()) {
      throw new FrontendException(at, Diagnostic.GENERATED_FORM_NEEDS_SCALAR.of(f.name(), f.resultType(), name, f.name()));
    }
  }

  /**
   * A generated form of an overloaded method, of the overload whose parameter types the arguments
   * have exactly (as javac would pick it for them).
   */
  private Value overloadedGeneratedCall(List<GeneratedForms.Form> forms, List<? extends ExpressionTree> argTrees,
      Tree at) {
    List<Expr> args = passiveArgs(argTrees);
    List<Type> argTypes = args.stream().map(a -> FunctionRef.erased(a.type())).toList();
    for (GeneratedForms.Form form : forms) {
      if (form.parameterTypes().stream().map(FunctionRef::erased).toList().equals(argTypes)) {
        checkGeneratedCall(form, at);
        return generatedInvoke(form, args, at);
      }
    }
    GeneratedForms.Form any = forms.get(0);
    throw new FrontendException(at, Diagnostic.GENERATED_FORM_OVERLOAD_AMBIGUOUS.of(any.f().name() + any.kind().suffix));
  }

  private Value generatedInvoke(GeneratedForms.Form form, List<Expr> args, Tree at) {
    FunctionInfo f = form.f();
    String name = f.name() + form.kind().suffix;
    List<Type> types = form.parameterTypes();
    Callee callee = form.kind() == GeneratedForms.Kind.JVP ? new Callee.Function(f.ref(), Callee.Form.JVP)
        : new Callee.Method(f.derivativesClass(), name, true, types);
    return spill(new Expr.Invoke(callee, null, args, form.resultType(), cx.src(at)), at);
  }

  private Value staticCall(TypeElement owner, String name, List<? extends ExpressionTree> argTrees,
      MethodInvocationTree at) {
    String ownerName = owner.getQualifiedName().toString();
    if (ownerName.equals("java.lang.Math") || ownerName.equals("java.lang.StrictMath")) {
      MathFn fn = MathFn.byJavaName(name);
      if (fn != null && fn.arity() == argTrees.size()) {
        Value math = mathCall(fn, argTrees, ownerName.equals("java.lang.StrictMath"), at);
        if (math != null) {
          return math;
        }
      }
    }
    if ((ownerName.equals("java.lang.Double") || ownerName.equals("java.lang.Float")) && argTrees.size() == 2
        && (name.equals("max") || name.equals("min"))) {
      // Double.max(a, b) is Math.max(a, b), as the JDK defines it (a method reference's target too)
      Value math = mathCall(MathFn.byJavaName(name), argTrees, false, at);
      if (math != null) {
        return math;
      }
    }
    if ((ownerName.equals("java.lang.Double") || ownerName.equals("java.lang.Float")) && argTrees.size() == 2
        && name.equals("sum")) {
      return new Value.Scalar(cx.exprs.arithmetic(Expr.BinaryOp.ADD, cx.values.materialize(cx.exprs.expr(argTrees.get(0), null)),
          cx.values.materialize(cx.exprs.expr(argTrees.get(1), null)), at));
    }
    if (ownerName.equals(Known.LEIBNIZ.canonicalName())) {
      return leibnizCall(name, argTrees, at);
    }
    List<Expr> args = null;
    if (ArrayCopies.isStaticCopy(ownerName, name, argTrees.size())) {
      args = atomArgs(argTrees);
      if (ArrayCopies.applies(name, args)) {
        return arrayCopy(name, args, at);
      }
    }
    List<ExecutableElement> candidates = cx.overloads.takingFunctions(
        cx.overloads.methods(owner, name, argTrees.size()), argTrees);
    if (candidates.isEmpty()) {
      throw new FrontendException(at, Diagnostic.CANNOT_RESOLVE_METHOD.of(owner.getSimpleName() + "." + name));
    }
    if (candidates.size() == 1 && differentiable(candidates.get(0)) != null) {
      return differentiableCall(differentiable(candidates.get(0)), argTrees, at);
    }
    if (args == null) {
      args = passiveArgs(argTrees, candidates.size() > 1);
    }
    ExecutableElement method = cx.overloads.choose(candidates, args, at);
    FunctionInfo chosen = differentiable(method);
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i) == null) { // a lambda or method reference: typed by an annotated method chosen, else refused
        Type target = chosen == null ? null : chosen.params().get(i).type();
        args.set(i, cx.values.materialize(cx.exprs.expr(argTrees.get(i), target)));
      }
    }
    if (chosen != null) {
      List<Expr> converted = new ArrayList<>();
      for (int i = 0; i < args.size(); i++) {
        Type pt = chosen.params().get(i).type();
        converted.add(cx.values.materialize(cx.values.convert(new Value.Scalar(args.get(i)), pt, argTrees.get(i))));
      }
      return spill(new Expr.Invoke(new Callee.Function(chosen.ref(), Callee.Form.PRIMAL), null, converted,
          chosen.resultType(), cx.src(at)), at);
    }
    if (!method.getModifiers().contains(Modifier.STATIC)) {
      throw new FrontendException(at, Diagnostic.INSTANCE_METHOD_CALL.of(name));
    }
    checkAccessible(method, at);
    Type result = cx.overloads.inferredResult(method, method.getReturnType(), args);
    Expr call = new Expr.Invoke(methodCallee(owner, method), null, args, result, cx.src(at));
    return spill(call, at);
  }

  private void checkAccessible(ExecutableElement method, Tree at) {
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      throw new FrontendException(at, Diagnostic.PRIVATE_METHOD_CALL.of(method.getSimpleName()));
    }
  }

  private Callee.Method methodCallee(TypeElement owner, ExecutableElement method) {
    List<Type> params = new ArrayList<>();
    for (VariableElement p : method.getParameters()) {
      params.add(cx.overloads.safeType(p.asType()));
    }
    TypeElement declaring = (TypeElement) method.getEnclosingElement();
    ClassRef ownerRef = cx.mapper.classRef(method.getModifiers().contains(Modifier.STATIC) ? declaring : owner);
    return new Callee.Method(ownerRef, method.getSimpleName().toString(),
        method.getModifiers().contains(Modifier.STATIC), params);
  }

  /** The annotated method {@code m} stands for, or null. */
  FunctionInfo differentiable(ExecutableElement m) {
    if (!m.getModifiers().contains(Modifier.STATIC)) {
      return null;
    }
    List<Type> types = new ArrayList<>();
    for (VariableElement p : m.getParameters()) {
      types.add(cx.overloads.safeType(p.asType()));
    }
    FunctionRef ref = new FunctionRef(cx.mapper.classRef((TypeElement) m.getEnclosingElement()),
        m.getSimpleName().toString(), types);
    FunctionInfo f = cx.table.get(ref); // in this round, or compiled earlier and known by its generated class
    if (f == null || f.params().size() != m.getParameters().size()) {
      return null;
    }
    for (int i = 0; i < f.params().size(); i++) {
      if (!f.params().get(i).type().equals(cx.overloads.safeType(m.getParameters().get(i).asType()))) {
        return null; // another overload, with no derivative
      }
    }
    return f;
  }

  private Value differentiableCall(FunctionInfo f, List<? extends ExpressionTree> argTrees, Tree at) {
    List<FunctionInfo.ParamInfo> params = f.params();
    if (params.size() != argTrees.size()) {
      throw new FrontendException(at, Diagnostic.GENERATED_FORM_ARITY.of(f.name(), params.size()));
    }
    List<Expr> args = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      Type pt = params.get(i).type();
      args.add(cx.values.materialize(cx.values.convert(cx.exprs.expr(argTrees.get(i), pt), pt, argTrees.get(i))));
    }
    Expr call = new Expr.Invoke(new Callee.Function(f.ref(), Callee.Form.PRIMAL), null, args, f.resultType(),
        cx.src(at));
    return spill(call, at);
  }

  List<Expr> passiveArgs(List<? extends ExpressionTree> argTrees) {
    return passiveArgs(argTrees, false);
  }

  /**
   * The arguments, evaluated in order; with {@code functionsLater}, null for each lambda and method
   * reference, which only the method chosen can type (making one has no effect to keep in order).
   */
  private List<Expr> passiveArgs(List<? extends ExpressionTree> argTrees, boolean functionsLater) {
    List<Expr> args = new ArrayList<>();
    for (ExpressionTree a : argTrees) {
      args.add(functionsLater && Overloads.isFunctionLiteral(a) ? null : cx.values.materialize(cx.exprs.expr(a, null)));
    }
    return args;
  }

  /** Whether {@code call} passes an array to an annotated method. */
  private static boolean passesArrays(Expr call) {
    return call instanceof Expr.Invoke i && i.callee() instanceof Callee.Function
        && i.args().stream().anyMatch(a -> a.type() instanceof Type.Array);
  }

  /** A call's value, held in a temporary so it runs exactly once, in order. */
  Value spill(Expr call, Tree at) {
    Type type = call.type();
    if (type == Type.Prim.VOID) {
      return new Value.Scalar(call);
    }
    if (cx.lazyDepth > 0) {
      // a record to take apart, or arrays an annotated method may write into (whose tangents and
      // cotangents follow the call only as a statement): the loop's condition runs as statements
      if (type instanceof Type.Record || passesArrays(call)) {
        throw new ConditionNeedsStatements(at, Diagnostic.RECORD_CALL_IN_LOOP_CONDITION.of());
      }
      return new Value.Scalar(call);
    }
    Var t = cx.namer.temp(type);
    cx.out.add(new Stmt.Declare(t, call, cx.src(at)));
    if (type instanceof Type.Record r) {
      return cx.values.componentsOf(t, r);
    }
    return new Value.Scalar(t);
  }

  private Value mathCall(MathFn fn, List<? extends ExpressionTree> argTrees, boolean strict, Tree at) {
    List<Expr> args = new ArrayList<>();
    for (ExpressionTree a : argTrees) {
      args.add(cx.values.materialize(cx.exprs.expr(a, null)));
    }
    boolean allFloat = true;
    for (int i = 0; i < args.size(); i++) {
      Type t = args.get(i).type();
      if (fn.intParameter(i)) {
        if (!Values.isIntegral(t)) {
          return null;
        }
        continue;
      }
      if (!Values.isNumeric(t)) {
        return null;
      }
      allFloat &= t == Type.Prim.FLOAT || Values.isIntegral(t);
    }
    boolean anyFloating = false;
    for (int i = 0; i < args.size(); i++) {
      anyFloating |= !fn.intParameter(i) && args.get(i).type().isFloating();
    }
    if (!anyFloating && (fn == MathFn.ABS || fn == MathFn.MIN || fn == MathFn.MAX)) {
      return null; // the int and long overloads: an ordinary call
    }
    Type precision = fn.floatNative() && allFloat ? Type.Prim.FLOAT : Type.Prim.DOUBLE;
    List<Expr> converted = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      converted.add(fn.intParameter(i) ? args.get(i) : Ops.convert(args.get(i), precision));
    }
    return new Value.Scalar(new Expr.MathCall(fn, converted, precision, strict));
  }

  private Value leibnizCall(String name, List<? extends ExpressionTree> argTrees, Tree at) {
    if (argTrees.size() != 1) {
      throw new FrontendException(at, Diagnostic.CANNOT_RESOLVE.of("Leibniz." + name));
    }
    Value arg = cx.exprs.expr(argTrees.get(0), null);
    if (name.equals("stopGradient")) {
      if (arg instanceof Value.Aggregate ag) {
        List<Expr> stopped = new ArrayList<>();
        for (Expr leaf : cx.values.leaves(ag, at)) {
          stopped.add(new Expr.Invoke(Callee.Special.STOP_GRADIENT, null, List.of(leaf), leaf.type()));
        }
        return cx.values.rebuild(ag.type(), stopped);
      }
      Expr x = cx.values.materialize(arg);
      return new Value.Scalar(new Expr.Invoke(Callee.Special.STOP_GRADIENT, null, List.of(x), x.type()));
    }
    if (name.equals("differentiable")) {
      Expr f = cx.values.materialize(arg);
      if (!Known.isFunction(f.type())) {
        throw new FrontendException(at, Diagnostic.DIFFERENTIABLE_WRAPPER_ARGUMENT.of());
      }
      ClassRef cls = Known.arity(f.type()) == 1 ? Known.DIFF_UNARY : Known.DIFF_BINARY;
      return new Value.Scalar(new Expr.Invoke(Callee.Special.DIFFERENTIABLE, null, List.of(f), Type.Ref.of(cls)));
    }
    throw new FrontendException(at, Diagnostic.CANNOT_RESOLVE.of("Leibniz." + name));
  }

  private Value instanceCall(Value receiver, String name, List<? extends ExpressionTree> argTrees,
      MethodInvocationTree at) {
    Type type = cx.values.typeOf(receiver);
    if (type instanceof Type.Record r && argTrees.isEmpty() && r.component(name) != null) {
      return component(receiver, name, at);
    }
    if (receiver instanceof Value.LocalLambda fn && name.equals("applyAsDouble") && cx.captures == null) {
      return cx.functions.inline(fn, argTrees, at);
    }
    if (name.equals("clone") && argTrees.isEmpty() && ArrayCopies.copied(type)) {
      return arrayClone(receiver, at);
    }
    Expr target = cx.values.materialize(receiver);
    if (Known.isFunction(type)) {
      Value fn = cx.functions.functionCall(target, name, argTrees, at);
      if (fn != null) {
        return fn;
      }
    }
    TypeElement owner = type instanceof Type.Prim ? null : cx.mapper.element(classOf(type));
    if (owner == null) {
      throw new FrontendException(at, Diagnostic.CANNOT_RESOLVE_METHOD.of(name + " on " + type));
    }
    List<ExecutableElement> candidates = cx.overloads.methods(owner, name, argTrees.size());
    if (candidates.isEmpty()) {
      throw new FrontendException(at, Diagnostic.CANNOT_RESOLVE_METHOD.of(name + " on " + type));
    }
    List<Expr> args = passiveArgs(argTrees);
    ExecutableElement method = cx.overloads.choose(candidates, args, at);
    // an array's clone() is of the array's type (javac's rule; Object.clone() says Object)
    Type result = type instanceof Type.Array && name.equals("clone") && args.isEmpty() ? type
        : cx.overloads.inferredResult(method, cx.overloads.resultTypeOf(method, type), args);
    return spill(new Expr.Invoke(methodCallee(owner, method), target, args, result, cx.src(at)), at);
  }

  /** Arguments evaluated in order, each into a temporary unless it is a variable or a constant. */
  private List<Expr> atomArgs(List<? extends ExpressionTree> argTrees) {
    List<Expr> args = new ArrayList<>();
    for (ExpressionTree a : argTrees) {
      args.add(cx.assigns.spillIfNeeded(cx.values.materialize(cx.exprs.expr(a, null)), a));
    }
    return args;
  }

  /** {@code Arrays.copyOf}, {@code copyOfRange}, {@code fill} or {@code System.arraycopy} of a {@code double[]}/{@code float[]}, as loops. */
  private Value arrayCopy(String name, List<Expr> args, Tree at) {
    checkNotLazy(at);
    Var copy = new ArrayCopies(cx.namer, cx.out, cx.src(at)).staticCopy(name, args);
    return copy != null ? new Value.Scalar(copy) : new Value.Done();
  }

  /** {@code a.clone()} of a {@code double[]}/{@code float[]}, as a new array and a loop. */
  private Value arrayClone(Value receiver, Tree at) {
    checkNotLazy(at);
    Expr array = cx.assigns.spillIfNeeded(cx.values.materialize(receiver), at);
    return new Value.Scalar(new ArrayCopies(cx.namer, cx.out, cx.src(at)).cloneOf((Var) array));
  }

  /** The loops of a copy run once where they are written, not where a loop condition is evaluated. */
  private void checkNotLazy(Tree at) {
    if (cx.lazyDepth > 0) {
      throw new ConditionNeedsStatements(at, Diagnostic.ARRAY_COPY_IN_LOOP_CONDITION.of());
    }
  }

  private static ClassRef classOf(Type type) {
    if (type instanceof Type.Ref r) {
      return r.cls();
    } else if (type instanceof Type.Record r) {
      return r.cls();
    }
    return Known.OBJECT;
  }

  private Value component(Value receiver, String name, Tree at) {
    if (receiver instanceof Value.Aggregate ag) {
      for (int i = 0; i < ag.type().components().size(); i++) {
        if (ag.type().components().get(i).name().equals(name)) {
          return ag.components().get(i);
        }
      }
    }
    Expr whole = cx.values.materialize(receiver);
    Type.Record r = (Type.Record) whole.type();
    Type ct = r.component(name).type();
    Expr part = new Expr.Component(whole, name, ct);
    return ct instanceof Type.Record inner ? cx.values.componentsOf(part, inner) : new Value.Scalar(part);
  }
}
