package dev.leibniz.processor.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.rules.FunctionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A {@code @CustomVjp} backward rule's result made a gradient (SPEC §6): {@code null} anywhere (the
 * whole result, an entry, a record component, an array or a row of one) means zero, as JAX's
 * {@code None}; an array of the wrong length, or a result with the wrong number of entries, is an
 * {@code IllegalStateException} naming the rule, the parameter and the length expected. The
 * parameters' primal values (in scope under their own names) give the shapes.
 */
final class RuleCotangents {
  private final FunctionInfo f;
  private final CodeBlock.Builder code = CodeBlock.builder();
  private final Namer names = new Namer(Set.of());

  private RuleCotangents(FunctionInfo f) {
    this.f = f;
    for (FunctionInfo.ParamInfo p : f.params()) {
      names.take(p.name());
    }
    for (String local : List.of("fwd", "cotangent", "cotangents", "residuals", "value", "gradient")) {
      names.take(local);
    }
  }

  /**
   * Statements turning the rule's result, held in the local {@code c}, into the gradient, ending
   * with {@code lead} (e.g. {@code return}) applied to it.
   */
  static CodeBlock convert(FunctionInfo f, String c, String lead, Object... leadArgs) {
    RuleCotangents r = new RuleCotangents(f);
    Object[] args = new Object[leadArgs.length + 1];
    System.arraycopy(leadArgs, 0, args, 0, leadArgs.length);
    args[leadArgs.length] = r.gradient(c);
    return r.code.addStatement(lead + " $L", args).build();
  }

  private CodeBlock gradient(String c) {
    List<FunctionInfo.ParamInfo> d = f.differentiableParams();
    if (d.size() == 1) {
      FunctionInfo.ParamInfo p = d.get(0);
      return checked(p.type(), CodeBlock.of("$L", c), CodeBlock.of("$L", p.name()), p.name());
    }
    TypeName array = JavaEmitter.type(f.cotangentType());
    code.beginControlFlow("if ($L == null)", c)
        .addStatement("$L = new $T[$L]", c, ((ArrayTypeName) array).componentType(), d.size())
        .nextControlFlow("else if ($L.length != $L)", c, d.size())
        .addStatement("throw new $T($S + $L.length + $S)", IllegalStateException.class,
            f.bwdRule() + " returned ", c, " cotangents; expected " + d.size() + ", one per differentiable parameter"
                + " of " + f.name() + " (" + String.join(", ", d.stream().map(FunctionInfo.ParamInfo::name).toList())
                + ")")
        .endControlFlow();
    boolean boxed = !(f.cotangentType() instanceof Type.Array a && a.element() instanceof Type.Prim);
    List<CodeBlock> parts = new ArrayList<>();
    for (int i = 0; i < d.size(); i++) {
      FunctionInfo.ParamInfo p = d.get(i);
      CodeBlock entry = CodeBlock.of("$L[$L]", c, i);
      if (!boxed) {
        parts.add(entry);
      } else if (p.type() instanceof Type.Prim prim) {
        parts.add(CodeBlock.of("$L == null ? $L : ($T) $L", entry, JavaEmitter.literal(Const.zero(prim)),
            JavaEmitter.type(prim).box(), entry));
      } else {
        parts.add(checked(p.type(), CodeBlock.of("($T) $L", JavaEmitter.type(p.type()), entry),
            CodeBlock.of("$L", p.name()), p.name()));
      }
    }
    return CodeBlock.of("new $T($L)", JavaEmitter.type(f.gradientType()), CodeBlock.join(parts, ", "));
  }

  /**
   * The cotangent {@code raw} (of type {@code t}, maybe null) of the value {@code primal}, with its
   * nulls made zeros and its lengths checked; {@code path} names it in messages and locals
   * ({@code p.inner}).
   */
  private CodeBlock checked(Type t, CodeBlock raw, CodeBlock primal, String path) {
    if (t instanceof Type.Array a) {
      return checkedArray(a, raw, primal, path, List.of());
    }
    if (t instanceof Type.Record r) {
      return checkedRecord(r, raw, primal, path);
    }
    return raw; // a primitive: never null
  }

  /** A local for the cotangent of {@code path}: {@code pInnerBar} for {@code p.inner}. */
  private String local(String path) {
    StringBuilder name = new StringBuilder();
    for (String part : path.split("\\.")) {
      name.append(name.length() == 0 ? part : Namer.capitalized(part));
    }
    return names.fresh(name + "Bar");
  }

  /**
   * An array cotangent: zeros for null, else of the primal's length, row by row for nested arrays
   * ({@code rows}: the loop indices of the enclosing rows); a null primal takes the rule's value as
   * it is.
   */
  private CodeBlock checkedArray(Type.Array a, CodeBlock raw, CodeBlock primal, String path, List<String> rows) {
    String bar = local(path + "Row".repeat(rows.size()));
    code.addStatement("$T $L = $L", JavaEmitter.type(a), bar, raw)
        .beginControlFlow("if ($L != null)", primal)
        .beginControlFlow("if ($L == null)", bar)
        .addStatement("$L = $L", bar, zeros(a, primal))
        .nextControlFlow("else if ($L.length != $L.length)", bar, primal)
        .addStatement("throw new $T($S + $L.length$L$L.length)", IllegalStateException.class,
            f.bwdRule() + " returned a cotangent of length ", bar, where(path, rows), primal)
        .endControlFlow();
    if (a.element() instanceof Type.Array row) {
      String i = names.fresh("i");
      List<String> inner = new ArrayList<>(rows);
      inner.add(i);
      code.beginControlFlow("for (int $L = 0; $L < $L.length; $L++)", i, i, bar, i);
      CodeBlock checkedRow = checkedArray(row, CodeBlock.of("$L[$L]", bar, i), CodeBlock.of("$L[$L]", primal, i),
          path, inner);
      code.addStatement("$L[$L] = $L", bar, i, checkedRow).endControlFlow();
    }
    code.endControlFlow();
    return CodeBlock.of("$L", bar);
  }

  /** {@code " for parameter q[" + i + "] of m; expected length "}: the rows' indices known at run time. */
  private CodeBlock where(String path, List<String> rows) {
    String tail = " of " + f.name() + "; expected length ";
    if (rows.isEmpty()) {
      return CodeBlock.of(" + $S + ", " for parameter " + path + tail);
    }
    CodeBlock.Builder b = CodeBlock.builder().add(" + $S", " for parameter " + path + "[");
    for (int k = 0; k < rows.size(); k++) {
      b.add(" + $L + $S", rows.get(k), k + 1 < rows.size() ? "][" : "]" + tail);
    }
    return b.add(" + ").build();
  }

  /** Zeros shaped like {@code primal}: rows of nested arrays are filled in by the row checks. */
  private static CodeBlock zeros(Type.Array a, CodeBlock primal) {
    Type element = a.element();
    int dims = 0;
    while (element instanceof Type.Array inner) {
      element = inner.element();
      dims++;
    }
    return CodeBlock.of("new $T[$L.length]$L", JavaEmitter.type(element), primal, "[]".repeat(dims));
  }

  /**
   * A record cotangent: zeros for null (components without derivative are the primal's); the
   * record as given when no component may hold a null, else rebuilt component by component.
   */
  private CodeBlock checkedRecord(Type.Record r, CodeBlock raw, CodeBlock primal, String path) {
    String bar = local(path);
    code.addStatement("$T $L = $L", JavaEmitter.type(r), bar, raw);
    List<CodeBlock> zeros = new ArrayList<>();
    List<CodeBlock> parts = new ArrayList<>();
    boolean nested = false;
    for (Type.Component c : r.components()) {
      CodeBlock component = CodeBlock.of("$L.$L()", primal, c.name());
      CodeBlock given = CodeBlock.of("$L.$L()", bar, c.name());
      if (c.type().isFloating()) {
        CodeBlock zero = JavaEmitter.literal(Const.zero(c.type()));
        zeros.add(zero);
        parts.add(CodeBlock.of("$L == null ? $L : $L", bar, zero, given));
      } else if (c.type().isDifferentiable() || c.type() instanceof Type.Record) {
        nested = true;
        parts.add(checked(c.type(), CodeBlock.of("$L == null ? null : $L", bar, given), component,
            path + "." + c.name()));
      } else {
        zeros.add(component);
        parts.add(CodeBlock.of("$L == null ? $L : $L", bar, component, given));
      }
    }
    if (!nested) {
      return CodeBlock.of("$L == null ? new $T($L) : $L", bar, JavaEmitter.type(r), CodeBlock.join(zeros, ", "), bar);
    }
    return CodeBlock.of("new $T($L)", JavaEmitter.type(r), CodeBlock.join(parts, ", "));
  }
}
