package dev.leibniz.processor.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.GeneratedNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * {@code mHessian} and {@code mHvp} for {@code order = 2}: second directional derivatives from the
 * forward form of the forward form ({@code mJvpJvp}), so every custom rule on the way is used at
 * both orders.
 */
final class SecondOrderForms {
  private final FunctionInfo f;
  private final TypeSpec.Builder type;
  private final List<FunctionInfo.ParamInfo> d;

  SecondOrderForms(FunctionInfo f, TypeSpec.Builder type) {
    this.f = f;
    this.type = type;
    this.d = f.differentiableParams();
  }

  void write() {
    hessian();
    hvp();
  }

  /** One scalar of D flattened: a scalar parameter, or a floating component of a record parameter. */
  private record Leaf(int param, List<String> path) {}

  private List<Leaf> leaves() {
    List<Leaf> out = new ArrayList<>();
    for (int k = 0; k < d.size(); k++) {
      collect(k, d.get(k).type(), new ArrayList<>(), out);
    }
    return out;
  }

  private static void collect(int param, Type t, List<String> path, List<Leaf> out) {
    if (t instanceof Type.Record r) {
      for (Type.Component c : r.components()) {
        if (c.type().isFloating() || c.type() instanceof Type.Record) {
          List<String> inner = new ArrayList<>(path);
          inner.add(c.name());
          collect(param, c.type(), inner, out);
        }
      }
    } else {
      out.add(new Leaf(param, List.copyOf(path)));
    }
  }

  /**
   * {@code mJvpJvp(params, u, v, w).tangent().tangent()} with {@code w} zero: the derivative along
   * v of the first derivative along u. With u and v along leaves i and j it is {@code H[i][j]} as
   * JAX's {@code jacfwd(jacrev(f))} defines it (row i the gradient's component i), and {@code mHvp}
   * is it along u = leaf i, v = the vector: a rule's tangent need not be a true gradient, so H need
   * not be symmetric.
   */
  private CodeBlock secondDerivative(List<CodeBlock> u, List<CodeBlock> v, List<CodeBlock> zeros) {
    List<CodeBlock> args = new ArrayList<>();
    for (int k = 0; k < f.params().size(); k++) {
      // an array the method writes into is written by each pass: each gets a copy (SPEC §5a)
      FunctionInfo.ParamInfo p = f.params().get(k);
      args.add(f.writtenParams().contains(k) ? JacobianForms.copyOf(p.name(), p.type()) : CodeBlock.of("$L", p.name()));
    }
    args.addAll(u);
    args.addAll(v);
    args.addAll(zeros);
    return CodeBlock.of("$T.$L($L).tangent().tangent()", JavaEmitter.className(f.derivativesClass()),
        f.formName(Callee.Form.JVP2), CodeBlock.join(args, ",$W"));
  }

  /** Zero tangents of D's scalars and records of them (one argument per parameter). */
  private List<CodeBlock> zeros() {
    List<CodeBlock> out = new ArrayList<>();
    for (FunctionInfo.ParamInfo p : d) {
      out.add(filled(p.type(), CodeBlock.of("$L", p.name()), null));
    }
    return out;
  }

  /** One argument per parameter of D, each taking its leaves from the {@code Jacobians.Leaves} named {@code leaves}. */
  private List<CodeBlock> valuesFrom(String leaves) {
    List<CodeBlock> out = new ArrayList<>();
    for (FunctionInfo.ParamInfo p : d) {
      out.add(Flattening.value(leaves, CodeBlock.of("$L", p.name()), p.type()));
    }
    return out;
  }

  /** Whether D has a fixed number of leaves: scalars and records of them, no arrays. */
  private boolean fixedSize() {
    return d.stream().allMatch(p -> fixedSize(p.type()));
  }

  private static boolean fixedSize(Type t) {
    if (t instanceof Type.Record r) {
      return r.components().stream()
          .allMatch(c -> !(c.type().isDifferentiable() || c.type() instanceof Type.Record) || fixedSize(c.type()));
    }
    return t.isFloating();
  }

  /** The direction along one leaf of D: one there, zero elsewhere (one argument per parameter). */
  private List<CodeBlock> basis(Leaf leaf) {
    List<CodeBlock> e = new ArrayList<>();
    for (int k = 0; k < d.size(); k++) {
      e.add(filled(d.get(k).type(), CodeBlock.of("$L", d.get(k).name()), leaf.param() == k ? leaf.path() : null));
    }
    return e;
  }

  /**
   * A value of type {@code t} (a scalar or a record of them): zero in every floating leaf but the
   * one at {@code one} (none when null), which is one; components without derivative are taken
   * from {@code primal}.
   */
  private static CodeBlock filled(Type t, CodeBlock primal, List<String> one) {
    return shaped(t, primal, List.of(), (leaf, value, path) -> JavaEmitter.literal(Const.of(leaf, path.equals(one) ? 1 : 0)));
  }

  /** What one leaf of D becomes, given its type, its primal value and the component names leading to it. */
  private interface LeafValue {
    CodeBlock of(Type leaf, CodeBlock primal, List<String> path);
  }

  /**
   * A value shaped like {@code primal}, of type {@code t}: each leaf of D from {@code leaf}, in
   * declaration order; record components without derivative copied from {@code primal}.
   */
  private static CodeBlock shaped(Type t, CodeBlock primal, List<String> path, LeafValue leaf) {
    if (!(t instanceof Type.Record r)) {
      return leaf.of(t, primal, path);
    }
    List<CodeBlock> parts = new ArrayList<>();
    for (Type.Component c : r.components()) {
      List<String> inner = new ArrayList<>(path);
      inner.add(c.name());
      CodeBlock part = CodeBlock.of("$L.$L()", primal, c.name());
      parts.add(c.type().isFloating() || c.type() instanceof Type.Record ? shaped(c.type(), part, inner, leaf) : part);
    }
    return CodeBlock.of("new $T($L)", JavaEmitter.className(r.cls()), CodeBlock.join(parts, ", "));
  }

  private MethodSpec.Builder signature(String name) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC, Modifier.STATIC);
    for (FunctionInfo.ParamInfo p : f.params()) {
      m.addParameter(JavaEmitter.type(p.type()), p.name());
    }
    return m;
  }

  /** Names for a form's locals: none may hide a parameter or a tangent. */
  private Namer locals() {
    Namer names = new Namer(Set.of());
    for (FunctionInfo.ParamInfo p : f.params()) {
      names.take(p.name());
    }
    for (FunctionInfo.ParamInfo p : d) {
      names.take(p.name() + "Dot");
    }
    return names;
  }

  private ClassName owner() {
    return JavaEmitter.className(f.ref().owner());
  }

  private void hessian() {
    MethodSpec.Builder m = signature(GeneratedNames.form(f.name(), GeneratedNames.HESSIAN))
        .addJavadoc("The Hessian of {@link $T#$L} with respect to its differentiable parameters, flattened"
            + " (JAX {@code hessian}).\n", owner(), f.name());
    List<Leaf> leaves = leaves();
    int n = leaves.size();
    if (n == 1 && d.size() == 1 && d.get(0).type().isFloating()) {
      m.returns(TypeName.DOUBLE).addStatement("return $L", secondDerivative(basis(leaves.get(0)),
          basis(leaves.get(0)), zeros()));
      type.addMethod(m.build());
      return;
    }
    if (!fixedSize()) {
      hessianOfRuntimeSize(m);
      return;
    }
    String hessian = locals().fresh("hessian");
    m.returns(double[][].class).addStatement("double[][] $L = new double[$L][$L]", hessian, n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m.addStatement("$L[$L][$L] = $L", hessian, i, j,
            secondDerivative(basis(leaves.get(i)), basis(leaves.get(j)), zeros()));
      }
    }
    performWrites(m);
    m.addStatement("return $L", hessian);
    type.addMethod(m.build());
  }

  /**
   * The passes ran on copies of the arrays the method writes into: it writes into the caller's
   * arrays once, as the plain call does (SPEC §5a).
   */
  private void performWrites(MethodSpec.Builder m) {
    if (f.writtenParams().isEmpty()) {
      return;
    }
    List<CodeBlock> args = new ArrayList<>();
    for (FunctionInfo.ParamInfo p : f.params()) {
      args.add(CodeBlock.of("$L", p.name()));
    }
    m.addStatement("$T.$L($L)", JavaEmitter.className(f.ref().owner()), f.name(), CodeBlock.join(args, ", "));
  }

  /**
   * The Hessian when D holds arrays, whose lengths are known only at run time: a loop over the
   * flattened index pairs, the directions built leaf by leaf by the runtime's {@code Jacobians.Unit}.
   */
  private void hessianOfRuntimeSize(MethodSpec.Builder m) {
    Namer names = locals();
    String n = names.fresh("n");
    String hessian = names.fresh("hessian");
    String i = names.fresh("i");
    String j = names.fresh("j");
    String along = names.fresh("along");
    String then = names.fresh("then");
    String zero = names.fresh("zero");
    m.returns(double[][].class)
        .addStatement("int $L = $L", n, size())
        .addStatement("double[][] $L = new double[$L][$L]", hessian, n, n)
        .beginControlFlow("for (int $L = 0; $L < $L; $L++)", i, i, n, i)
        .beginControlFlow("for (int $L = 0; $L < $L; $L++)", j, j, n, j)
        .addStatement("$T $L = new $T($L)", Flattening.UNIT, along, Flattening.UNIT, i)
        .addStatement("$T $L = new $T($L)", Flattening.UNIT, then, Flattening.UNIT, j)
        .addStatement("$T $L = new $T(-1)", Flattening.UNIT, zero, Flattening.UNIT)
        .addStatement("$L[$L][$L] = $L", hessian, i, j,
            secondDerivative(valuesFrom(along), valuesFrom(then), valuesFrom(zero)))
        .endControlFlow()
        .endControlFlow();
    performWrites(m);
    m.addStatement("return $L", hessian);
    type.addMethod(m.build());
  }

  /** The number of D's leaves, measured when the method runs. */
  private CodeBlock size() {
    Flattening.Size size = new Flattening.Size();
    for (FunctionInfo.ParamInfo p : d) {
      size.add(CodeBlock.of("$L", p.name()), p.type());
    }
    return size.code();
  }

  private void hvp() {
    MethodSpec.Builder m = signature(GeneratedNames.form(f.name(), GeneratedNames.HVP))
        .returns(JavaEmitter.type(f.gradientType()))
        .addJavadoc("The Hessian of {@link $T#$L} times the tangents (JAX {@code jvp} of {@code grad}).\n", owner(),
            f.name());
    List<CodeBlock> v = new ArrayList<>();
    for (FunctionInfo.ParamInfo p : d) {
      String name = p.name() + "Dot";
      m.addParameter(JavaEmitter.type(p.type()), name);
      // the passes update the tangents of written arrays in place: the caller's stay as given
      v.add(f.writtenParams().contains(f.params().indexOf(p)) ? JacobianForms.copyOf(name, p.type())
          : CodeBlock.of("$L", name));
    }
    Namer names = locals();
    List<CodeBlock> parts;
    if (fixedSize()) {
      parts = new ArrayList<>();
      for (int k = 0; k < d.size(); k++) {
        parts.add(hvpPart(k, d.get(k).type(), CodeBlock.of("$L", d.get(k).name()), v));
      }
    } else {
      // one entry of H v per leaf of D, flattened, then shaped back like the parameters
      String n = names.fresh("n");
      String hv = names.fresh("hv");
      String i = names.fresh("i");
      String along = names.fresh("along");
      String zero = names.fresh("zero");
      String leaves = names.fresh("leaves");
      m.addStatement("int $L = $L", n, size())
          .addStatement("double[] $L = new double[$L]", hv, n)
          .beginControlFlow("for (int $L = 0; $L < $L; $L++)", i, i, n, i)
          .addStatement("$T $L = new $T($L)", Flattening.UNIT, along, Flattening.UNIT, i)
          .addStatement("$T $L = new $T(-1)", Flattening.UNIT, zero, Flattening.UNIT)
          .addStatement("$L[$L] = $L", hv, i, secondDerivative(valuesFrom(along), v, valuesFrom(zero)))
          .endControlFlow();
      performWrites(m);
      m.addStatement("$T $L = new $T($L)", Flattening.UNFLAT, leaves, Flattening.UNFLAT, hv);
      returnGradient(m, valuesFrom(leaves));
      type.addMethod(m.build());
      return;
    }
    if (!f.writtenParams().isEmpty()) {
      // the parts, computed on copies, before the writes into the caller's arrays
      List<CodeBlock> computed = new ArrayList<>();
      for (int k = 0; k < parts.size(); k++) {
        String part = names.fresh(d.get(k).name() + "Part");
        m.addStatement("$T $L = $L", JavaEmitter.type(d.get(k).type()), part, parts.get(k));
        computed.add(CodeBlock.of("$L", part));
      }
      parts = computed;
      performWrites(m);
    }
    returnGradient(m, parts);
    type.addMethod(m.build());
  }

  /** {@code return} of the gradient type from its components, one per parameter of D. */
  private void returnGradient(MethodSpec.Builder m, List<CodeBlock> parts) {
    if (d.size() == 1) {
      m.addStatement("return $L", parts.get(0));
    } else {
      m.addStatement("return new $T($L)", JavaEmitter.className(((Type.Record) f.gradientType()).cls()),
          CodeBlock.join(parts, ", "));
    }
  }

  /** The component of H v for parameter {@code param} (records built leaf by leaf). */
  private CodeBlock hvpPart(int param, Type t, CodeBlock primal, List<CodeBlock> v) {
    return shaped(t, primal, List.of(),
        (leaf, value, path) -> secondDerivative(basis(new Leaf(param, List.copyOf(path))), v, zeros()));
  }
}
