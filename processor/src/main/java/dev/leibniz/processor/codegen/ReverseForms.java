package dev.leibniz.processor.codegen;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.FunctionTable;
import dev.leibniz.processor.transform.Reverse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * {@code mGrad}, {@code mValueAndGrad} and {@code mVjp} with its {@code MVjp} class: reverse mode of
 * the body, or for a {@code @CustomJvp} method the transpose of its rule's tangent computation.
 */
final class ReverseForms {
  private final FunctionInfo f;
  private final FunctionTable table;
  private final JavaEmitter emitter;
  private final TypeSpec.Builder type;
  /** What is reversed: the body, or the JVP rule with only its tangents differentiable. */
  private final Function source;
  /** How many leading returned leaves are the primal value (the rest, for a rule, its tangent). */
  private final int valueLeaves;

  ReverseForms(FunctionInfo f, FunctionTable table, JavaEmitter emitter, TypeSpec.Builder type) {
    this.f = f;
    this.table = table;
    this.emitter = emitter;
    this.type = type;
    if (f.kind() == FunctionInfo.Kind.DERIVED) {
      source = f.ir();
    } else {
      // Transposing a JVP rule: reverse mode with respect to its tangent parameters only.
      List<Param> params = new ArrayList<>();
      int primal = f.params().size();
      for (int i = 0; i < f.ir().params().size(); i++) {
        Param p = f.ir().params().get(i);
        params.add(new Param(p.var(), i >= primal));
      }
      source = new Function(f.ir().name(), params, f.ir().resultType(), f.ir().body(), f.ir().reserved());
    }
    valueLeaves = DerivativesWriter.leafTypes(f.resultType()).size();
  }

  void write() {
    List<Type> leaves = DerivativesWriter.leafTypes(source.resultType());
    if (f.scalarResult()) {
      List<Expr> seeds = new ArrayList<>();
      for (int i = 0; i < leaves.size() - 1; i++) {
        seeds.add(Const.zero(leaves.get(i)));
      }
      seeds.add(Const.of(f.resultType(), 1));
      Reverse.Result r = Reverse.apply(source, seeds, table, valueLeaves);
      grad(r);
      valueAndGrad(r);
    }
    vjp(leaves);
  }

  private Expr gradient(Reverse.Result r) {
    List<Expr> g = r.gradients();
    return g.size() == 1 ? g.get(0) : new Expr.Construct((Type.Record) f.gradientType(), g);
  }

  private Expr value(Reverse.Result r) {
    return DerivativesWriter.rebuild(f.resultType(), r.value());
  }

  private MethodSpec.Builder primalSignature(String name) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC, Modifier.STATIC);
    for (FunctionInfo.ParamInfo p : f.params()) {
      m.addParameter(JavaEmitter.type(p.type()), p.name());
    }
    return m;
  }

  private ClassName owner() {
    return JavaEmitter.className(f.ref().owner());
  }

  private void grad(Reverse.Result r) {
    if (f.differentiableParams().size() > 1) {
      type.addType(gradientRecord(f));
    }
    MethodSpec.Builder m = primalSignature(f.name() + "Grad")
        .returns(JavaEmitter.type(f.gradientType()))
        .addJavadoc("The gradient of {@link $T#$L} with respect to its differentiable parameters (JAX"
            + " {@code grad}).\n", owner(), f.name());
    m.addCode(emitter.block(r.forward(), DerivativesWriter.noReturn()));
    m.addCode(emitter.block(r.backward(), DerivativesWriter.noReturn()));
    m.addStatement("return $L", emitter.expr(gradient(r)));
    type.addMethod(m.build());
  }

  /** The {@code MGradient} record: one component per differentiable parameter. */
  static TypeSpec gradientRecord(FunctionInfo f) {
    List<String> names = new ArrayList<>();
    List<TypeName> types = new ArrayList<>();
    for (FunctionInfo.ParamInfo p : f.differentiableParams()) {
      names.add(p.name());
      types.add(JavaEmitter.type(p.type()));
    }
    ClassRef record = ((Type.Record) f.gradientType()).cls();
    return Records.placeholder(record.simpleName(), names, types,
        CodeBlock.of("The gradient of {@code $L}: one component per differentiable parameter.\n", f.name()));
  }

  /** The {@code MValueAndGrad} record. */
  static TypeSpec valueAndGradRecord(FunctionInfo f) {
    return Records.placeholder(f.valueAndGradClass().simpleName(), List.of("value", "gradient"),
        List.of(JavaEmitter.type(f.resultType()), JavaEmitter.type(f.gradientType())),
        CodeBlock.of("The value of {@code $L} and its gradient (JAX {@code value_and_grad}).\n", f.name()));
  }

  private void valueAndGrad(Reverse.Result r) {
    type.addType(valueAndGradRecord(f));
    ClassName record = JavaEmitter.className(f.valueAndGradClass());
    MethodSpec.Builder m = primalSignature(f.name() + "ValueAndGrad")
        .returns(record)
        .addJavadoc("The value of {@link $T#$L} and its gradient (JAX {@code value_and_grad}).\n", owner(),
            f.name());
    m.addCode(emitter.block(r.forward(), DerivativesWriter.noReturn()));
    m.addCode(emitter.block(r.backward(), DerivativesWriter.noReturn()));
    m.addStatement("return new $T($L, $L)", record, emitter.expr(value(r)), emitter.expr(gradient(r)));
    type.addMethod(m.build());
  }

  private void vjp(List<Type> leaves) {
    Namer namer = Namer.forFunction(source);
    Var cotangent = namer.fresh("cotangent", f.resultType());
    List<Expr> cotangentLeaves = DerivativesWriter.leavesOf(cotangent, f.resultType());
    List<Expr> seeds = new ArrayList<>();
    for (int i = 0; i < leaves.size() - cotangentLeaves.size(); i++) {
      seeds.add(Const.zero(leaves.get(i)));
    }
    seeds.addAll(cotangentLeaves);
    Reverse.Result r = Reverse.apply(source, seeds, table, valueLeaves);
    if (!f.scalarResult() && f.differentiableParams().size() > 1) {
      type.addType(gradientRecord(f));
    }
    ClassName vjpName = JavaEmitter.className(f.vjpClass());
    Set<Var> residuals = r.residuals(Set.of(cotangent));
    Set<String> taken = new HashSet<>();
    for (Var v : residuals) {
      taken.add(v.name());
    }
    String valueField = taken.contains("value") ? "primalValue" : "value";
    TypeName resultType = JavaEmitter.type(f.resultType());
    TypeSpec.Builder cls = TypeSpec.classBuilder(f.vjpClass().simpleName())
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("The value of {@link $T#$L} and its pullback (JAX {@code vjp}); the pullback may be called"
            + " any number of times.\n", owner(), f.name())
        .addField(FieldSpec.builder(resultType, valueField, Modifier.PRIVATE, Modifier.FINAL).build());
    MethodSpec.Builder ctor = MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
        .addParameter(resultType, valueField)
        .addStatement("this.$L = $L", valueField, valueField);
    List<CodeBlock> args = new ArrayList<>();
    args.add(emitter.expr(value(r)));
    for (Var v : residuals) {
      TypeName t = JavaEmitter.type(v.type());
      cls.addField(FieldSpec.builder(t, v.name(), Modifier.PRIVATE, Modifier.FINAL).build());
      ctor.addParameter(t, v.name()).addStatement("this.$L = $L", v.name(), v.name());
      args.add(CodeBlock.of("$L", v.name()));
    }
    cls.addMethod(ctor.build());
    cls.addMethod(MethodSpec.methodBuilder("value").addModifiers(Modifier.PUBLIC).returns(resultType)
        .addJavadoc("The primal result.\n")
        .addStatement("return $L", valueField).build());
    MethodSpec.Builder pullback = MethodSpec.methodBuilder("pullback").addModifiers(Modifier.PUBLIC)
        .returns(JavaEmitter.type(f.gradientType()))
        .addParameter(resultType, cotangent.name())
        .addJavadoc("The cotangent of the differentiable parameters, given the result's cotangent.\n");
    if (r.tape() != null) {
      pullback.addStatement("$T $L = this.$L.replay()", JavaEmitter.className(Known.TAPE), r.tape().name(),
          r.tape().name());
    }
    pullback.addCode(emitter.block(r.backward(), DerivativesWriter.noReturn()));
    pullback.addStatement("return $L", emitter.expr(gradient(r)));
    cls.addMethod(pullback.build());
    type.addType(cls.build());
    MethodSpec.Builder factory = primalSignature(f.name() + "Vjp")
        .returns(vjpName)
        .addJavadoc("The value of {@link $T#$L} and its pullback (JAX {@code vjp}).\n", owner(), f.name());
    factory.addCode(emitter.block(r.forward(), DerivativesWriter.noReturn()));
    factory.addStatement("return new $T($L)", vjpName, CodeBlock.join(args, ", "));
    type.addMethod(factory.build());
  }
}
