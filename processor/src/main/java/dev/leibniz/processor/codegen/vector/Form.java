package dev.leibniz.processor.codegen.vector;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.leibniz.processor.codegen.JavaEmitter;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.plan.BatchedForm;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.GeneratedNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * One batched form of one method: its public signature (SPEC §5), the check of its arrays, and the
 * range method that runs the kernel, then the scalar form element by element.
 */
final class Form {
  static final ClassName BATCH = ClassName.get("dev.leibniz.runtime.vector", "Batch");
  static final ClassName POOL = ClassName.get("java.util.concurrent", "ForkJoinPool");

  private final BatchedForm kind;
  private final FunctionInfo f;
  private final ClassRef generated;
  /** The array parameters after the method's own: tangents, then outputs (or cotangents). */
  private final List<String> extra = new ArrayList<>();
  private final List<String> outputs = new ArrayList<>();
  /** The names of the range method's locals, clear of the method's parameters. */
  private final String index;
  private final String from;
  private final String to;
  private final String pool;
  private final List<String> taken = new ArrayList<>();
  /** The element type of each array parameter: its scalar's, the result's for the outputs. */
  private final Map<String, Type> elements = new HashMap<>();

  Form(BatchedForm kind, FunctionInfo f, ClassRef generated) {
    this.kind = kind;
    this.f = f;
    this.generated = generated;
    for (FunctionInfo.ParamInfo p : f.params()) {
      taken.add(p.name());
    }
    // each name clear of the parameters' and of the names before it; each array of its scalar's type
    for (FunctionInfo.ParamInfo p : f.differentiableParams()) {
      elements.put(p.name(), p.type());
    }
    if (kind == BatchedForm.JVP) {
      for (FunctionInfo.ParamInfo p : f.differentiableParams()) {
        extra.add(array(free(p.name() + "Dot", taken), p.type()));
      }
    }
    if (kind == BatchedForm.GRAD) {
      for (FunctionInfo.ParamInfo p : f.differentiableParams()) {
        outputs.add(array(free(p.name() + "Bar", taken), p.type()));
      }
    } else {
      outputs.add(array(free("out", taken), f.resultType()));
      if (kind == BatchedForm.JVP) {
        outputs.add(array(free("outDot", taken), f.resultType()));
      }
    }
    extra.addAll(outputs);
    index = free("i", taken);
    from = free("from", taken);
    to = free("to", taken);
    pool = free("pool", taken);
  }

  /** {@code name}, an array of {@code element}s. */
  private String array(String name, Type element) {
    elements.put(name, element);
    return name;
  }

  /** {@code name}, with {@code _} appended while it is taken; then taken. */
  private static String free(String name, List<String> taken) {
    String n = name;
    while (taken.contains(n)) {
      n = n + "_";
    }
    taken.add(n);
    return n;
  }

  String name() {
    return switch (kind) {
      case PRIMAL -> f.name();
      case JVP -> f.formName(Callee.Form.JVP);
      case GRAD -> GeneratedNames.form(f.name(), GeneratedNames.GRAD);
    };
  }

  Type element() {
    return f.resultType();
  }

  List<String> outputs() {
    return outputs;
  }

  /** The scalar form the tail and the fallback call, for the note. */
  String scalarForm() {
    return kind == BatchedForm.PRIMAL ? f.ref().toString() : f.derivativesClass().simpleName() + "." + name();
  }

  private TypeName arrayType(String name) {
    return ArrayTypeName.of(JavaEmitter.type(elements.get(name)));
  }

  /** The form's parameters: the method's (D as arrays), then tangents and outputs. */
  private MethodSpec.Builder signature(String name) {
    return signature(name, false);
  }

  private MethodSpec.Builder signature(String name, boolean withPool) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(name);
    if (withPool) {
      m.addParameter(POOL, pool);
    }
    for (FunctionInfo.ParamInfo p : f.params()) {
      m.addParameter(p.differentiable() ? arrayType(p.name()) : JavaEmitter.type(p.type()), p.name());
    }
    for (String e : extra) {
      m.addParameter(arrayType(e), e);
    }
    return m;
  }

  private List<String> arrays() {
    List<String> out = new ArrayList<>();
    for (FunctionInfo.ParamInfo p : f.params()) {
      if (p.differentiable()) {
        out.add(p.name());
      }
    }
    out.addAll(extra);
    return out;
  }

  private CodeBlock arguments() {
    List<CodeBlock> args = new ArrayList<>();
    for (FunctionInfo.ParamInfo p : f.params()) {
      args.add(CodeBlock.of("$L", p.name()));
    }
    for (String e : extra) {
      args.add(CodeBlock.of("$L", e));
    }
    return CodeBlock.join(args, ", ");
  }

  private CodeBlock length() {
    List<CodeBlock> lengths = new ArrayList<>();
    for (String a : arrays()) {
      lengths.add(CodeBlock.of("$L.length", a));
    }
    return CodeBlock.of("$T.length($S, $L)", BATCH, String.join(" ", arrays()), CodeBlock.join(lengths, ", "));
  }

  /** The form, and its overload on the threads of a pool. */
  List<MethodSpec> publicMethods() {
    ClassName owner = JavaEmitter.className(f.ref().owner());
    CodeBlock what = switch (kind) {
      case PRIMAL -> CodeBlock.of("{@link $T#$L} of every element (JAX {@code vmap}), into {@code $L}",
          owner, f.name(), outputs.get(0));
      case JVP -> CodeBlock.of("The value and tangent of {@link $T#$L} at every element (JAX {@code"
          + " vmap(jvp)}), into {@code $L} and {@code $L}", owner, f.name(), outputs.get(0), outputs.get(1));
      case GRAD -> CodeBlock.of("The gradient of {@link $T#$L} at every element (JAX {@code vmap(grad)}), into"
          + " {@code $L}", owner, f.name(), String.join("}, {@code ", outputs));
    };
    MethodSpec one = signature(name())
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("$L.\n", what)
        .addStatement("$L($L, 0, $L)", rangeName(), arguments(), length())
        .build();
    MethodSpec threads = signature(name(), true)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("$L, split across the threads of {@code pool} in pieces of at least {@link $T#MIN_CHUNK}"
            + " elements (the same results as on one thread).\n", what, BATCH)
        .addStatement("$T.split($L, $L, ($L, $L) -> $L($L, $L, $L))", BATCH, pool, length(), from, to, rangeName(),
            arguments(), from, to)
        .build();
    return List.of(one, threads);
  }

  private String rangeName() {
    return name() + "Range";
  }

  /** Elements {@code from} to {@code to}: the kernel's whole vectors, then the scalar form. */
  MethodSpec rangeMethod(boolean kernel, boolean vectorApi) {
    MethodSpec.Builder m = signature(rangeName())
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(TypeName.INT, from)
        .addParameter(TypeName.INT, to);
    if (kernel) {
      m.addStatement("int $L = $T.VECTORIZED ? Kernels.$L($L, $L, $L) : $L", index, BATCH, name(), arguments(), from,
          to, from);
    } else {
      if (!vectorApi) {
        m.addStatement("$T.compiledScalar($T.class)", BATCH, JavaEmitter.className(generated));
      }
      m.addStatement("int $L = $L", index, from);
    }
    m.beginControlFlow("for (; $L < $L; $L++)", index, to, index);
    m.addCode(oneElement());
    m.endControlFlow();
    return m.build();
  }

  /** One element by the scalar form. */
  private CodeBlock oneElement() {
    List<CodeBlock> args = new ArrayList<>();
    for (FunctionInfo.ParamInfo p : f.params()) {
      args.add(p.differentiable() ? at(p.name()) : CodeBlock.of("$L", p.name()));
    }
    if (kind == BatchedForm.JVP) {
      for (String dot : extra.subList(0, extra.size() - 2)) {
        args.add(at(dot));
      }
    }
    CodeBlock call = CodeBlock.of("$T.$L($L)", JavaEmitter.className(
        kind == BatchedForm.PRIMAL ? f.ref().owner() : f.derivativesClass()), name(), CodeBlock.join(args, ", "));
    CodeBlock.Builder code = CodeBlock.builder();
    if (kind == BatchedForm.PRIMAL || (kind == BatchedForm.GRAD && outputs.size() == 1)) {
      return code.addStatement("$L = $L", at(outputs.get(0)), call).build();
    }
    String element = free("element", taken);
    code.addStatement("var $L = $L", element, call);
    if (kind == BatchedForm.JVP) {
      code.addStatement("$L = $L.value()", at(outputs.get(0)), element);
      code.addStatement("$L = $L.tangent()", at(outputs.get(1)), element);
    } else {
      List<FunctionInfo.ParamInfo> d = f.differentiableParams();
      for (int k = 0; k < d.size(); k++) {
        code.addStatement("$L = $L.$L()", at(outputs.get(k)), element, d.get(k).name());
      }
    }
    return code.build();
  }

  private CodeBlock at(String array) {
    return CodeBlock.of("$L[$L]", array, index);
  }
}
