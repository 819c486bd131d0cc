package dev.leibniz.processor.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Ops;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.plan.ReversePlan;
import dev.leibniz.processor.plan.Sweeps;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.GeneratedNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * {@code mGrad}, {@code mValueAndGrad} and {@code mVjp} with its {@code MVjp} class, printed from the
 * method's {@link ReversePlan} (reverse mode of the body, or for a {@code @CustomJvp} method the
 * transpose of its rule's tangent computation).
 */
final class ReverseForms {
  private final FunctionInfo f;
  private final ReversePlan plan;
  private final JavaEmitter emitter;
  private final TypeSpec.Builder type;

  ReverseForms(FunctionInfo f, ReversePlan plan, JavaEmitter emitter, TypeSpec.Builder type) {
    this.f = f;
    this.plan = plan;
    this.emitter = emitter;
    this.type = type;
  }

  void write() {
    if (f.differentiableParams().size() > 1) {
      type.addType(gradientRecord(f));
    }
    Var cotangent = plan.cotangent();
    if (plan.strategy() instanceof ReversePlan.InFrame s) {
      if (s.gradient() != null) {
        grad(s.gradient(), s.gradientInFrame());
      }
      vjpInFrame(s, cotangent);
    } else if (plan.strategy() instanceof ReversePlan.Recomputing s) {
      recomputingPullback(s, cotangent);
    } else {
      ReversePlan.WithResiduals s = (ReversePlan.WithResiduals) plan.strategy();
      pullbackMethod(s, cotangent);
      if (s.gradForward() != null) {
        gradThroughPullback(s);
      }
      vjp(s, cotangent);
    }
    if (plan.forwardGradient() != null) {
      forwardGradForms(plan.forwardGradient());
    } else if (f.scalarResult()) {
      valueAndGrad();
    }
  }

  /**
   * {@code mGrad} and {@code mValueAndGrad} of a function of one scalar: forward mode with the
   * tangent one, which needs no second sweep and keeps nothing (the same numbers up to rounding).
   */
  private void forwardGradForms(ReversePlan.ForwardGradient g) {
    type.addMethod(primalSignature(GeneratedNames.form(f.name(), GeneratedNames.GRAD))
        .returns(JavaEmitter.type(f.gradientType()))
        .addJavadoc("The gradient of {@link $T#$L} (JAX {@code grad}), by forward mode: one input.\n", owner(),
            f.name())
        .addCode(emitter.block(g.gradOnly(), leaves -> CodeBlock.builder()
            .addStatement("return $L", emitter.expr(Ops.convert(leaves.get(0), f.gradientType()))).build()))
        .build());

    type.addType(valueAndGradRecord(f));
    ClassName record = JavaEmitter.className(f.valueAndGradClass());
    type.addMethod(primalSignature(GeneratedNames.form(f.name(), GeneratedNames.VALUE_AND_GRAD))
        .returns(record)
        .addJavadoc("The value of {@link $T#$L} and its gradient (JAX {@code value_and_grad}), by forward mode:"
            + " one input.\n", owner(), f.name())
        .addCode(emitter.block(g.both(), leaves -> CodeBlock.builder()
            .addStatement("return new $T($L, $L)", record, emitter.expr(leaves.get(0)),
                emitter.expr(Ops.convert(leaves.get(1), f.gradientType())))
            .build()))
        .build());
  }

  /**
   * The forms of a method whose forward sweep has no side effects: {@code mPullback(cotangent,
   * inputs...)} runs the forward and the backward sweep; {@code mGrad} calls it with one; the VJP
   * object keeps the value and the inputs, and its pullback calls it too.
   */
  private void recomputingPullback(ReversePlan.Recomputing s, Var cotangent) {
    type.addMethod(pullbackSignature(cotangent, s.inputs(), "The cotangent of the differentiable parameters of"
        + " {@link $T#$L} for the result's cotangent: the forward sweep, then the backward sweep.\n")
        .addCode(emitter.block(s.forward(), DerivativesWriter.noReturn()))
        .addCode(emitter.block(s.backward(), DerivativesWriter.noReturn()))
        .addStatement("return $L", emitter.expr(s.gradient()))
        .build());

    if (s.withGrad()) {
      type.addMethod(gradSignature()
          .addStatement("return $L", pullbackCall(JavaEmitter.literal(Const.of(f.resultType(), 1)), List.of(), null,
              s.inputs(), null))
          .build());
    }
    vjpClass(s.inputs(), cotangent, List.of(), null, null, " It keeps the inputs and runs the forward sweep again (the method has no"
        + " side effects), so it holds no intermediate values.");
    List<CodeBlock> args = new ArrayList<>();
    for (Expr e : s.vjpArguments()) {
      args.add(emitter.expr(e));
    }
    vjpFactory(emitter.block(s.valueOnly(), DerivativesWriter.noReturn()), args);
  }

  private String pullbackName() {
    return f.helperName(GeneratedNames.form(f.name(), GeneratedNames.PULLBACK));
  }

  /** {@code private static G mPullback(R cotangent, residuals...)}: the backward sweep. */
  private void pullbackMethod(ReversePlan.WithResiduals s, Var cotangent) {
    Sweeps r = s.sweeps();
    List<Var> params = new ArrayList<>(r.arraySeeds());
    if (r.nullWhenZero() != null) {
      params.add(r.nullWhenZero());
    }
    params.addAll(r.residuals());
    type.addMethod(pullbackSignature(cotangent, params, "The backward sweep of {@link $T#$L}: the cotangent"
        + " of its differentiable parameters, from the result's cotangent"
        + (r.arraySeeds().isEmpty() ? "" : ", the cotangents of the final contents of the arrays it writes into"
            + " (null for zero; updated in place)")
        + (r.nullWhenZero() == null ? "" : ", whether such an array given null gets null back when nothing"
            + " flowed into it")
        + " and what the forward sweep kept.\n")
        .addCode(emitter.block(s.backward(), DerivativesWriter.noReturn()))
        .addStatement("return $L", emitter.expr(r.gradient()))
        .build());
  }

  /** {@code private static G mPullback(R cotangent, params...)}; {@code javadoc} names the owner and method. */
  private MethodSpec.Builder pullbackSignature(Var cotangent, List<Var> params, String javadoc) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(pullbackName())
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(JavaEmitter.type(f.gradientType()))
        .addJavadoc(javadoc, owner(), f.name());
    if (!f.isVoid()) {
      m.addParameter(JavaEmitter.type(f.resultType()), cotangent.name());
    }
    for (Var v : params) {
      m.addParameter(JavaEmitter.type(v.type()), v.name());
    }
    return m;
  }

  /**
   * The call of {@code mPullback}, with {@code tape} (null: none) replayed; the arrays written in
   * place get {@code arrayCotangents} (null: zero cotangents), and its {@code nullWhenZero} parameter,
   * when it has one, {@code nullWhenZero}.
   */
  private CodeBlock pullbackCall(CodeBlock cotangent, List<Var> arrayCotangents, Boolean nullWhenZero,
      List<Var> residuals, Var tape) {
    List<CodeBlock> args = new ArrayList<>();
    if (!f.isVoid()) {
      args.add(cotangent);
    }
    for (Var bar : arrayCotangents) {
      args.add(bar == null ? CodeBlock.of("null") : CodeBlock.of("$L", bar.name()));
    }
    if (nullWhenZero != null) {
      args.add(CodeBlock.of("$L", nullWhenZero));
    }
    for (Var v : residuals) {
      args.add(v == tape ? CodeBlock.of("$L.replay()", v.name()) : CodeBlock.of("$L", v.name()));
    }
    return CodeBlock.of("$T.$L($L)", JavaEmitter.className(f.derivativesClass()), pullbackName(),
        CodeBlock.join(args, ", "));
  }

  /** {@code mGrad}: the forward sweep, keeping only what the backward sweep reads, then mPullback(1). */
  private void gradThroughPullback(ReversePlan.WithResiduals s) {
    type.addMethod(gradSignature()
        .addCode(emitter.block(s.gradForward(), DerivativesWriter.noReturn()))
        .addStatement("return $L", pullbackCall(JavaEmitter.literal(Const.of(f.resultType(), 1)),
            nulls(s.sweeps().arraySeeds()), s.sweeps().nullWhenZero() == null ? null : false,
            s.sweeps().residuals(), null))
        .build());
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

  private void grad(Sweeps r, boolean inFrame) {
    type.addMethod(gradSignature()
        .addCode(body(GeneratedNames.form(f.name(), GeneratedNames.GRAD), r, inFrame, JavaEmitter.type(f.gradientType())))
        .build());
  }

  private MethodSpec.Builder gradSignature() {
    return primalSignature(GeneratedNames.form(f.name(), GeneratedNames.GRAD))
        .returns(JavaEmitter.type(f.gradientType()))
        .addJavadoc("The gradient of {@link $T#$L} with respect to its differentiable parameters (JAX"
            + " {@code grad}).\n", owner(), f.name());
  }

  /** Both sweeps then {@code return gradient}, in a frame when too large for one method. */
  private CodeBlock body(String method, Sweeps r, boolean inFrame, TypeName resultType) {
    if (inFrame) {
      List<Stmt> all = new ArrayList<>(r.forward().stmts());
      all.addAll(r.backward().stmts());
      return Frames.split(type, DerivativesWriter.frameName(f, method), plan.primalParams(), all, r.gradient(),
          resultType, emitter);
    }
    return CodeBlock.builder()
        .add(emitter.block(r.forward(), DerivativesWriter.noReturn()))
        .add(emitter.block(r.backward(), DerivativesWriter.noReturn()))
        .addStatement("return $L", emitter.expr(r.gradient()))
        .build();
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
    return Records.record(record.simpleName(), names, types,
        CodeBlock.of("The gradient of {@code $L}: one component per differentiable parameter.\n", f.name()));
  }

  /** The {@code MValueAndGrad} record. */
  static TypeSpec valueAndGradRecord(FunctionInfo f) {
    return Records.record(f.valueAndGradClass().simpleName(), List.of("value", "gradient"),
        List.of(JavaEmitter.type(f.resultType()), JavaEmitter.type(f.gradientType())),
        CodeBlock.of("The value of {@code $L} and its gradient (JAX {@code value_and_grad}).\n", f.name()));
  }

  /** {@code mValueAndGrad}: the VJP object's value and its pullback of one. */
  private void valueAndGrad() {
    type.addType(valueAndGradRecord(f));
    ClassName record = JavaEmitter.className(f.valueAndGradClass());
    MethodSpec.Builder m = primalSignature(GeneratedNames.form(f.name(), GeneratedNames.VALUE_AND_GRAD))
        .returns(record)
        .addJavadoc("The value of {@link $T#$L} and its gradient (JAX {@code value_and_grad}).\n", owner(),
            f.name());
    List<CodeBlock> args = new ArrayList<>();
    for (FunctionInfo.ParamInfo p : f.params()) {
      args.add(CodeBlock.of("$L", p.name()));
    }
    m.addStatement("$T vjp = $L($L)", JavaEmitter.className(f.vjpClass()), f.formName(Callee.Form.VJP), CodeBlock.join(args, ", "));
    m.addStatement("return new $T(vjp.value(), vjp.pullback($L))", record,
        JavaEmitter.literal(Const.of(f.resultType(), 1)));
    type.addMethod(m.build());
  }

  private void vjp(ReversePlan.WithResiduals s, Var cotangent) {
    Sweeps r = s.sweeps();
    vjpClass(r.residuals(), cotangent, r.arraySeeds(), r.nullWhenZero(), r.tape(), "");
    List<CodeBlock> args = new ArrayList<>();
    if (r.value() != null) {
      args.add(emitter.expr(r.value()));
    }
    for (Var v : r.residuals()) {
      args.add(residualArgument(v, s.copied()));
    }
    vjpFactory(emitter.block(s.vjpForward(), DerivativesWriter.noReturn()), args);
  }

  /**
   * What the VJP object keeps of residual {@code v}: a copy of an array the caller may change before
   * it calls the pullback ({@code copied}); else {@code v}.
   */
  private static CodeBlock residualArgument(Var v, Set<Var> copied) {
    return copied.contains(v) ? JacobianForms.copyOf(v.name(), v.type()) : CodeBlock.of("$L", v.name());
  }

  /**
   * The {@code MVjp} class: the value and {@code fields}, and a pullback that calls {@code mPullback}
   * with them ({@code tape}, when not null, replayed); {@code note} ends its javadoc. A method that
   * writes into arrays also gets a pullback taking their cotangents ({@code arraySeeds}).
   */
  private void vjpClass(List<Var> fields, Var cotangent, List<Var> arraySeeds, Var nullWhenZero, Var tape,
      String note) {
    Set<String> taken = new HashSet<>();
    for (Var v : fields) {
      taken.add(v.name());
    }
    String valueField = taken.contains("value") ? "primalValue" : "value";
    TypeName resultType = JavaEmitter.type(f.resultType());
    TypeSpec.Builder cls = TypeSpec.classBuilder(f.vjpClass().simpleName())
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("The value of {@link $T#$L} and its pullback (JAX {@code vjp}); the pullback may be called"
            + " any number of times.$L\n", owner(), f.name(), note);
    MethodSpec.Builder ctor = MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE);
    if (!f.isVoid()) {
      cls.addField(FieldSpec.builder(resultType, valueField, Modifier.PRIVATE, Modifier.FINAL).build());
      ctor.addParameter(resultType, valueField).addStatement("this.$L = $L", valueField, valueField);
    }
    for (Var v : fields) {
      TypeName t = JavaEmitter.type(v.type());
      cls.addField(FieldSpec.builder(t, v.name(), Modifier.PRIVATE, Modifier.FINAL).build());
      ctor.addParameter(t, v.name()).addStatement("this.$L = $L", v.name(), v.name());
    }
    cls.addMethod(ctor.build());
    if (!f.isVoid()) {
      // a void method's results are the arrays it writes: its only pullback takes their cotangents
      cls.addMethod(MethodSpec.methodBuilder("value").addModifiers(Modifier.PUBLIC).returns(resultType)
          .addJavadoc("The primal result.\n")
          .addStatement("return $L", valueField).build());
      cls.addMethod(MethodSpec.methodBuilder("pullback").addModifiers(Modifier.PUBLIC)
          .returns(JavaEmitter.type(f.gradientType()))
          .addParameter(resultType, cotangent.name())
          .addJavadoc("The cotangent of the differentiable parameters, given the result's cotangent.\n")
          .addStatement("return $L", pullbackCall(CodeBlock.of("$L", cotangent.name()), nulls(arraySeeds),
              nullWhenZero == null ? null : false, fields, tape))
          .build());
    }
    if (!arraySeeds.isEmpty()) {
      cls.addMethod(inPlacePullback(cotangent, arraySeeds)
          .addStatement("return $L", pullbackCall(CodeBlock.of("$L", cotangent.name()), arraySeeds,
              nullWhenZero == null ? null : true, fields, tape))
          .build());
    }
    type.addType(cls.build());
  }

  /**
   * A pullback of a frame: the backward sweep ({@code parts}) on a copy of the frame, given the
   * cotangent, the written arrays' ({@code arrayCotangents}, null: zero) and the sweep's {@code
   * nullWhenZero} flag (null: none) set to {@code nulls}.
   */
  private MethodSpec backwardInFrame(MethodSpec.Builder pullback, String frameName, Var cotangent,
      List<Var> arrayCotangents, Var nullWhenZero, boolean nulls, List<String> parts) {
    pullback.addStatement("$L run = frame.copy()", frameName);
    if (!f.isVoid()) {
      pullback.addStatement("run.$L = $L", cotangent.name(), cotangent.name());
    }
    for (Var bar : arrayCotangents) {
      if (bar != null) {
        pullback.addStatement("run.$L = $L", bar.name(), bar.name());
      }
    }
    if (nullWhenZero != null) {
      pullback.addStatement("run.$L = $L", nullWhenZero.name(), nulls);
    }
    for (String part : parts) {
      pullback.addStatement("run.$L()", part);
    }
    return pullback.addStatement("return run.gradient()").build();
  }

  /** {@code pullback(cotangent, xBar...)} of a method writing into the arrays {@code x...}: its signature. */
  private MethodSpec.Builder inPlacePullback(Var cotangent, List<Var> arraySeeds) {
    MethodSpec.Builder m = MethodSpec.methodBuilder("pullback").addModifiers(Modifier.PUBLIC)
        .returns(JavaEmitter.type(f.gradientType()))
        .addJavadoc("The cotangent of the differentiable parameters, given $Lthe cotangents of the final contents"
            + " of the arrays the method writes into ($L: arrays of their lengths, or null for zero). Each such"
            + " array is updated in place to the cotangent of the contents on entry, and is that parameter's"
            + " component of the result; one given null comes back null when no cotangent reached the contents"
            + " on entry (a structural zero, as JAX's symbolic zero).\n", f.isVoid() ? "" : "the result's cotangent and ",
            names(arraySeeds));
    if (!f.isVoid()) {
      m.addParameter(JavaEmitter.type(f.resultType()), cotangent.name());
    }
    for (Var bar : arraySeeds) {
      m.addParameter(JavaEmitter.type(bar.type()), bar.name());
    }
    return m.addCode(AliasChecks.distinct("pullback", arraySeeds.stream().filter(java.util.Objects::nonNull).toList(),
        bar -> true));
  }

  private static String names(List<Var> vars) {
    List<String> names = new ArrayList<>();
    for (Var v : vars) {
      names.add("{@code " + v.name() + "}");
    }
    return String.join(", ", names);
  }

  private static List<Var> nulls(List<Var> vars) {
    return java.util.Collections.nCopies(vars.size(), null);
  }

  /** {@code mVjp}: {@code body}, then the {@code MVjp} of {@code args} (the value, then the fields). */
  private void vjpFactory(CodeBlock body, List<CodeBlock> args) {
    type.addMethod(primalSignature(f.formName(Callee.Form.VJP))
        .addAnnotation(PrimalFacts.of(f))
        .returns(JavaEmitter.className(f.vjpClass()))
        .addJavadoc("The value of {@link $T#$L} and its pullback (JAX {@code vjp}).\n", owner(), f.name())
        .addCode(body)
        .addStatement("return new $T($L)", JavaEmitter.className(f.vjpClass()), CodeBlock.join(args, ", "))
        .build());
  }

  /**
   * {@code mVjp} of a body too large for one method: the forward sweep runs in a frame the VJP
   * object keeps; each pullback runs the backward sweep on its own copy of it.
   */
  private void vjpInFrame(ReversePlan.InFrame s, Var cotangent) {
    Sweeps r = s.sweeps();
    String frameName = DerivativesWriter.frameName(f, f.formName(Callee.Form.VJP));
    List<Var> inputs = new ArrayList<>(plan.primalParams());
    if (!f.isVoid()) {
      inputs.add(cotangent);
    }
    inputs.addAll(r.arraySeeds());
    if (r.nullWhenZero() != null) {
      inputs.add(r.nullWhenZero());
    }
    List<Stmt> all = new ArrayList<>(r.forward().stmts());
    all.addAll(r.backward().stmts());
    TypeSpec.Builder frame = Frames.frameClass(frameName, inputs, all);
    List<String> forwardParts = Frames.addParts(frame, "forward", r.forward().stmts(), emitter);
    List<String> backwardParts = Frames.addParts(frame, "backward", r.backward().stmts(), emitter);
    TypeName resultType = JavaEmitter.type(f.resultType());
    TypeName gradientType = JavaEmitter.type(f.gradientType());
    if (!f.isVoid()) {
      frame.addMethod(MethodSpec.methodBuilder("value").returns(resultType)
          .addStatement("return $L", emitter.expr(r.value())).build());
    }
    frame.addMethod(MethodSpec.methodBuilder("gradient").returns(gradientType)
        .addStatement("return $L", emitter.expr(r.gradient())).build());
    ClassName frameType = ClassName.bestGuess(frameName);
    // a pullback's own frame holds what the backward sweep reads (residuals), in parts small enough to compile
    MethodSpec.Builder copy = MethodSpec.methodBuilder("copy").returns(frameType)
        .addStatement("$L copy = new $L()", frameName, frameName);
    List<Var> residuals = r.residuals();
    int chunk = 400;
    for (int from = 0; from < residuals.size(); from += chunk) {
      String name = "copyResiduals" + (from / chunk + 1);
      MethodSpec.Builder part = MethodSpec.methodBuilder(name).addParameter(frameType, "copy");
      for (Var v : residuals.subList(from, Math.min(residuals.size(), from + chunk))) {
        part.addStatement(r.tape() == v ? "copy.$L = $L.replay()" : "copy.$L = $L", v.name(), v.name());
      }
      frame.addMethod(part.build());
      copy.addStatement("$L(copy)", name);
    }
    frame.addMethod(copy.addStatement("return copy").build());
    type.addType(frame.build());
    TypeSpec.Builder cls = TypeSpec.classBuilder(f.vjpClass().simpleName())
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("The value of {@link $T#$L} and its pullback (JAX {@code vjp}); the pullback may be called"
            + " any number of times.\n", owner(), f.name())
        .addField(FieldSpec.builder(frameType, "frame", Modifier.PRIVATE, Modifier.FINAL).build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
            .addParameter(frameType, "frame").addStatement("this.frame = frame").build());
    if (!f.isVoid()) {
      cls.addMethod(MethodSpec.methodBuilder("value").addModifiers(Modifier.PUBLIC).returns(resultType)
          .addJavadoc("The primal result.\n").addStatement("return frame.value()").build());
    }
    if (!f.isVoid()) {
      cls.addMethod(backwardInFrame(MethodSpec.methodBuilder("pullback").addModifiers(Modifier.PUBLIC)
          .returns(gradientType)
          .addParameter(resultType, cotangent.name())
          .addJavadoc("The cotangent of the differentiable parameters, given the result's cotangent.\n"),
          frameName, cotangent, nulls(r.arraySeeds()), r.nullWhenZero(), false, backwardParts));
    }
    if (!r.arraySeeds().isEmpty()) {
      cls.addMethod(backwardInFrame(inPlacePullback(cotangent, r.arraySeeds()), frameName, cotangent,
          r.arraySeeds(), r.nullWhenZero(), true, backwardParts));
    }
    type.addType(cls.build());
    MethodSpec.Builder factory = primalSignature(f.formName(Callee.Form.VJP))
        .addAnnotation(PrimalFacts.of(f))
        .returns(JavaEmitter.className(f.vjpClass()))
        .addJavadoc("The value of {@link $T#$L} and its pullback (JAX {@code vjp}).\n", owner(), f.name())
        .addStatement("$L frame = new $L()", frameName, frameName);
    for (Var v : plan.primalParams()) {
      factory.addStatement("frame.$L = $L", v.name(), v.name());
    }
    for (String part : forwardParts) {
      factory.addStatement("frame.$L()", part);
    }
    for (Var v : s.copied()) { // after the forward sweep, which writes into the caller's arrays
      factory.addStatement("frame.$L = $L", v.name(), JacobianForms.copyOf("frame." + v.name(), v.type()));
    }
    factory.addStatement("return new $T(frame)", JavaEmitter.className(f.vjpClass()));
    type.addMethod(factory.build());
  }
}
