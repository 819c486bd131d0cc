package dev.leibniz.processor.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.LambdaFunction;
import dev.leibniz.processor.ir.Leaves;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.plan.FunctionPlan;
import dev.leibniz.processor.plan.LambdaPlan;
import dev.leibniz.processor.rules.FunctionInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.leibniz.processor.ir.Namer;
import javax.lang.model.element.Modifier;

/**
 * The function values of derivative code: each lambda (or method reference) the user wrote becomes
 * a nested class implementing {@code DifferentiableUnaryOperator} or
 * {@code DifferentiableBinaryOperator}, with its derivatives generated from the lambda's body, so
 * rules reach them through {@code Leibniz.differentiable(f)}.
 */
final class Lambdas {
  private final ClassRef owner;
  private final Map<LambdaFunction, String> names = new LinkedHashMap<>();
  private final Map<LambdaFunction, String> writtenIn = new LinkedHashMap<>();
  private final List<TypeSpec> classes = new ArrayList<>();
  private JavaEmitter emitter;
  private String function;
  /** The class name the current method's lambdas start with: {@code FLambda}, {@code FLambda2_} for its second overload. */
  private String prefix;
  /** The derivatives of the current method's lambdas. */
  private Map<LambdaFunction, LambdaPlan> plans;
  private int counter;

  Lambdas(ClassRef owner) {
    this.owner = owner;
  }

  void setEmitter(JavaEmitter emitter) {
    this.emitter = emitter;
  }

  /** The method whose lambdas come next, with their derivatives planned. */
  void enter(FunctionPlan plan) {
    FunctionInfo f = plan.function();
    this.plans = plan.lambdas();
    this.function = f.name();
    String base = f.helperName(Namer.capitalized(f.name()) + "Lambda");
    this.prefix = base.endsWith("Lambda") ? base : base + "_";
    this.counter = 0;
  }

  /** The expression that makes the function value {@code l} in derivative code. */
  CodeBlock instance(Expr.Lambda l) {
    LambdaFunction fn = l.function();
    String name = names.get(fn);
    if (name == null) {
      name = prefix + ++counter;
      names.put(fn, name);
      writtenIn.put(fn, function);
      classes.add(write(name, fn, Known.arity(l.type())));
    }
    List<CodeBlock> captures = new ArrayList<>();
    for (Var c : fn.captures()) {
      captures.add(CodeBlock.of("$L", c.name()));
    }
    return CodeBlock.of("new $L($L)", name, CodeBlock.join(captures, ", "));
  }

  List<TypeSpec> classes() {
    return classes;
  }

  private TypeSpec write(String name, LambdaFunction fn, int arity) {
    LambdaPlan plan = plans.get(fn);
    ClassName iface = JavaEmitter.className(arity == 1 ? Known.DIFF_UNARY : Known.DIFF_BINARY);
    TypeSpec.Builder cls = TypeSpec.classBuilder(name)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addSuperinterface(iface)
        .addJavadoc("A lambda of {@link $T#$L}, with the derivatives of its body.\n", JavaEmitter.className(owner),
            function);
    MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
    for (Var c : fn.captures()) {
      TypeName t = JavaEmitter.type(c.type());
      cls.addField(FieldSpec.builder(t, c.name(), Modifier.PRIVATE, Modifier.FINAL).build());
      ctor.addParameter(t, c.name()).addStatement("this.$L = $L", c.name(), c.name());
    }
    cls.addMethod(ctor.build());
    Function body = plan.body();
    cls.addMethod(primal(body));
    if (plan.jvp() != null) {
      cls.addMethod(override("jvp", plan.jvp(), JavaEmitter.className(Known.DUAL)));
      if (plan.jvpJvp() != null) {
        cls.addMethod(override("jvpJvp", plan.jvpJvp(),
            ParameterizedTypeName.get(JavaEmitter.className(Known.JVP), JavaEmitter.className(Known.DUAL))));
        cls.addMethod(vjpJvp(arity));
      }
    } else {
      // forward mode through a @CustomVjp method: only reverse mode exists, as in JAX
      MethodSpec.Builder jvp = MethodSpec.methodBuilder("jvp").addAnnotation(Override.class)
          .addModifiers(Modifier.PUBLIC).returns(JavaEmitter.className(Known.DUAL));
      for (Param p : body.params()) {
        jvp.addParameter(double.class, p.var().name());
      }
      for (Param p : body.params()) {
        jvp.addParameter(double.class, p.var().name() + "Dot");
      }
      cls.addMethod(jvp.addStatement("throw new $T($S)", UnsupportedOperationException.class,
          "this function value calls a @CustomVjp method: can't apply forward-mode autodiff (jvp) to a"
              + " custom_vjp function").build());
    }
    cls.addMethod(vjp(plan, arity));
    return cls.build();
  }

  private MethodSpec primal(Function body) {
    MethodSpec.Builder m = MethodSpec.methodBuilder("applyAsDouble").addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC).returns(double.class);
    for (Param p : body.params()) {
      m.addParameter(double.class, p.var().name());
    }
    m.addCode(emitter.block(body.body(), leaves -> CodeBlock.builder()
        .addStatement("return $L", emitter.expr(leaves.get(0))).build()));
    return m.build();
  }

  private MethodSpec override(String name, Function fn, TypeName result) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(name).addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC).returns(result);
    for (Param p : fn.params()) {
      m.addParameter(double.class, p.var().name());
    }
    Type resultType = fn.resultType();
    m.addCode(emitter.block(fn.body(), leaves -> CodeBlock.builder()
        .addStatement("return $L", emitter.expr(Leaves.rebuild(resultType, leaves))).build()));
    return m.build();
  }

  private MethodSpec vjp(LambdaPlan plan, int arity) {
    Var g = plan.cotangent();
    MethodSpec.Builder m = MethodSpec.methodBuilder("vjp").addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC).returns(arity == 1 ? TypeName.DOUBLE : TypeName.get(double[].class));
    for (Param p : plan.body().params()) {
      m.addParameter(double.class, p.var().name());
    }
    m.addParameter(double.class, g.name());
    m.addCode(emitter.block(plan.forward(), DerivativesWriter.noReturn()));
    m.addCode(emitter.block(plan.backward(), DerivativesWriter.noReturn()));
    List<Expr> gradients = plan.gradients();
    if (arity == 1) {
      m.addStatement("return $L", emitter.expr(gradients.get(0)));
    } else {
      m.addStatement("return new double[] {$L, $L}", emitter.expr(gradients.get(0)),
          emitter.expr(gradients.get(1)));
    }
    return m.build();
  }

  /** Forward mode through {@code vjp}, from the second directional derivatives of {@code jvpJvp}. */
  private MethodSpec vjpJvp(int arity) {
    if (arity == 1) {
      return MethodSpec.methodBuilder("vjpJvp").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
          .returns(JavaEmitter.className(Known.DUAL))
          .addParameter(double.class, "x").addParameter(double.class, "g")
          .addParameter(double.class, "xDot").addParameter(double.class, "gDot")
          .addStatement("$T second = jvpJvp(x, 1.0, xDot, 0.0)", ParameterizedTypeName.get(
              JavaEmitter.className(Known.JVP), JavaEmitter.className(Known.DUAL)))
          .addStatement("double slope = second.value().tangent()")
          .addStatement("return new $T(g * slope, gDot * slope + g * second.tangent().tangent())",
              JavaEmitter.className(Known.DUAL))
          .build();
    }
    TypeName second = ParameterizedTypeName.get(JavaEmitter.className(Known.JVP), JavaEmitter.className(Known.DUAL));
    return MethodSpec.methodBuilder("vjpJvp").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .returns(double[].class)
        .addParameter(double.class, "a").addParameter(double.class, "b").addParameter(double.class, "g")
        .addParameter(double.class, "aDot").addParameter(double.class, "bDot").addParameter(double.class, "gDot")
        .addStatement("$T alongA = jvpJvp(a, b, 1.0, 0.0, aDot, bDot, 0.0, 0.0)", second)
        .addStatement("$T alongB = jvpJvp(a, b, 0.0, 1.0, aDot, bDot, 0.0, 0.0)", second)
        .addStatement("double slopeA = alongA.value().tangent()")
        .addStatement("double slopeB = alongB.value().tangent()")
        .addStatement("return new double[] {g * slopeA, g * slopeB, gDot * slopeA + g * alongA.tangent().tangent(),"
            + " gDot * slopeB + g * alongB.tangent().tangent()}")
        .build();
  }
}
