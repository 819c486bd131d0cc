package dev.leibniz.processor.codegen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.plan.Form;
import dev.leibniz.processor.plan.FunctionPlan;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.GeneratedNames;
import dev.leibniz.processor.rules.FunctionTable;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code FooDerivatives}: for each differentiable method of {@code Foo}, its forward form
 * ({@code mJvp}), its reverse forms ({@code mGrad}, {@code mValueAndGrad}, {@code mVjp} and the
 * {@code MVjp} class), {@code mJacobian} for a non-scalar result and, for {@code order = 2}, {@code mHessian} and {@code mHvp}.
 */
public final class DerivativesWriter {
  static final String GENERATOR = "dev.leibniz.processor.LeibnizProcessor";

  private final FunctionTable table;

  public DerivativesWriter(FunctionTable table) {
    this.table = table;
  }

  /** Where the writer reports a bug in Leibniz, on the function it was writing. */
  public interface Errors {
    void internal(FunctionInfo f, RuntimeException e);
  }

  /**
   * The generated source of {@code owner}'s derivatives class, printed from the plans of its
   * functions, or null after an internal error (reported to {@code errors}).
   */
  public String write(ClassRef owner, List<FunctionPlan> plans, Errors errors) {
    ClassRef generated = GeneratedNames.derivativesClass(owner);
    List<FunctionInfo> functions = plans.stream().map(FunctionPlan::function).toList();
    Lambdas lambdas = new Lambdas(owner);
    JavaEmitter emitter = new JavaEmitter(table, lambdas::instance);
    lambdas.setEmitter(emitter);
    TypeSpec.Builder type = TypeSpec.classBuilder(generated.simpleName())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addAnnotation(AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
            .addMember("value", "$S", GENERATOR).build())
        .addJavadoc(classJavadoc(owner, functions))
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    for (FunctionPlan plan : plans) {
      lambdas.enter(plan);
      try {
        for (Form form : Form.values()) {
          if (plan.has(form)) {
            write(form, plan, emitter, type);
          }
        }
      } catch (RuntimeException e) {
        errors.internal(plan.function(), e);
        return null;
      }
    }
    for (TypeSpec lambda : lambdas.classes()) {
      type.addType(lambda);
    }
    JavaFile file = JavaFile.builder(generated.packageName(), type.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
    return file.toString();
  }

  /** One writer per form. */
  private static void write(Form form, FunctionPlan plan, JavaEmitter emitter, TypeSpec.Builder type) {
    FunctionInfo f = plan.function();
    switch (form) {
      case JVP -> new ForwardForms(plan, emitter, type).jvp();
      case JVP_JVP -> new ForwardForms(plan, emitter, type).jvpJvp();
      case VJP -> new ReverseForms(f, plan.reverse(), emitter, type).write();
      case CUSTOM_VJP -> new CustomVjpForms(f, type).write();
      case JACOBIAN -> new JacobianForms(f, type).write();
      case HESSIAN -> new SecondOrderForms(f, type).write();
    }
  }

  private static CodeBlock classJavadoc(ClassRef owner, List<FunctionInfo> functions) {
    CodeBlock.Builder doc = CodeBlock.builder()
        .add("Derivatives of the differentiable methods of {@link $T}, written by the Leibniz processor.\n",
            JavaEmitter.className(owner));
    List<String> missing = new ArrayList<>();
    for (FunctionInfo f : functions) {
      if (!f.hasJvp() && f.kind() != FunctionInfo.Kind.RULE) {
        missing.add("{@code " + f.name() + "Jvp}");
      }
    }
    if (!missing.isEmpty()) {
      doc.add("\n<p>There is no $L: a {@code @CustomVjp} rule, on the way, has no forward mode (JAX: \"can't"
          + " apply forward-mode autodiff (jvp) to a custom_vjp function\").\n", String.join(", ", missing));
    }
    for (FunctionInfo f : functions) {
      if (!f.overloadSuffix().isEmpty() && f.kind() != FunctionInfo.Kind.RULE) {
        doc.add("\n<p>Overload {@code $L}: its nested types and private helpers end with {@code $L}"
            + " ({@code $L}, {@code $L}).\n", FunctionInfo.signature(f.name(), f.ref().parameterTypes()),
            f.overloadSuffix(), f.vjpClass().simpleName(), f.valueAndGradClass().simpleName());
      }
    }
    return doc.build();
  }

  /**
   * The frame class of generated method {@code method} of {@code f}: {@code fGrad} runs in
   * {@code FGradFrame} ({@code FGradFrame2} for the second overload of {@code f}).
   */
  static String frameName(FunctionInfo f, String method) {
    return f.helperName(Namer.capitalized(method) + "Frame");
  }

  static JavaEmitter.Returns noReturn() {
    return leaves -> {
      throw new IllegalStateException("no return expected here");
    };
  }
}
