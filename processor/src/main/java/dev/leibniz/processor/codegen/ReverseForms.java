package dev.leibniz.processor.codegen;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Exprs;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.Ops;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.FunctionTable;
import dev.leibniz.processor.transform.Cleanup;
import dev.leibniz.processor.transform.Reverse;
import dev.leibniz.processor.transform.Transposition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
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

  /**
   * {@code f}'s forward form when its gradient is better computed by it (one scalar input: one pass,
   * nothing kept), else null.
   */
  private final Function forwardGradient;

  ReverseForms(FunctionInfo f, FunctionTable table, JavaEmitter emitter, TypeSpec.Builder type,
      Function forwardGradient) {
    this.f = f;
    this.forwardGradient = forwardGradient;
    this.table = table;
    this.emitter = emitter;
    this.type = type;
    // a JVP rule is transposed: reverse mode with respect to its tangent parameters only
    source = f.kind() == FunctionInfo.Kind.DERIVED ? f.ir() : Transposition.source(f.ir(), f.params().size(), table);
    valueLeaves = DerivativesWriter.leafTypes(f.resultType()).size();
  }

  void write() {
    List<Type> leaves = DerivativesWriter.leafTypes(source.resultType());
    Namer namer = Namer.forFunction(source);
    Var cotangent = namer.fresh("cotangent", f.resultType());
    List<Expr> cotangentLeaves = DerivativesWriter.leavesOf(cotangent, f.resultType());
    List<Expr> seeds = new ArrayList<>();
    for (int i = 0; i < leaves.size() - cotangentLeaves.size(); i++) {
      seeds.add(Const.zero(leaves.get(i)));
    }
    seeds.addAll(cotangentLeaves);
    Reverse.Result r = Reverse.apply(source, seeds, table, valueLeaves);
    if (source != f.ir()) {
      r = Transposition.finish(r, f.ir(), f.params().size());
    }
    if (f.differentiableParams().size() > 1) {
      type.addType(gradientRecord(f));
    }
    boolean reverseGrad = f.scalarResult() && forwardGradient == null;
    if (Frames.tooLarge(r.forward().stmts()) || Frames.tooLarge(r.backward().stmts())) {
      if (reverseGrad) {
        grad(r.gradientOnly(cotangent, Const.of(f.resultType(), 1)));
      }
      vjpInFrame(r, cotangent);
    } else if (Cleanup.sideEffectFree(r.forward(), r.pureFunctions())
        && immutableInputs() && r.arraySeeds().isEmpty()) {
      // no side effects: the VJP object keeps the inputs, mPullback runs both sweeps (checkpointing)
      recomputingPullback(r, cotangent, reverseGrad);
    } else {
      // the backward sweep is written once, in mPullback, which mGrad and MVjp.pullback call
      List<Var> residuals = ordered(r, r.residuals(Set.of(cotangent)));
      pullbackMethod(r, cotangent, residuals);
      if (reverseGrad) {
        gradThroughPullback(r, residuals);
      }
      vjp(r, cotangent, residuals);
    }
    if (forwardGradient != null) {
      forwardGradForms(r);
    } else if (f.scalarResult()) {
      valueAndGrad();
    }
  }

  /**
   * {@code mGrad} and {@code mValueAndGrad} of a function of one scalar: forward mode with the
   * tangent one, which needs no second sweep and keeps nothing (the same numbers up to rounding).
   */
  private void forwardGradForms(Reverse.Result r) {
    List<Param> params = forwardGradient.params();
    Var tangent = params.get(params.size() - 1).var();
    List<Stmt> seeded = new ArrayList<>();
    seeded.add(new Stmt.Declare(tangent, Const.of(tangent.type(), 1), SourceRef.NONE));
    seeded.addAll(forwardGradient.body().stmts());
    // twice: a seed converted to another floating type becomes a constant in the first pass
    Block body = Cleanup.propagateCopies(Cleanup.propagateCopies(new Block(seeded), Set.of()), Set.of());

    Block gradOnly = Cleanup.deadCode(Cleanup.mapReturns(body, leaves -> List.of(leaves.get(1))), Set.of(),
        r.pureFunctions());
    type.addMethod(primalSignature(f.name() + "Grad")
        .returns(JavaEmitter.type(f.gradientType()))
        .addJavadoc("The gradient of {@link $T#$L} (JAX {@code grad}), by forward mode: one input.\n", owner(),
            f.name())
        .addCode(emitter.block(emitter.compact(gradOnly, Set.of()), leaves -> CodeBlock.builder()
            .addStatement("return $L", emitter.expr(Ops.convert(leaves.get(0), f.gradientType()))).build()))
        .build());

    type.addType(valueAndGradRecord(f));
    ClassName record = JavaEmitter.className(f.valueAndGradClass());
    Block both = Cleanup.deadCode(body, Set.of(), r.pureFunctions());
    type.addMethod(primalSignature(f.name() + "ValueAndGrad")
        .returns(record)
        .addJavadoc("The value of {@link $T#$L} and its gradient (JAX {@code value_and_grad}), by forward mode:"
            + " one input.\n", owner(), f.name())
        .addCode(emitter.block(emitter.compact(both, Set.of()), leaves -> CodeBlock.builder()
            .addStatement("return new $T($L, $L)", record, emitter.expr(leaves.get(0)),
                emitter.expr(Ops.convert(leaves.get(1), f.gradientType())))
            .build()))
        .build());
  }

  /** Residuals in a readable order: the parameters as declared, then forward values as computed. */
  private List<Var> ordered(Reverse.Result r, Set<Var> residuals) {
    List<Var> out = new ArrayList<>();
    for (Param p : source.params()) {
      if (residuals.contains(p.var())) {
        out.add(p.var());
      }
    }
    Stmts.walk(r.forward(), s -> {
      if (s instanceof Stmt.Declare d && residuals.contains(d.var()) && !out.contains(d.var())) {
        out.add(d.var());
      }
    });
    for (Var v : residuals) {
      if (!out.contains(v)) {
        out.add(v);
      }
    }
    return out;
  }

  /**
   * The forms of a method whose forward sweep has no side effects: {@code mPullback(cotangent,
   * inputs...)} runs the forward and the backward sweep; {@code mGrad} calls it with one; the VJP
   * object keeps the value and the inputs, and its pullback calls it too.
   */
  private void recomputingPullback(Reverse.Result r, Var cotangent, boolean withGrad) {
    Set<Var> gradientVars = vars(gradient(r));
    Block backward = emitter.compact(r.backward(), gradientVars);
    Set<Var> needed = Cleanup.liveIn(backward, gradientVars);
    Block forward = Cleanup.deadCode(r.forward(), needed, r.pureFunctions());
    List<Var> inputs = new ArrayList<>();
    Set<Var> read = Stmts.mentioned(forward);
    read.addAll(Stmts.mentioned(backward));
    read.addAll(gradientVars);
    for (Param p : source.params()) {
      if (read.contains(p.var()) && isPrimalParam(p)) {
        inputs.add(p.var());
      }
    }
    type.addMethod(pullbackSignature(cotangent, inputs, "The cotangent of the differentiable parameters of"
        + " {@link $T#$L} for the result's cotangent: the forward sweep, then the backward sweep.\n")
        .addCode(emitter.block(emitter.compact(forward, needed), DerivativesWriter.noReturn()))
        .addCode(emitter.block(backward, DerivativesWriter.noReturn()))
        .addStatement("return $L", emitter.expr(gradient(r)))
        .build());

    if (withGrad) {
      type.addMethod(gradSignature()
          .addStatement("return $L", pullbackCall(JavaEmitter.literal(Const.of(f.resultType(), 1)), List.of(),
              inputs, null))
          .build());
    }
    vjpClass(inputs, cotangent, List.of(), null, " It keeps the inputs and runs the forward sweep again (the method has no"
        + " side effects), so it holds no intermediate values.");

    // the value alone: the forward sweep without what only the backward sweep reads
    Expr value = value(r);
    Block valueOnly = Cleanup.deadCode(r.forward(), vars(value), r.pureFunctions());
    List<CodeBlock> args = new ArrayList<>();
    args.add(emitter.expr(value));
    // a parameter the body assigns is kept as it came in
    Set<Var> assigned = assignedIn(valueOnly);
    Namer vjpNamer = Namer.forFunction(source);
    Stmts.mentioned(valueOnly).forEach(v -> vjpNamer.take(v.name()));
    CodeBlock.Builder entry = CodeBlock.builder();
    for (Var v : inputs) {
      if (assigned.contains(v)) {
        String saved = vjpNamer.fresh(v.name() + "In");
        entry.addStatement("$T $L = $L", JavaEmitter.type(v.type()), saved, v.name());
        args.add(CodeBlock.of("$L", saved));
      } else {
        args.add(CodeBlock.of("$L", v.name()));
      }
    }
    vjpFactory(entry.add(emitter.block(emitter.compact(valueOnly, vars(value)), DerivativesWriter.noReturn()))
        .build(), args);
  }

  /**
   * Whether the VJP object may keep the inputs themselves: a caller can change an array after
   * {@code mVjp} returns, and the pullback must still see the values it was called with.
   */
  private boolean immutableInputs() {
    for (Param p : source.params()) {
      if (isPrimalParam(p) && !immutable(p.var().type())) {
        return false;
      }
    }
    return true;
  }

  private static boolean immutable(Type t) {
    if (t instanceof Type.Array) {
      return false;
    }
    if (t instanceof Type.Record rec) {
      return rec.components().stream().allMatch(c -> immutable(c.type()));
    }
    return true;
  }

  private static Set<Var> assignedIn(Block b) {
    Set<Var> out = new HashSet<>();
    Stmts.walk(b, s -> {
      Var t = Stmts.target(s);
      if (t != null) {
        out.add(t);
      }
    });
    return out;
  }

  /** Whether {@code p} is one of the method's own parameters (not a JVP rule's tangent). */
  private boolean isPrimalParam(Param p) {
    return source.params().indexOf(p) < f.params().size();
  }

  private String pullbackName() {
    return f.helperName(f.name() + "Pullback");
  }

  /** {@code private static G mPullback(R cotangent, residuals...)}: the backward sweep. */
  private void pullbackMethod(Reverse.Result r, Var cotangent, List<Var> residuals) {
    List<Var> params = new ArrayList<>(r.arraySeeds());
    params.addAll(residuals);
    type.addMethod(pullbackSignature(cotangent, params, "The backward sweep of {@link $T#$L}: the cotangent"
        + " of its differentiable parameters, from the result's cotangent"
        + (r.arraySeeds().isEmpty() ? "" : ", the cotangents of the final contents of the arrays it writes into"
            + " (null for zero; updated in place)")
        + " and what the forward sweep kept.\n")
        .addCode(emitter.block(emitter.compact(r.backward(), vars(gradient(r))), DerivativesWriter.noReturn()))
        .addStatement("return $L", emitter.expr(gradient(r)))
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

  private static Set<Var> vars(Expr e) {
    return Exprs.vars(e);
  }

  /**
   * The call of {@code mPullback}, with {@code tape} (null: none) replayed; the arrays written in
   * place get {@code arrayCotangents} (null: zero cotangents).
   */
  private CodeBlock pullbackCall(CodeBlock cotangent, List<Var> arrayCotangents, List<Var> residuals, Var tape) {
    List<CodeBlock> args = new ArrayList<>();
    if (!f.isVoid()) {
      args.add(cotangent);
    }
    for (Var bar : arrayCotangents) {
      args.add(bar == null ? CodeBlock.of("null") : CodeBlock.of("$L", bar.name()));
    }
    for (Var v : residuals) {
      args.add(v == tape ? CodeBlock.of("$L.replay()", v.name()) : CodeBlock.of("$L", v.name()));
    }
    return CodeBlock.of("$T.$L($L)", JavaEmitter.className(f.derivativesClass()), pullbackName(),
        CodeBlock.join(args, ", "));
  }

  /** {@code mGrad}: the forward sweep, keeping only what the backward sweep reads, then mPullback(1). */
  private void gradThroughPullback(Reverse.Result r, List<Var> residuals) {
    Block forward = Cleanup.deadCode(r.forward(), new LinkedHashSet<>(
        residuals), r.pureFunctions());
    type.addMethod(gradSignature()
        .addCode(emitter.block(emitter.compact(forward, new HashSet<>(residuals)),
            DerivativesWriter.noReturn()))
        .addStatement("return $L", pullbackCall(JavaEmitter.literal(Const.of(f.resultType(), 1)),
            nulls(r.arraySeeds()), residuals, null))
        .build());
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
    type.addMethod(gradSignature()
        .addCode(body(f.name() + "Grad", r, gradient(r), JavaEmitter.type(f.gradientType())))
        .build());
  }

  private MethodSpec.Builder gradSignature() {
    return primalSignature(f.name() + "Grad")
        .returns(JavaEmitter.type(f.gradientType()))
        .addJavadoc("The gradient of {@link $T#$L} with respect to its differentiable parameters (JAX"
            + " {@code grad}).\n", owner(), f.name());
  }

  /** Both sweeps then {@code return result}, in a frame when too large for one method. */
  private CodeBlock body(String method, Reverse.Result r, Expr result, TypeName resultType) {
    List<Stmt> all = new ArrayList<>(r.forward().stmts());
    all.addAll(r.backward().stmts());
    if (Frames.tooLarge(all)) {
      return Frames.split(type, DerivativesWriter.frameName(f, method), primalParams(), all, result, resultType,
          emitter);
    }
    return CodeBlock.builder()
        .add(emitter.block(r.forward(), DerivativesWriter.noReturn()))
        .add(emitter.block(r.backward(), DerivativesWriter.noReturn()))
        .addStatement("return $L", emitter.expr(result))
        .build();
  }

  /** The method's own parameters (a transposed rule's tangents left out). */
  private List<Var> primalParams() {
    List<Var> params = new ArrayList<>();
    for (Param p : source.params().subList(0, f.params().size())) {
      params.add(p.var());
    }
    return params;
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

  /** {@code mValueAndGrad}: the VJP object's value and its pullback of one. */
  private void valueAndGrad() {
    type.addType(valueAndGradRecord(f));
    ClassName record = JavaEmitter.className(f.valueAndGradClass());
    MethodSpec.Builder m = primalSignature(f.name() + "ValueAndGrad")
        .returns(record)
        .addJavadoc("The value of {@link $T#$L} and its gradient (JAX {@code value_and_grad}).\n", owner(),
            f.name());
    List<CodeBlock> args = new ArrayList<>();
    for (FunctionInfo.ParamInfo p : f.params()) {
      args.add(CodeBlock.of("$L", p.name()));
    }
    m.addStatement("$T vjp = $L($L)", JavaEmitter.className(f.vjpClass()), f.name() + "Vjp", CodeBlock.join(args, ", "));
    m.addStatement("return new $T(vjp.value(), vjp.pullback($L))", record,
        JavaEmitter.literal(Const.of(f.resultType(), 1)));
    type.addMethod(m.build());
  }

  private void vjp(Reverse.Result r, Var cotangent, List<Var> residuals) {
    vjpClass(residuals, cotangent, r.arraySeeds(), r.tape(), "");
    List<CodeBlock> args = new ArrayList<>();
    Set<Var> kept = new HashSet<>(residuals);
    if (!f.isVoid()) {
      args.add(emitter.expr(value(r)));
      kept.addAll(vars(value(r)));
    }
    Set<Var> readArrays = elementsRead(r.backward());
    for (Var v : residuals) {
      args.add(residualArgument(v, readArrays));
    }
    vjpFactory(emitter.block(emitter.compact(r.forward(), kept), DerivativesWriter.noReturn()), args);
  }

  /** The arrays whose elements {@code b} reads. */
  private static Set<Var> elementsRead(Block b) {
    Set<Var> out = new HashSet<>();
    Stmts.walkExprs(b, e -> {
      if (e instanceof Expr.ArrayRead a && a.array() instanceof Var v) {
        out.add(v);
      }
    });
    return out;
  }

  /**
   * What the VJP object keeps of residual {@code v}: a copy of an array parameter whose elements
   * the backward sweep reads again ({@code readArrays}), which the caller may change before it calls
   * the pullback; else {@code v}.
   */
  private CodeBlock residualArgument(Var v, Set<Var> readArrays) {
    boolean parameter = primalParams().contains(v);
    if (parameter && v.type() instanceof Type.Array && readArrays.contains(v)) {
      return CodeBlock.of("$L == null ? null : $L.clone()", v.name(), v.name());
    }
    return CodeBlock.of("$L", v.name());
  }

  /**
   * The {@code MVjp} class: the value and {@code fields}, and a pullback that calls {@code mPullback}
   * with them ({@code tape}, when not null, replayed); {@code note} ends its javadoc. A method that
   * writes into arrays also gets a pullback taking their cotangents ({@code arraySeeds}).
   */
  private void vjpClass(List<Var> fields, Var cotangent, List<Var> arraySeeds, Var tape, String note) {
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
          .addStatement("return $L", pullbackCall(CodeBlock.of("$L", cotangent.name()), nulls(arraySeeds), fields,
              tape))
          .build());
    }
    if (!arraySeeds.isEmpty()) {
      cls.addMethod(inPlacePullback(cotangent, arraySeeds)
          .addStatement("return $L", pullbackCall(CodeBlock.of("$L", cotangent.name()), arraySeeds, fields, tape))
          .build());
    }
    type.addType(cls.build());
  }

  /** {@code pullback(cotangent, xBar...)} of a method writing into the arrays {@code x...}: its signature. */
  private MethodSpec.Builder inPlacePullback(Var cotangent, List<Var> arraySeeds) {
    MethodSpec.Builder m = MethodSpec.methodBuilder("pullback").addModifiers(Modifier.PUBLIC)
        .returns(JavaEmitter.type(f.gradientType()))
        .addJavadoc("The cotangent of the differentiable parameters, given $Lthe cotangents of the final contents"
            + " of the arrays the method writes into ($L: arrays of their lengths, or null for zero). Each such"
            + " array is updated in place to the cotangent of the contents on entry, and is that parameter's"
            + " component of the result.\n", f.isVoid() ? "" : "the result's cotangent and ", names(arraySeeds));
    if (!f.isVoid()) {
      m.addParameter(JavaEmitter.type(f.resultType()), cotangent.name());
    }
    for (Var bar : arraySeeds) {
      m.addParameter(JavaEmitter.type(bar.type()), bar.name());
    }
    return m;
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
    type.addMethod(primalSignature(f.name() + "Vjp")
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
  private void vjpInFrame(Reverse.Result r, Var cotangent) {
    String frameName = DerivativesWriter.frameName(f, f.name() + "Vjp");
    List<Var> inputs = new ArrayList<>(primalParams());
    if (!f.isVoid()) {
      inputs.add(cotangent);
    }
    inputs.addAll(r.arraySeeds());
    List<Stmt> all = new ArrayList<>(r.forward().stmts());
    all.addAll(r.backward().stmts());
    TypeSpec.Builder frame = Frames.frameClass(frameName, inputs, all);
    List<String> forwardParts = Frames.addParts(frame, "forward", r.forward().stmts(), emitter);
    List<String> backwardParts = Frames.addParts(frame, "backward", r.backward().stmts(), emitter);
    TypeName resultType = JavaEmitter.type(f.resultType());
    TypeName gradientType = JavaEmitter.type(f.gradientType());
    if (!f.isVoid()) {
      frame.addMethod(MethodSpec.methodBuilder("value").returns(resultType)
          .addStatement("return $L", emitter.expr(value(r))).build());
    }
    frame.addMethod(MethodSpec.methodBuilder("gradient").returns(gradientType)
        .addStatement("return $L", emitter.expr(gradient(r))).build());
    ClassName frameType = ClassName.bestGuess(frameName);
    // a pullback's own frame holds what the backward sweep reads (residuals), in parts small enough to compile
    MethodSpec.Builder copy = MethodSpec.methodBuilder("copy").returns(frameType)
        .addStatement("$L copy = new $L()", frameName, frameName);
    List<Var> residuals = new ArrayList<>(r.residuals(Set.of(cotangent)));
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
    MethodSpec.Builder pullback = r.arraySeeds().isEmpty()
        ? MethodSpec.methodBuilder("pullback").addModifiers(Modifier.PUBLIC)
            .returns(gradientType)
            .addParameter(resultType, cotangent.name())
            .addJavadoc("The cotangent of the differentiable parameters, given the result's cotangent.\n")
        : inPlacePullback(cotangent, r.arraySeeds());
    pullback.addStatement("$L run = frame.copy()", frameName);
    if (!f.isVoid()) {
      pullback.addStatement("run.$L = $L", cotangent.name(), cotangent.name());
    }
    for (Var bar : r.arraySeeds()) {
      pullback.addStatement("run.$L = $L", bar.name(), bar.name());
    }
    for (String part : backwardParts) {
      pullback.addStatement("run.$L()", part);
    }
    cls.addMethod(pullback.addStatement("return run.gradient()").build());
    if (!r.arraySeeds().isEmpty() && !f.isVoid()) {
      cls.addMethod(MethodSpec.methodBuilder("pullback").addModifiers(Modifier.PUBLIC)
          .returns(gradientType)
          .addParameter(resultType, cotangent.name())
          .addJavadoc("The cotangent of the differentiable parameters, given the result's cotangent.\n")
          .addStatement("return pullback($L)", CodeBlock.join(java.util.stream.Stream.concat(
              java.util.stream.Stream.of(CodeBlock.of("$L", cotangent.name())),
              r.arraySeeds().stream().map(b -> CodeBlock.of("null"))).toList(), ", "))
          .build());
    }
    type.addType(cls.build());
    MethodSpec.Builder factory = primalSignature(f.name() + "Vjp")
        .returns(JavaEmitter.className(f.vjpClass()))
        .addJavadoc("The value of {@link $T#$L} and its pullback (JAX {@code vjp}).\n", owner(), f.name())
        .addStatement("$L frame = new $L()", frameName, frameName);
    Set<Var> readArrays = elementsRead(r.backward());
    for (Var v : primalParams()) {
      factory.addStatement("frame.$L = $L", v.name(), residualArgument(v, readArrays));
    }
    for (String part : forwardParts) {
      factory.addStatement("frame.$L()", part);
    }
    factory.addStatement("return new $T(frame)", JavaEmitter.className(f.vjpClass()));
    type.addMethod(factory.build());
  }
}
