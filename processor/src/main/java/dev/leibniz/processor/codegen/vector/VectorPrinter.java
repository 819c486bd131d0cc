package dev.leibniz.processor.codegen.vector;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.leibniz.processor.codegen.JavaEmitter;
import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Exprs;
import dev.leibniz.processor.ir.FunctionRef;
import dev.leibniz.processor.ir.MathFn;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Prints IR for one element as Java over {@code DoubleVector}/{@code FloatVector} lanes: values
 * that depend on the batched inputs ({@link Lanes#varying}) become vectors, booleans among them
 * masks, the rest stays scalar. A data-dependent {@code if} runs both branches, each assignment
 * blended under its branch's mask, so what the lanes not taking a branch compute there (a NaN, an
 * infinity) never reaches a result. Anything else throws {@link NotVectorizable} naming it.
 */
final class VectorPrinter {
  static final String PACKAGE = "jdk.incubator.vector";
  static final ClassName OPERATORS = ClassName.get(PACKAGE, "VectorOperators");
  private static final ClassName MASK = ClassName.get(PACKAGE, "VectorMask");

  /** A construct the Vector API target cannot print; the batched form runs the scalar form instead. */
  static final class NotVectorizable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Whether the message says where the construct is (set by the innermost statement that has it). */
    private final boolean located;

    NotVectorizable(String construct) {
      this(construct, false);
    }

    private NotVectorizable(String message, boolean located) {
      super(message, null, false, false);
      this.located = located;
    }

    /** This, saying that the construct is in the inlined code of {@code method} (null: the method's own). */
    NotVectorizable in(FunctionRef method) {
      if (located) {
        return this;
      }
      return new NotVectorizable(method == null ? getMessage() : getMessage() + ", in " + method + " (inlined)", true);
    }
  }

  private final Lanes lanes;
  private final Type.Prim element;
  private final ClassName vector;
  private final String species;
  private final Namer namer;
  /** The method each variable of inlined code came from. */
  private final Map<Var, FunctionRef> inlined;
  /** The mask of the lanes the statements being printed run for; null for all. */
  private String mask;
  /** The masks in force where each enclosing loop began: a break must not leave a loop for some lanes only. */
  private final Deque<String> loopMasks = new ArrayDeque<>();

  VectorPrinter(Lanes lanes, Type.Prim element, String species, Namer namer, Map<Var, FunctionRef> inlined) {
    this.lanes = lanes;
    this.element = element;
    this.vector = vectorClass(element);
    this.species = species;
    this.namer = namer;
    this.inlined = inlined;
  }

  static ClassName vectorClass(Type.Prim element) {
    return ClassName.get(PACKAGE, element == Type.Prim.FLOAT ? "FloatVector" : "DoubleVector");
  }

  TypeName maskType() {
    return ParameterizedTypeName.get(MASK, JavaEmitter.className(element.boxed()));
  }

  // ---------------------------------------------------------------- statements

  CodeBlock block(Block b) {
    CodeBlock.Builder code = CodeBlock.builder();
    for (Stmt s : b.stmts()) {
      try {
        stmt(s, code);
      } catch (NotVectorizable e) {
        throw e.in(origin(s));
      }
    }
    return code.build();
  }

  /** The method whose inlined code {@code s} is (by the variable it sets or tests), or null. */
  private FunctionRef origin(Stmt s) {
    Var set = s instanceof Stmt.Declare d ? d.var() : Stmts.target(s);
    if (set != null) {
      return inlined.get(set);
    }
    for (Expr e : Stmts.exprs(s)) {
      for (Var v : Exprs.vars(e)) {
        if (inlined.containsKey(v)) {
          return inlined.get(v);
        }
      }
    }
    return null;
  }

  private void stmt(Stmt s, CodeBlock.Builder code) {
    if (s instanceof Stmt.Declare d) {
      declare(d, code);
    } else if (s instanceof Stmt.Assign a) {
      assign(a.target(), a.value(), code);
    } else if (s instanceof Stmt.If i) {
      ifStmt(i, code);
    } else if (s instanceof Stmt.Loop l) {
      loop(l, code);
    } else if (s instanceof Stmt.Break br) {
      exit(code, "break", br.label());
    } else if (s instanceof Stmt.Continue c) {
      exit(code, "continue", c.label());
    } else if (s instanceof Stmt.Push || s instanceof Stmt.Return) {
      throw new NotVectorizable(TAPE);
    } else if (s instanceof Stmt.ArrayWrite) {
      throw new NotVectorizable("a write into an array");
    } else if (s instanceof Stmt.Throw) {
      throw new NotVectorizable("a throw statement");
    } else {
      throw new NotVectorizable(describeEffect(((Stmt.Eval) s).expr()));
    }
  }

  private void declare(Stmt.Declare d, CodeBlock.Builder code) {
    Var v = d.var();
    if (!lanes.varying(v)) {
      if (d.init() == null) {
        code.addStatement("$T $L", JavaEmitter.type(v.type()), v.name());
      } else {
        code.addStatement("$T $L = $L", JavaEmitter.type(v.type()), v.name(), scalar(d.init()));
      }
      return;
    }
    // declared for all lanes: a blended assignment under a mask reads it
    Expr init = d.init() != null ? d.init() : Const.zero(v.type());
    if (v.type() == Type.Prim.BOOLEAN) {
      code.addStatement("$T $L = $L", maskType(), v.name(), mask(init));
    } else {
      code.addStatement("$T $L = $L", vector, v.name(), vec(init));
    }
  }

  private void assign(Var v, Expr value, CodeBlock.Builder code) {
    if (!lanes.varying(v)) {
      code.addStatement("$L = $L", v.name(), scalar(value));
    } else if (v.type() == Type.Prim.BOOLEAN) {
      code.addStatement(mask == null ? "$L = $L" : "$L = $L.andNot($L).or($L.and($L))",
          mask == null ? new Object[] {v.name(), mask(value)}
              : new Object[] {v.name(), v.name(), mask, mask(value), mask});
    } else if (mask == null) {
      code.addStatement("$L = $L", v.name(), vec(value));
    } else {
      code.addStatement("$L = $L.blend($L, $L)", v.name(), v.name(), operand(value), mask);
    }
  }

  private void ifStmt(Stmt.If i, CodeBlock.Builder code) {
    if (!lanes.varying(i.cond())) {
      code.beginControlFlow("if ($L)", scalar(i.cond()));
      code.add(block(i.then()));
      if (!i.otherwise().isEmpty()) {
        code.nextControlFlow("else");
        code.add(block(i.otherwise()));
      }
      code.endControlFlow();
      return;
    }
    String outer = mask;
    String cond = declareMask(mask(i.cond()), code);
    if (!i.then().isEmpty()) {
      mask = outer == null ? cond : declareMask(CodeBlock.of("$L.and($L)", outer, cond), code);
      code.add(block(i.then()));
    }
    if (!i.otherwise().isEmpty()) {
      mask = declareMask(outer == null ? CodeBlock.of("$L.not()", cond) : CodeBlock.of("$L.andNot($L)", outer, cond),
          code);
      code.add(block(i.otherwise()));
    }
    mask = outer;
  }

  /**
   * The mask of the lanes taking a branch of a data-dependent {@code if}: the branch runs for all
   * lanes, its assignments blended under it.
   */
  private String declareMask(CodeBlock lanesTaking, CodeBlock.Builder code) {
    String m = namer.fresh("lanes");
    code.addStatement("$T $L = $L", maskType(), m, lanesTaking);
    return m;
  }

  private void loop(Stmt.Loop l, CodeBlock.Builder code) {
    if (l.cond() != null && lanes.varying(l.cond())) {
      throw new NotVectorizable("a loop whose number of trips depends on the batched values");
    }
    boolean continues = Stmts.any(l.body(), x -> x instanceof Stmt.Continue);
    if (continues && !l.update().isEmpty()) {
      throw new NotVectorizable("a continue statement in a for loop");
    }
    code.add(block(l.init()));
    String label = l.label() == null ? "" : l.label() + ": ";
    CodeBlock cond = l.cond() == null ? CodeBlock.of("true") : scalar(l.cond());
    loopMasks.push(mask == null ? "" : mask);
    if (l.testAfter()) {
      code.beginControlFlow(label + "do");
    } else {
      code.beginControlFlow(label + "while ($L)", cond);
    }
    code.add(block(l.body()));
    code.add(block(l.update()));
    if (l.testAfter()) {
      code.endControlFlow("while ($L)", cond);
    } else {
      code.endControlFlow();
    }
    loopMasks.pop();
  }

  private void exit(CodeBlock.Builder code, String keyword, String label) {
    if (loopMasks.isEmpty() || !loopMasks.peek().equals(mask == null ? "" : mask)) {
      throw new NotVectorizable("a " + keyword + " that depends on the batched values");
    }
    code.addStatement(label == null ? keyword : keyword + " " + label);
  }

  private static String describeEffect(Expr e) {
    if (e instanceof Expr.Invoke i) {
      return describeCall(i);
    }
    return "a statement with a side effect";
  }

  static String describeCall(Expr.Invoke i) {
    Callee c = i.callee();
    if (c instanceof Callee.Function f) {
      return "the call of " + f.ref();
    } else if (c instanceof Callee.Method m) {
      return "the call of " + m.owner().simpleName() + "." + m.name();
    } else if (c instanceof Callee.Constructor k) {
      return k.owner().equals(Known.TAPE) ? TAPE : "the construction of a " + k.owner().simpleName();
    } else if (c instanceof Callee.Special special) {
      return "Leibniz." + special.name().toLowerCase(java.util.Locale.ROOT);
    }
    return "a call of a function value";
  }

  /** Why a gradient that keeps values on a tape runs element by element. */
  private static final String TAPE = "a loop whose values reverse mode keeps on a tape";

  // ---------------------------------------------------------------- expressions

  /** {@code e} as a vector, a scalar broadcast to all lanes when it does not vary. */
  CodeBlock vec(Expr e) {
    if (!lanes.varying(e)) {
      return CodeBlock.of("$T.broadcast($L, $L)", vector, species, scalarOfElement(e));
    }
    if (e instanceof Var v) {
      return CodeBlock.of("$L", v.name());
    } else if (e instanceof Expr.Binary b && b.op().isArithmetic()) {
      return arithmetic(b);
    } else if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG) {
      return CodeBlock.of("$L.neg()", vec(u.operand()));
    } else if (e instanceof Expr.Cast c && c.type() == element && c.operand().type() == element) {
      return vec(c.operand());
    } else if (e instanceof Expr.Conditional c) {
      return conditional(c);
    } else if (e instanceof Expr.MathCall m) {
      return math(m);
    } else if (e instanceof Expr.Invoke i && i.callee() == Callee.Special.STOP_GRADIENT) {
      return vec(i.args().get(0));
    }
    throw new NotVectorizable(describe(e));
  }

  /** An operand of a vector method: a scalar of the element type when it does not vary (no broadcast). */
  private CodeBlock operand(Expr e) {
    return lanes.varying(e) ? vec(e) : scalarOfElement(e);
  }

  private CodeBlock arithmetic(Expr.Binary b) {
    String method = switch (b.op()) {
      case ADD -> "add";
      case SUB -> "sub";
      case MUL -> "mul";
      case DIV -> "div";
      default -> throw new NotVectorizable("the operator " + b.op().symbol + " on batched values");
    };
    if (!lanes.varying(b.left()) && (b.op() == Expr.BinaryOp.ADD || b.op() == Expr.BinaryOp.MUL)) {
      // a + x == x + a and a * x == x * a exactly, so a scalar on the left needs no broadcast
      return CodeBlock.of("$L.$L($L)", vec(b.right()), method, scalarOfElement(b.left()));
    }
    return CodeBlock.of("$L.$L($L)", vec(b.left()), method, operand(b.right()));
  }

  private CodeBlock conditional(Expr.Conditional c) {
    if (c.type() == Type.Prim.BOOLEAN) {
      throw new NotVectorizable("a conditional boolean expression on batched values");
    }
    if (!lanes.varying(c.cond())) {
      return CodeBlock.of("($L ? $L : $L)", scalar(c.cond()), vec(c.then()), vec(c.otherwise()));
    }
    return CodeBlock.of("$L.blend($L, $L)", vec(c.otherwise()), operand(c.then()), mask(c.cond()));
  }

  private CodeBlock math(Expr.MathCall m) {
    if (m.strict()) {
      throw new NotVectorizable("StrictMath." + m.fn().javaName() + " (the Vector API has no strict version)");
    }
    List<Expr> a = m.args();
    return switch (m.fn()) {
      case SIN, COS, TAN, ASIN, ACOS, ATAN, SINH, COSH, TANH, EXP, EXPM1, LOG, LOG10, LOG1P, CBRT, SQRT, ABS ->
          CodeBlock.of("$L.lanewise($T.$L)", vec(a.get(0)), OPERATORS, m.fn().name());
      case POW, HYPOT, ATAN2, MIN, MAX ->
          CodeBlock.of("$L.lanewise($T.$L, $L)", vec(a.get(0)), OPERATORS, m.fn().name(), operand(a.get(1)));
      case FMA -> CodeBlock.of("$L.fma($L, $L)", vec(a.get(0)), vec(a.get(1)), vec(a.get(2)));
      // Math.toRadians(x) is x * DEGREES_TO_RADIANS, toDegrees x * RADIANS_TO_DEGREES
      case TORADIANS -> CodeBlock.of("$L.mul($L)", vec(a.get(0)), literal(Math.toRadians(1)));
      case TODEGREES -> CodeBlock.of("$L.mul($L)", vec(a.get(0)), literal(Math.toDegrees(1)));
      default -> throw new NotVectorizable("Math." + m.fn().javaName() + " (no Vector API operator)");
    };
  }

  private CodeBlock literal(double value) {
    return JavaEmitter.literal(Const.of(element, value));
  }

  /** {@code e}, a boolean, as a mask (all or no lanes when it does not vary). */
  CodeBlock mask(Expr e) {
    if (!lanes.varying(e)) {
      return CodeBlock.of("$L.maskAll($L)", species, scalar(e));
    }
    if (e instanceof Var v) {
      return CodeBlock.of("$L", v.name());
    } else if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NOT) {
      return CodeBlock.of("$L.not()", mask(u.operand()));
    } else if (e instanceof Expr.Binary b && (b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.OR)) {
      return CodeBlock.of("$L.$L($L)", mask(b.left()), b.op() == Expr.BinaryOp.AND ? "and" : "or", mask(b.right()));
    } else if (e instanceof Expr.Binary b && b.op().isComparison() && b.left().type().isFloating()) {
      return comparison(b);
    }
    throw new NotVectorizable(describe(e));
  }

  private CodeBlock comparison(Expr.Binary b) {
    Expr.BinaryOp op = b.op();
    Expr left = b.left();
    Expr right = b.right();
    if (!lanes.varying(left)) {
      // a < x is x > a: a scalar on the left is swapped to the right, where no broadcast is needed
      left = b.right();
      right = b.left();
      op = switch (op) {
        case LT -> Expr.BinaryOp.GT;
        case LE -> Expr.BinaryOp.GE;
        case GT -> Expr.BinaryOp.LT;
        case GE -> Expr.BinaryOp.LE;
        default -> op;
      };
    }
    return CodeBlock.of("$L.compare($T.$L, $L)", vec(left), OPERATORS, op.name(), operand(right));
  }

  private static String describe(Expr e) {
    if (e instanceof Expr.Invoke i) {
      return describeCall(i);
    } else if (e instanceof Expr.Pop) {
      return TAPE;
    } else if (e instanceof Expr.Cast c) {
      return "the conversion of a batched value to " + c.type();
    } else if (e.type() != Type.Prim.BOOLEAN && !e.type().isFloating()) {
      return "a value of type " + e.type() + " computed from the batched values";
    }
    return constructOf(e) + " on batched values";
  }

  /** The Java construct {@code e} was written as, in the user's words. */
  private static String constructOf(Expr e) {
    if (e instanceof Expr.Binary b) {
      return "the operator " + b.op().symbol;
    } else if (e instanceof Expr.Unary u) {
      return "the operator " + u.op().symbol;
    } else if (e instanceof Expr.Conditional) {
      return "a conditional expression (?:)";
    } else if (e instanceof Expr.ArrayRead) {
      return "an array element read";
    } else if (e instanceof Expr.NewArray) {
      return "a new array";
    } else if (e instanceof Expr.Construct || e instanceof Expr.Component) {
      return "a record";
    } else if (e instanceof Expr.Lambda) {
      return "a lambda";
    } else if (e instanceof Expr.InstanceOf) {
      return "an instanceof test";
    }
    return "an expression the Vector API has no operation for";
  }

  /** {@code e}, which does not vary, converted to the element type. */
  private CodeBlock scalarOfElement(Expr e) {
    if (e instanceof Const c && c.value() instanceof Number n) {
      return literal(n.doubleValue());
    }
    return e.type() == element ? scalar(e) : CodeBlock.of("($T) $L", JavaEmitter.type(element), operandOf(e));
  }

  /** {@code e}, which does not vary, as plain Java. */
  CodeBlock scalar(Expr e) {
    if (e instanceof Expr.Binary b && !lanes.varying(e)) {
      return CodeBlock.of("$L $L $L", operandOf(b.left()), b.op().symbol, operandOf(b.right()));
    } else if (e instanceof Expr.Cast c && !lanes.varying(e)) {
      return CodeBlock.of("($T) $L", JavaEmitter.type(c.type()), operandOf(c.operand()));
    }
    return operandOf(e);
  }

  /** {@code e}, which does not vary, parenthesized unless it is a primary expression. */
  private CodeBlock operandOf(Expr e) {
    if (lanes.varying(e)) {
      throw new IllegalStateException("varying " + e);
    }
    if (e instanceof Var v) {
      return CodeBlock.of("$L", v.name());
    } else if (e instanceof Const c) {
      boolean negative = c.value() instanceof Number n && (n.doubleValue() < 0 || 1 / n.doubleValue() < 0);
      return negative ? CodeBlock.of("($L)", JavaEmitter.literal(c)) : JavaEmitter.literal(c);
    } else if (e instanceof Expr.Unary u) {
      return CodeBlock.of("$L$L", u.op().symbol, operandOf(u.operand()));
    } else if (e instanceof Expr.Binary || e instanceof Expr.Cast) {
      return CodeBlock.of("($L)", scalar(e));
    } else if (e instanceof Expr.Conditional c) {
      return CodeBlock.of("($L ? $L : $L)", operandOf(c.cond()), operandOf(c.then()), operandOf(c.otherwise()));
    } else if (e instanceof Expr.StaticField f) {
      return CodeBlock.of("$T.$L", JavaEmitter.className(f.owner()), f.name());
    } else if (e instanceof Expr.ArrayLength a) {
      return CodeBlock.of("$L.length", operandOf(a.array()));
    } else if (e instanceof Expr.ArrayRead a) {
      return CodeBlock.of("$L[$L]", operandOf(a.array()), scalar(a.index()));
    } else if (e instanceof Expr.MathCall m && !m.strict()) {
      CodeBlock.Builder args = CodeBlock.builder();
      for (int k = 0; k < m.args().size(); k++) {
        args.add(k == 0 ? "$L" : ", $L", scalar(m.args().get(k)));
      }
      CodeBlock call = CodeBlock.of("$T.$L($L)", Math.class, m.fn().javaName(), args.build());
      return m.type() == Type.Prim.FLOAT && !m.fn().floatNative() ? CodeBlock.of("((float) $L)", call) : call;
    }
    throw new NotVectorizable(describe(e));
  }
}
