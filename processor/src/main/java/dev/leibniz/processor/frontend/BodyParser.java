package dev.leibniz.processor.frontend;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import dev.leibniz.processor.diagnostics.Diagnostic;
import dev.leibniz.processor.diagnostics.Message;
import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.FunctionTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads a method body through the Trees API and writes it as IR, typing the differentiable subset
 * itself (bodies are not attributed while annotation processing runs). Every construct outside
 * the subset is reported on its own tree; parsing goes on with the next statement. The lowering
 * is done by the parts {@link BodyContext} holds ({@link Statements}, {@link Expressions},
 * {@link Calls}, ...).
 */
public final class BodyParser {

  /** Where the front end reports what it cannot accept. */
  public interface Reporter {
    void error(SourceRef at, Message message);
  }

  private final BodyContext cx;
  private final MethodPaths paths;

  public BodyParser(Trees trees, Elements elements, Types types, TypeMapper mapper, FunctionTable table,
      Reporter reporter) {
    this.cx = new BodyContext(trees, elements, types, mapper, table, reporter);
    this.paths = new MethodPaths(trees);
  }

  /**
   * Parses {@code method}'s body; {@code params} says which parameters are in D. Returns null
   * when something was reported.
   */
  public Function parse(ExecutableElement method, List<FunctionInfo.ParamInfo> params) {
    cx.inJvpRule = false;
    return parseBody(method, params);
  }

  /** Parses a {@code @CustomJvp} rule, which may also call generated forms ({@code GDerivatives.gJvp}). */
  public Function parseJvpRule(ExecutableElement rule, List<FunctionInfo.ParamInfo> params) {
    cx.inJvpRule = true;
    try {
      return parseBody(rule, params);
    } finally {
      cx.inJvpRule = false;
    }
  }

  private Function parseBody(ExecutableElement method, List<FunctionInfo.ParamInfo> params) {
    TreePath path = paths.of(method);
    if (path == null) { // javac was given the class by name, e.g. `javac A.java p.B`: it read B's class file
      cx.reporter.error(new TreeSource(null, null), Diagnostic.BODY_FROM_CLASS_FILE.of(method.getSimpleName(),
          ((TypeElement) method.getEnclosingElement()).getQualifiedName()));
      return null;
    }
    cx.unit = path.getCompilationUnit();
    MethodTree tree = (MethodTree) path.getLeaf();
    cx.enclosingClass = (TypeElement) method.getEnclosingElement();
    cx.names = new TypeNames(cx.elements, cx.types, cx.unit, cx.enclosingClass);
    cx.reserved = identifiersIn(tree);
    cx.reassigned = assignedNames(tree);
    cx.readBeforeEffects = EvaluationOrder.readBeforeEffects(tree);
    cx.reported = new HashSet<>();
    cx.namer = new Namer(cx.reserved);
    cx.scope = new Scope(null, false);
    cx.out = new Block.Builder();
    cx.resultType = cx.mapper.toIr(method.getReturnType());
    cx.failed = false;
    cx.lazyDepth = 0;
    cx.captures = null;

    List<Param> irParams = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      FunctionInfo.ParamInfo info = params.get(i);
      Var v = new Var(info.name(), info.type());
      irParams.add(new Param(v, info.differentiable()));
      cx.scope.define(info.name(), bindParameter(v, tree.getParameters().get(i)));
    }
    if (tree.getBody() == null) {
      cx.report(tree, Diagnostic.NO_BODY.of(method.getSimpleName()));
      return null;
    }
    for (StatementTree s : tree.getBody().getStatements()) {
      cx.stmts.statement(s);
    }
    if (cx.resultType == Type.Prim.VOID && !alwaysReturns(cx.out.stmts())) {
      // a void method may end without a return; the IR's paths all end in one
      cx.out.add(new Stmt.Return(List.of(), SourceRef.NONE));
    }
    return cx.failed ? null
        : new Function(method.getSimpleName().toString(), irParams, cx.resultType, cx.out.build(), cx.reserved);
  }

  /** Whether every path through {@code stmts} ends in a {@code return} or a {@code throw}. */
  private static boolean alwaysReturns(List<Stmt> stmts) {
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Return || s instanceof Stmt.Throw
          || s instanceof Stmt.If i && alwaysReturns(i.then().stmts()) && alwaysReturns(i.otherwise().stmts())) {
        return true;
      }
    }
    return false;
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
    cx.namer.take(param.name());
    if (param.type() instanceof Type.Record r) {
      return cx.stmts.declareRecord(param.name(), r, param, at);
    }
    return new Value.Scalar(param);
  }
}
