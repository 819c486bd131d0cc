package dev.leibniz.processor.codegen.vector;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.leibniz.processor.codegen.JavaEmitter;
import dev.leibniz.processor.diagnostics.Diagnostic;
import dev.leibniz.processor.diagnostics.Message;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Kernel;
import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.plan.BatchedForm;
import dev.leibniz.processor.plan.BatchedPlan;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.GeneratedNames;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code FooVectorized}: the batched forms (JAX {@code vmap}) of {@code Foo}'s methods of
 * scalars, SPEC §5. Each form checks its arrays' lengths and runs a range method: the Vector API
 * kernel (in the nested class {@code Kernels}, loaded only when {@code jdk.incubator.vector} is
 * there at run time) up to the last whole vector, then the scalar form for the rest. A form whose
 * element-wise code the Vector API target cannot print runs the scalar form for every element, and
 * the processor says why in a note. Compiled without the module, every form is a scalar loop.
 */
public final class VectorizedWriter {
  private static final String GENERATOR = "dev.leibniz.processor.LeibnizProcessor";
  private static final ClassName BATCH = Form.BATCH;
  private static final ClassName POOL = Form.POOL;

  private final boolean vectorApi;
  private final Notes notes;

  /** Where the writer says that a batched form runs element by element, and why. */
  public interface Notes {
    void note(FunctionInfo f, Message message);
  }

  /**
   * @param vectorApi whether {@code jdk.incubator.vector} is there at compile time
   */
  public VectorizedWriter(boolean vectorApi, Notes notes) {
    this.vectorApi = vectorApi;
    this.notes = notes;
  }

  /** The source of {@code FooVectorized} from the plans of {@code owner}'s methods that have batched forms, or null for none. */
  public String write(ClassRef owner, List<BatchedPlan> plans) {
    if (plans.isEmpty()) {
      return null;
    }
    ClassRef generated = GeneratedNames.vectorizedClass(owner);
    TypeSpec.Builder type = TypeSpec.classBuilder(generated.simpleName())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addAnnotation(AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
            .addMember("value", "$S", GENERATOR).build())
        .addJavadoc(classJavadoc(owner))
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    TypeSpec.Builder kernels = TypeSpec.classBuilder("Kernels")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("The Vector API kernels: this class is loaded only when {@link $T#VECTORIZED}.\n", BATCH)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    Species species = new Species();
    for (BatchedPlan plan : plans) {
      FunctionInfo f = plan.function();
      for (BatchedForm kind : BatchedForm.values()) {
        if (!plan.forms().contains(kind)) {
          continue;
        }
        Form form = new Form(kind, f, generated);
        MethodSpec vector = null;
        String elementwise = plan.elementwise().get(kind);
        Kernel kernel = plan.kernels().get(kind);
        if (kernel != null) {
          try {
            vector = kernelMethod(form, kernel, species);
          } catch (VectorPrinter.NotVectorizable e) {
            elementwise = e.getMessage();
          }
        }
        if (elementwise != null) {
          notes.note(f, Diagnostic.ELEMENTWISE_BATCH.of(generated.simpleName(), form.name(), form.scalarForm(),
              elementwise));
        }
        if (vector != null) {
          kernels.addMethod(vector);
        }
        type.addMethods(form.publicMethods());
        type.addMethod(form.rangeMethod(vector != null, vectorApi));
      }
    }
    species.addFields(kernels);
    TypeSpec k = kernels.build();
    if (!k.methodSpecs().stream().allMatch(MethodSpec::isConstructor)) {
      type.addType(k);
    }
    JavaFile file = JavaFile.builder(generated.packageName(), type.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
    return file.toString();
  }

  private static CodeBlock classJavadoc(ClassRef owner) {
    return CodeBlock.of("Batched forms (JAX {@code vmap}) of the methods of scalars of {@link $T}, written by the"
        + " Leibniz processor: each takes one array per differentiable parameter (the others as they are) and"
        + " computes every element as the scalar form of {@code $L} does.\n\n<p>Arrays must have one length,"
        + " else {@link IllegalArgumentException}. Run with {@code --add-modules jdk.incubator.vector} (and"
        + " compiled with it), the forms run on the Vector API; without it, as scalar loops (one warning line"
        + " at first use). The overloads taking a {@link $T} split large arrays across its threads, with the"
        + " same results bit for bit.\n", JavaEmitter.className(owner), GeneratedNames.derivativesClass(owner).simpleName(),
        POOL);
  }

  /** The kernel: whole vectors from {@code from}, returning where it stopped. */
  private MethodSpec kernelMethod(Form form, Kernel k, Species species) {
    Type.Prim element = (Type.Prim) form.element();
    Stmts.walkExprs(k.body(), e -> {
      if (e instanceof Expr.Invoke call && call.callee() != Callee.Special.STOP_GRADIENT) {
        throw new VectorPrinter.NotVectorizable(VectorPrinter.describeCall(call));
      }
    });
    Lanes lanes = Lanes.of(k.body(), k.inputs());
    Var odd = lanes.unsupported(element);
    if (odd != null) {
      throw new VectorPrinter.NotVectorizable(odd.type() == Type.Prim.DOUBLE || odd.type() == Type.Prim.FLOAT
          ? "double and float values mixed" : "a value of type " + odd.type() + " computed from the batched values")
          .in(k.inlined().get(odd));
    }
    Namer namer = Namer.forFunction(k.source());
    for (Var v : Stmts.mentioned(k.body())) {
      namer.take(v.name());
    }
    namer.take(Species.DOUBLES);
    namer.take(Species.FLOATS);
    String s = species.of(element);
    VectorPrinter printer = new VectorPrinter(lanes, element, s, namer, k.inlined());
    ClassName vector = VectorPrinter.vectorClass(element);
    TypeName array = ArrayTypeName.of(JavaEmitter.type(element));
    MethodSpec.Builder m = MethodSpec.methodBuilder(form.name())
        .addModifiers(Modifier.STATIC)
        .returns(TypeName.INT);
    String i = namer.fresh("i");
    String end = namer.fresh("end");
    String from = namer.fresh("from");
    String to = namer.fresh("to");
    CodeBlock.Builder loads = CodeBlock.builder();
    List<Var> inputs = k.inputs();
    int next = 0;
    for (Param p : k.source().params()) {
      if (inputs.contains(p.var())) {
        next++;
        String a = namer.fresh(p.var().name() + "s");
        m.addParameter(array, a);
        loads.addStatement("$T $L = $T.fromArray($L, $L, $L)", vector, p.var().name(), vector, s, a, i);
      } else {
        m.addParameter(JavaEmitter.type(p.var().type()), p.var().name());
      }
    }
    for (Var v : inputs.subList(next, inputs.size())) {
      String a = namer.fresh(v.name() + "s");
      m.addParameter(array, a);
      loads.addStatement("$T $L = $T.fromArray($L, $L, $L)", vector, v.name(), vector, s, a, i);
    }
    CodeBlock.Builder stores = CodeBlock.builder();
    for (int o = 0; o < k.outputs().size(); o++) {
      String a = namer.fresh(form.outputs().get(o) + "s");
      m.addParameter(array, a);
      stores.addStatement("$L.intoArray($L, $L)", printer.vec(k.outputs().get(o)), a, i);
    }
    CodeBlock body = printer.block(k.body());
    m.addParameter(TypeName.INT, from).addParameter(TypeName.INT, to);
    m.addStatement("int $L = $L", i, from);
    m.beginControlFlow("for (int $L = $L + $L.loopBound($L - $L); $L < $L; $L += $L.length())", end, from, s, to, from,
        i, end, i, s);
    m.addCode(loads.build()).addCode(body).addCode(stores.build());
    m.endControlFlow();
    m.addStatement("return $L", i);
    return m.build();
  }

  /** The species fields of {@code Kernels}, declared when used. */
  private static final class Species {
    static final String DOUBLES = "DOUBLES";
    static final String FLOATS = "FLOATS";
    private boolean doubles;
    private boolean floats;

    String of(Type.Prim element) {
      if (element == Type.Prim.FLOAT) {
        floats = true;
        return FLOATS;
      }
      doubles = true;
      return DOUBLES;
    }

    void addFields(TypeSpec.Builder kernels) {
      if (doubles) {
        kernels.addField(field(Type.Prim.DOUBLE, DOUBLES));
      }
      if (floats) {
        kernels.addField(field(Type.Prim.FLOAT, FLOATS));
      }
    }

    private static FieldSpec field(Type.Prim element, String name) {
      ClassName vector = VectorPrinter.vectorClass(element);
      TypeName t = ParameterizedTypeName.get(ClassName.get(VectorPrinter.PACKAGE, "VectorSpecies"),
          JavaEmitter.className(element.boxed()));
      return FieldSpec.builder(t, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .initializer("$T.SPECIES_PREFERRED", vector)
          .build();
    }
  }
}
