package dev.leibniz.processor.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
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
 * The reverse forms of a {@code @CustomVjp} method: its forward rule makes the value and the
 * residuals, its backward rule the cotangents, which {@link RuleCotangents} makes the gradient.
 */
final class CustomVjpForms {
  private final FunctionInfo f;
  private final TypeSpec.Builder type;
  private final ClassName owner;

  CustomVjpForms(FunctionInfo f, TypeSpec.Builder type) {
    this.f = f;
    this.type = type;
    this.owner = JavaEmitter.className(f.ref().owner());
  }

  void write() {
    if (f.differentiableParams().size() > 1) {
      type.addType(ReverseForms.gradientRecord(f));
    }
    if (f.scalarResult()) {
      grad();
      valueAndGrad();
    }
    vjp();
  }

  private MethodSpec.Builder primalSignature(String name) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC, Modifier.STATIC);
    for (FunctionInfo.ParamInfo p : f.params()) {
      m.addParameter(JavaEmitter.type(p.type()), p.name());
    }
    return m;
  }

  private CodeBlock primalArgs() {
    List<CodeBlock> args = new ArrayList<>();
    for (FunctionInfo.ParamInfo p : f.params()) {
      args.add(CodeBlock.of("$L", p.name()));
    }
    return CodeBlock.join(args, ", ");
  }

  /** {@code fBwd(nondiff..., residuals, cotangent)}. */
  private CodeBlock bwdCall(CodeBlock residuals, CodeBlock cotangent, String nondiffPrefix) {
    List<CodeBlock> args = new ArrayList<>();
    for (FunctionInfo.ParamInfo p : f.nonDiffParams()) {
      args.add(CodeBlock.of("$L$L", nondiffPrefix, p.name()));
    }
    args.add(residuals);
    args.add(cotangent);
    return CodeBlock.of("$T.$L($L)", owner, f.bwdRule(), CodeBlock.join(args, ", "));
  }

  private TypeName fwdType() {
    return JavaEmitter.type(f.fwdType());
  }

  /** {@code Res} of {@code Fwd<R, Res>}. */
  private Type residual() {
    return ((Type.Record) f.fwdType()).components().get(1).type();
  }

  private void grad() {
    MethodSpec.Builder m = primalSignature(GeneratedNames.form(f.name(), GeneratedNames.GRAD))
        .returns(JavaEmitter.type(f.gradientType()))
        .addJavadoc("The gradient of {@link $T#$L} (JAX {@code grad}), from its rules {@code $L} and"
            + " {@code $L}.\n", owner, f.name(), f.fwdRule(), f.bwdRule());
    m.addStatement("$T fwd = $T.$L($L)", fwdType(), owner, f.fwdRule(), primalArgs());
    m.addStatement("$T cotangents = $L", JavaEmitter.type(f.cotangentType()),
        bwdCall(CodeBlock.of("fwd.residuals()"), one(), ""));
    m.addCode(RuleCotangents.convert(f, "cotangents", "return"));
    type.addMethod(m.build());
  }

  private CodeBlock one() {
    return JavaEmitter.literal(Const.of(f.resultType(), 1));
  }

  private void valueAndGrad() {
    type.addType(ReverseForms.valueAndGradRecord(f));
    ClassName record = JavaEmitter.className(f.valueAndGradClass());
    MethodSpec.Builder m = primalSignature(GeneratedNames.form(f.name(), GeneratedNames.VALUE_AND_GRAD))
        .returns(record)
        .addJavadoc("The value of {@link $T#$L} and its gradient (JAX {@code value_and_grad}).\n", owner,
            f.name());
    m.addStatement("$T fwd = $T.$L($L)", fwdType(), owner, f.fwdRule(), primalArgs());
    m.addStatement("$T cotangents = $L", JavaEmitter.type(f.cotangentType()),
        bwdCall(CodeBlock.of("fwd.residuals()"), one(), ""));
    m.addCode(RuleCotangents.convert(f, "cotangents", "$T gradient =", JavaEmitter.type(f.gradientType())));
    m.addStatement("return new $T(fwd.value(), gradient)", record);
    type.addMethod(m.build());
  }

  private void vjp() {
    ClassName vjpName = JavaEmitter.className(f.vjpClass());
    TypeName resultType = JavaEmitter.type(f.resultType());
    TypeSpec.Builder cls = TypeSpec.classBuilder(f.vjpClass().simpleName())
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("The value of {@link $T#$L} and its pullback (JAX {@code vjp}), from its rules; the"
            + " pullback may be called any number of times.\n", owner, f.name())
        .addField(FieldSpec.builder(resultType, "value", Modifier.PRIVATE, Modifier.FINAL).build())
        .addField(FieldSpec.builder(JavaEmitter.type(residual()), "residuals", Modifier.PRIVATE, Modifier.FINAL)
            .build());
    Namer names = new Namer(Set.of());
    f.params().forEach(p -> names.take(p.name()));
    String fwd = names.fresh("fwd");
    String arguments = names.fresh("arguments");
    // the residuals and @NonDiff arguments as the call saw them: the caller may write into its arrays later
    KeptResiduals residuals = new KeptResiduals(cls);
    MethodSpec.Builder ctor = MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
        .addParameter(fwdType(), fwd)
        .addStatement("this.value = $L.value()", fwd);
    List<CodeBlock> args = new ArrayList<>();
    args.add(CodeBlock.of("$T.$L($L)", owner, f.fwdRule(), primalArgs()));
    if (KeptResiduals.holdsArrays(residual())) {
      ctor.addParameter(KeptResiduals.RESIDUALS, arguments);
      args.add(KeptResiduals.arguments(f));
    }
    ctor.addStatement("this.residuals = $L", residuals.kept(residual(), CodeBlock.of("$L.residuals()", fwd),
        CodeBlock.of("$L", arguments)));
    // parameters the backward rule takes besides the residuals, and those zero cotangents read
    List<FunctionInfo.ParamInfo> kept = new ArrayList<>(f.nonDiffParams());
    for (FunctionInfo.ParamInfo p : f.differentiableParams()) {
      if (!(p.type() instanceof Type.Prim)) {
        kept.add(p);
      }
    }
    for (FunctionInfo.ParamInfo p : kept) {
      TypeName t = JavaEmitter.type(p.type());
      CodeBlock value = CodeBlock.of("$L", p.name());
      cls.addField(FieldSpec.builder(t, p.name(), Modifier.PRIVATE, Modifier.FINAL).build());
      ctor.addParameter(t, p.name()).addStatement("this.$L = $L", p.name(),
          p.nonDiff() ? residuals.kept(p.type(), value, CodeBlock.of("$T.ALL", KeptResiduals.RESIDUALS)) : value);
      args.add(value);
    }
    cls.addMethod(ctor.build());
    cls.addMethod(MethodSpec.methodBuilder("value").addModifiers(Modifier.PUBLIC).returns(resultType)
        .addJavadoc("The primal result.\n")
        .addStatement("return value").build());
    MethodSpec.Builder pullback = MethodSpec.methodBuilder("pullback").addModifiers(Modifier.PUBLIC)
        .returns(JavaEmitter.type(f.gradientType()))
        .addParameter(resultType, "cotangent")
        .addJavadoc("The cotangent of the differentiable parameters, given the result's cotangent.\n")
        .addStatement("$T cotangents = $L", JavaEmitter.type(f.cotangentType()),
            bwdCall(CodeBlock.of("residuals"), CodeBlock.of("cotangent"), ""));
    pullback.addCode(RuleCotangents.convert(f, "cotangents", "return"));
    cls.addMethod(pullback.build());
    type.addType(cls.build());
    MethodSpec.Builder factory = primalSignature(f.formName(Callee.Form.VJP))
        .addAnnotation(PrimalFacts.of(f))
        .returns(vjpName)
        .addJavadoc("The value of {@link $T#$L} and its pullback (JAX {@code vjp}), from its rules.\n", owner,
            f.name());
    factory.addStatement("return new $T($L)", vjpName, CodeBlock.join(args, ", "));
    type.addMethod(factory.build());
  }
}
