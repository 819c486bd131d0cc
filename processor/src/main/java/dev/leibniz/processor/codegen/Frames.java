package dev.leibniz.processor.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.CodeSize;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Var;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Keeps generated methods small enough for HotSpot, which never JIT-compiles a method of more than
 * 8000 bytes of bytecode. A body estimated to be larger runs in a frame: a private class whose
 * fields are the body's top-level variables and whose {@code partN()} methods each run a slice of
 * the statements.
 */
final class Frames {
  private Frames() {}

  /**
   * A frame class named {@code name} running {@code body} over the variables {@code inputs} (set by
   * the caller) and the body's top-level variables, with a method {@code result()} returning
   * {@code result}. Returns the code of the calling method: make the frame, set the inputs, run the
   * parts, return the result.
   */
  static CodeBlock split(TypeSpec.Builder owner, String name, List<Var> inputs, List<Stmt> body, Expr result,
      TypeName resultType, JavaEmitter emitter) {
    TypeSpec.Builder frame = frameClass(name, inputs, body);
    List<String> parts = addParts(frame, "part", body, emitter);
    if (result != null) {
      frame.addMethod(MethodSpec.methodBuilder("result").returns(resultType)
          .addStatement("return $L", emitter.expr(result)).build());
    }
    owner.addType(frame.build());
    ClassName type = ClassName.bestGuess(name);
    CodeBlock.Builder code = CodeBlock.builder().addStatement("$L frame = new $L()", name, name);
    for (Var v : inputs) {
      code.addStatement("frame.$L = $L", v.name(), v.name());
    }
    for (String part : parts) {
      code.addStatement("frame.$L()", part);
    }
    return result == null ? code.build() : code.addStatement("return frame.result()").build(); // null: void
  }

  /** The frame class: one field per input and per top-level variable of the statement lists. */
  static TypeSpec.Builder frameClass(String name, List<Var> inputs, List<Stmt> body) {
    TypeSpec.Builder frame = TypeSpec.classBuilder(name)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("The working state of a body too large for one method that HotSpot compiles.\n");
    Set<Var> fields = new LinkedHashSet<>(inputs);
    for (Stmt s : body) {
      if (s instanceof Stmt.Declare d) {
        fields.add(d.var());
      }
    }
    for (Var v : fields) {
      frame.addField(FieldSpec.builder(JavaEmitter.type(v.type()), v.name()).build());
    }
    return frame;
  }

  /** Adds {@code prefix1()}, {@code prefix2()}, ... running {@code body}; returns their names. */
  static List<String> addParts(TypeSpec.Builder frame, String prefix, List<Stmt> body, JavaEmitter emitter) {
    List<String> names = new ArrayList<>();
    List<Stmt> part = new ArrayList<>();
    int size = 0;
    for (Stmt s : body) {
      Stmt asField = s instanceof Stmt.Declare d
          ? (d.init() == null ? null : new Stmt.Assign(d.var(), d.init(), d.source())) : s;
      if (asField == null) {
        continue;
      }
      int n = CodeSize.of(asField);
      if (!part.isEmpty() && size + n > CodeSize.PART) {
        names.add(addPart(frame, prefix + (names.size() + 1), part, emitter));
        part = new ArrayList<>();
        size = 0;
      }
      part.add(asField);
      size += n;
    }
    if (!part.isEmpty()) {
      names.add(addPart(frame, prefix + (names.size() + 1), part, emitter));
    }
    return names;
  }

  private static String addPart(TypeSpec.Builder frame, String name, List<Stmt> stmts, JavaEmitter emitter) {
    frame.addMethod(MethodSpec.methodBuilder(name)
        .addCode(emitter.block(new Block(stmts), DerivativesWriter.noReturn()))
        .build());
    return name;
  }
}
