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

  /** {@code mJvpJvp(params, dots, primes, 0...).tangent().tangent()}: d²f along (u, v). */
  private CodeBlock secondDerivative(List<CodeBlock> u, List<CodeBlock> v) {
    List<CodeBlock> args = new ArrayList<>();
    for (FunctionInfo.ParamInfo p : f.params()) {
      args.add(CodeBlock.of("$L", p.name()));
    }
    args.addAll(u);
    args.addAll(v);
    for (FunctionInfo.ParamInfo p : d) {
      args.add(JavaEmitter.literal(Const.zero(p.type())));
    }
    return CodeBlock.of("$T.$L($L).tangent().tangent()", JavaEmitter.className(f.derivativesClass()),
        f.formName(Callee.Form.JVP2), CodeBlock.join(args, ", "));
  }

  private List<CodeBlock> basis(int i) {
    List<CodeBlock> e = new ArrayList<>();
    for (int k = 0; k < d.size(); k++) {
      e.add(JavaEmitter.literal(Const.of(d.get(k).type(), k == i ? 1 : 0)));
    }
    return e;
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
        .addJavadoc("The Hessian of {@link $T#$L} with respect to its differentiable parameters (JAX"
            + " {@code hessian}).\n", owner(), f.name());
    int n = d.size();
    if (n == 1) {
      m.returns(TypeName.DOUBLE).addStatement("return $L", secondDerivative(basis(0), basis(0)));
      type.addMethod(m.build());
      return;
    }
    m.returns(double[][].class).addStatement("double[][] hessian = new double[$L][$L]", n, n);
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        if (i == j) {
          m.addStatement("hessian[$L][$L] = $L", i, j, secondDerivative(basis(i), basis(j)));
        } else {
          m.addStatement("hessian[$L][$L] = hessian[$L][$L] = $L", i, j, j, i, secondDerivative(basis(i), basis(j)));
        }
      }
    }
    m.addStatement("return hessian");
    type.addMethod(m.build());
  }

  private void hvp() {
    MethodSpec.Builder m = signature(f.name() + "Hvp")
        .returns(JavaEmitter.type(f.gradientType()))
        .addJavadoc("The Hessian of {@link $T#$L} times the vector of tangents (JAX {@code jvp} of"
            + " {@code grad}).\n", owner(), f.name());
    List<CodeBlock> v = new ArrayList<>();
    for (FunctionInfo.ParamInfo p : d) {
      String name = p.name() + "Dot";
      m.addParameter(JavaEmitter.type(p.type()), name);
      v.add(CodeBlock.of("$L", name));
    }
    if (d.size() == 1) {
      m.addStatement("return $L", secondDerivative(basis(0), v));
    } else {
      List<CodeBlock> parts = new ArrayList<>();
      for (int i = 0; i < d.size(); i++) {
        parts.add(secondDerivative(basis(i), v));
      }
      m.addStatement("return new $T($L)", JavaEmitter.className(((Type.Record) f.gradientType()).cls()),
          CodeBlock.join(parts, ", "));
    }
    type.addMethod(m.build());
  }
}
