package dev.leibniz.processor.frontend;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Expr.BinaryOp;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.FunctionRef;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.LambdaFunction;
import dev.leibniz.processor.ir.MathFn;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.Ops;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.FunctionTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads a method body through the Trees API and writes it as IR, typing the differentiable subset
 * itself (bodies are not attributed while annotation processing runs). Every construct outside
 * the subset is reported on its own tree; parsing goes on with the next statement.
 */
public final class BodyParser {

  /** Where the front end reports what it cannot accept. */
  public interface Reporter {
    void error(SourceRef at, String message);
  }

  private final Trees trees;
  private final Elements elements;
  private final Types types;
  private final TypeMapper mapper;
  private final FunctionTable table;
  private final Reporter reporter;

  // State of the method being parsed.
  private CompilationUnitTree unit;
  private TypeNames names;
  private TypeElement enclosingClass;
  private Namer namer;
  private Set<String> reserved;
  private Scope scope;
  private Block.Builder out;
  private Type resultType;
  private boolean failed;
  /** Whether a JVP rule is being parsed: it may call other methods' generated forms. */
  private boolean inJvpRule;
  /** The statement being parsed: where errors without a tree of their own go. */
  private StatementTree currentStatement;
  /** Above zero inside subexpressions that may not run (loop conditions, {@code &&}, {@code ?:}). */
  private int lazyDepth;
  /** The outer variables the lambda being parsed reads. */
  private Set<Var> captures;
  /** Names assigned somewhere in the method (after their declaration). */
  private Set<String> reassigned;
  /** Operands a later operand of the same expression assigns: their values are copied first. */
  private Set<Tree> readBeforeEffects;
  /** The errors reported in this method, each once. */
  private Set<java.util.Map.Entry<Tree, String>> reported = new HashSet<>();

  public BodyParser(Trees trees, Elements elements, Types types, TypeMapper mapper, FunctionTable table,
      Reporter reporter) {
    this.trees = trees;
    this.elements = elements;
    this.types = types;
    this.mapper = mapper;
    this.table = table;
    this.reporter = reporter;
  }

  /** Members of classes, looked up once: bodies ask for the same few classes again and again. */
  private final java.util.Map<TypeElement, List<? extends Element>> members = new java.util.HashMap<>();

  private List<? extends Element> members(TypeElement owner) {
    return members.computeIfAbsent(owner, elements::getAllMembers);
  }

  /**
   * Parses {@code method}'s body; {@code params} says which parameters are in D. Returns null
   * when something was reported.
   */
  public Function parse(ExecutableElement method, List<FunctionInfo.ParamInfo> params) {
    inJvpRule = false;
    return parseBody(method, params);
  }

  /** Parses a {@code @CustomJvp} rule, which may also call generated forms ({@code GDerivatives.gJvp}). */
  public Function parseJvpRule(ExecutableElement rule, List<FunctionInfo.ParamInfo> params) {
    inJvpRule = true;
    try {
      return parseBody(rule, params);
    } finally {
      inJvpRule = false;
    }
  }

  private Function parseBody(ExecutableElement method, List<FunctionInfo.ParamInfo> params) {
    TreePath path = trees.getPath(method);
    if (path == null) { // javac was given the class by name, e.g. `javac A.java p.B`: it read B's class file
      reporter.error(new TreeSource(null, null), "leibniz: cannot read the body of " + method.getSimpleName()
          + ": class " + ((TypeElement) method.getEnclosingElement()).getQualifiedName() + " was read from a class"
          + " file, and Leibniz derives methods from their source: compile its source file in the same run");
      return null;
    }
    unit = path.getCompilationUnit();
    MethodTree tree = (MethodTree) path.getLeaf();
    enclosingClass = (TypeElement) method.getEnclosingElement();
    names = new TypeNames(elements, types, unit, enclosingClass);
    reserved = identifiersIn(tree);
    reassigned = assignedNames(tree);
    readBeforeEffects = EvaluationOrder.readBeforeEffects(tree);
    reported = new HashSet<>();
    namer = new Namer(reserved);
    scope = new Scope(null, false);
    out = new Block.Builder();
    resultType = mapper.toIr(method.getReturnType());
    failed = false;
    lazyDepth = 0;
    captures = null;

    List<Param> irParams = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      FunctionInfo.ParamInfo info = params.get(i);
      Var v = new Var(info.name(), info.type());
      irParams.add(new Param(v, info.differentiable()));
      scope.define(info.name(), bindParameter(v, tree.getParameters().get(i)));
    }
    if (tree.getBody() == null) {
      report(tree, "method " + method.getSimpleName() + " has no body to differentiate: give it a body, or a"
          + " @CustomJvp/@CustomVjp rule");
      return null;
    }
    for (StatementTree s : tree.getBody().getStatements()) {
      statement(s);
    }
    return failed ? null
        : new Function(method.getSimpleName().toString(), irParams, resultType, out.build(), reserved);
  }

  private static Set<String> assignedNames(Tree tree) {
    Set<String> names = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitAssignment(AssignmentTree node, Void p) {
        add(node.getVariable());
        return super.visitAssignment(node, p);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree node, Void p) {
        add(node.getVariable());
        return super.visitCompoundAssignment(node, p);
      }

      @Override
      public Void visitUnary(UnaryTree node, Void p) {
        add(node.getExpression());
        return super.visitUnary(node, p);
      }

      private void add(ExpressionTree target) {
        if (target instanceof IdentifierTree id) {
          names.add(id.getName().toString());
        }
      }
    }.scan(tree, null);
    return names;
  }

  private static Set<String> identifiersIn(Tree tree) {
    Set<String> ids = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void p) {
        ids.add(node.getName().toString());
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree node, Void p) {
        ids.add(node.getIdentifier().toString());
        return super.visitMemberSelect(node, p);
      }

      @Override
      public Void visitVariable(VariableTree node, Void p) {
        ids.add(node.getName().toString());
        return super.visitVariable(node, p);
      }
    }.scan(tree, null);
    return ids;
  }

  /** A parameter's value: records are taken apart into one local per component at the start. */
  private Value bindParameter(Var param, Tree at) {
    namer.take(param.name());
    if (param.type() instanceof Type.Record r) {
      return declareRecord(param.name(), r, param, at);
    }
    return new Value.Scalar(param);
  }

  /**
   * One local per leaf of a record, named after the path to it ({@code pX}, {@code segPY}),
   * initialized from {@code whole}'s components, or uninitialized when {@code whole} is null.
   */
  private Value declareRecord(String base, Type.Record type, Expr whole, Tree at) {
    List<Value> components = new ArrayList<>();
    for (Type.Component c : type.components()) {
      Expr part = whole == null ? null : new Expr.Component(whole, c.name(), c.type());
      String name = base + Namer.capitalized(c.name());
      if (c.type() instanceof Type.Record inner) {
        components.add(declareRecord(name, inner, part, at));
      } else {
        Var leaf = namer.fresh(name, c.type());
        out.add(new Stmt.Declare(leaf, part, src(at)));
        components.add(new Value.Scalar(leaf));
      }
    }
    return new Value.Aggregate(type, components);
  }

  // ---------------------------------------------------------------- statements

  private void statement(StatementTree s) {
    StatementTree outer = currentStatement;
    currentStatement = s;
    try {
      statementUnchecked(s);
    } catch (FrontendException e) {
      report(e.tree(), e.getMessage());
    } catch (TypeMapper.UnsupportedTypeException e) {
      report(s, e.getMessage());
    } finally {
      currentStatement = outer;
    }
  }

  private void statementUnchecked(StatementTree s) {
    if (s instanceof VariableTree v) {
      declaration(v);
    } else if (s instanceof ExpressionStatementTree e) {
      expressionStatement(e.getExpression(), out);
    } else if (s instanceof IfTree i) {
      Expr cond = condition(i.getCondition());
      Block then = block(i.getThenStatement());
      Block otherwise = i.getElseStatement() == null ? Block.EMPTY : block(i.getElseStatement());
      out.add(new Stmt.If(cond, then, otherwise, src(s)));
    } else if (s instanceof BlockTree b) {
      Scope saved = scope;
      scope = scope.child();
      try {
        for (StatementTree inner : b.getStatements()) {
          statement(inner);
        }
      } finally {
        scope = saved;
      }
    } else if (s instanceof WhileLoopTree w) {
      loop(null, Block.EMPTY, w.getCondition(), w.getStatement(), List.of(), false, s);
    } else if (s instanceof DoWhileLoopTree d) {
      loop(null, Block.EMPTY, d.getCondition(), d.getStatement(), List.of(), true, s);
    } else if (s instanceof ForLoopTree f) {
      forLoop(null, f);
    } else if (s instanceof EnhancedForLoopTree f) {
      enhancedFor(null, f);
    } else if (s instanceof LabeledStatementTree l) {
      String label = l.getLabel().toString();
      StatementTree inner = l.getStatement();
      if (inner instanceof WhileLoopTree w) {
        loop(label, Block.EMPTY, w.getCondition(), w.getStatement(), List.of(), false, inner);
      } else if (inner instanceof DoWhileLoopTree d) {
        loop(label, Block.EMPTY, d.getCondition(), d.getStatement(), List.of(), true, inner);
      } else if (inner instanceof ForLoopTree f) {
        forLoop(label, f);
      } else if (inner instanceof EnhancedForLoopTree f) {
        enhancedFor(label, f);
      } else {
        throw new FrontendException(s, "leibniz: a label on anything but a loop is not supported in a differentiable method");
      }
    } else if (s instanceof BreakTree || s instanceof ContinueTree) {
      jump(s);
    } else if (s instanceof SwitchTree sw) {
      switchStatement(sw);
    } else if (s instanceof YieldTree y) {
      yieldStatement(y);
    } else if (s instanceof ReturnTree r) {
      returnStatement(r);
    } else if (s instanceof ThrowTree t) {
      Value v = expr(t.getExpression(), null);
      out.add(new Stmt.Throw(materialize(v), src(s)));
    } else if (s.getKind() == Tree.Kind.EMPTY_STATEMENT) {
      // nothing
    } else {
      throw new FrontendException(s, "leibniz: " + describe(s) + " is not supported in a differentiable method: "
          + "the differentiable subset has locals, assignments, if, loops, break, continue and return"
          + " (see the README); move this code into a method the differentiable one calls with no"
          + " differentiated arguments");
    }
  }

  private static String describe(StatementTree s) {
    return switch (s.getKind()) {
      case TRY -> "a try statement";
      case SYNCHRONIZED -> "a synchronized block";
      case ASSERT -> "an assert statement";
      case CLASS, RECORD, INTERFACE, ENUM -> "a local class";
      default -> "statement " + s.getKind().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    };
  }

  private static String describe(ExpressionTree t) {
    return "expression kind " + t.getKind().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  private Block block(StatementTree s) {
    Block.Builder saved = out;
    Scope savedScope = scope;
    out = new Block.Builder();
    scope = scope.child();
    try {
      statement(s);
      return out.build();
    } finally {
      out = saved;
      scope = savedScope;
    }
  }

  private void declaration(VariableTree v) {
    String name = v.getName().toString();
    Type type;
    Value init = null;
    if (isVar(v.getType())) {
      if (v.getInitializer() == null) {
        throw new FrontendException(v, "var needs an initializer");
      }
      init = expr(v.getInitializer(), null);
      type = typeOf(init);
      if (type == Type.Prim.VOID) {
        throw new FrontendException(v, "cannot infer the type of " + name);
      }
    } else {
      type = mapper.toIr(names.resolve(v.getType()));
      if (Known.isFunction(type) && unparenthesized(v.getInitializer()) instanceof LambdaExpressionTree l
          && !reassigned.contains(name)) {
        scope.define(name, new Value.LocalLambda(l, scope, type));
        return;
      }
      if (v.getInitializer() != null) {
        try {
          init = expr(v.getInitializer(), type);
        } catch (FrontendException e) {
          // keep the local, so later uses of it are not errors of their own
          scope.define(name, type instanceof Type.Record r ? declareRecord(name, r, null, v)
              : new Value.Scalar(new Var(namer.declare(name), type)));
          throw e;
        }
      }
    }
    if (type instanceof Type.Record r) {
      Value value = declareRecord(name, r, null, v);
      if (init != null) {
        assignRecord(value, convert(init, type, v.getInitializer()), v);
      }
      scope.define(name, value);
    } else {
      Var var = new Var(namer.declare(name), type);
      out.add(new Stmt.Declare(var, init == null ? null : materialize(convert(init, type, v.getInitializer())), src(v)));
      scope.define(name, new Value.Scalar(var));
    }
  }

  private static ExpressionTree unparenthesized(ExpressionTree e) {
    return e instanceof ParenthesizedTree p ? unparenthesized(p.getExpression()) : e;
  }

  private boolean isVar(Tree typeTree) {
    return typeTree == null
        || (typeTree instanceof IdentifierTree id && id.getName().contentEquals("var")
            && names.resolveSimple("var") == null);
  }

  /** Assigns a record value to record locals, leaf by leaf (through temporaries when they overlap). */
  private void assignRecord(Value target, Value value, Tree at) {
    List<Expr> targetLeaves = leaves(target, at);
    List<Expr> valueLeaves = leaves(value, at);
    Set<Var> targets = new HashSet<>();
    for (Expr t : targetLeaves) {
      targets.add((Var) t);
    }
    boolean overlap = false;
    for (Expr e : valueLeaves) {
      for (Var used : dev.leibniz.processor.ir.Exprs.vars(e)) {
        overlap |= targets.contains(used);
      }
    }
    if (overlap) {
      List<Expr> spilled = new ArrayList<>();
      for (Expr e : valueLeaves) {
        Var t = namer.temp(e.type());
        out.add(new Stmt.Declare(t, e, src(at)));
        spilled.add(t);
      }
      valueLeaves = spilled;
    }
    for (int i = 0; i < targetLeaves.size(); i++) {
      out.add(new Stmt.Assign((Var) targetLeaves.get(i), valueLeaves.get(i), src(at)));
    }
  }

  private void expressionStatement(ExpressionTree e, Block.Builder into) {
    Block.Builder saved = out;
    out = into;
    try {
      if (e instanceof AssignmentTree a) {
        assignment(a.getVariable(), a.getExpression(), e);
      } else if (e instanceof CompoundAssignmentTree c) {
        compoundAssignment(c);
      } else if (e instanceof UnaryTree u && isIncrement(u)) {
        increment(u, false);
      } else if (e instanceof MethodInvocationTree || e instanceof NewClassTree) {
        Value v = expr(e, null);
        Expr x = materializeQuiet(v);
        if (x != null && !(x instanceof Var)) {
          out.add(new Stmt.Eval(x, src(e)));
        }
      } else {
        throw new FrontendException(e, "leibniz: expression statement " + e + " is not supported");
      }
    } finally {
      out = saved;
    }
  }

  private static boolean isIncrement(UnaryTree u) {
    return switch (u.getKind()) {
      case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT -> true;
      default -> false;
    };
  }

  /** Emits the assignment; returns the assigned variable or element, read back. */
  private Value assignment(ExpressionTree lhs, ExpressionTree rhs, Tree at) {
    if (lhs instanceof ArrayAccessTree a) {
      Expr array = materialize(expr(a.getExpression(), null));
      if (!(array instanceof Var arrayVar) || !(array.type() instanceof Type.Array arrayType)) {
        throw new FrontendException(a, "leibniz: only elements of local arrays may be assigned");
      }
      Expr index = materialize(convert(expr(a.getIndex(), Type.Prim.INT), Type.Prim.INT, a.getIndex()));
      Expr value = materialize(convert(expr(rhs, arrayType.element()), arrayType.element(), rhs));
      out.add(new Stmt.ArrayWrite(arrayVar, index, value, src(at)));
      return new Value.Scalar(new Expr.ArrayRead(arrayVar, index, arrayType.element()));
    }
    Value target = assignable(lhs);
    Type type = typeOf(target);
    Value value = convert(expr(rhs, type), type, rhs);
    if (target instanceof Value.Aggregate) {
      assignRecord(target, value, at);
    } else {
      out.add(new Stmt.Assign((Var) ((Value.Scalar) target).expr(), materialize(value), src(at)));
    }
    return target;
  }

  private Value assignable(ExpressionTree lhs) {
    if (lhs instanceof ParenthesizedTree p) {
      return assignable(p.getExpression());
    }
    if (lhs instanceof IdentifierTree id) {
      Value v = scope.lookup(id.getName().toString());
      if (v != null) {
        if (captures != null && scope.isCapture(id.getName().toString())) {
          throw new FrontendException(lhs, "a lambda may not assign " + id.getName());
        }
        return v;
      }
    }
    throw new FrontendException(lhs, "leibniz: assignment to " + lhs
        + " is not supported: a differentiable method may assign its locals, its parameters and"
        + " elements of its local arrays, not fields");
  }

  /** Emits the compound assignment; returns the updated variable or element, read back. */
  private Value compoundAssignment(CompoundAssignmentTree c) {
    BinaryOp op = binaryOp(c.getKind());
    if (c.getVariable() instanceof ArrayAccessTree a) {
      Expr array = materialize(expr(a.getExpression(), null));
      if (!(array instanceof Var arrayVar) || !(array.type() instanceof Type.Array arrayType)) {
        throw new FrontendException(a, "leibniz: only elements of local arrays may be assigned");
      }
      Expr index = spillIfNeeded(materialize(convert(expr(a.getIndex(), Type.Prim.INT), Type.Prim.INT, a.getIndex())), c);
      Type element = arrayType.element();
      // Java reads the element before the right-hand side runs (which may write into the array)
      Expr current = spillIfNeeded(new Expr.ArrayRead(arrayVar, index, element), c);
      Expr updated = arithmetic(op, current, materialize(expr(c.getExpression(), null)), c);
      out.add(new Stmt.ArrayWrite(arrayVar, index, Ops.convert(updated, element), src(c)));
      return new Value.Scalar(new Expr.ArrayRead(arrayVar, index, element));
    }
    Value target = assignable(c.getVariable());
    if (!(target instanceof Value.Scalar s) || !(s.expr() instanceof Var var)) {
      throw new FrontendException(c, "leibniz: compound assignment to a record is not supported");
    }
    // Java reads the variable before the right-hand side runs (which may assign it)
    Expr current = EvaluationOrder.hasEffects(c.getExpression()) ? spillExpr(var, c) : var;
    Expr rhs = materialize(expr(c.getExpression(), null));
    Expr updated;
    if (op == BinaryOp.ADD && var.type() instanceof Type.Ref) {
      updated = new Expr.Binary(BinaryOp.ADD, current, rhs, var.type()); // String +=
    } else {
      updated = arithmetic(op, current, rhs, c);
    }
    out.add(new Stmt.Assign(var, Ops.convert(updated, var.type()), src(c)));
    return target;
  }

  private Expr spillIfNeeded(Expr e, Tree at) {
    if (dev.leibniz.processor.ir.Exprs.isAtom(e)) {
      return e;
    }
    Var t = namer.temp(e.type());
    out.add(new Stmt.Declare(t, e, src(at)));
    return t;
  }

  /**
   * Emits {@code ++}/{@code --} on a numeric local or array element; returns its value as the
   * expression has it: the old one (in a temporary) for a postfix whose value is used.
   */
  private Value increment(UnaryTree u, boolean valueUsed) {
    boolean up = u.getKind() == Tree.Kind.PREFIX_INCREMENT || u.getKind() == Tree.Kind.POSTFIX_INCREMENT;
    boolean oldValue = valueUsed
        && (u.getKind() == Tree.Kind.POSTFIX_INCREMENT || u.getKind() == Tree.Kind.POSTFIX_DECREMENT);
    BinaryOp op = up ? BinaryOp.ADD : BinaryOp.SUB;
    Expr one = new Const(Type.Prim.INT, 1);
    if (unparenthesized(u.getExpression()) instanceof ArrayAccessTree a) {
      Expr array = materialize(expr(a.getExpression(), null));
      if (!(array instanceof Var arrayVar) || !(array.type() instanceof Type.Array arrayType)
          || !isNumeric(arrayType.element())) {
        throw new FrontendException(u, "leibniz: ++ and -- apply to numeric locals and elements of local arrays");
      }
      Type element = arrayType.element();
      Expr index = spillIfNeeded(
          materialize(convert(expr(a.getIndex(), Type.Prim.INT), Type.Prim.INT, a.getIndex())), u);
      Expr current = spillExpr(new Expr.ArrayRead(arrayVar, index, element), u);
      out.add(new Stmt.ArrayWrite(arrayVar, index, Ops.convert(arithmetic(op, current, one, u), element), src(u)));
      return new Value.Scalar(oldValue ? current : new Expr.ArrayRead(arrayVar, index, element));
    }
    Value target = assignable(u.getExpression());
    if (!(target instanceof Value.Scalar s) || !(s.expr() instanceof Var var)
        || !(var.type() instanceof Type.Prim p) || !p.isNumeric()) {
      throw new FrontendException(u, "leibniz: ++ and -- apply to numeric locals and elements of local arrays");
    }
    Expr old = oldValue ? spillExpr(var, u) : var;
    out.add(new Stmt.Assign(var, Ops.convert(arithmetic(op, old, one, u), var.type()), src(u)));
    return new Value.Scalar(old);
  }

  // ---------------------------------------------------------------- side effects inside expressions

  /**
   * An assignment, compound assignment, {@code ++} or {@code --} inside an expression: it runs
   * here, in Java's left-to-right order, and its value is what the expression reads.
   */
  private Value effectInExpression(ExpressionTree t) {
    if (lazyDepth > 0) {
      throw new FrontendException(t, "leibniz: " + t + " cannot run here: a differentiable method assigns inside"
          + " a condition or an operand of && || ?: only where it can evaluate that operand as statements;"
          + " write the assignment as a statement of its own");
    }
    ExpressionTree target = t instanceof AssignmentTree a ? a.getVariable()
        : t instanceof CompoundAssignmentTree c ? c.getVariable() : ((UnaryTree) t).getExpression();
    if (unparenthesized(target) instanceof IdentifierTree id && scope.lookup(id.getName().toString()) != null
        && typeOf(scope.lookup(id.getName().toString())) instanceof Type.Array) {
      throw new FrontendException(t, "leibniz: assigning array variable " + id.getName() + " inside an expression"
          + " is not supported: write the assignment as a statement of its own");
    }
    if (t instanceof AssignmentTree a) {
      return assignment(a.getVariable(), a.getExpression(), t);
    } else if (t instanceof CompoundAssignmentTree c) {
      return compoundAssignment(c);
    }
    return increment((UnaryTree) t, true);
  }

  /** {@code v}'s value now, in temporaries, so that assignments that run later do not change it. */
  private Value snapshot(Value v, Tree at) {
    if (v instanceof Value.Aggregate a) {
      List<Expr> copies = new ArrayList<>();
      for (Expr leaf : leaves(a, at)) {
        copies.add(snapshotExpr(leaf, at));
      }
      return rebuild(a.type(), copies);
    }
    return v instanceof Value.Scalar s ? new Value.Scalar(snapshotExpr(s.expr(), at)) : v;
  }

  private Expr snapshotExpr(Expr e, Tree at) {
    if (e instanceof Const || e instanceof Expr.Lambda || e.type() instanceof Type.Array || e.type() == Type.Prim.VOID
        || lazyDepth > 0) {
      return e; // an array operand is a reference: its variable is never assigned inside an expression
    }
    return spillExpr(e, at);
  }

  private void loop(String label, Block init, ExpressionTree cond, StatementTree body,
      List<? extends ExpressionStatementTree> updates, boolean testAfter, Tree at) {
    if (cond != null && EvaluationOrder.hasEffects(cond)) {
      loopWithStatementsInCondition(label, init, cond, body, updates, testAfter, at);
      return;
    }
    Expr condition = cond == null ? null : lazily(() -> condition(cond));
    Block[] bodyBlock = new Block[1];
    String loopLabel = loopBody(label, () -> bodyBlock[0] = block(body));
    Block.Builder update = new Block.Builder();
    for (ExpressionStatementTree u : updates) {
      try {
        expressionStatement(u.getExpression(), update);
      } catch (FrontendException e) {
        report(e.tree(), e.getMessage());
      }
    }
    out.add(new Stmt.Loop(loopLabel, init, condition, bodyBlock[0], update.build(), testAfter, src(at)));
  }

  /**
   * A loop whose condition assigns (or holds a switch expression) runs the condition as statements
   * in its body, in Java's order: {@code while (c) body} as {@code while (true) { c; if (!c) break;
   * body }}, and {@code do body while (c)} with the test after the body, in its update when a
   * {@code continue} must reach it.
   */
  private void loopWithStatementsInCondition(String label, Block init, ExpressionTree cond, StatementTree body,
      List<? extends ExpressionStatementTree> updates, boolean testAfter, Tree at) {
    Block.Builder test = new Block.Builder();
    Block.Builder saved = out;
    Scope savedScope = scope;
    try {
      out = test;
      scope = scope.child();
      Expr c = condition(cond);
      out.add(new Stmt.If(new Expr.Unary(Expr.UnaryOp.NOT, c, Type.Prim.BOOLEAN),
          Block.of(new Stmt.Break(null, src(cond))), Block.EMPTY, src(cond)));
    } finally {
      out = saved;
      scope = savedScope;
    }
    Block[] bodyBlock = new Block[1];
    String loopLabel = loopBody(label, () -> bodyBlock[0] = block(body));
    Block.Builder update = new Block.Builder();
    for (ExpressionStatementTree u : updates) {
      try {
        expressionStatement(u.getExpression(), update);
      } catch (FrontendException e) {
        report(e.tree(), e.getMessage());
      }
    }
    Block.Builder whole = new Block.Builder();
    if (!testAfter) {
      whole.addAll(test.stmts()).addAll(bodyBlock[0].stmts());
    } else if (Stmts.any(bodyBlock[0], s -> s instanceof Stmt.Continue)) {
      update.addAll(test.stmts());
      whole.addAll(bodyBlock[0].stmts());
    } else {
      whole.addAll(bodyBlock[0].stmts()).addAll(test.stmts());
    }
    out.add(new Stmt.Loop(loopLabel, init, null, whole.build(), update.build(), false, src(at)));
  }

  private void forLoop(String label, ForLoopTree f) {
    Scope saved = scope;
    Block.Builder savedOut = out;
    scope = scope.child();
    out = new Block.Builder();
    try {
      for (StatementTree s : f.getInitializer()) {
        statement(s);
      }
      Block init = out.build();
      out = savedOut;
      loop(label, init, f.getCondition(), f.getStatement(), f.getUpdate(), false, f);
    } finally {
      scope = saved;
      out = savedOut;
    }
  }

  private void enhancedFor(String label, EnhancedForLoopTree f) {
    Expr array = materialize(expr(f.getExpression(), null));
    if (!(array.type() instanceof Type.Array arrayType)) {
      throw new FrontendException(f.getExpression(), "leibniz: enhanced for over " + array.type()
          + " is not supported: only arrays");
    }
    Var arrayVar = array instanceof Var v ? v : namer.temp(array.type());
    if (arrayVar != array) {
      out.add(new Stmt.Declare(arrayVar, array, src(f)));
    }
    Var index = namer.fresh("i", Type.Prim.INT);
    Block init = Block.of(new Stmt.Declare(index, new Const(Type.Prim.INT, 0), src(f)));
    Expr cond = Ops.compare(BinaryOp.LT, index, new Expr.ArrayLength(arrayVar));
    Scope saved = scope;
    Block.Builder savedOut = out;
    scope = scope.child();
    out = new Block.Builder();
    try {
      String name = f.getVariable().getName().toString();
      Type elementType = arrayType.element();
      Var element = new Var(namer.declare(name), elementType);
      out.add(new Stmt.Declare(element, new Expr.ArrayRead(arrayVar, index, elementType), src(f.getVariable())));
      scope.define(name, new Value.Scalar(element));
      String loopLabel = loopBody(label, () -> statement(f.getStatement()));
      Block body = out.build();
      Block update = Block.of(new Stmt.Assign(index,
          new Expr.Binary(BinaryOp.ADD, index, new Const(Type.Prim.INT, 1), Type.Prim.INT), src(f)));
      savedOut.add(new Stmt.Loop(loopLabel, init, cond, body, update, false, src(f)));
    } finally {
      scope = saved;
      out = savedOut;
    }
  }

  private void returnStatement(ReturnTree r) {
    if (r.getExpression() == null) {
      throw new FrontendException(r, "leibniz: a differentiable method must return a value");
    }
    Value v = convert(expr(r.getExpression(), resultType), resultType, r.getExpression());
    out.add(new Stmt.Return(leaves(v, r), src(r)));
  }

  private Expr condition(ExpressionTree tree) {
    Expr c = materialize(expr(tree, Type.Prim.BOOLEAN));
    if (c.type() != Type.Prim.BOOLEAN) {
      throw new FrontendException(tree, "condition " + tree + " is not a boolean");
    }
    return c;
  }

  private <T> T lazily(java.util.function.Supplier<T> body) {
    lazyDepth++;
    try {
      return body.get();
    } finally {
      lazyDepth--;
    }
  }

  // ---------------------------------------------------------------- switch

  /**
   * Where an unlabeled {@code break}, {@code continue} or {@code yield} goes: a loop, or a switch
   * being lowered. A switch with a {@code break} or {@code yield} before the end of its case runs
   * in a one-trip loop ({@code do { ... } while (false)}) that the jump leaves; a plain
   * {@code continue} inside it must then name the loop it continues.
   */
  private static final class JumpTarget {
    final boolean isLoop;
    /** The loop's label (made up when a continue must name it), or the one-trip loop's. */
    String label;
    final boolean wrapped;
    /** The trailing {@code break}/{@code yield} of each case: where the case ends anyway. */
    final Set<Tree> trailing;
    /** A switch expression's result, one name per leaf, and the values yielded so far. */
    final List<String> resultNames;
    final List<Value> yielded = new ArrayList<>();

    JumpTarget(boolean isLoop, String label, boolean wrapped, Set<Tree> trailing, List<String> resultNames) {
      this.isLoop = isLoop;
      this.label = label;
      this.wrapped = wrapped;
      this.trailing = trailing;
      this.resultNames = resultNames;
    }
  }

  private final java.util.ArrayDeque<JumpTarget> jumpTargets = new java.util.ArrayDeque<>();

  /** Parses a loop's body with the loop as the target of plain jumps; returns the loop's label then. */
  private String loopBody(String label, Runnable parseBody) {
    JumpTarget target = new JumpTarget(true, label, false, Set.of(), null);
    jumpTargets.push(target);
    try {
      parseBody.run();
    } finally {
      jumpTargets.pop();
    }
    return target.label;
  }

  private void jump(StatementTree s) {
    javax.lang.model.element.Name label = s instanceof BreakTree b ? b.getLabel() : ((ContinueTree) s).getLabel();
    if (label != null) {
      out.add(s instanceof BreakTree ? new Stmt.Break(label.toString(), src(s))
          : new Stmt.Continue(label.toString(), src(s)));
      return;
    }
    if (s instanceof BreakTree) {
      JumpTarget top = jumpTargets.peek();
      out.add(new Stmt.Break(top == null || top.isLoop ? null : top.label, src(s)));
      return;
    }
    boolean throughOneTripLoop = false;
    for (JumpTarget t : jumpTargets) {
      if (t.isLoop) {
        if (throughOneTripLoop && t.label == null) {
          t.label = namer.fresh("loop");
        }
        out.add(new Stmt.Continue(throughOneTripLoop ? t.label : null, src(s)));
        return;
      }
      throughOneTripLoop |= t.wrapped;
    }
    throw new FrontendException(s, "continue outside of a loop");
  }

  private void yieldStatement(YieldTree y) {
    JumpTarget target = jumpTargets.peek();
    if (target == null || target.resultNames == null) {
      throw new FrontendException(y, "yield outside of a switch expression");
    }
    yieldValue(target, y.getValue(), y);
    if (!target.trailing.contains(y)) {
      out.add(new Stmt.Break(target.label, src(y)));
    }
  }

  /**
   * Assigns a yielded value to placeholders named as the result: their type is the value's own
   * until every arm is known and {@link #typeResults} converts them to the switch's type.
   */
  private void yieldValue(JumpTarget target, ExpressionTree value, Tree at) {
    Value v = expr(value, null);
    List<Expr> leaves = leaves(v, at);
    if (target.resultNames.isEmpty()) {
      for (int i = 0; i < leaves.size(); i++) {
        target.resultNames.add(namer.fresh("switchResult"));
      }
    } else if (target.resultNames.size() != leaves.size()) {
      throw new FrontendException(value, "leibniz: the arms of this switch expression yield values of different"
          + " types");
    }
    target.yielded.add(v);
    for (int i = 0; i < leaves.size(); i++) {
      Var placeholder = new Var(target.resultNames.get(i), leaves.get(i).type());
      out.add(new Stmt.Assign(placeholder, leaves.get(i), src(at)));
    }
  }

  /** A switch statement, lowered to an if chain (see {@link #lowerSwitch}). */
  private void switchStatement(SwitchTree s) {
    lowerSwitch(s.getExpression(), s.getCases(), null, s);
  }

  /** A switch expression: lowered as a statement whose arms assign the result, which then flows like {@code ?:}. */
  private Value switchExpression(SwitchExpressionTree s, Type expected) {
    if (lazyDepth > 0) {
      throw new FrontendException(s, "leibniz: a switch expression cannot run here: compute it into a local first");
    }
    Block.Builder saved = out;
    Block.Builder lowered = new Block.Builder();
    out = lowered;
    JumpTarget target;
    try {
      target = lowerSwitch(s.getExpression(), s.getCases(), new ArrayList<>(), s);
    } finally {
      out = saved;
    }
    if (target.yielded.isEmpty()) {
      throw new FrontendException(s, "leibniz: this switch expression yields no value");
    }
    Type type = expected;
    if (type == null) {
      type = typeOf(target.yielded.get(0));
      for (Value v : target.yielded) {
        if (isNumeric(type) && isNumeric(typeOf(v))) {
          type = promote(type, typeOf(v));
        }
      }
    }
    List<Type> leafTypes = type instanceof Type.Record r ? leafTypes(r) : List.of(type);
    List<Var> results = new ArrayList<>();
    java.util.Map<String, Var> byName = new java.util.HashMap<>();
    for (int i = 0; i < leafTypes.size(); i++) {
      Var r = new Var(target.resultNames.get(i), leafTypes.get(i));
      // initialized: javac's definite assignment cannot always see that the lowered arms assign it
      out.add(new Stmt.Declare(r, zero(r.type()), src(s)));
      results.add(r);
      byName.put(r.name(), r);
    }
    out.addAll(typeResults(lowered.build(), byName).stmts());
    List<Expr> leaves = new ArrayList<>(results);
    return type instanceof Type.Record r ? rebuild(r, leaves) : new Value.Scalar(results.get(0));
  }

  private static Expr zero(Type t) {
    if (t == Type.Prim.BOOLEAN) {
      return new Const(t, false);
    }
    return t instanceof Type.Prim ? Ops.num(t, 0) : new Const(t, null);
  }

  /** {@code b} with the assignments to placeholders made assignments to {@code results}, converted. */
  private static Block typeResults(Block b, java.util.Map<String, Var> results) {
    List<Stmt> stmts = new ArrayList<>();
    for (Stmt s : b.stmts()) {
      if (s instanceof Stmt.Assign a && results.containsKey(a.target().name())) {
        Var r = results.get(a.target().name());
        stmts.add(new Stmt.Assign(r, Ops.convert(a.value(), r.type()), a.source()));
      } else if (s instanceof Stmt.If i) {
        stmts.add(new Stmt.If(i.cond(), typeResults(i.then(), results), typeResults(i.otherwise(), results),
            i.source()));
      } else if (s instanceof Stmt.Loop l) {
        stmts.add(new Stmt.Loop(l.label(), typeResults(l.init(), results), l.cond(), typeResults(l.body(), results),
            typeResults(l.update(), results), l.testAfter(), l.source()));
      } else {
        stmts.add(s);
      }
    }
    return new Block(stmts);
  }

  /**
   * Lowers a switch on an int-like value, an enum or a String to an if/else chain, {@code default}
   * last. A case that falls through runs the code of the cases after it too (parsed again for each
   * case entering there). A break or yield before the end of a case leaves a one-trip loop around
   * it all. Returns the jump target, holding a switch expression's yielded values.
   */
  private JumpTarget lowerSwitch(ExpressionTree selectorTree, List<? extends CaseTree> cases, List<String> resultNames,
      Tree at) {
    Expr selector = selector(selectorTree);
    List<List<? extends StatementTree>> bodies = new ArrayList<>();
    Set<Tree> trailing = Collections.newSetFromMap(new IdentityHashMap<>());
    for (CaseTree c : cases) {
      List<? extends StatementTree> stmts = caseStatements(c);
      bodies.add(stmts);
      StatementTree last = stmts.isEmpty() ? null : stmts.get(stmts.size() - 1);
      if ((last instanceof BreakTree b && b.getLabel() == null) || last instanceof YieldTree) {
        trailing.add(last);
      }
    }
    boolean wrapped = jumpsOut(bodies, trailing);
    JumpTarget target = new JumpTarget(false, wrapped ? namer.fresh("switchBlock") : null, wrapped, trailing,
        resultNames);
    Block chain = Block.EMPTY;
    if (resultNames != null) { // a switch expression without default covers every enum constant known here
      Expr error = new Expr.Invoke(new Callee.Constructor(ClassRef.of("java.lang", "IncompatibleClassChangeError")),
          null, List.of(), Type.Ref.of(ClassRef.of("java.lang", "IncompatibleClassChangeError")));
      chain = Block.of(new Stmt.Throw(error, src(at)));
    }
    List<Expr> conds = new ArrayList<>();
    List<Block> blocks = new ArrayList<>();
    int defaultIndex = -1;
    jumpTargets.push(target);
    try {
      for (int i = 0; i < cases.size(); i++) {
        CaseTree c = cases.get(i);
        conds.add(caseCondition(selector, c));
        defaultIndex = c.getExpressions().isEmpty() ? i : defaultIndex;
        List<StatementTree> run = new ArrayList<>();
        for (int j = i; j < cases.size(); j++) {
          run.addAll(bodies.get(j));
          if (c.getCaseKind() == CaseTree.CaseKind.RULE || endsWithJump(bodies.get(j))) {
            break;
          }
        }
        blocks.add(caseBlock(c, run, target));
      }
    } finally {
      jumpTargets.pop();
    }
    if (defaultIndex >= 0) {
      chain = blocks.get(defaultIndex);
    }
    for (int i = cases.size() - 1; i >= 0; i--) {
      if (i != defaultIndex) {
        chain = Block.of(new Stmt.If(conds.get(i), blocks.get(i), chain, src(cases.get(i))));
      }
    }
    if (wrapped) {
      out.add(new Stmt.Loop(target.label, Block.EMPTY, new Const(Type.Prim.BOOLEAN, false), chain, Block.EMPTY, true,
          src(at)));
    } else {
      out.addAll(chain.stmts());
    }
    return target;
  }

  private static boolean endsWithJump(List<? extends StatementTree> stmts) {
    if (stmts.isEmpty()) {
      return false;
    }
    StatementTree s = stmts.get(stmts.size() - 1);
    return s instanceof BreakTree || s instanceof YieldTree || s instanceof ReturnTree || s instanceof ThrowTree
        || s instanceof ContinueTree;
  }

  /** The selector, evaluated once: an int-like value, an enum or a String. */
  private Expr selector(ExpressionTree tree) {
    Expr e = materialize(expr(tree, null));
    Type t = e.type();
    boolean intLike = t == Type.Prim.INT || t == Type.Prim.CHAR || t == Type.Prim.SHORT || t == Type.Prim.BYTE;
    if (!intLike && !isString(t) && !isEnum(t)) {
      throw new FrontendException(tree, "leibniz: a switch on " + unparenthesized(tree) + " of type " + t
          + " is not supported in a differentiable method: switch on an int, char, short, byte, enum or String"
          + " value, or use if/else");
    }
    return e instanceof Var || e instanceof Const ? e : spillExpr(e, tree);
  }

  private boolean isEnum(Type t) {
    if (!(t instanceof Type.Ref r)) {
      return false;
    }
    TypeElement element = elements.getTypeElement(r.cls().canonicalName());
    return element != null && element.getKind() == ElementKind.ENUM;
  }

  /** The statements of a case: those after {@code case ...:}, or the body after {@code ->}. */
  private static List<? extends StatementTree> caseStatements(CaseTree c) {
    if (c.getCaseKind() == CaseTree.CaseKind.STATEMENT) {
      return c.getStatements();
    }
    Tree body = c.getBody();
    if (body instanceof BlockTree b) {
      return b.getStatements();
    }
    return body instanceof StatementTree s ? List.of(s) : List.of();
  }

  /** Whether a case leaves the switch with a plain break or a yield before the end of its code. */
  private static boolean jumpsOut(List<List<? extends StatementTree>> bodies, Set<Tree> trailing) {
    boolean[] found = {false};
    TreeScanner<Void, Void> scanner = new TreeScanner<>() {
      @Override
      public Void visitBreak(BreakTree node, Void p) {
        found[0] |= node.getLabel() == null && !trailing.contains(node);
        return null;
      }

      @Override
      public Void visitYield(YieldTree node, Void p) {
        found[0] |= !trailing.contains(node);
        return super.visitYield(node, p);
      }

      // jumps inside these go elsewhere
      @Override
      public Void visitWhileLoop(WhileLoopTree node, Void p) {
        return null;
      }

      @Override
      public Void visitDoWhileLoop(DoWhileLoopTree node, Void p) {
        return null;
      }

      @Override
      public Void visitForLoop(ForLoopTree node, Void p) {
        return null;
      }

      @Override
      public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void p) {
        return null;
      }

      @Override
      public Void visitSwitch(SwitchTree node, Void p) {
        return scan(node.getExpression(), p);
      }

      @Override
      public Void visitSwitchExpression(SwitchExpressionTree node, Void p) {
        return scan(node.getExpression(), p);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
        return null;
      }

      @Override
      public Void visitClass(com.sun.source.tree.ClassTree node, Void p) {
        return null;
      }
    };
    for (List<? extends StatementTree> body : bodies) {
      scanner.scan(body, null);
    }
    return found[0];
  }

  /** Whether the selector matches one of the case's labels; null for {@code default}. */
  private Expr caseCondition(Expr selector, CaseTree c) {
    Expr cond = null;
    for (ExpressionTree label : c.getExpressions()) {
      Expr match;
      if (isEnum(selector.type())) {
        if (!(label instanceof IdentifierTree id)) {
          throw new FrontendException(label, "leibniz: case " + label + " is not a constant of " + selector.type());
        }
        Type.Ref enumType = (Type.Ref) selector.type();
        match = Ops.compare(BinaryOp.EQ, selector,
            new Expr.StaticField(enumType.cls(), id.getName().toString(), enumType));
      } else if (isString(selector.type())) {
        Expr constant = materialize(expr(label, selector.type()));
        match = new Expr.Invoke(new Callee.Method(Known.STRING, "equals", false, List.of(Type.Ref.of(Known.OBJECT))),
            selector, List.of(constant), Type.Prim.BOOLEAN, src(label));
      } else {
        Expr constant = materialize(expr(label, selector.type()));
        Type t = promote(selector.type(), constant.type());
        match = Ops.compare(BinaryOp.EQ, Ops.convert(selector, t), Ops.convert(constant, t));
      }
      cond = cond == null ? match : new Expr.Binary(BinaryOp.OR, cond, match, Type.Prim.BOOLEAN);
    }
    return cond;
  }

  /** A case's code, without its trailing break; an arrow's expression is a statement or a yielded value. */
  private Block caseBlock(CaseTree c, List<? extends StatementTree> stmts, JumpTarget target) {
    Block.Builder saved = out;
    Scope savedScope = scope;
    out = new Block.Builder();
    scope = scope.child();
    try {
      if (c.getCaseKind() == CaseTree.CaseKind.RULE && c.getBody() instanceof ExpressionTree e) {
        if (target.resultNames != null) {
          yieldValue(target, e, e);
        } else {
          try {
            expressionStatement(e, out);
          } catch (FrontendException ex) {
            report(ex.tree(), ex.getMessage());
          }
        }
      }
      for (StatementTree s : stmts) {
        if (s instanceof YieldTree || !target.trailing.contains(s)) {
          statement(s);
        }
      }
      return out.build();
    } finally {
      out = saved;
      scope = savedScope;
    }
  }

  // ---------------------------------------------------------------- expressions

  private Value expr(ExpressionTree t, Type expected) {
    Value v = exprAnyOrder(t, expected);
    return readBeforeEffects.contains(t) ? snapshot(v, t) : v;
  }

  private Value exprAnyOrder(ExpressionTree t, Type expected) {
    if (t instanceof ParenthesizedTree p) {
      return expr(p.getExpression(), expected);
    } else if (t instanceof LiteralTree l) {
      return new Value.Scalar(literal(l));
    } else if (t instanceof IdentifierTree id) {
      return identifier(id);
    } else if (t instanceof MemberSelectTree m) {
      return memberSelect(m);
    } else if (t instanceof BinaryTree b) {
      return binary(b);
    } else if (t instanceof UnaryTree u) {
      return unary(u);
    } else if (t instanceof ConditionalExpressionTree c) {
      return conditional(c, expected);
    } else if (t instanceof TypeCastTree c) {
      return cast(c);
    } else if (t instanceof MethodInvocationTree m) {
      return invocation(m, expected);
    } else if (t instanceof NewClassTree n) {
      return newClass(n, expected);
    } else if (t instanceof NewArrayTree n) {
      return newArray(n, expected);
    } else if (t instanceof ArrayAccessTree a) {
      Expr array = materialize(expr(a.getExpression(), null));
      if (!(array.type() instanceof Type.Array arrayType)) {
        throw new FrontendException(a, a.getExpression() + " is not an array");
      }
      Expr index = materialize(convert(expr(a.getIndex(), Type.Prim.INT), Type.Prim.INT, a.getIndex()));
      return new Value.Scalar(new Expr.ArrayRead(array, index, arrayType.element()));
    } else if (t instanceof LambdaExpressionTree l) {
      return new Value.Scalar(lambda(l, expected));
    } else if (t instanceof MemberReferenceTree m) {
      return new Value.Scalar(methodReference(m, expected));
    } else if (t instanceof InstanceOfTree i) {
      if (i.getPattern() != null) {
        throw new FrontendException(t, "leibniz: instanceof with a pattern variable is not supported in a"
            + " differentiable method: test with a plain instanceof, then cast");
      }
      Expr operand = materialize(expr(i.getExpression(), null));
      Type target = mapper.toIr(names.resolve(i.getType()));
      return new Value.Scalar(new Expr.InstanceOf(operand, target));
    } else if (t instanceof AssignmentTree || t instanceof CompoundAssignmentTree) {
      return effectInExpression(t);
    } else if (t instanceof SwitchExpressionTree s) {
      return switchExpression(s, expected);
    }
    throw new FrontendException(t, "leibniz: " + describe(t) + " is not supported in a differentiable method:"
        + " compute the value with if/else and locals, or move it into a method the differentiable one calls"
        + " with no differentiated argument");
  }

  private Expr literal(LiteralTree l) {
    Object v = l.getValue();
    return switch (l.getKind()) {
      case INT_LITERAL -> new Const(Type.Prim.INT, v);
      case LONG_LITERAL -> new Const(Type.Prim.LONG, v);
      case FLOAT_LITERAL -> new Const(Type.Prim.FLOAT, v);
      case DOUBLE_LITERAL -> new Const(Type.Prim.DOUBLE, v);
      case BOOLEAN_LITERAL -> new Const(Type.Prim.BOOLEAN, v);
      case CHAR_LITERAL -> new Const(Type.Prim.CHAR, v);
      case STRING_LITERAL -> new Const(Type.Ref.of(Known.STRING), v);
      default -> new Const(Type.Ref.of(Known.OBJECT), null);
    };
  }

  private Value identifier(IdentifierTree id) {
    String name = id.getName().toString();
    Value local = scope.lookup(name);
    if (local != null) {
      if (captures != null && scope.isCapture(name)) {
        for (Expr leaf : leavesNoSpill(local)) {
          if (leaf instanceof Var v) {
            captures.add(v);
          }
        }
      }
      return local;
    }
    for (Element e = enclosingClass; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      Value field = staticField(t, name, id);
      if (field != null) {
        return field;
      }
    }
    for (TypeElement owner : names.staticImportOwners(name)) {
      Value field = staticField(owner, name, id);
      if (field != null) {
        return field;
      }
    }
    TypeElement type = names.resolveSimple(name);
    if (type != null) {
      return new Value.TypeName(type);
    }
    return new Value.PackageName(name);
  }

  private Value staticField(TypeElement owner, String name, Tree at) {
    for (Element member : members(owner)) {
      if ((member.getKind() == ElementKind.FIELD || member.getKind() == ElementKind.ENUM_CONSTANT)
          && member.getSimpleName().contentEquals(name)) {
        VariableElement field = (VariableElement) member;
        if (!field.getModifiers().contains(Modifier.STATIC)) {
          throw new FrontendException(at, "leibniz: instance field " + name
              + " is not available in a static differentiable method");
        }
        Type type = mapper.toIr(field.asType());
        if (Known.isFunction(type)) {
          return functionField(field, type, at);
        }
        Object constant = field.getConstantValue();
        if (constant != null && type instanceof Type.Prim) {
          return new Value.Scalar(new Const(type, constant));
        }
        if (field.getModifiers().contains(Modifier.PRIVATE)) {
          throw new FrontendException(at, "leibniz: private field " + name
              + " cannot be read from the generated derivative class: make it package-private");
        }
        return new Value.Scalar(new Expr.StaticField(mapper.classRef(owner), name, type));
      }
    }
    return null;
  }

  /**
   * A function value read from a static field: a {@code static final} lambda of this class is
   * inlined where it is applied, as a local lambda is; any other would run without derivatives.
   */
  private Value functionField(VariableElement field, Type type, Tree at) {
    Tree decl = field.getModifiers().contains(Modifier.FINAL) && isEnclosing(field.getEnclosingElement())
        ? trees.getTree(field) : null;
    if (decl instanceof VariableTree v && v.getInitializer() != null
        && unparenthesized(v.getInitializer()) instanceof LambdaExpressionTree l) {
      return new Value.LocalLambda(l, new Scope(null, false), type);
    }
    throw new FrontendException(at, "leibniz: function value " + at + " is read from a field, so Leibniz cannot see"
        + " its body to differentiate it: write the lambda as a local (or a static final field of this class),"
        + " or pass it as a @NonDiff parameter");
  }

  private boolean isEnclosing(Element owner) {
    for (Element e = enclosingClass; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.equals(owner)) {
        return true;
      }
    }
    return false;
  }

  private Value memberSelect(MemberSelectTree m) {
    String name = m.getIdentifier().toString();
    Value q = expr(m.getExpression(), null);
    if (q instanceof Value.PackageName p) {
      String full = p.name() + "." + name;
      TypeElement type = elements.getTypeElement(full);
      return type != null ? new Value.TypeName(type) : new Value.PackageName(full);
    }
    if (q instanceof Value.TypeName t) {
      Value field = staticField(t.element(), name, m);
      if (field != null) {
        return field;
      }
      for (Element member : members(t.element())) {
        if (member instanceof TypeElement inner && member.getSimpleName().contentEquals(name)) {
          return new Value.TypeName(inner);
        }
      }
      throw new FrontendException(m, "cannot resolve " + m);
    }
    Expr target = materialize(q);
    if (target.type() instanceof Type.Array && name.equals("length")) {
      return new Value.Scalar(new Expr.ArrayLength(target));
    }
    throw new FrontendException(m, "leibniz: field access " + m + " is not supported in a differentiable"
        + " method (records are read through their accessors, as p.x())");
  }

  private Value binary(BinaryTree b) {
    BinaryOp op = binaryOp(b.getKind());
    Expr left = materialize(expr(b.getLeftOperand(), null));
    boolean shortCircuit = op == BinaryOp.AND || op == BinaryOp.OR;
    if (shortCircuit && lazyDepth == 0 && runsStatements(b.getRightOperand())) {
      return shortCircuitStatement(op, left, b);
    }
    Expr right = shortCircuit ? lazily(() -> materialize(expr(b.getRightOperand(), null)))
        : materialize(expr(b.getRightOperand(), null));
    if (op == BinaryOp.ADD && (isString(left.type()) || isString(right.type()))) {
      return new Value.Scalar(new Expr.Binary(op, left, right, Type.Ref.of(Known.STRING)));
    }
    if (op.isArithmetic()) {
      return new Value.Scalar(arithmetic(op, left, right, b));
    }
    if (op.isComparison()) {
      if (isNumeric(left.type()) && isNumeric(right.type())) {
        Type t = promote(left.type(), right.type());
        return new Value.Scalar(Ops.compare(op, Ops.convert(left, t), Ops.convert(right, t)));
      }
      return new Value.Scalar(Ops.compare(op, left, right));
    }
    if (shortCircuit) {
      return new Value.Scalar(new Expr.Binary(op, left, right, Type.Prim.BOOLEAN));
    }
    if (left.type() == Type.Prim.BOOLEAN && right.type() == Type.Prim.BOOLEAN) {
      return new Value.Scalar(new Expr.Binary(op, left, right, Type.Prim.BOOLEAN));
    }
    if (!isIntegral(left.type()) || !isIntegral(right.type())) {
      throw new FrontendException(b, "operator " + op.symbol + " needs integral operands");
    }
    if (op == BinaryOp.SHL || op == BinaryOp.SHR || op == BinaryOp.USHR) {
      Type t = promote(left.type(), Type.Prim.INT);
      return new Value.Scalar(new Expr.Binary(op, Ops.convert(left, t), right, t));
    }
    Type t = promote(left.type(), right.type());
    return new Value.Scalar(new Expr.Binary(op, Ops.convert(left, t), Ops.convert(right, t), t));
  }

  /**
   * {@code a && b} or {@code a || b} with calls in {@code b}, as an {@code if}: {@code b}'s calls
   * (one returning a record included) run only when {@code a} leaves the answer open.
   */
  private Value shortCircuitStatement(BinaryOp op, Expr left, BinaryTree b) {
    Var result = namer.temp(Type.Prim.BOOLEAN);
    out.add(new Stmt.Declare(result, left, src(b)));
    Block.Builder saved = out;
    Scope savedScope = scope;
    try {
      out = new Block.Builder();
      scope = scope.child();
      out.add(new Stmt.Assign(result, condition(b.getRightOperand()), src(b)));
      Block evaluateRight = out.build();
      out = saved;
      Expr open = op == BinaryOp.AND ? result : new Expr.Unary(Expr.UnaryOp.NOT, result, Type.Prim.BOOLEAN);
      out.add(new Stmt.If(open, evaluateRight, Block.EMPTY, src(b)));
      return new Value.Scalar(result);
    } finally {
      out = saved;
      scope = savedScope;
    }
  }

  private Expr arithmetic(BinaryOp op, Expr left, Expr right, Tree at) {
    if (!isNumeric(left.type()) || !isNumeric(right.type())) {
      throw new FrontendException(at, "leibniz: operator " + op.symbol + " on " + left.type() + " and "
          + right.type() + " is not supported");
    }
    Type t = promote(left.type(), right.type());
    return new Expr.Binary(op, Ops.convert(left, t), Ops.convert(right, t), t);
  }

  private static BinaryOp binaryOp(Tree.Kind kind) {
    return switch (kind) {
      case MULTIPLY, MULTIPLY_ASSIGNMENT -> BinaryOp.MUL;
      case DIVIDE, DIVIDE_ASSIGNMENT -> BinaryOp.DIV;
      case REMAINDER, REMAINDER_ASSIGNMENT -> BinaryOp.REM;
      case PLUS, PLUS_ASSIGNMENT -> BinaryOp.ADD;
      case MINUS, MINUS_ASSIGNMENT -> BinaryOp.SUB;
      case LEFT_SHIFT, LEFT_SHIFT_ASSIGNMENT -> BinaryOp.SHL;
      case RIGHT_SHIFT, RIGHT_SHIFT_ASSIGNMENT -> BinaryOp.SHR;
      case UNSIGNED_RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> BinaryOp.USHR;
      case LESS_THAN -> BinaryOp.LT;
      case LESS_THAN_EQUAL -> BinaryOp.LE;
      case GREATER_THAN -> BinaryOp.GT;
      case GREATER_THAN_EQUAL -> BinaryOp.GE;
      case EQUAL_TO -> BinaryOp.EQ;
      case NOT_EQUAL_TO -> BinaryOp.NE;
      case AND, AND_ASSIGNMENT -> BinaryOp.BITAND;
      case OR, OR_ASSIGNMENT -> BinaryOp.BITOR;
      case XOR, XOR_ASSIGNMENT -> BinaryOp.XOR;
      case CONDITIONAL_AND -> BinaryOp.AND;
      case CONDITIONAL_OR -> BinaryOp.OR;
      default -> throw new IllegalArgumentException(kind.toString());
    };
  }

  private Value unary(UnaryTree u) {
    if (isIncrement(u)) {
      return effectInExpression(u);
    }
    Expr operand = materialize(expr(u.getExpression(), null));
    switch (u.getKind()) {
      case UNARY_MINUS: {
        if (!isNumeric(operand.type())) {
          throw new FrontendException(u, "unary minus needs a number");
        }
        Type t = promote(operand.type(), Type.Prim.INT);
        Expr x = Ops.convert(operand, t);
        if (x instanceof Const c && c.value() instanceof Number) {
          return new Value.Scalar(negate(c));
        }
        return new Value.Scalar(new Expr.Unary(Expr.UnaryOp.NEG, x, t));
      }
      case UNARY_PLUS:
        return new Value.Scalar(Ops.convert(operand, promote(operand.type(), Type.Prim.INT)));
      case LOGICAL_COMPLEMENT:
        return new Value.Scalar(new Expr.Unary(Expr.UnaryOp.NOT, operand, Type.Prim.BOOLEAN));
      case BITWISE_COMPLEMENT: {
        Type t = promote(operand.type(), Type.Prim.INT);
        return new Value.Scalar(new Expr.Unary(Expr.UnaryOp.BITNOT, Ops.convert(operand, t), t));
      }
      default:
        throw new FrontendException(u, "operator " + u.getKind() + " is not supported");
    }
  }

  private static Const negate(Const c) {
    Object v = c.value();
    if (v instanceof Double d) {
      return new Const(c.type(), -d);
    } else if (v instanceof Float f) {
      return new Const(c.type(), -f);
    } else if (v instanceof Long l) {
      return new Const(c.type(), -l);
    }
    return new Const(c.type(), -((Number) v).intValue());
  }

  private Value conditional(ConditionalExpressionTree c, Type expected) {
    Expr cond = condition(c.getCondition());
    if (lazyDepth == 0 && (runsStatements(c.getTrueExpression()) || runsStatements(c.getFalseExpression()))) {
      return conditionalStatement(cond, c, expected);
    }
    Value a = lazily(() -> expr(c.getTrueExpression(), expected));
    Value b = lazily(() -> expr(c.getFalseExpression(), expected));
    if (a instanceof Value.Aggregate || b instanceof Value.Aggregate) {
      Type t = a instanceof Value.Aggregate ag ? ag.type() : typeOf(b);
      List<Expr> la = leaves(convert(a, t, c), c);
      List<Expr> lb = leaves(convert(b, t, c), c);
      List<Expr> merged = new ArrayList<>();
      for (int i = 0; i < la.size(); i++) {
        merged.add(new Expr.Conditional(cond, la.get(i), lb.get(i), la.get(i).type()));
      }
      return rebuild((Type.Record) t, merged);
    }
    Expr x = materialize(a);
    Expr y = materialize(b);
    Type t = isNumeric(x.type()) && isNumeric(y.type()) ? promote(x.type(), y.type()) : x.type();
    return new Value.Scalar(new Expr.Conditional(cond, Ops.convert(x, t), Ops.convert(y, t), t));
  }

  /** Whether evaluating {@code t} emits statements: calls, assignments, switch expressions. */
  private static boolean runsStatements(ExpressionTree t) {
    return containsCall(t) || EvaluationOrder.hasEffects(t);
  }

  private static boolean containsCall(ExpressionTree t) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void p) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
        return null; // a lambda's calls run later, not here
      }
    }.scan(t, null);
    return found[0];
  }

  /**
   * {@code c ? a : b} with calls in a branch, as an {@code if}: each branch runs its own calls (a
   * call returning a record included), and only the branch taken runs.
   */
  private Value conditionalStatement(Expr cond, ConditionalExpressionTree c, Type expected) {
    Block.Builder saved = out;
    Scope savedScope = scope;
    try {
      out = new Block.Builder();
      scope = scope.child();
      Value a = expr(c.getTrueExpression(), expected);
      Block.Builder thenOut = out;
      out = new Block.Builder();
      scope = savedScope.child();
      Value b = expr(c.getFalseExpression(), expected);
      Block.Builder elseOut = out;
      out = saved;
      scope = savedScope;
      Type t = typeOf(a);
      Type tb = typeOf(b);
      if (isNumeric(t) && isNumeric(tb)) {
        t = promote(t, tb);
      }
      out = thenOut;
      List<Expr> la = leaves(convert(a, t, c), c);
      out = elseOut;
      List<Expr> lb = leaves(convert(b, t, c), c);
      out = saved;
      List<Expr> results = new ArrayList<>();
      for (Expr leaf : la) {
        Var r = namer.temp(leaf.type());
        out.add(new Stmt.Declare(r, null, src(c)));
        results.add(r);
      }
      for (int i = 0; i < results.size(); i++) {
        thenOut.add(new Stmt.Assign((Var) results.get(i), la.get(i), src(c)));
        elseOut.add(new Stmt.Assign((Var) results.get(i), lb.get(i), src(c)));
      }
      out.add(new Stmt.If(cond, thenOut.build(), elseOut.build(), src(c)));
      return t instanceof Type.Record r ? rebuild(r, results) : new Value.Scalar(results.get(0));
    } finally {
      out = saved;
      scope = savedScope;
    }
  }

  /** A record value from its leaves in order. */
  private Value rebuild(Type.Record type, List<Expr> leaves) {
    int[] next = {0};
    return rebuildFrom(type, leaves, next);
  }

  private Value rebuildFrom(Type.Record type, List<Expr> leaves, int[] next) {
    List<Value> components = new ArrayList<>();
    for (Type.Component c : type.components()) {
      if (c.type() instanceof Type.Record inner) {
        components.add(rebuildFrom(inner, leaves, next));
      } else {
        components.add(new Value.Scalar(leaves.get(next[0]++)));
      }
    }
    return new Value.Aggregate(type, components);
  }

  private Value cast(TypeCastTree c) {
    Type target = mapper.toIr(names.resolve(c.getType()));
    Value v = expr(c.getExpression(), target);
    if (!(target instanceof Type.Prim)) {
      if (typeOf(v).equals(target) || !(target instanceof Type.Record)) {
        return v;
      }
      throw new FrontendException(c, "leibniz: cast to " + target + " is not supported");
    }
    Expr x = materialize(v);
    // (float) Math.f(x) of a float x is one float-precision operation, as in JAX's float32.
    if (target == Type.Prim.FLOAT && x instanceof Expr.MathCall m && m.type() == Type.Prim.DOUBLE
        && allFloatArguments(m)) {
      List<Expr> args = new ArrayList<>();
      for (int i = 0; i < m.args().size(); i++) {
        Expr arg = m.args().get(i);
        args.add(m.fn().intParameter(i) ? arg : narrowToFloat(arg));
      }
      return new Value.Scalar(new Expr.MathCall(m.fn(), args, Type.Prim.FLOAT, m.strict()));
    }
    if (x.type().equals(target)) {
      return new Value.Scalar(x);
    }
    if (!(x.type() instanceof Type.Prim)) {
      throw new FrontendException(c, "leibniz: cast of " + x.type() + " to " + target + " is not supported");
    }
    return new Value.Scalar(Ops.convert(x, target));
  }

  private static boolean allFloatArguments(Expr.MathCall m) {
    for (int i = 0; i < m.args().size(); i++) {
      if (m.fn().intParameter(i)) {
        continue;
      }
      Expr a = m.args().get(i);
      boolean isFloat = (a instanceof Expr.Cast cast && cast.operand().type() == Type.Prim.FLOAT)
          || (a instanceof Const k && k.value() instanceof Double d && (double) (float) (double) d == d);
      if (!isFloat) {
        return false;
      }
    }
    return true;
  }

  private static Expr narrowToFloat(Expr arg) {
    if (arg instanceof Expr.Cast c) {
      return c.operand();
    }
    return Const.of(Type.Prim.FLOAT, ((Number) ((Const) arg).value()).doubleValue());
  }

  // ---------------------------------------------------------------- calls

  private Value invocation(MethodInvocationTree m, Type expected) {
    ExpressionTree select = m.getMethodSelect();
    List<? extends ExpressionTree> argTrees = m.getArguments();
    if (select instanceof IdentifierTree id) {
      String name = id.getName().toString();
      for (Element e = enclosingClass; e instanceof TypeElement t; e = e.getEnclosingElement()) {
        if (hasMethod(t, name)) {
          return staticCall(t, name, argTrees, m);
        }
      }
      for (TypeElement owner : names.staticImportOwners(name)) {
        if (hasMethod(owner, name)) {
          return staticCall(owner, name, argTrees, m);
        }
      }
      throw new FrontendException(m, "cannot resolve method " + name);
    }
    MemberSelectTree ms = (MemberSelectTree) select;
    String name = ms.getIdentifier().toString();
    Value q = expr(ms.getExpression(), null);
    if (q instanceof Value.TypeName t) {
      GeneratedForms.Form form = GeneratedForms.resolve(table, mapper.classRef(t.element()), name);
      return form != null ? generatedCall(form, argTrees, m) : staticCall(t.element(), name, argTrees, m);
    }
    if (q instanceof Value.PackageName p) {
      // a class generated in this round is not there yet: known by its name
      String here = elements.getPackageOf(enclosingClass).getQualifiedName().toString();
      ClassRef generated = GeneratedForms.named(table, p.name(), here);
      if (generated == null) {
        throw new FrontendException(ms.getExpression(), "cannot resolve " + ms.getExpression());
      }
      GeneratedForms.Form form = GeneratedForms.resolve(table, generated, name);
      if (form == null) {
        throw new FrontendException(m, "leibniz: " + generated.simpleName() + "." + name + " cannot be called"
            + " here: a JVP rule may call another method's generated form mJvp, mGrad or mValueAndGrad");
      }
      return generatedCall(form, argTrees, m);
    }
    return instanceCall(q, name, argTrees, m);
  }

  /**
   * A call of another method's generated form in a JVP rule, as a JAX rule may call
   * {@code jax.jvp}: {@code gJvp} is linear in its tangents (reverse mode transposes it through
   * {@code g}'s pullback), {@code gGrad} and {@code gValueAndGrad} give primal values.
   */
  private Value generatedCall(GeneratedForms.Form form, List<? extends ExpressionTree> argTrees, Tree at) {
    FunctionInfo f = form.f();
    String name = f.name() + form.kind().suffix;
    if (!inJvpRule) {
      throw new FrontendException(at, "leibniz: the generated " + name + " may be called in a @CustomJvp rule only:"
          + " call " + f.name() + " itself, and Leibniz differentiates through it");
    }
    if (form.kind() != GeneratedForms.Kind.JVP && !f.scalarResult()) {
      throw new FrontendException(at, "leibniz: " + f.name() + " returns " + f.resultType() + ", so it has no "
          + name + ": call " + f.name() + "Jvp");
    }
    List<Type> types = form.parameterTypes();
    if (types.size() != argTrees.size()) {
      throw new FrontendException(at, "leibniz: " + name + " takes " + types.size() + " arguments");
    }
    List<Expr> args = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      args.add(materialize(convert(expr(argTrees.get(i), types.get(i)), types.get(i), argTrees.get(i))));
    }
    Callee callee = form.kind() == GeneratedForms.Kind.JVP ? new Callee.Function(f.ref(), Callee.Form.JVP)
        : new Callee.Method(f.derivativesClass(), name, true, types);
    return spill(new Expr.Invoke(callee, null, args, form.resultType(), src(at)), at);
  }

  private boolean hasMethod(TypeElement owner, String name) {
    for (Element member : members(owner)) {
      if (member.getKind() == ElementKind.METHOD && member.getSimpleName().contentEquals(name)) {
        return true;
      }
    }
    return false;
  }

  private Value staticCall(TypeElement owner, String name, List<? extends ExpressionTree> argTrees,
      MethodInvocationTree at) {
    String ownerName = owner.getQualifiedName().toString();
    if (ownerName.equals("java.lang.Math") || ownerName.equals("java.lang.StrictMath")) {
      MathFn fn = MathFn.byJavaName(name);
      if (fn != null && fn.arity() == argTrees.size()) {
        Value math = mathCall(fn, argTrees, ownerName.equals("java.lang.StrictMath"), at);
        if (math != null) {
          return math;
        }
      }
    }
    if (ownerName.equals(Known.LEIBNIZ.canonicalName())) {
      return leibnizCall(name, argTrees, at);
    }
    List<Expr> args = null;
    if (ArrayCopies.isStaticCopy(ownerName, name, argTrees.size())) {
      args = atomArgs(argTrees);
      if (ArrayCopies.applies(name, args)) {
        return arrayCopy(name, args, at);
      }
    }
    List<ExecutableElement> candidates = methods(owner, name, argTrees.size());
    if (candidates.isEmpty()) {
      throw new FrontendException(at, "cannot resolve method " + owner.getSimpleName() + "." + name);
    }
    if (candidates.size() == 1 && differentiable(candidates.get(0)) != null) {
      return differentiableCall(differentiable(candidates.get(0)), argTrees, at);
    }
    if (args == null) {
      args = passiveArgs(argTrees);
    }
    ExecutableElement method = choose(candidates, args, at);
    FunctionInfo chosen = differentiable(method);
    if (chosen != null) {
      List<Expr> converted = new ArrayList<>();
      for (int i = 0; i < args.size(); i++) {
        Type pt = chosen.params().get(i).type();
        converted.add(materialize(convert(new Value.Scalar(args.get(i)), pt, argTrees.get(i))));
      }
      return spill(new Expr.Invoke(new Callee.Function(chosen.ref(), Callee.Form.PRIMAL), null, converted,
          chosen.resultType(), src(at)), at);
    }
    if (!method.getModifiers().contains(Modifier.STATIC)) {
      throw new FrontendException(at, "leibniz: instance method " + name
          + " cannot be called from a static differentiable method");
    }
    checkAccessible(method, at);
    Type result = inferredResult(method, method.getReturnType(), args);
    Expr call = new Expr.Invoke(methodCallee(owner, method), null, args, result, src(at));
    return spill(call, at);
  }

  private void checkAccessible(ExecutableElement method, Tree at) {
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      throw new FrontendException(at, "leibniz: private method " + method.getSimpleName()
          + " cannot be called from the generated derivative class: make it package-private");
    }
  }

  private Callee.Method methodCallee(TypeElement owner, ExecutableElement method) {
    List<Type> params = new ArrayList<>();
    for (VariableElement p : method.getParameters()) {
      params.add(safeType(p.asType()));
    }
    TypeElement declaring = (TypeElement) method.getEnclosingElement();
    ClassRef ownerRef = mapper.classRef(method.getModifiers().contains(Modifier.STATIC) ? declaring : owner);
    return new Callee.Method(ownerRef, method.getSimpleName().toString(),
        method.getModifiers().contains(Modifier.STATIC), params);
  }

  private Type safeType(TypeMirror m) {
    try {
      return mapper.toIr(m);
    } catch (TypeMapper.UnsupportedTypeException e) {
      return Type.Ref.of(Known.OBJECT);
    }
  }

  /** The annotated method {@code m} stands for, or null. */
  private FunctionInfo differentiable(ExecutableElement m) {
    if (!m.getModifiers().contains(Modifier.STATIC)) {
      return null;
    }
    FunctionRef ref = new FunctionRef(mapper.classRef((TypeElement) m.getEnclosingElement()),
        m.getSimpleName().toString());
    FunctionInfo f = table.get(ref); // in this round, or compiled earlier and known by its generated class
    if (f == null || f.params().size() != m.getParameters().size()) {
      return null;
    }
    for (int i = 0; i < f.params().size(); i++) {
      if (!f.params().get(i).type().equals(safeType(m.getParameters().get(i).asType()))) {
        return null; // another overload, with no derivative
      }
    }
    return f;
  }

  private Value differentiableCall(FunctionInfo f, List<? extends ExpressionTree> argTrees, Tree at) {
    List<FunctionInfo.ParamInfo> params = f.params();
    if (params.size() != argTrees.size()) {
      throw new FrontendException(at, f.name() + " takes " + params.size() + " arguments");
    }
    List<Expr> args = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      Type pt = params.get(i).type();
      args.add(materialize(convert(expr(argTrees.get(i), pt), pt, argTrees.get(i))));
    }
    Expr call = new Expr.Invoke(new Callee.Function(f.ref(), Callee.Form.PRIMAL), null, args, f.resultType(),
        src(at));
    return spill(call, at);
  }

  private List<Expr> passiveArgs(List<? extends ExpressionTree> argTrees) {
    List<Expr> args = new ArrayList<>();
    for (ExpressionTree a : argTrees) {
      args.add(materialize(expr(a, null)));
    }
    return args;
  }

  /** A call's value, held in a temporary so it runs exactly once, in order. */
  private Value spill(Expr call, Tree at) {
    Type type = call.type();
    if (type == Type.Prim.VOID) {
      return new Value.Scalar(call);
    }
    if (lazyDepth > 0) {
      if (type instanceof Type.Record) {
        throw new FrontendException(at, "leibniz: a call returning a record in a loop condition is not"
            + " supported: assign it to a local before the loop and again at the end of each iteration");
      }
      return new Value.Scalar(call);
    }
    Var t = namer.temp(type);
    out.add(new Stmt.Declare(t, call, src(at)));
    if (type instanceof Type.Record r) {
      return componentsOf(t, r);
    }
    return new Value.Scalar(t);
  }

  private Value componentsOf(Expr whole, Type.Record r) {
    List<Value> components = new ArrayList<>();
    for (Type.Component c : r.components()) {
      Expr part = new Expr.Component(whole, c.name(), c.type());
      components.add(c.type() instanceof Type.Record inner ? componentsOf(part, inner) : new Value.Scalar(part));
    }
    return new Value.Aggregate(r, components);
  }

  private Value mathCall(MathFn fn, List<? extends ExpressionTree> argTrees, boolean strict, Tree at) {
    List<Expr> args = new ArrayList<>();
    for (ExpressionTree a : argTrees) {
      args.add(materialize(expr(a, null)));
    }
    boolean allFloat = true;
    for (int i = 0; i < args.size(); i++) {
      Type t = args.get(i).type();
      if (fn.intParameter(i)) {
        if (!isIntegral(t)) {
          return null;
        }
        continue;
      }
      if (!isNumeric(t)) {
        return null;
      }
      allFloat &= t == Type.Prim.FLOAT || isIntegral(t);
    }
    boolean anyFloating = false;
    for (int i = 0; i < args.size(); i++) {
      anyFloating |= !fn.intParameter(i) && args.get(i).type().isFloating();
    }
    if (!anyFloating && (fn == MathFn.ABS || fn == MathFn.MIN || fn == MathFn.MAX)) {
      return null; // the int and long overloads: an ordinary call
    }
    Type precision = fn.floatNative() && allFloat ? Type.Prim.FLOAT : Type.Prim.DOUBLE;
    List<Expr> converted = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      converted.add(fn.intParameter(i) ? args.get(i) : Ops.convert(args.get(i), precision));
    }
    return new Value.Scalar(new Expr.MathCall(fn, converted, precision, strict));
  }

  private Value leibnizCall(String name, List<? extends ExpressionTree> argTrees, Tree at) {
    if (argTrees.size() != 1) {
      throw new FrontendException(at, "cannot resolve Leibniz." + name);
    }
    Value arg = expr(argTrees.get(0), null);
    if (name.equals("stopGradient")) {
      if (arg instanceof Value.Aggregate ag) {
        List<Expr> stopped = new ArrayList<>();
        for (Expr leaf : leaves(ag, at)) {
          stopped.add(new Expr.Invoke(Callee.Special.STOP_GRADIENT, null, List.of(leaf), leaf.type()));
        }
        return rebuild(ag.type(), stopped);
      }
      Expr x = materialize(arg);
      return new Value.Scalar(new Expr.Invoke(Callee.Special.STOP_GRADIENT, null, List.of(x), x.type()));
    }
    if (name.equals("differentiable")) {
      Expr f = materialize(arg);
      if (!Known.isFunction(f.type())) {
        throw new FrontendException(at, "Leibniz.differentiable takes a DoubleUnaryOperator or DoubleBinaryOperator");
      }
      ClassRef cls = Known.arity(f.type()) == 1 ? Known.DIFF_UNARY : Known.DIFF_BINARY;
      return new Value.Scalar(new Expr.Invoke(Callee.Special.DIFFERENTIABLE, null, List.of(f), Type.Ref.of(cls)));
    }
    throw new FrontendException(at, "cannot resolve Leibniz." + name);
  }

  private Value instanceCall(Value receiver, String name, List<? extends ExpressionTree> argTrees,
      MethodInvocationTree at) {
    Type type = typeOf(receiver);
    if (type instanceof Type.Record r && argTrees.isEmpty() && r.component(name) != null) {
      return component(receiver, name, at);
    }
    if (receiver instanceof Value.LocalLambda fn && name.equals("applyAsDouble") && captures == null) {
      return inline(fn, argTrees, at);
    }
    if (name.equals("clone") && argTrees.isEmpty() && ArrayCopies.copied(type)) {
      return arrayClone(receiver, at);
    }
    Expr target = materialize(receiver);
    if (Known.isFunction(type)) {
      Value fn = functionCall(target, name, argTrees, at);
      if (fn != null) {
        return fn;
      }
    }
    TypeElement owner = type instanceof Type.Prim ? null : mapper.element(classOf(type));
    if (owner == null) {
      throw new FrontendException(at, "cannot resolve method " + name + " on " + type);
    }
    List<ExecutableElement> candidates = methods(owner, name, argTrees.size());
    if (candidates.isEmpty()) {
      throw new FrontendException(at, "cannot resolve method " + name + " on " + type);
    }
    List<Expr> args = passiveArgs(argTrees);
    ExecutableElement method = choose(candidates, args, at);
    // an array's clone() is of the array's type (javac's rule; Object.clone() says Object)
    Type result = type instanceof Type.Array && name.equals("clone") && args.isEmpty() ? type
        : inferredResult(method, resultTypeOf(method, type), args);
    return spill(new Expr.Invoke(methodCallee(owner, method), target, args, result, src(at)), at);
  }

  // ---------------------------------------------------------------- array copies (see ArrayCopies)

  /** Arguments evaluated in order, each into a temporary unless it is a variable or a constant. */
  private List<Expr> atomArgs(List<? extends ExpressionTree> argTrees) {
    List<Expr> args = new ArrayList<>();
    for (ExpressionTree a : argTrees) {
      args.add(spillIfNeeded(materialize(expr(a, null)), a));
    }
    return args;
  }

  /** {@code Arrays.copyOf}, {@code copyOfRange}, {@code fill} or {@code System.arraycopy} of a {@code double[]}/{@code float[]}, as loops. */
  private Value arrayCopy(String name, List<Expr> args, Tree at) {
    checkNotLazy(at);
    Var copy = new ArrayCopies(namer, out, src(at)).staticCopy(name, args);
    return copy != null ? new Value.Scalar(copy) : new Value.Done();
  }

  /** {@code a.clone()} of a {@code double[]}/{@code float[]}, as a new array and a loop. */
  private Value arrayClone(Value receiver, Tree at) {
    checkNotLazy(at);
    Expr array = spillIfNeeded(materialize(receiver), at);
    return new Value.Scalar(new ArrayCopies(namer, out, src(at)).cloneOf((Var) array));
  }

  /** The loops of a copy run once where they are written, not where a loop condition is evaluated. */
  private void checkNotLazy(Tree at) {
    if (lazyDepth > 0) {
      throw new FrontendException(at, "leibniz: a copy of an array in a loop condition is not supported:"
          + " make the copy in a statement of its own, before the loop and at the end of each iteration");
    }
  }

  /**
   * The result type of a call: a type variable of the method ({@code <T> T requireNonNull(T)}) is
   * the type of the argument declared with it, boxed; otherwise its erasure.
   */
  private Type inferredResult(ExecutableElement method, TypeMirror declared, List<Expr> args) {
    if (declared instanceof TypeVariable tv) {
      List<? extends VariableElement> params = method.getParameters();
      for (int i = 0; i < params.size() && i < args.size(); i++) {
        if (types.isSameType(params.get(i).asType(), tv)) {
          Type arg = args.get(i).type();
          return arg instanceof Type.Prim p ? Type.Ref.of(p.boxed()) : arg;
        }
      }
    }
    return safeType(declared);
  }

  private TypeMirror resultTypeOf(ExecutableElement method, Type receiverType) {
    if (receiverType instanceof Type.Ref ref && !ref.args().isEmpty()) {
      TypeMirror site = mapper.toMirror(receiverType);
      if (site instanceof DeclaredType d) {
        try {
          return ((ExecutableType) types.asMemberOf(d, method)).getReturnType();
        } catch (IllegalArgumentException e) {
          return method.getReturnType();
        }
      }
    }
    return method.getReturnType();
  }

  private static ClassRef classOf(Type type) {
    if (type instanceof Type.Ref r) {
      return r.cls();
    } else if (type instanceof Type.Record r) {
      return r.cls();
    }
    return Known.OBJECT;
  }

  private Value component(Value receiver, String name, Tree at) {
    if (receiver instanceof Value.Aggregate ag) {
      for (int i = 0; i < ag.type().components().size(); i++) {
        if (ag.type().components().get(i).name().equals(name)) {
          return ag.components().get(i);
        }
      }
    }
    Expr whole = materialize(receiver);
    Type.Record r = (Type.Record) whole.type();
    Type ct = r.component(name).type();
    Expr part = new Expr.Component(whole, name, ct);
    return ct instanceof Type.Record inner ? componentsOf(part, inner) : new Value.Scalar(part);
  }

  /**
   * {@code h.applyAsDouble(args)} of a local lambda: its body, parsed where it was written with its
   * parameters bound to the arguments. A block body may return only as its last statement.
   */
  private Value inline(Value.LocalLambda fn, List<? extends ExpressionTree> argTrees, Tree at) {
    LambdaExpressionTree l = fn.tree();
    if (argTrees.size() != l.getParameters().size()) {
      throw new FrontendException(at, "leibniz: " + at + " passes " + argTrees.size() + " arguments to a lambda of "
          + l.getParameters().size() + " parameters");
    }
    List<Expr> args = new ArrayList<>();
    for (ExpressionTree a : argTrees) {
      args.add(materialize(convert(expr(a, Type.Prim.DOUBLE), Type.Prim.DOUBLE, a)));
    }
    Scope saved = scope;
    scope = new Scope(fn.scope(), false);
    try {
      for (int i = 0; i < args.size(); i++) {
        String p = l.getParameters().get(i).getName().toString();
        Var v = new Var(namer.declare(p), Type.Prim.DOUBLE);
        out.add(new Stmt.Declare(v, args.get(i), src(at)));
        scope.define(p, new Value.Scalar(v));
      }
      if (l.getBody() instanceof ExpressionTree body) {
        return new Value.Scalar(materialize(convert(expr(body, Type.Prim.DOUBLE), Type.Prim.DOUBLE, body)));
      }
      List<? extends StatementTree> stmts = ((BlockTree) l.getBody()).getStatements();
      StatementTree last = stmts.isEmpty() ? null : stmts.get(stmts.size() - 1);
      if (!(last instanceof ReturnTree ret) || ret.getExpression() == null || returnsIn(stmts.subList(0, stmts.size() - 1))) {
        throw new FrontendException(l, "leibniz: a lambda applied in a differentiable method may return only as"
            + " its last statement: compute the result into a local and return it at the end");
      }
      for (StatementTree st : stmts.subList(0, stmts.size() - 1)) {
        statement(st);
      }
      return new Value.Scalar(materialize(convert(expr(ret.getExpression(), Type.Prim.DOUBLE), Type.Prim.DOUBLE,
          ret.getExpression())));
    } finally {
      scope = saved;
    }
  }

  private static boolean returnsIn(List<? extends StatementTree> stmts) {
    boolean[] found = {false};
    TreeScanner<Void, Void> scanner = new TreeScanner<>() {
      @Override
      public Void visitReturn(ReturnTree node, Void p) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
        return null; // a nested lambda's returns are its own
      }
    };
    for (StatementTree st : stmts) {
      scanner.scan(st, null);
    }
    return found[0];
  }

  /** Calls on function values: {@code applyAsDouble}, and {@code jvp}/{@code vjp}/{@code vjpJvp}. */
  private Value functionCall(Expr f, String name, List<? extends ExpressionTree> argTrees, Tree at) {
    int arity = Known.arity(f.type());
    boolean differentiableFn = ((Type.Ref) f.type()).cls().equals(Known.DIFF_UNARY)
        || ((Type.Ref) f.type()).cls().equals(Known.DIFF_BINARY);
    List<Expr> args = new ArrayList<>();
    for (ExpressionTree a : argTrees) {
      args.add(materialize(convert(expr(a, Type.Prim.DOUBLE), Type.Prim.DOUBLE, a)));
    }
    Expr call;
    switch (name) {
      case "applyAsDouble":
        if (args.size() != arity) {
          return null;
        }
        call = new Expr.Invoke(new Callee.Apply(arity), f, args, Type.Prim.DOUBLE, src(at));
        break;
      case "jvp":
        if (!differentiableFn || args.size() != 2 * arity) {
          return null;
        }
        call = new Expr.Invoke(Callee.Special.FN_JVP, f, args, Known.dualType(), src(at));
        break;
      case "vjp":
        if (!differentiableFn || args.size() != arity + 1) {
          return null;
        }
        call = new Expr.Invoke(Callee.Special.FN_VJP, f, args,
            arity == 1 ? Type.Prim.DOUBLE : new Type.Array(Type.Prim.DOUBLE));
        break;
      case "vjpJvp":
        if (!differentiableFn || args.size() != 2 * arity + 2) {
          return null;
        }
        call = new Expr.Invoke(Callee.Special.FN_VJP_JVP, f, args,
            arity == 1 ? Known.dualType() : new Type.Array(Type.Prim.DOUBLE));
        break;
      default:
        return null;
    }
    return spill(call, at);
  }

  private List<ExecutableElement> methods(TypeElement owner, String name, int arity) {
    List<ExecutableElement> out = new ArrayList<>();
    for (Element member : members(owner)) {
      if (member.getKind() == ElementKind.METHOD && member.getSimpleName().contentEquals(name)) {
        ExecutableElement m = (ExecutableElement) member;
        int n = m.getParameters().size();
        if (n == arity || (m.isVarArgs() && arity >= n - 1)) {
          out.add(m);
        }
      }
    }
    return out;
  }

  /** Overload resolution among {@code candidates}: exact, then widening, then boxing and varargs. */
  private ExecutableElement choose(List<ExecutableElement> candidates, List<Expr> args, Tree at) {
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    for (int phase = 0; phase < 3; phase++) {
      List<ExecutableElement> applicable = new ArrayList<>();
      for (ExecutableElement m : candidates) {
        if (applicable(m, args, phase)) {
          applicable.add(m);
        }
      }
      if (!applicable.isEmpty()) {
        ExecutableElement best = applicable.get(0);
        for (ExecutableElement m : applicable) {
          if (moreSpecific(m, best)) {
            best = m;
          }
        }
        return best;
      }
    }
    throw new FrontendException(at, "cannot resolve which overload of " + candidates.get(0).getSimpleName()
        + " is called");
  }

  private boolean applicable(ExecutableElement m, List<Expr> args, int phase) {
    List<? extends VariableElement> params = m.getParameters();
    if (phase < 2 && params.size() != args.size()) {
      return false;
    }
    for (int i = 0; i < args.size(); i++) {
      TypeMirror param;
      if (phase == 2 && m.isVarArgs() && i >= params.size() - 1) {
        TypeMirror last = params.get(params.size() - 1).asType();
        param = ((javax.lang.model.type.ArrayType) last).getComponentType();
      } else {
        if (i >= params.size()) {
          return false;
        }
        param = params.get(i).asType();
      }
      TypeMirror arg = mapper.toMirror(args.get(i).type());
      if (arg.getKind() == TypeKind.NULL) {
        if (param.getKind().isPrimitive()) {
          return false;
        }
        continue;
      }
      param = types.erasure(param);
      boolean ok;
      if (phase == 0) {
        ok = arg.getKind().isPrimitive() == param.getKind().isPrimitive() && types.isAssignable(arg, param);
      } else {
        ok = types.isAssignable(arg, param);
      }
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private boolean moreSpecific(ExecutableElement a, ExecutableElement b) {
    if (a == b || a.getParameters().size() != b.getParameters().size()) {
      return false;
    }
    for (int i = 0; i < a.getParameters().size(); i++) {
      TypeMirror pa = types.erasure(a.getParameters().get(i).asType());
      TypeMirror pb = types.erasure(b.getParameters().get(i).asType());
      if (!types.isAssignable(pa, pb)) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- records, arrays, lambdas

  private Value newClass(NewClassTree n, Type expected) {
    if (n.getClassBody() != null) {
      throw new FrontendException(n, "leibniz: anonymous classes are not supported in a differentiable method");
    }
    TypeMirror mirror = names.resolve(n.getIdentifier());
    TypeElement element = (TypeElement) types.asElement(mirror);
    if (element == null) {
      throw new FrontendException(n, "cannot resolve " + n.getIdentifier());
    }
    if (element.getKind() != ElementKind.RECORD) {
      List<Expr> args = passiveArgs(n.getArguments());
      return new Value.Scalar(new Expr.Invoke(new Callee.Constructor(mapper.classRef(element)), null, args,
          Type.Ref.of(mapper.classRef(element)), src(n)));
    }
    List<Value> args = new ArrayList<>();
    for (ExpressionTree a : n.getArguments()) {
      args.add(expr(a, null));
    }
    Type.Record type = recordType(element, mirror, n, expected, args);
    if (args.size() != type.components().size()) {
      throw new FrontendException(n, "record " + element.getSimpleName() + " has " + type.components().size()
          + " components");
    }
    List<Value> components = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      Type ct = type.components().get(i).type();
      components.add(convert(args.get(i), ct, n.getArguments().get(i)));
    }
    return new Value.Aggregate(type, components);
  }

  /** The record type of {@code new R<...>(args)}: explicit, from the expected type, or inferred. */
  private Type.Record recordType(TypeElement element, TypeMirror mirror, NewClassTree n, Type expected,
      List<Value> args) {
    if (element.getTypeParameters().isEmpty()) {
      return (Type.Record) mapper.toIr(element.asType());
    }
    boolean diamond = n.getIdentifier() instanceof com.sun.source.tree.ParameterizedTypeTree p
        && p.getTypeArguments().isEmpty();
    if (!diamond && mirror instanceof DeclaredType d && !d.getTypeArguments().isEmpty()) {
      return (Type.Record) mapper.toIr(mirror);
    }
    if (expected instanceof Type.Record r && r.cls().equals(mapper.classRef(element))) {
      return r;
    }
    // Infer each type parameter from the component declared with exactly that type.
    List<TypeMirror> typeArgs = new ArrayList<>();
    for (var tp : element.getTypeParameters()) {
      TypeMirror found = null;
      List<? extends javax.lang.model.element.RecordComponentElement> comps = element.getRecordComponents();
      for (int i = 0; i < comps.size() && i < args.size(); i++) {
        TypeMirror declared = comps.get(i).asType();
        if (declared instanceof TypeVariable tv && tv.asElement().equals(tp)) {
          found = boxedMirror(typeOf(args.get(i)));
        }
      }
      if (found == null) {
        throw new FrontendException(n, "cannot infer the type arguments of " + n.getIdentifier()
            + ": write them out");
      }
      typeArgs.add(found);
    }
    return (Type.Record) mapper.toIr(types.getDeclaredType(element, typeArgs.toArray(new TypeMirror[0])));
  }

  private TypeMirror boxedMirror(Type t) {
    TypeMirror m = mapper.toMirror(t);
    if (m.getKind().isPrimitive()) {
      return types.boxedClass((javax.lang.model.type.PrimitiveType) m).asType();
    }
    if (t instanceof Type.Record r && !r.args().isEmpty()) {
      List<TypeMirror> args = new ArrayList<>();
      for (Type a : r.args()) {
        args.add(boxedMirror(a));
      }
      return types.getDeclaredType(mapper.element(r.cls()), args.toArray(new TypeMirror[0]));
    }
    return m;
  }

  private Value newArray(NewArrayTree n, Type expected) {
    Type element;
    if (n.getType() != null) {
      element = mapper.toIr(names.resolve(n.getType()));
    } else if (expected instanceof Type.Array a) {
      element = a.element();
    } else {
      throw new FrontendException(n, "cannot infer the array type");
    }
    if (n.getDimensions().size() > 1 || element instanceof Type.Array) {
      throw new FrontendException(n, "leibniz: multi-dimensional arrays are not supported in a differentiable"
          + " method: use a one-dimensional array indexed i * columns + j");
    }
    Type.Array type = new Type.Array(element);
    if (n.getInitializers() != null) {
      List<Expr> elements = new ArrayList<>();
      for (ExpressionTree e : n.getInitializers()) {
        elements.add(materialize(convert(expr(e, element), element, e)));
      }
      return new Value.Scalar(new Expr.NewArray(type, null, elements));
    }
    ExpressionTree dim = n.getDimensions().get(0);
    Expr length = materialize(convert(expr(dim, Type.Prim.INT), Type.Prim.INT, dim));
    return new Value.Scalar(new Expr.NewArray(type, length, null));
  }

  private Expr lambda(LambdaExpressionTree l, Type expected) {
    if (expected == null || !Known.isFunction(expected)) {
      throw new FrontendException(l, "leibniz: a lambda in a differentiable method must be passed to a"
          + " DoubleUnaryOperator or DoubleBinaryOperator parameter of a differentiable method");
    }
    int arity = Known.arity(expected);
    if (l.getParameters().size() != arity) {
      throw new FrontendException(l, "a " + expected + " takes " + arity + " parameters");
    }
    Scope saved = scope;
    Block.Builder savedOut = out;
    Set<Var> savedCaptures = captures;
    int savedLazy = lazyDepth;
    Type savedResult = resultType;
    scope = new Scope(scope, true);
    out = new Block.Builder();
    captures = new LinkedHashSet<>();
    lazyDepth = 0;
    resultType = Type.Prim.DOUBLE;
    try {
      List<Var> params = new ArrayList<>();
      for (VariableTree p : l.getParameters()) {
        Var v = new Var(namer.declare(p.getName().toString()), Type.Prim.DOUBLE);
        params.add(v);
        scope.define(p.getName().toString(), new Value.Scalar(v));
      }
      if (l.getBody() instanceof ExpressionTree body) {
        Value v = convert(expr(body, Type.Prim.DOUBLE), Type.Prim.DOUBLE, body);
        out.add(new Stmt.Return(List.of(materialize(v)), src(body)));
      } else {
        for (StatementTree s : ((BlockTree) l.getBody()).getStatements()) {
          statement(s);
        }
      }
      LambdaFunction fn = new LambdaFunction(params, out.build(), new ArrayList<>(captures), src(l));
      Set<Var> outerCaptures = savedCaptures;
      if (outerCaptures != null) {
        outerCaptures.addAll(captures);
      }
      return new Expr.Lambda(fn, expected);
    } finally {
      scope = saved;
      out = savedOut;
      captures = savedCaptures;
      lazyDepth = savedLazy;
      resultType = savedResult;
    }
  }

  /** {@code Foo::g} as the lambda {@code (x) -> Foo.g(x)}. */
  private Expr methodReference(MemberReferenceTree m, Type expected) {
    if (expected == null || !Known.isFunction(expected)) {
      throw new FrontendException(m, "leibniz: a method reference in a differentiable method must be passed"
          + " to a DoubleUnaryOperator or DoubleBinaryOperator parameter of a differentiable method");
    }
    Value q = expr(m.getQualifierExpression(), null);
    if (!(q instanceof Value.TypeName owner)) {
      throw new FrontendException(m, "leibniz: only references to static methods are supported");
    }
    int arity = Known.arity(expected);
    String name = m.getName().toString();
    Block.Builder savedOut = out;
    out = new Block.Builder();
    try {
      List<Var> params = new ArrayList<>();
      List<Expr> args = new ArrayList<>();
      for (int i = 0; i < arity; i++) {
        Var p = namer.fresh(arity == 1 ? "x" : (i == 0 ? "a" : "b"), Type.Prim.DOUBLE);
        params.add(p);
        args.add(p);
      }
      Expr body = referencedCall(owner.element(), name, args, m);
      out.add(new Stmt.Return(List.of(body), src(m)));
      return new Expr.Lambda(new LambdaFunction(params, out.build(), List.of(), src(m)), expected);
    } finally {
      out = savedOut;
    }
  }

  private Expr referencedCall(TypeElement owner, String name, List<Expr> args, Tree at) {
    String ownerName = owner.getQualifiedName().toString();
    if (ownerName.equals("java.lang.Math") || ownerName.equals("java.lang.StrictMath")) {
      MathFn fn = MathFn.byJavaName(name);
      if (fn != null && fn.arity() == args.size()) {
        return new Expr.MathCall(fn, args, Type.Prim.DOUBLE, ownerName.endsWith("StrictMath"));
      }
    }
    for (ExecutableElement candidate : methods(owner, name, args.size())) {
      FunctionInfo f = differentiable(candidate);
      if (f != null) {
        Var t = namer.temp(f.resultType());
        out.add(new Stmt.Declare(t, new Expr.Invoke(new Callee.Function(f.ref(), Callee.Form.PRIMAL), null,
            args, f.resultType()), src(at)));
        return t;
      }
    }
    throw new FrontendException(at, "leibniz: method reference " + owner.getSimpleName() + "::" + name
        + " is not differentiable: mark it @Differentiable or give it a @CustomJvp/@CustomVjp rule");
  }

  // ---------------------------------------------------------------- values

  private Type typeOf(Value v) {
    if (v instanceof Value.Scalar s) {
      return s.expr().type();
    } else if (v instanceof Value.Aggregate a) {
      return a.type();
    } else if (v instanceof Value.LocalLambda fn) {
      return fn.type();
    } else if (v instanceof Value.Done) {
      return Type.Prim.VOID;
    }
    throw new IllegalStateException("a class name is not a value");
  }

  /** {@code v} converted to {@code type} as an assignment would (widening, literals, records). */
  private Value convert(Value v, Type type, Tree at) {
    if (v instanceof Value.TypeName || v instanceof Value.PackageName) {
      throw new FrontendException(at, "cannot resolve " + at);
    }
    Type from = typeOf(v);
    if (from.equals(type) || type == null) {
      return v;
    }
    if (type instanceof Type.Record r) {
      if (from instanceof Type.Record fr && fr.cls().equals(r.cls())) {
        // same record, other type arguments (inferred): convert component-wise
        List<Expr> ls = leaves(v, at);
        List<Expr> converted = new ArrayList<>();
        List<Type> targets = leafTypes(r);
        for (int i = 0; i < ls.size(); i++) {
          converted.add(Ops.convert(ls.get(i), targets.get(i)));
        }
        return rebuild(r, converted);
      }
      throw new FrontendException(at, "expected " + type + ", found " + from);
    }
    Expr x = materialize(v);
    if (type instanceof Type.Prim p && from instanceof Type.Prim fp && p.isNumeric() && fp.isNumeric()) {
      return new Value.Scalar(Ops.convert(x, type));
    }
    return new Value.Scalar(x);
  }

  private static List<Type> leafTypes(Type.Record r) {
    List<Type> out = new ArrayList<>();
    for (Type.Component c : r.components()) {
      if (c.type() instanceof Type.Record inner) {
        out.addAll(leafTypes(inner));
      } else {
        out.add(c.type());
      }
    }
    return out;
  }

  /** One expression for {@code v}: a record value is constructed whole. */
  private Expr materialize(Value v) {
    Expr e = materializeQuiet(v);
    if (v instanceof Value.Done) {
      throw new FrontendException(null, "a void method has no value");
    }
    if (e == null) {
      throw new IllegalStateException("not a value: " + v);
    }
    return e;
  }

  private Expr materializeQuiet(Value v) {
    if (v instanceof Value.Scalar s) {
      return s.expr();
    } else if (v instanceof Value.Aggregate a) {
      List<Expr> args = new ArrayList<>();
      for (Value c : a.components()) {
        args.add(materialize(c));
      }
      return new Expr.Construct(a.type(), args);
    } else if (v instanceof Value.LocalLambda fn) {
      Scope saved = scope;
      scope = fn.scope();
      try {
        return lambda(fn.tree(), fn.type()); // a function value, as where it was written
      } finally {
        scope = saved;
      }
    } else if (v instanceof Value.TypeName t) {
      throw new FrontendException(null, "class " + t.element().getSimpleName() + " is not a value");
    } else if (v instanceof Value.PackageName p) {
      throw new FrontendException(null, "cannot resolve symbol " + p.name());
    }
    return null;
  }

  /** The leaves of a value, records flattened in component order. */
  private List<Expr> leaves(Value v, Tree at) {
    List<Expr> out = new ArrayList<>();
    if (v instanceof Value.Aggregate a) {
      for (Value c : a.components()) {
        out.addAll(leaves(c, at));
      }
    } else {
      Expr e = materialize(v);
      if (e.type() instanceof Type.Record r) {
        Expr whole = e instanceof Var || e instanceof Expr.Component ? e : spillExpr(e, at);
        out.addAll(leaves(componentsOf(whole, r), at));
      } else {
        out.add(e);
      }
    }
    return out;
  }

  private List<Expr> leavesNoSpill(Value v) {
    List<Expr> out = new ArrayList<>();
    if (v instanceof Value.Aggregate a) {
      for (Value c : a.components()) {
        out.addAll(leavesNoSpill(c));
      }
    } else if (v instanceof Value.Scalar s) {
      out.add(s.expr());
    }
    return out;
  }

  private Expr spillExpr(Expr e, Tree at) {
    Var t = namer.temp(e.type());
    out.add(new Stmt.Declare(t, e, src(at)));
    return t;
  }

  private static boolean isString(Type t) {
    return t instanceof Type.Ref r && r.cls().equals(Known.STRING);
  }

  private static boolean isNumeric(Type t) {
    return t instanceof Type.Prim p && p.isNumeric();
  }

  private static boolean isIntegral(Type t) {
    return t instanceof Type.Prim p && p.isIntegral();
  }

  /** Binary numeric promotion (JLS 5.6.2). */
  private static Type promote(Type a, Type b) {
    if (a == Type.Prim.DOUBLE || b == Type.Prim.DOUBLE) {
      return Type.Prim.DOUBLE;
    } else if (a == Type.Prim.FLOAT || b == Type.Prim.FLOAT) {
      return Type.Prim.FLOAT;
    } else if (a == Type.Prim.LONG || b == Type.Prim.LONG) {
      return Type.Prim.LONG;
    }
    return Type.Prim.INT;
  }

  private SourceRef src(Tree tree) {
    return new TreeSource(tree, unit);
  }

  private void report(Tree tree, String message) {
    failed = true;
    if (tree == null) {
      tree = currentStatement;
    }
    if (!reported.add(new java.util.AbstractMap.SimpleEntry<>(tree, message))) {
      return; // code after a case that falls through is parsed once per case entering it
    }
    reporter.error(new TreeSource(tree, unit), message.startsWith("leibniz:") ? message : "leibniz: " + message);
  }
}
