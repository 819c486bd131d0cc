package dev.leibniz.processor.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.FunctionTable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Prints IR as Java source through JavaPoet, with the fewest parentheses that keep the meaning. */
public final class JavaEmitter {
  private static final int PRIMARY = 15;
  private static final int UNARY = 14;
  private static final int CONDITIONAL = 2;
  private static final int LOWEST = 1;

  private final FunctionTable table;
  private final Function<Expr.Lambda, CodeBlock> lambdas;

  JavaEmitter(FunctionTable table, Function<Expr.Lambda, CodeBlock> lambdas) {
    this.table = table;
    this.lambdas = lambdas;
  }

  // ---------------------------------------------------------------- types

  public static TypeName type(Type t) {
    if (t instanceof Type.Prim p) {
      return switch (p) {
        case BOOLEAN -> TypeName.BOOLEAN;
        case BYTE -> TypeName.BYTE;
        case SHORT -> TypeName.SHORT;
        case CHAR -> TypeName.CHAR;
        case INT -> TypeName.INT;
        case LONG -> TypeName.LONG;
        case FLOAT -> TypeName.FLOAT;
        case DOUBLE -> TypeName.DOUBLE;
        case VOID -> TypeName.VOID;
      };
    }
    if (t instanceof Type.Array a) {
      return ArrayTypeName.of(type(a.element()));
    }
    ClassRef cls = t instanceof Type.Ref r ? r.cls() : ((Type.Record) t).cls();
    List<Type> args = t instanceof Type.Ref r ? r.args() : ((Type.Record) t).args();
    ClassName name = className(cls);
    if (args.isEmpty()) {
      return name;
    }
    TypeName[] typeArgs = new TypeName[args.size()];
    for (int i = 0; i < args.size(); i++) {
      typeArgs[i] = type(args.get(i)).box();
    }
    return ParameterizedTypeName.get(name, typeArgs);
  }

  public static ClassName className(ClassRef cls) {
    List<String> names = cls.simpleNames();
    return ClassName.get(cls.packageName(), names.get(0), names.subList(1, names.size()).toArray(new String[0]));
  }

  // ---------------------------------------------------------------- statements

  /** How a {@code return} of leaves is written in the method being emitted. */
  interface Returns {
    CodeBlock statement(List<Expr> leaves);
  }

  /** The returns of a {@code void} method. */
  static final Returns VOID = leaves -> CodeBlock.builder().addStatement("return").build();

  /** A method's body. */
  CodeBlock block(Block b, Returns returns) {
    CodeBlock.Builder code = CodeBlock.builder();
    List<Stmt> stmts = b.stmts();
    for (int i = 0; i < stmts.size(); i++) {
      if (i == stmts.size() - 1 && stmts.get(i) instanceof Stmt.Return r && r.values().isEmpty() && returns == VOID) {
        break; // a void method's last return goes without saying (at the end of the body, not of a nested block)
      }
      stmt(stmts.get(i), returns, code);
    }
    return code.build();
  }

  /** A block nested in a statement: every statement, a last {@code return} too. */
  private CodeBlock nested(Block b, Returns returns) {
    CodeBlock.Builder code = CodeBlock.builder();
    for (Stmt s : b.stmts()) {
      stmt(s, returns, code);
    }
    return code.build();
  }

  private void stmt(Stmt s, Returns returns, CodeBlock.Builder code) {
    if (s instanceof Stmt.Declare d) {
      if (d.init() == null) {
        code.addStatement("$T $L", type(d.var().type()), d.var().name());
      } else {
        code.addStatement("$T $L = $L", type(d.var().type()), d.var().name(), expr(d.init(), LOWEST));
      }
    } else if (s instanceof Stmt.Assign a) {
      code.addStatement("$L", assignment(a));
    } else if (s instanceof Stmt.ArrayWrite w) {
      CodeBlock target = CodeBlock.of("$L[$L]", w.array().name(), expr(w.index(), LOWEST));
      Expr v = w.value();
      if (v instanceof Expr.Binary b && b.op() == Expr.BinaryOp.ADD && b.left() instanceof Expr.ArrayRead r
          && r.array() == w.array() && r.index().equals(w.index()) && b.right().type().equals(v.type())) {
        code.addStatement("$L += $L", target, expr(b.right(), LOWEST));
      } else {
        code.addStatement("$L = $L", target, expr(v, LOWEST));
      }
    } else if (s instanceof Stmt.Eval e) {
      if (e.expr() instanceof Expr.Invoke) {
        code.addStatement("$L", expr(e.expr(), LOWEST));
      }
    } else if (s instanceof Stmt.If i) {
      ifStmt(i, returns, code);
    } else if (s instanceof Stmt.Loop l) {
      loop(l, returns, code);
    } else if (s instanceof Stmt.Break b) {
      code.addStatement(b.label() == null ? "break" : "break " + b.label());
    } else if (s instanceof Stmt.Continue c) {
      String iteration = iterationBlockOf(c.label());
      if (iteration != null) {
        code.addStatement("break $L", iteration); // to the loop's update, printed after its body
      } else {
        code.addStatement(c.label() == null ? "continue" : "continue " + c.label());
      }
    } else if (s instanceof Stmt.Return r) {
      code.add(returns.statement(r.values()));
    } else if (s instanceof Stmt.Throw t) {
      code.addStatement("throw $L", expr(t.exception(), LOWEST));
    } else if (s instanceof Stmt.Push p) {
      code.addStatement("$L.$L($L)", p.tape().name(), "push" + stackName(p.value().type()), expr(p.value(), LOWEST));
    }
  }

  private CodeBlock assignment(Stmt.Assign a) {
    Var v = a.target();
    if (a.value() instanceof Expr.Binary b && b.left() == v && b.right().type().equals(v.type())
        && b.type().equals(v.type())) {
      if (b.op() == Expr.BinaryOp.ADD && !(v.type() instanceof Type.Ref)) {
        if (v.type().equals(Type.Prim.INT) && b.right() instanceof Const c && c.isOne()) {
          return CodeBlock.of("$L++", v.name());
        }
        return CodeBlock.of("$L += $L", v.name(), expr(b.right(), LOWEST));
      }
      if (b.op() == Expr.BinaryOp.SUB) {
        return CodeBlock.of("$L -= $L", v.name(), expr(b.right(), LOWEST));
      }
    }
    return CodeBlock.of("$L = $L", v.name(), expr(a.value(), LOWEST));
  }

  private void ifStmt(Stmt.If i, Returns returns, CodeBlock.Builder code) {
    boolean thenEmpty = i.then().isEmpty();
    boolean elseEmpty = i.otherwise().isEmpty();
    if (thenEmpty && !elseEmpty) {
      code.beginControlFlow("if ($L)", negate(i.cond()));
      code.add(nested(i.otherwise(), returns));
      code.endControlFlow();
      return;
    }
    code.beginControlFlow("if ($L)", expr(i.cond(), LOWEST));
    code.add(nested(i.then(), returns));
    List<Stmt> otherwise = i.otherwise().stmts();
    while (otherwise.size() == 1 && otherwise.get(0) instanceof Stmt.If inner && !inner.then().isEmpty()) {
      code.nextControlFlow("else if ($L)", expr(inner.cond(), LOWEST));
      code.add(nested(inner.then(), returns));
      otherwise = inner.otherwise().stmts();
    }
    if (!otherwise.isEmpty()) {
      code.nextControlFlow("else");
      code.add(nested(new Block(otherwise), returns));
    }
    code.endControlFlow();
  }

  private CodeBlock negate(Expr cond) {
    if (cond instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NOT) {
      return expr(u.operand(), LOWEST);
    }
    return CodeBlock.of("!$L", expr(cond, UNARY));
  }

  private void loop(Stmt.Loop l, Returns returns, CodeBlock.Builder code) {
    String label = l.label() == null ? "" : l.label() + ": ";
    CodeBlock cond = l.cond() == null ? CodeBlock.of("true") : expr(l.cond(), LOWEST);
    if (l.testAfter()) {
      code.add(nested(l.init(), returns));
      code.beginControlFlow(label + "do");
      body(l, !l.update().isEmpty(), returns, code);
      code.add(nested(l.update(), returns));
      code.endControlFlow("while ($L)", cond);
      return;
    }
    List<CodeBlock> updates = new ArrayList<>();
    boolean simpleUpdate = true;
    for (Stmt u : l.update().stmts()) {
      if (u instanceof Stmt.Assign a) {
        updates.add(assignment(a));
      } else {
        simpleUpdate = false;
      }
    }
    if (!simpleUpdate) {
      // an update that is not an expression list runs after the body: a continue jumps to it
      code.add(nested(l.init(), returns));
      code.beginControlFlow(label + "while ($L)", cond);
      body(l, true, returns, code);
      code.add(nested(l.update(), returns));
      code.endControlFlow();
      return;
    }
    simpleLoop(l, label, cond, updates, returns, code);
  }

  /**
   * A loop's body; {@code beforeUpdate} when its update is printed after it, so that a continue
   * must leave a block around the body rather than skip the update.
   */
  private void body(Stmt.Loop l, boolean beforeUpdate, Returns returns, CodeBlock.Builder code) {
    boolean wrap = beforeUpdate && Stmts.any(l.body(), x -> x instanceof Stmt.Continue);
    String iteration = wrap ? "iteration" + (loops.size() + 1) : null;
    loops.push(new EnclosingLoop(l.label(), iteration));
    try {
      if (wrap) {
        code.beginControlFlow(iteration + ":");
      }
      code.add(nested(l.body(), returns));
      if (wrap) {
        code.endControlFlow();
      }
    } finally {
      loops.pop();
    }
  }

  /** A loop being printed: its label, and the block around its body when continue must skip to its update. */
  private record EnclosingLoop(String label, String iterationBlock) {}

  private final java.util.Deque<EnclosingLoop> loops = new java.util.ArrayDeque<>();

  /** The block a {@code continue} (with {@code label}, or null) leaves instead, or null for a plain continue. */
  private String iterationBlockOf(String label) {
    for (EnclosingLoop l : loops) {
      if (label == null || label.equals(l.label())) {
        return l.iterationBlock();
      }
    }
    return null;
  }

  private void simpleLoop(Stmt.Loop l, String label, CodeBlock cond, List<CodeBlock> updates, Returns returns,
      CodeBlock.Builder code) {
    List<Stmt> init = l.init().stmts();
    boolean oneDeclaration = init.size() == 1 && init.get(0) instanceof Stmt.Declare d && d.init() != null;
    if (init.isEmpty() && updates.isEmpty()) {
      code.beginControlFlow(label + "while ($L)", cond);
    } else {
      CodeBlock initCode = CodeBlock.of("");
      if (oneDeclaration) {
        Stmt.Declare d = (Stmt.Declare) init.get(0);
        initCode = CodeBlock.of("$T $L = $L", type(d.var().type()), d.var().name(), expr(d.init(), LOWEST));
      } else {
        code.add(nested(l.init(), returns));
      }
      code.beginControlFlow(label + "for ($L; $L; $L)", initCode, cond, CodeBlock.join(updates, ", "));
    }
    body(l, false, returns, code);
    code.endControlFlow();
  }

  private static String stackName(Type t) {
    if (t == Type.Prim.DOUBLE) {
      return "Double";
    } else if (t == Type.Prim.FLOAT) {
      return "Float";
    } else if (t == Type.Prim.BOOLEAN) {
      return "Boolean";
    } else if (t == Type.Prim.LONG) {
      return "Long";
    } else if (t instanceof Type.Prim) {
      return "Int";
    }
    return "Object";
  }

  // ---------------------------------------------------------------- expressions

  CodeBlock expr(Expr e) {
    return expr(e, LOWEST);
  }

  /** One format string for a whole expression: JavaPoet parses it once (nesting code blocks is slow). */
  private final class Printer {
    private final StringBuilder format = new StringBuilder();
    private final List<Object> args = new ArrayList<>();

    void text(String s) {
      format.append(s.replace("$", "$$"));
    }

    void type(TypeName t) {
      format.append("$T");
      args.add(t);
    }

    void string(String s) {
      format.append("$S");
      args.add(s);
    }

    void code(CodeBlock c) {
      format.append("$L");
      args.add(c);
    }

    CodeBlock build() {
      return CodeBlock.of(format.toString(), args.toArray());
    }
  }

  private CodeBlock expr(Expr e, int context) {
    Printer p = new Printer();
    print(e, context, p);
    return p.build();
  }

  private void print(Expr e, int context, Printer p) {
    if (e instanceof Expr.Cast c && !(c.type() instanceof Type.Prim) && c.operand().type().equals(c.type())) {
      print(c.operand(), context, p); // (DoubleUnaryOperator) o once o became fs[1]: redundant
      return;
    }
    if (precedence(e) < context) {
      p.text("(");
      bare(e, p);
      p.text(")");
    } else {
      bare(e, p);
    }
  }

  private static int precedence(Expr e) {
    if (e instanceof Expr.Binary b) {
      return b.op().precedence;
    } else if (e instanceof Expr.Unary || e instanceof Expr.Cast) {
      return UNARY;
    } else if (e instanceof Expr.Conditional) {
      return CONDITIONAL;
    } else if (e instanceof Expr.InstanceOf) {
      return 9;
    } else if (e instanceof Expr.MathCall m && m.type() == Type.Prim.FLOAT && !m.fn().floatNative()) {
      return UNARY; // (float) Math.f(x)
    } else if (e instanceof Expr.Pop p && castsPop(p.type())) {
      return UNARY;
    } else if (e instanceof Const c && c.value() instanceof Number n && isNegative(n)) {
      return UNARY;
    }
    return PRIMARY;
  }

  private static boolean isNegative(Number n) {
    double d = n.doubleValue();
    return d < 0 || (d == 0 && 1 / d < 0);
  }

  private void bare(Expr e, Printer p) {
    if (e instanceof Var v) {
      p.text(v.name());
    } else if (e instanceof Const c) {
      p.code(literal(c));
    } else if (e instanceof Expr.Unary u) {
      p.text(u.op().symbol);
      print(u.operand(), u.operand() instanceof Expr.Unary || isNegativeConst(u.operand()) ? PRIMARY : UNARY, p);
    } else if (e instanceof Expr.Binary b) {
      print(b.left(), b.op().precedence, p);
      p.text(" " + b.op().symbol + " ");
      print(b.right(), b.op().precedence + 1, p);
    } else if (e instanceof Expr.Cast c) {
      p.text("(");
      p.type(type(c.type()));
      p.text(") ");
      print(c.operand(), UNARY, p);
    } else if (e instanceof Expr.Conditional c) {
      print(c.cond(), CONDITIONAL + 1, p);
      p.text(" ? ");
      print(c.then(), CONDITIONAL + 1, p);
      p.text(" : ");
      print(c.otherwise(), CONDITIONAL, p);
    } else if (e instanceof Expr.MathCall m) {
      if (m.type() == Type.Prim.FLOAT && !m.fn().floatNative()) {
        p.text("(float) ");
      }
      p.type(m.strict() ? ClassName.get(StrictMath.class) : ClassName.get(Math.class));
      p.text("." + m.fn().javaName() + "(");
      args(m.args(), p);
      p.text(")");
    } else if (e instanceof Expr.Invoke i) {
      invoke(i, p);
    } else if (e instanceof Expr.ArrayRead a) {
      if (a.array() instanceof Expr.NewArray) {
        // (new float[2])[i]: Java indexes no array creation directly (new float[2][i] is a matrix)
        p.text("(");
        print(a.array(), LOWEST, p);
        p.text(")");
      } else {
        print(a.array(), PRIMARY, p);
      }
      p.text("[");
      print(a.index(), LOWEST, p);
      p.text("]");
    } else if (e instanceof Expr.ArrayLength a) {
      print(a.array(), PRIMARY, p);
      p.text(".length");
    } else if (e instanceof Expr.NewArray n) {
      p.text("new ");
      if (n.elements() != null) {
        p.type(type(n.type()));
        p.text(" {");
        args(n.elements(), p);
        p.text("}");
      } else {
        // new double[n][] for an array of arrays: the length goes first
        Type base = n.type().element();
        int rows = 0;
        while (base instanceof Type.Array inner) {
          base = inner.element();
          rows++;
        }
        p.type(type(base));
        p.text("[");
        print(n.length(), LOWEST, p);
        p.text("]" + "[]".repeat(rows));
      }
    } else if (e instanceof Expr.Construct c) {
      p.text("new ");
      p.type(className(c.type().cls()));
      p.text(c.type().args().isEmpty() ? "(" : "<>(");
      args(c.args(), p);
      p.text(")");
    } else if (e instanceof Expr.Component c) {
      print(c.record(), PRIMARY, p);
      p.text("." + c.name() + "()");
    } else if (e instanceof Expr.StaticField f) {
      p.type(className(f.owner()));
      p.text("." + f.name());
    } else if (e instanceof Expr.Lambda l) {
      p.code(lambdas.apply(l));
    } else if (e instanceof Expr.Pop pop) {
      if (castsPop(pop.type())) {
        p.text("(");
        p.type(type(pop.type()));
        p.text(") ");
      }
      p.text(pop.tape().name() + ".pop" + stackName(pop.type()) + "()");
    } else if (e instanceof Expr.InstanceOf i) {
      print(i.operand(), 10, p);
      p.text(" instanceof ");
      p.type(type(i.target()));
    } else {
      throw new IllegalArgumentException("cannot print " + e);
    }
  }

  private static boolean castsPop(Type t) {
    return t == Type.Prim.SHORT || t == Type.Prim.BYTE || t == Type.Prim.CHAR || !(t instanceof Type.Prim);
  }

  private static boolean isNegativeConst(Expr e) {
    return e instanceof Const c && c.value() instanceof Number n && isNegative(n);
  }

  private void invoke(Expr.Invoke i, Printer p) {
    Callee callee = i.callee();
    String method;
    if (callee instanceof Callee.Function f) {
      FunctionInfo info = table.get(f.ref());
      p.type(className(info.formOwner(f.form())));
      method = info.formName(f.form());
    } else if (callee instanceof Callee.Method m && m.isStatic()) {
      p.type(className(m.owner()));
      method = m.name();
    } else if (callee instanceof Callee.Method m) {
      print(i.receiver(), PRIMARY, p);
      method = m.name();
    } else if (callee instanceof Callee.Constructor c) {
      p.text("new ");
      p.type(className(c.owner()));
      p.text(c.diamond() ? "<>(" : "(");
      args(i.args(), p);
      p.text(")");
      return;
    } else if (callee instanceof Callee.Apply) {
      print(i.receiver(), PRIMARY, p);
      method = "applyAsDouble";
    } else {
      Callee.Special special = (Callee.Special) callee;
      if (special == Callee.Special.STOP_GRADIENT || special == Callee.Special.DIFFERENTIABLE) {
        p.type(className(Known.LEIBNIZ));
        method = special == Callee.Special.STOP_GRADIENT ? "stopGradient" : "differentiable";
      } else {
        print(i.receiver(), PRIMARY, p);
        method = switch (special) {
          case FN_JVP -> "jvp";
          case FN_VJP -> "vjp";
          case FN_VJP_JVP -> "vjpJvp";
          default -> "jvpJvp";
        };
      }
    }
    p.text("." + method + "(");
    // a null argument of an overloaded method is cast to its type, which picks the overload
    args(i.args(), callee instanceof Callee.Function f && table.get(f.ref()).overloaded(), p);
    p.text(")");
  }

  private void args(List<Expr> args, Printer p) {
    args(args, false, p);
  }

  private void args(List<Expr> args, boolean castNulls, Printer p) {
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        p.text(", ");
      }
      if (castNulls && args.get(i) instanceof Const c && c.value() == null) {
        p.text("(");
        p.type(type(c.type()));
        p.text(") null");
      } else {
        print(args.get(i), LOWEST, p);
      }
    }
  }

  public static CodeBlock literal(Const c) {
    Object v = c.value();
    if (v == null) {
      return CodeBlock.of("null");
    }
    if (v instanceof String s) {
      return CodeBlock.of("$S", s);
    }
    if (v instanceof Character ch) {
      return CodeBlock.of("'$L'", escapeChar(ch));
    }
    if (v instanceof Boolean b) {
      return CodeBlock.of("$L", b);
    }
    Type t = c.type();
    Number n = (Number) v;
    if (t == Type.Prim.DOUBLE) {
      double d = n.doubleValue();
      if (Double.isNaN(d)) {
        return CodeBlock.of("$T.NaN", Double.class);
      } else if (Double.isInfinite(d)) {
        return CodeBlock.of("$T.$L", Double.class, d > 0 ? "POSITIVE_INFINITY" : "NEGATIVE_INFINITY");
      }
      return CodeBlock.of("$L", Double.toString(d));
    }
    if (t == Type.Prim.FLOAT) {
      float f = n.floatValue();
      if (Float.isNaN(f)) {
        return CodeBlock.of("$T.NaN", Float.class);
      } else if (Float.isInfinite(f)) {
        return CodeBlock.of("$T.$L", Float.class, f > 0 ? "POSITIVE_INFINITY" : "NEGATIVE_INFINITY");
      }
      return CodeBlock.of("$Lf", Float.toString(f));
    }
    if (t == Type.Prim.LONG) {
      return CodeBlock.of("$LL", n.longValue());
    }
    if (t == Type.Prim.SHORT || t == Type.Prim.BYTE) {
      return CodeBlock.of("($T) $L", type(t), n.intValue());
    }
    if (t == Type.Prim.CHAR) {
      return CodeBlock.of("'$L'", escapeChar((char) n.intValue()));
    }
    return CodeBlock.of("$L", n.intValue());
  }

  private static String escapeChar(char c) {
    return switch (c) {
      case '\'' -> "\\'";
      case '\\' -> "\\\\";
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      default -> c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    };
  }
}
