package dev.leibniz.processor.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.Leaves;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.plan.Body;
import dev.leibniz.processor.plan.FunctionPlan;
import dev.leibniz.processor.rules.FunctionInfo;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/** {@code mJvp} and {@code mJvpJvp}: forward mode, printed from the plan. */
final class ForwardForms {
  private final FunctionPlan plan;
  private final FunctionInfo f;
  private final JavaEmitter emitter;
  private final TypeSpec.Builder type;

  ForwardForms(FunctionPlan plan, JavaEmitter emitter, TypeSpec.Builder type) {
    this.plan = plan;
    this.f = plan.function();
    this.emitter = emitter;
    this.type = type;
  }

  void jvp() {
    String name = f.formName(Callee.Form.JVP);
    type.addMethod(plan.jvp() == null ? ruleCall(name) : method(name, plan.jvp(), javadoc(1)));
  }

  void jvpJvp() {
    type.addMethod(method(f.formName(Callee.Form.JVP2), plan.jvpJvp(), javadoc(2)));
  }

  /** {@code mJvp} of a {@code @CustomJvp("rule")} method: the rule itself. */
  private MethodSpec ruleCall(String name) {
    Function rule = f.ir();
    MethodSpec.Builder m = MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc(javadoc(1))
        .returns(JavaEmitter.type(f.jvpResultType()));
    List<CodeBlock> args = new ArrayList<>();
    for (Param p : rule.params()) {
      m.addParameter(JavaEmitter.type(p.var().type()), p.var().name());
      args.add(CodeBlock.of("$L", p.var().name()));
    }
    m.addStatement("return $T.$L($L)", JavaEmitter.className(f.ref().owner()), f.jvpRule(),
        CodeBlock.join(args, ", "));
    return m.build();
  }

  private CodeBlock javadoc(int level) {
    ClassName owner = JavaEmitter.className(f.ref().owner());
    if (level == 1 && f.kind() == FunctionInfo.Kind.RULE) {
      return CodeBlock.of("Forward mode of the rule {@link $T#$L}, for second-order forms.\n", owner, f.name());
    }
    if (level == 1 && f.hasJvp()) {
      return CodeBlock.of("Forward mode (JAX {@code jvp}) of {@link $T#$L}: the value and its directional"
          + " derivative along the tangents.\n", owner, f.name());
    }
    if (level == 1) {
      return CodeBlock.of("The tangent of {@link $T#$L}, computed from its VJP rule (the result is a"
          + " scalar and the rule is linear in the cotangent); for second-order forms only.\n", owner, f.name());
    }
    return CodeBlock.of("Forward mode of {@code $L}: the second-order building block.\n",
        f.formName(Callee.Form.JVP));
  }

  /** A public static method from an IR function whose returns give the result's leaves. */
  private MethodSpec method(String name, Body body, CodeBlock javadoc) {
    Function fn = body.function();
    MethodSpec.Builder m = MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc(javadoc)
        .returns(JavaEmitter.type(fn.resultType()));
    for (Param p : fn.params()) {
      m.addParameter(JavaEmitter.type(p.var().type()), p.var().name());
    }
    if (name.equals(f.formName(Callee.Form.JVP)) && !f.writtenParams().isEmpty()) {
      java.util.Set<Var> written = new java.util.HashSet<>(); // the written arrays and their tangents
      f.writtenArguments(Callee.Form.JVP).forEach(k -> written.add(fn.params().get(k).var()));
      List<Var> arrays = fn.params().stream().map(Param::var).filter(v -> v.type() instanceof Type.Array).toList();
      m.addCode(AliasChecks.distinct(f.name(), arrays, written::contains));
    }
    Type result = fn.resultType();
    List<Stmt> stmts = fn.body().stmts();
    if (body.inFrame()) {
      // one exit at the end, so the body can be cut into parts
      Stmt.Return ret = (Stmt.Return) stmts.get(stmts.size() - 1);
      List<Var> inputs = new ArrayList<>();
      for (Param p : fn.params()) {
        inputs.add(p.var());
      }
      m.addCode(Frames.split(type, DerivativesWriter.frameName(f, name), inputs, stmts.subList(0, stmts.size() - 1),
          result == Type.Prim.VOID ? null : Leaves.rebuild(result, ret.values()), JavaEmitter.type(result), emitter));
      return m.build();
    }
    m.addCode(emitter.block(fn.body(), result == Type.Prim.VOID
        ? JavaEmitter.VOID
        : leaves -> CodeBlock.builder().addStatement("return $L", emitter.expr(Leaves.rebuild(result, leaves))).build()));
    return m.build();
  }
}
