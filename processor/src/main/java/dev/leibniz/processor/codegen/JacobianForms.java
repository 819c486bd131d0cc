package dev.leibniz.processor.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.GeneratedNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * {@code mJacobian} of a method with a non-scalar result: one pullback per row of the result
 * flattened, or one jvp per column of the differentiable parameters flattened, whichever is fewer
 * (JAX users choose between {@code jacrev} and {@code jacfwd} the same way); built from the method's
 * own {@code mVjp} and {@code mJvp}, so custom rules are used as in every other form.
 */
final class JacobianForms {
  private static final ClassName SHAPES = JavaEmitter.className(Known.SHAPES);

  private final FunctionInfo f;
  private final TypeSpec.Builder type;
  /** Names of the method's parameters: the generated locals must not hide them. */
  private final Set<String> taken = new HashSet<>();

  JacobianForms(FunctionInfo f, TypeSpec.Builder type) {
    this.f = f;
    this.type = type;
    for (FunctionInfo.ParamInfo p : f.params()) {
      taken.add(p.name());
    }
  }

  void write() {
    String vjp = local("vjp");
    String value = local("value");
    String rows = local("rows");
    String columns = local("columns");
    String unit = local("unit");
    MethodSpec.Builder m = MethodSpec.methodBuilder(GeneratedNames.form(f.name(), GeneratedNames.JACOBIAN))
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(double[][].class)
        .addJavadoc(javadoc());
    List<CodeBlock> args = new ArrayList<>();
    for (FunctionInfo.ParamInfo p : f.params()) {
      m.addParameter(JavaEmitter.type(p.type()), p.name());
      args.add(CodeBlock.of("$L", p.name()));
    }
    boolean forward = f.hasJvp();
    List<CodeBlock> jvpArgs = new ArrayList<>(args);
    if (forward) {
      // the columns' jvps run on copies of what the method writes: the caller's arrays are written once
      for (int k : f.writtenParams()) {
        FunctionInfo.ParamInfo p = f.params().get(k);
        String copy = local(p.name() + "OnEntry");
        m.addStatement("$T $L = $L", JavaEmitter.type(p.type()), copy, copyOf(p.name(), p.type()));
        jvpArgs.set(k, copyOf(copy, p.type()));
      }
    }
    m.addStatement("$T $L = $L($L)", JavaEmitter.className(f.vjpClass()), vjp, f.formName(Callee.Form.VJP),
        CodeBlock.join(args, ", "));
    // the rows: the result's leaves, or a void method's written arrays (their lengths stay)
    Flattening.Size rowSize = new Flattening.Size();
    CodeBlock cotangent;
    if (f.isVoid()) {
      List<CodeBlock> seeds = new ArrayList<>();
      for (int k : f.inPlaceParams()) {
        FunctionInfo.ParamInfo p = f.params().get(k);
        rowSize.add(CodeBlock.of("$L", p.name()), p.type());
        seeds.add(Flattening.value(unit, CodeBlock.of("$L", p.name()), p.type()));
      }
      cotangent = CodeBlock.join(seeds, ", ");
    } else {
      m.addStatement("$T $L = $L.value()", JavaEmitter.type(f.resultType()), value, vjp);
      rowSize.add(CodeBlock.of("$L", value), f.resultType());
      cotangent = Flattening.value(unit, CodeBlock.of("$L", value), f.resultType());
    }
    m.addStatement("int $L = $L", rows, rowSize.code());
    Flattening.Size columnSize = new Flattening.Size();
    for (FunctionInfo.ParamInfo p : f.differentiableParams()) {
      columnSize.add(CodeBlock.of("$L", p.name()), p.type());
    }
    m.addStatement("int $L = $L", columns, columnSize.code());
    CodeBlock byRows = lines("byRows", rows, columns, unit, flatGradient(columns, CodeBlock.of("$L.pullback($L)", vjp,
        cotangent)));
    if (!forward) {
      type.addMethod(m.addCode(byRows).build());
      return;
    }
    // one pass per row or per column: the fewer
    m.beginControlFlow("if ($L <= $L)", rows, columns).addCode(byRows).endControlFlow();
    type.addMethod(m.addCode(lines("byColumns", rows, columns, unit, flatTangent(jvpArgs, unit, rows, value)))
        .build());
  }

  /** A copy of array {@code name}: a matrix's rows copied too, since they may be written into. */
  static CodeBlock copyOf(String name, Type type) {
    return type instanceof Type.Array a && a.element() instanceof Type.Array ? CodeBlock.of("$T.copy($L)", SHAPES, name)
        : CodeBlock.of("$L == null ? null : $L.clone()", name, name);
  }

  /**
   * Statements returning the tangent of the result along {@code unit}, flattened into a column of
   * {@code rows} entries: of the value, or of a void method's written arrays, updated in place.
   */
  private CodeBlock flatTangent(List<CodeBlock> jvpArgs, String unit, String rows, String value) {
    CodeBlock.Builder body = CodeBlock.builder();
    CodeBlock.Builder adds = CodeBlock.builder();
    List<CodeBlock> args = new ArrayList<>(jvpArgs);
    for (int k = 0; k < f.params().size(); k++) {
      FunctionInfo.ParamInfo p = f.params().get(k);
      if (!p.differentiable()) {
        continue;
      }
      CodeBlock tangent = Flattening.value(unit, CodeBlock.of("$L", p.name()), p.type());
      if (f.isVoid()) {
        // locals in parameter order (the unit's leaves are taken in order), read after the call
        String dot = local(p.name() + "Dot");
        body.addStatement("$T $L = $L", JavaEmitter.type(p.type()), dot, tangent);
        if (f.inPlaceParams().contains(k)) {
          adds.add(Flattening.adds(CodeBlock.of("$L", dot), CodeBlock.of("$L", p.name()), p.type()));
        }
        tangent = CodeBlock.of("$L", dot);
      }
      args.add(tangent);
    }
    CodeBlock call = CodeBlock.of("$L($L)", f.formName(Callee.Form.JVP), CodeBlock.join(args, ",$W"));
    if (f.isVoid()) {
      body.addStatement("$L", call);
    } else {
      String tangent = local("tangent");
      body.addStatement("$T $L = $L.tangent()", JavaEmitter.type(f.resultType()), tangent, call);
      adds.add(Flattening.adds(CodeBlock.of("$L", tangent), CodeBlock.of("$L", value), f.resultType()));
    }
    return body.addStatement("return new $T($L)$L.values()", Flattening.FLAT, rows, adds.build()).build();
  }

  /**
   * {@code return Jacobians.byRows(rows, columns, i -> ...)} or {@code byColumns(..., j -> ...)}:
   * {@code body} computes the line along the unit vector {@code unit}.
   */
  private CodeBlock lines(String how, String rows, String columns, String unit, CodeBlock body) {
    String index = local(how.equals("byRows") ? "i" : "j");
    return CodeBlock.builder()
        .add("return $T.$L($L, $L, $L -> {\n$>", Flattening.JACOBIANS, how, rows, columns, index)
        .addStatement("$T $L = new $T($L)", Flattening.UNIT, unit, Flattening.UNIT, index)
        .add(body)
        .add("$<});\n")
        .build();
  }

  private CodeBlock javadoc() {
    return CodeBlock.of("The Jacobian of {@link $T#$L} (JAX {@code jacfwd}/{@code jacrev}): row {@code i} is\n"
        + "the derivative of the result's leaf {@code i}, column {@code j} the derivative along leaf {@code j} of\n"
        + "the differentiable parameters; leaves in declaration order, records component by component, arrays\n"
        + "element by element; the result of a void method is the final contents of the arrays it writes\n"
        + "into, in parameter order, and its columns the contents on entry. One pullback per row or one jvp\n"
        + "per column, whichever is fewer. The method's writes into its arrays happen once.\n\n@return a matrix of (result leaves) rows and (parameter leaves)"
        + " columns\n", JavaEmitter.className(f.ref().owner()), f.name());
  }

  /** Statements returning the pullback's gradient flattened into a row of {@code columns} entries. */
  private CodeBlock flatGradient(String columns, CodeBlock gradient) {
    List<FunctionInfo.ParamInfo> d = f.differentiableParams();
    String g = local("gradient");
    CodeBlock.Builder adds = CodeBlock.builder();
    for (FunctionInfo.ParamInfo p : d) {
      CodeBlock leaf = d.size() == 1 ? CodeBlock.of("$L", g) : CodeBlock.of("$L.$L()", g, p.name());
      adds.add(Flattening.adds(leaf, CodeBlock.of("$L", p.name()), p.type()));
    }
    return CodeBlock.builder()
        .addStatement("$T $L = $L", JavaEmitter.type(f.gradientType()), g, gradient)
        .addStatement("return new $T($L)$L.values()", Flattening.FLAT, columns, adds.build())
        .build();
  }

  /** {@code base}, or {@code base} with a number when a parameter has that name. */
  private String local(String base) {
    String name = base;
    for (int k = 2; taken.contains(name); k++) {
      name = base + k;
    }
    taken.add(name);
    return name;
  }
}
