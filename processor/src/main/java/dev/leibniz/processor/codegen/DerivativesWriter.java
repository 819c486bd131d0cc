package dev.leibniz.processor.codegen;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.FunctionTable;
import dev.leibniz.processor.transform.Forward;
import dev.leibniz.processor.transform.Linearize;
import dev.leibniz.processor.transform.Structure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code FooDerivatives}: for each differentiable method of {@code Foo}, its forward form
 * ({@code mJvp}), its reverse forms ({@code mGrad}, {@code mValueAndGrad}, {@code mVjp} and the
 * {@code MVjp} class), {@code mJacobian} for a non-scalar result and, for {@code order = 2}, {@code mHessian} and {@code mHvp}.
 */
public final class DerivativesWriter {
  static final String GENERATOR = "dev.leibniz.processor.LeibnizProcessor";

  private final FunctionTable table;
  private final Map<FunctionInfo, Function> level1 = new HashMap<>();

  public DerivativesWriter(FunctionTable table) {
    this.table = table;
  }

  /** Where the writer reports a function it cannot differentiate, and goes on with the next. */
  public interface Errors {
    void error(FunctionInfo f, dev.leibniz.processor.transform.TransformException e);

    /** A bug in Leibniz, reported on the function it was writing. */
    void internal(FunctionInfo f, RuntimeException e);
  }

  /**
   * The generated source of {@code owner}'s derivatives class, or null when some function could
   * not be differentiated (each such error goes to {@code errors}).
   */
  public String write(ClassRef owner, List<FunctionInfo> functions, Errors errors) {
    ClassRef generated = FunctionInfo.derivativesClassOf(owner);
    Lambdas lambdas = new Lambdas(table, owner);
    JavaEmitter emitter = new JavaEmitter(table, lambdas::instance);
    lambdas.setEmitter(emitter);
    TypeSpec.Builder type = TypeSpec.classBuilder(generated.simpleName())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addAnnotation(AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
            .addMember("value", "$S", GENERATOR).build())
        .addJavadoc(classJavadoc(owner, functions))
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    boolean failed = false;
    for (FunctionInfo f : functions) {
      lambdas.enter(f);
      try {
        Forms forms = new Forms(f, emitter, type);
        forms.forward();
        if (f.kind() == FunctionInfo.Kind.CUSTOM_VJP) {
          new CustomVjpForms(f, type).write();
        } else if (f.kind() != FunctionInfo.Kind.RULE) {
          new ReverseForms(f, table, emitter, type, forwardGradient(f)).write();
        }
        if (JacobianForms.applies(f)) {
          new JacobianForms(f, type).write();
        }
        if (f.order() >= 2 && f.kind() != FunctionInfo.Kind.RULE) {
          new SecondOrderForms(f, type).write();
        }
      } catch (dev.leibniz.processor.transform.TransformException e) {
        errors.error(f, e);
        failed = true;
      } catch (RuntimeException e) {
        errors.internal(f, e);
        failed = true;
      }
    }
    if (failed) {
      return null;
    }
    for (TypeSpec lambda : lambdas.classes()) {
      type.addType(lambda);
    }
    JavaFile file = JavaFile.builder(generated.packageName(), type.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
    return Records.finish(file.toString());
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
   * The forward form that gives {@code f}'s gradient best, or null: for a function of one scalar
   * (one differentiable {@code double} or {@code float}, a scalar result), forward mode with the
   * tangent one is a single pass, with no tape and nothing kept.
   */
  private Function forwardGradient(FunctionInfo f) {
    List<FunctionInfo.ParamInfo> d = f.differentiableParams();
    if (f.kind() != FunctionInfo.Kind.DERIVED || !f.hasJvp() || !f.scalarResult() || d.size() != 1
        || !(d.get(0).type() instanceof Type.Prim p && p.isFloating())) {
      return null;
    }
    Function forward = level1(f);
    return Frames.tooLarge(forward.body().stmts()) ? null : forward;
  }

  /** The first-order forward form of {@code f} as IR (computed once). */
  Function level1(FunctionInfo f) {
    return level1.computeIfAbsent(f, x -> switch (x.kind()) {
      case DERIVED, RULE -> Forward.apply(x.ir(), table);
      default -> x.ir();
    });
  }

  /** The forward forms of one function. */
  private final class Forms {
    private final FunctionInfo f;
    private final JavaEmitter emitter;
    private final TypeSpec.Builder type;

    Forms(FunctionInfo f, JavaEmitter emitter, TypeSpec.Builder type) {
      this.f = f;
      this.emitter = emitter;
      this.type = type;
    }

    void forward() {
      if (!f.hasForwardForm() || f.ir() == null) {
        return;
      }
      String name = f.formName(Callee.Form.JVP);
      if (f.kind() == FunctionInfo.Kind.CUSTOM_JVP) {
        type.addMethod(ruleCall(name));
      } else {
        type.addMethod(method(name, level1(f), javadoc(1)));
      }
      if (f.secondOrder()) {
        Function level2 = Forward.apply(Linearize.apply(level1(f)), table);
        type.addMethod(method(f.formName(Callee.Form.JVP2), level2, javadoc(2)));
      }
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
    private MethodSpec method(String name, Function fn, CodeBlock javadoc) {
      MethodSpec.Builder m = MethodSpec.methodBuilder(name)
          .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
          .addJavadoc(javadoc)
          .returns(JavaEmitter.type(fn.resultType()));
      for (Param p : fn.params()) {
        m.addParameter(JavaEmitter.type(p.var().type()), p.var().name());
      }
      Type result = fn.resultType();
      List<Stmt> stmts = fn.body().stmts();
      if (Frames.tooLarge(stmts)) {
        // one exit at the end, so the body can be cut into parts
        List<Stmt> single = Structure.apply(fn).body().stmts();
        Stmt.Return ret = (Stmt.Return) single.get(single.size() - 1);
        List<Var> inputs = new ArrayList<>();
        for (Param p : fn.params()) {
          inputs.add(p.var());
        }
        m.addCode(Frames.split(type, frameName(f, name), inputs, single.subList(0, single.size() - 1),
            result == Type.Prim.VOID ? null : rebuild(result, ret.values()), JavaEmitter.type(result), emitter));
        return m.build();
      }
      m.addCode(emitter.block(emitter.compact(fn.body(), java.util.Set.of()), result == Type.Prim.VOID
          ? JavaEmitter.VOID
          : leaves -> CodeBlock.builder().addStatement("return $L", emitter.expr(rebuild(result, leaves))).build()));
      return m.build();
    }
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

  /** A value of type {@code t} from its leaves: the leaf itself, or the record built from them. */
  static Expr rebuild(Type t, List<Expr> leaves) {
    int[] next = {0};
    return rebuildFrom(t, leaves, next);
  }

  private static Expr rebuildFrom(Type t, List<Expr> leaves, int[] next) {
    if (!(t instanceof Type.Record r)) {
      return leaves.get(next[0]++);
    }
    List<Expr> args = new ArrayList<>();
    for (Type.Component c : r.components()) {
      args.add(rebuildFrom(c.type(), leaves, next));
    }
    return new Expr.Construct(r, args);
  }

  /** The leaves of a value {@code e} of type {@code t}, records read through their accessors ({@code void}: none). */
  static List<Expr> leavesOf(Expr e, Type t) {
    List<Expr> out = new ArrayList<>();
    if (t == Type.Prim.VOID) {
      return out;
    }
    if (t instanceof Type.Record r) {
      for (Type.Component c : r.components()) {
        out.addAll(leavesOf(new Expr.Component(e, c.name(), c.type()), c.type()));
      }
    } else {
      out.add(e);
    }
    return out;
  }

  /** The leaf types of {@code t}. */
  static List<Type> leafTypes(Type t) {
    List<Type> out = new ArrayList<>();
    if (t == Type.Prim.VOID) {
      return out;
    }
    if (t instanceof Type.Record r) {
      for (Type.Component c : r.components()) {
        out.addAll(leafTypes(c.type()));
      }
    } else {
      out.add(t);
    }
    return out;
  }

  static TypeName typeName(Type t) {
    return JavaEmitter.type(t);
  }
}
