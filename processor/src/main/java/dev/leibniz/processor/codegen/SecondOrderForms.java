package dev.leibniz.processor.codegen;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.rules.FunctionInfo;
import java.util.ArrayList;
import java.util.List;
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

  /** {@code mJvpJvp(params, u, v, 0...).tangent().tangent()}: the second derivative along u and v. */
  private CodeBlock secondDerivative(List<CodeBlock> u, List<CodeBlock> v) {
    List<CodeBlock> args = new ArrayList<>();
    for (FunctionInfo.ParamInfo p : f.params()) {
      args.add(CodeBlock.of("$L", p.name()));
    }
    args.addAll(u);
    args.addAll(v);
    for (FunctionInfo.ParamInfo p : d) {
      args.add(filled(p.type(), CodeBlock.of("$L", p.name()), List.of(), null));
    }
    return CodeBlock.of("$T.$L($L).tangent().tangent()", JavaEmitter.className(f.derivativesClass()),
        f.formName(Callee.Form.JVP2), CodeBlock.join(args, ", "));
  }

  /** The direction along one leaf of D: one there, zero elsewhere (one argument per parameter). */
  private List<CodeBlock> basis(Leaf leaf) {
    List<CodeBlock> e = new ArrayList<>();
    for (int k = 0; k < d.size(); k++) {
      e.add(filled(d.get(k).type(), CodeBlock.of("$L", d.get(k).name()), List.of(),
          leaf.param() == k ? leaf.path() : null));
    }
    return e;
  }

  /**
   * A value of type {@code t}: zero in every floating leaf but the one at {@code one} (none when
   * null), which is one; components without derivative are taken from {@code primal}.
   */
  private static CodeBlock filled(Type t, CodeBlock primal, List<String> at, List<String> one) {
    if (t instanceof Type.Record r) {
      List<CodeBlock> parts = new ArrayList<>();
      for (Type.Component c : r.components()) {
        List<String> inner = new ArrayList<>(at);
        inner.add(c.name());
        CodeBlock part = CodeBlock.of("$L.$L()", primal, c.name());
        parts.add(c.type().isFloating() || c.type() instanceof Type.Record ? filled(c.type(), part, inner, one) : part);
      }
      return CodeBlock.of("new $T($L)", JavaEmitter.className(r.cls()), CodeBlock.join(parts, ", "));
    }
    return JavaEmitter.literal(Const.of(t, at.equals(one) ? 1 : 0));
  }

  private MethodSpec.Builder signature(String name) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC, Modifier.STATIC);
    for (FunctionInfo.ParamInfo p : f.params()) {
      m.addParameter(JavaEmitter.type(p.type()), p.name());
    }
    return m;
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
    m.returns(double[][].class).addStatement("double[][] hessian = new double[$L][$L]", n, n);
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        CodeBlock value = secondDerivative(basis(leaves.get(i)), basis(leaves.get(j)));
        if (i == j) {
          m.addStatement("hessian[$L][$L] = $L", i, j, value);
        } else {
          m.addStatement("hessian[$L][$L] = hessian[$L][$L] = $L", i, j, j, i, value);
        }
      }
    }
    m.addStatement("return hessian");
    type.addMethod(m.build());
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
      v.add(CodeBlock.of("$L", name));
    }
    List<CodeBlock> parts = new ArrayList<>();
    for (int k = 0; k < d.size(); k++) {
      parts.add(hvpPart(k, d.get(k).type(), CodeBlock.of("$L", d.get(k).name()), new ArrayList<>(), v));
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
  private CodeBlock hvpPart(int param, Type t, CodeBlock primal, List<String> path, List<CodeBlock> v) {
    if (t instanceof Type.Record r) {
      List<CodeBlock> parts = new ArrayList<>();
      for (Type.Component c : r.components()) {
        List<String> inner = new ArrayList<>(path);
        inner.add(c.name());
        CodeBlock part = CodeBlock.of("$L.$L()", primal, c.name());
        parts.add(c.type().isFloating() || c.type() instanceof Type.Record ? hvpPart(param, c.type(), part, inner, v)
            : part);
      }
      return CodeBlock.of("new $T($L)", JavaEmitter.className(r.cls()), CodeBlock.join(parts, ", "));
    }
    return secondDerivative(basis(new Leaf(param, List.copyOf(path))), v);
  }
}
