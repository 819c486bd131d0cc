package dev.leibniz.processor.codegen;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Exprs;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
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
  /** Estimated bytecode size above which a body is split; well under HotSpot's 8000. */
  static final int LIMIT = 5000;
  /** The estimated size of one part. */
  private static final int PART = 2500;

  private Frames() {}

  /** A rough, generous estimate of the bytecode size of {@code blocks}. */
  static int estimate(List<Stmt> stmts) {
    int[] size = {0};
    for (Stmt s : stmts) {
      size[0] += stmtSize(s);
    }
    return size[0];
  }

  private static int stmtSize(Stmt s) {
    int size = 4;
    for (Expr e : Stmts.exprs(s)) {
      size += exprSize(e);
    }
    for (Block b : Stmts.blocks(s)) {
      size += estimate(b.stmts()) + 3;
    }
    return size;
  }

  private static int exprSize(Expr e) {
    int[] size = {0};
    Exprs.walk(e, x -> size[0] += x instanceof Expr.Invoke || x instanceof Expr.MathCall
        || x instanceof Expr.Construct || x instanceof Expr.Component ? 6 : 3);
    return size[0];
  }

  static boolean tooLarge(List<Stmt> stmts) {
    return estimate(stmts) > LIMIT;
  }

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
      int n = stmtSize(asField);
      if (!part.isEmpty() && size + n > PART) {
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
