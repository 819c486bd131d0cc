package dev.leibniz.processor.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.rules.FunctionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * What the VJP object of a {@code @CustomVjp} method keeps for its backward rule: the caller may
 * write into its arguments' arrays between the call and the pullback (a differentiable caller's
 * later statements, or plain Java code), and the rule must see them as the call did (SPEC §5a). The
 * residuals' arrays that are the arguments' (found by identity at run time, by the runtime's {@code
 * Residuals}) and the {@code @NonDiff} arguments' arrays are copied; arrays the forward rule made
 * are not. Records are rebuilt around the copies by helpers of the VJP class.
 */
final class KeptResiduals {
  static final ClassName RESIDUALS = ClassName.get("dev.leibniz.runtime", "Residuals");
  /** Classes whose values hold no array: the arguments' arrays are all seen without them. */
  private static final Set<String> HOLD_NO_ARRAY = Set.of("String", "Double", "Float", "Long", "Integer", "Short",
      "Byte", "Character", "Boolean");

  private final TypeSpec.Builder vjpClass;
  private int helpers;

  KeptResiduals(TypeSpec.Builder vjpClass) {
    this.vjpClass = vjpClass;
  }

  /**
   * The runtime's {@code Residuals} of {@code f}'s arguments' arrays ({@code Residuals.of(new
   * Object[] {…})}); {@code Residuals.ALL} (copy every array) when an argument may hold arrays the
   * generated code cannot reach (an object of another class).
   */
  static CodeBlock arguments(FunctionInfo f) {
    List<CodeBlock> arrays = new ArrayList<>();
    for (FunctionInfo.ParamInfo p : f.params()) {
      if (!seen(p.type())) {
        return CodeBlock.of("$T.ALL", RESIDUALS);
      }
      reachable(p.type(), CodeBlock.of("$L", p.name()), List.of(), arrays);
    }
    return CodeBlock.of("$T.of(new $T[] {$L})", RESIDUALS, Object.class, CodeBlock.join(arrays, ", "));
  }

  /** The arrays and matrices of {@code value} (null when a record on the way, {@code nulls}, is). */
  private static void reachable(Type t, CodeBlock value, List<CodeBlock> nulls, List<CodeBlock> out) {
    if (t instanceof Type.Array) {
      out.add(nulls.isEmpty() ? value : CodeBlock.of("$L ? null : $L", CodeBlock.join(nulls, " || "), value));
    } else if (t instanceof Type.Record r && holdsArrays(r)) {
      List<CodeBlock> guarded = new ArrayList<>(nulls);
      guarded.add(CodeBlock.of("$L == null", value));
      for (Type.Component c : r.components()) {
        reachable(c.type(), CodeBlock.of("$L.$L()", value, c.name()), guarded, out);
      }
    }
  }

  /** Whether every array reachable from a value of type {@code t} is seen by {@link #reachable}. */
  private static boolean seen(Type t) {
    if (t instanceof Type.Array a) {
      return a.element() instanceof Type.Prim || a.element() instanceof Type.Array && seen(a.element())
          || a.element() instanceof Type.Ref r && holdsNoArray(r.cls());
    }
    if (t instanceof Type.Record r) {
      return r.components().stream().allMatch(c -> seen(c.type()));
    }
    return !(t instanceof Type.Ref r) || holdsNoArray(r.cls());
  }

  private static boolean holdsNoArray(ClassRef c) {
    return c.packageName().equals("java.lang") && c.simpleNames().size() == 1 && HOLD_NO_ARRAY.contains(c.simpleName());
  }

  /** Whether a value of type {@code t} may hold arrays the generated code can copy. */
  static boolean holdsArrays(Type t) {
    return t instanceof Type.Array
        || t instanceof Type.Record r && r.components().stream().anyMatch(c -> holdsArrays(c.type()));
  }

  /**
   * {@code value}, of type {@code t}, with the arrays of {@code arguments} (a {@code Residuals}) in
   * it copied. Objects of other classes are kept as they are: their arrays cannot be seen.
   */
  CodeBlock kept(Type t, CodeBlock value, CodeBlock arguments) {
    if (t instanceof Type.Array) {
      return CodeBlock.of("$L.kept($L)", arguments, value);
    }
    if (t instanceof Type.Record r && holdsArrays(r)) {
      return CodeBlock.of("$L($L, $L)", recordHelper(r), value, arguments);
    }
    return value;
  }

  /** {@code private static R keptN(R r, Residuals arguments)}: {@code r} rebuilt around its kept arrays. */
  private String recordHelper(Type.Record r) {
    String name = "kept" + ++helpers;
    TypeName type = JavaEmitter.type(r);
    List<CodeBlock> components = new ArrayList<>();
    for (Type.Component c : r.components()) {
      components.add(kept(c.type(), CodeBlock.of("r.$L()", c.name()), CodeBlock.of("arguments")));
    }
    vjpClass.addMethod(MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(type)
        .addParameter(type, "r")
        .addParameter(RESIDUALS, "arguments")
        .addStatement("return r == null ? null : new $T($L)", type, CodeBlock.join(components, ", "))
        .build());
    return name;
  }
}
