package dev.leibniz.processor.codegen;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.rules.FunctionInfo;
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
   * {@code mJvpJvp(params, u, v, 0...).tangent().tangent()}: the derivative along v of the first
   * derivative along u. With u and v along leaves i and j it is {@code H[i][j]} as JAX's {@code
   * jacfwd(jacrev(f))} defines it (row i the gradient's component i), and {@code mHvp} is it along
   * u = leaf i, v = the vector: a rule's tangent need not be a true gradient, so H need not be
   * symmetric.
   */
  private CodeBlock secondDerivative(List<CodeBlock> u, List<CodeBlock> v) {
    List<CodeBlock> args = new ArrayList<>();
    for (int k = 0; k < f.params().size(); k++) {
      // an array the method writes into is written by each pass: each gets a copy (SPEC §5a)
      String name = f.params().get(k).name();
      args.add(CodeBlock.of(f.writtenParams().contains(k) ? "$L.clone()" : "$L", name));
    }
    args.addAll(u);
    args.addAll(v);
    for (FunctionInfo.ParamInfo p : d) {
      args.add(filled(p.type(), CodeBlock.of("$L", p.name()), null));
    }
    return CodeBlock.of("$T.$L($L).tangent().tangent()", JavaEmitter.className(f.derivativesClass()),
        f.formName(Callee.Form.JVP2), CodeBlock.join(args, ", "));
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
   * A value of type {@code t}: zero in every floating leaf but the one at {@code one} (none when
   * null), which is one; components without derivative are taken from {@code primal}.
   */
  private static CodeBlock filled(Type t, CodeBlock primal, List<String> one) {
    return shaped(t, primal, List.of(), (leaf, value, path) -> leaf instanceof Type.Array a
        ? CodeBlock.of("new $T[$L.length]", JavaEmitter.type(a.element()), value)
        : JavaEmitter.literal(Const.of(leaf, path.equals(one) ? 1 : 0)));
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
    MethodSpec.Builder m = signature(f.name() + "Hessian")
        .addJavadoc("The Hessian of {@link $T#$L} with respect to its differentiable parameters, flattened"
            + " (JAX {@code hessian}).\n", owner(), f.name());
    List<Leaf> leaves = leaves();
    int n = leaves.size();
    if (n == 1 && d.size() == 1 && d.get(0).type().isFloating()) {
      m.returns(TypeName.DOUBLE).addStatement("return $L", secondDerivative(basis(leaves.get(0)),
          basis(leaves.get(0))));
      type.addMethod(m.build());
      return;
    }
    if (d.stream().anyMatch(p -> p.type() instanceof Type.Array)) {
      hessianOverArrays(m);
      return;
    }
    String hessian = locals().fresh("hessian");
    m.returns(double[][].class).addStatement("double[][] $L = new double[$L][$L]", hessian, n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m.addStatement("$L[$L][$L] = $L", hessian, i, j,
            secondDerivative(basis(leaves.get(i)), basis(leaves.get(j))));
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
   * flattened index pairs, each parameter's direction chosen by where the index falls.
   */
  private void hessianOverArrays(MethodSpec.Builder m) {
    List<Offset> offsets = new ArrayList<>();
    Offset next = new Offset(0, List.of());
    for (FunctionInfo.ParamInfo p : d) {
      offsets.add(next);
      if (p.type() instanceof Type.Array) {
        List<CodeBlock> lengths = new ArrayList<>(next.lengths());
        lengths.add(CodeBlock.of("$L.length", p.name()));
        next = new Offset(next.fixed(), lengths);
      } else {
        List<Leaf> leaves = new ArrayList<>();
        collect(0, p.type(), new ArrayList<>(), leaves);
        next = next.plus(leaves.size());
      }
    }
    Namer names = locals();
    String n = names.fresh("n");
    String hessian = names.fresh("hessian");
    String i = names.fresh("i");
    String j = names.fresh("j");
    m.returns(double[][].class)
        .addStatement("int $L = $L", n, next.code())
        .addStatement("double[][] $L = new double[$L][$L]", hessian, n, n)
        .beginControlFlow("for (int $L = 0; $L < $L; $L++)", i, i, n, i)
        .beginControlFlow("for (int $L = 0; $L < $L; $L++)", j, j, n, j)
        .addStatement("$L[$L][$L] = $L", hessian, i, j, secondDerivative(at(i, offsets), at(j, offsets)))
        .endControlFlow()
        .endControlFlow();
    performWrites(m);
    m.addStatement("return $L", hessian);
    type.addMethod(m.build());
  }

  /** Where a parameter's leaves start in D flattened: a number plus the lengths of earlier arrays. */
  private record Offset(int fixed, List<CodeBlock> lengths) {
    Offset plus(int n) {
      return new Offset(fixed + n, lengths);
    }

    CodeBlock code() {
      List<CodeBlock> terms = new ArrayList<>(lengths);
      if (fixed != 0 || terms.isEmpty()) {
        terms.add(0, CodeBlock.of("$L", fixed));
      }
      return CodeBlock.join(terms, " + ");
    }

    /** {@code index - this}, parenthesized when needed. */
    CodeBlock from(String index) {
      CodeBlock c = code();
      if (c.toString().equals("0")) {
        return CodeBlock.of("$L", index);
      }
      return lengths.isEmpty() || (fixed == 0 && lengths.size() == 1) ? CodeBlock.of("$L - $L", index, c)
          : CodeBlock.of("$L - ($L)", index, c);
    }
  }

  /** The direction along the flattened index held in {@code index}: one argument per parameter. */
  private List<CodeBlock> at(String index, List<Offset> offsets) {
    List<CodeBlock> e = new ArrayList<>();
    for (int k = 0; k < d.size(); k++) {
      FunctionInfo.ParamInfo p = d.get(k);
      CodeBlock primal = CodeBlock.of("$L", p.name());
      if (p.type() instanceof Type.Array a) {
        e.add(CodeBlock.of("$L($L.length, $L)", oneHot(a.element()), primal, offsets.get(k).from(index)));
      } else {
        e.add(indexed(p.type(), primal, index, offsets.get(k)));
      }
    }
    return e;
  }

  /** A scalar or record of them: one in the leaf {@code index} names, zero elsewhere. */
  private static CodeBlock indexed(Type t, CodeBlock primal, String index, Offset first) {
    Offset[] next = {first};
    return shaped(t, primal, List.of(), (leaf, value, path) -> {
      CodeBlock at = next[0].code();
      next[0] = next[0].plus(1);
      return CodeBlock.of("$L == $L ? $L : $L", index, at, JavaEmitter.literal(Const.of(leaf, 1)),
          JavaEmitter.literal(Const.of(leaf, 0)));
    });
  }

  /**
   * The name of the private helper that makes an array of zeros with a one at an index (none when
   * the index is outside), written into the class once.
   */
  private String oneHot(Type element) {
    String name = element == Type.Prim.FLOAT ? "oneHotFloat" : "oneHot";
    if (type.methodSpecs.stream().noneMatch(ms -> ms.name.equals(name))) {
      TypeName array = JavaEmitter.type(new Type.Array(element));
      type.addMethod(MethodSpec.methodBuilder(name)
          .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .returns(array)
          .addJavadoc("Zeros, with a one at {@code index} when it is in range: a direction along one element.\n")
          .addParameter(int.class, "length")
          .addParameter(int.class, "index")
          .addStatement("$T direction = new $T[length]", array, JavaEmitter.type(element))
          .beginControlFlow("if (index >= 0 && index < length)")
          .addStatement("direction[index] = $L", JavaEmitter.literal(Const.of(element, 1)))
          .endControlFlow()
          .addStatement("return direction")
          .build());
    }
    return name;
  }

  private void hvp() {
    MethodSpec.Builder m = signature(f.name() + "Hvp")
        .returns(JavaEmitter.type(f.gradientType()))
        .addJavadoc("The Hessian of {@link $T#$L} times the tangents (JAX {@code jvp} of {@code grad}).\n", owner(),
            f.name());
    List<CodeBlock> v = new ArrayList<>();
    for (FunctionInfo.ParamInfo p : d) {
      String name = p.name() + "Dot";
      m.addParameter(JavaEmitter.type(p.type()), name);
      // the passes update the tangents of written arrays in place: the caller's stay as given
      v.add(CodeBlock.of(f.writtenParams().contains(f.params().indexOf(p)) ? "$L.clone()" : "$L", name));
    }
    List<CodeBlock> parts = new ArrayList<>();
    Namer names = locals();
    for (int k = 0; k < d.size(); k++) {
      FunctionInfo.ParamInfo p = d.get(k);
      if (p.type() instanceof Type.Array a) {
        // one element of H v per element of the array
        String hv = names.fresh(p.name() + "Hv");
        String i = names.fresh("i");
        List<CodeBlock> u = new ArrayList<>();
        for (int q = 0; q < d.size(); q++) {
          u.add(q == k ? CodeBlock.of("$L($L.length, $L)", oneHot(a.element()), p.name(), i)
              : filled(d.get(q).type(), CodeBlock.of("$L", d.get(q).name()), null));
        }
        m.addStatement("$T $L = new $T[$L.length]", JavaEmitter.type(a), hv, JavaEmitter.type(a.element()), p.name())
            .beginControlFlow("for (int $L = 0; $L < $L.length; $L++)", i, i, hv, i)
            .addStatement("$L[$L] = $L", hv, i, secondDerivative(u, v))
            .endControlFlow();
        parts.add(CodeBlock.of("$L", hv));
      } else {
        parts.add(hvpPart(k, p.type(), CodeBlock.of("$L", p.name()), v));
      }
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
    if (d.size() == 1) {
      m.addStatement("return $L", parts.get(0));
    } else {
      m.addStatement("return new $T($L)", JavaEmitter.className(((Type.Record) f.gradientType()).cls()),
          CodeBlock.join(parts, ", "));
    }
    type.addMethod(m.build());
  }

  /** The component of H v for parameter {@code param} (records built leaf by leaf). */
  private CodeBlock hvpPart(int param, Type t, CodeBlock primal, List<CodeBlock> v) {
    return shaped(t, primal, List.of(),
        (leaf, value, path) -> secondDerivative(basis(new Leaf(param, List.copyOf(path))), v));
  }
}
