package dev.leibniz.processor.frontend;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Java evaluates operands left to right: an operand read before a later operand assigns (as in
 * {@code x + (x = 2)} or {@code f(i, i++)}), or an array element read before a later operand's
 * call may write into the array ({@code a[0] * f(a)}), keeps the value it had. The front end builds
 * expression trees that are evaluated after such assignments have run, so those operands are
 * copied into temporaries first; this finds them.
 */
final class EvaluationOrder {
  private EvaluationOrder() {}

  /** The operands in {@code tree} that a later operand of the same expression may overwrite. */
  static Set<Tree> readBeforeEffects(Tree tree) {
    Set<Tree> marked = Collections.newSetFromMap(new IdentityHashMap<>());
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitBinary(BinaryTree node, Void p) {
        mark(List.of(node.getLeftOperand(), node.getRightOperand()));
        return super.visitBinary(node, p);
      }

      @Override
      public Void visitArrayAccess(ArrayAccessTree node, Void p) {
        mark(List.of(node.getExpression(), node.getIndex()));
        return super.visitArrayAccess(node, p);
      }

      @Override
      public Void visitAssignment(AssignmentTree node, Void p) {
        if (node.getVariable() instanceof ArrayAccessTree a) {
          mark(List.of(a.getExpression(), a.getIndex(), node.getExpression()));
        }
        return super.visitAssignment(node, p);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree node, Void p) {
        if (node.getVariable() instanceof ArrayAccessTree a) {
          mark(List.of(a.getExpression(), a.getIndex(), node.getExpression()));
        }
        return super.visitCompoundAssignment(node, p);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void p) {
        List<Tree> operands = new ArrayList<>();
        if (node.getMethodSelect() instanceof MemberSelectTree m) {
          operands.add(m.getExpression());
        }
        operands.addAll(node.getArguments());
        mark(operands);
        return super.visitMethodInvocation(node, p);
      }

      @Override
      public Void visitNewClass(NewClassTree node, Void p) {
        mark(new ArrayList<>(node.getArguments()));
        return super.visitNewClass(node, p);
      }

      @Override
      public Void visitNewArray(NewArrayTree node, Void p) {
        List<Tree> operands = new ArrayList<>(node.getDimensions());
        if (node.getInitializers() != null) {
          operands.addAll(node.getInitializers());
        }
        mark(operands);
        return super.visitNewArray(node, p);
      }

      @Override
      public Void visitClass(ClassTree node, Void p) {
        return null;
      }

      private void mark(List<? extends Tree> operands) {
        boolean laterEffect = false;
        boolean laterCall = false;
        for (int i = operands.size() - 1; i >= 0; i--) {
          if (laterEffect || laterCall && readsArrayElements(operands.get(i))) {
            marked.add(operands.get(i));
          }
          laterEffect |= hasEffects(operands.get(i));
          laterCall |= mayWriteArrays(operands.get(i));
        }
      }
    }.scan(tree, null);
    return marked;
  }

  /**
   * Whether {@code tree} calls a method that may write into an array it is given (SPEC §5a): any
   * call with arguments but those of {@code Math}, {@code StrictMath} and {@code Leibniz}.
   */
  private static boolean mayWriteArrays(Tree tree) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void p) {
        String select = node.getMethodSelect().toString();
        found[0] |= !node.getArguments().isEmpty() && !select.startsWith("Math.")
            && !select.startsWith("StrictMath.") && !select.startsWith("Leibniz.");
        return super.visitMethodInvocation(node, p);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
        return null;
      }
    }.scan(tree, null);
    return found[0];
  }

  private static boolean readsArrayElements(Tree tree) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitArrayAccess(ArrayAccessTree node, Void p) {
        found[0] = true;
        return null;
      }
    }.scan(tree, null);
    return found[0];
  }

  /**
   * Whether {@code tree} assigns, increments or decrements when it runs, or holds a switch
   * expression (which runs as statements); a lambda's body runs later.
   */
  static boolean hasEffects(Tree tree) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitAssignment(AssignmentTree node, Void p) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree node, Void p) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitUnary(UnaryTree node, Void p) {
        switch (node.getKind()) {
          case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT -> found[0] = true;
          default -> super.visitUnary(node, p);
        }
        return null;
      }

      @Override
      public Void visitSwitchExpression(SwitchExpressionTree node, Void p) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree node, Void p) {
        return null;
      }
    }.scan(tree, null);
    return found[0];
  }
}
