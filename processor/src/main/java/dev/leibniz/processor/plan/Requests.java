package dev.leibniz.processor.plan;

import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.FunctionRef;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.FunctionTable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The closure of derivative requests over the call graph, before any form is planned: which
 * methods have forward mode at all, and which forward forms second order needs of each method.
 */
public final class Requests {
  private final FunctionTable table;

  public Requests(FunctionTable table) {
    this.table = table;
  }

  /**
   * The tangent function of a {@code @CustomVjp} method, from its fwd and bwd rules differentiated
   * from their bodies (parsed only when second order asks), or null after an error was reported.
   */
  public interface CustomVjpTangents {
    Function of(FunctionInfo f);
  }

  /** One request: {@code function}'s forward form of {@code level} (1: {@code mJvp}, 2: {@code mJvpJvp}). */
  private record Request(FunctionInfo function, int level) {}

  /**
   * Forward mode exists unless a {@code @CustomVjp} method is on the way (a fixed point), lambdas
   * included: a lambda is always passed to a differentiable method, which runs its forward form.
   * The answer is {@link FunctionInfo#hasJvp()}.
   */
  public void forwardModes(List<FunctionInfo> infos) {
    for (FunctionInfo f : infos) {
      f.setHasJvp(f.kind() != FunctionInfo.Kind.CUSTOM_VJP);
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (FunctionInfo f : infos) {
        if (!f.hasJvp() || (f.kind() != FunctionInfo.Kind.DERIVED && f.kind() != FunctionInfo.Kind.RULE)
            || f.ir() == null) {
          continue;
        }
        for (FunctionRef callee : callees(f.ir(), true)) {
          FunctionInfo c = table.get(callee);
          if (c != null && c != f && !c.hasJvp()) {
            f.setHasJvp(false);
            changed = true;
            break;
          }
        }
      }
    }
  }

  /**
   * Marks the forward forms second order needs, a worklist of requests from the methods of
   * {@code order = 2}. Level 2 of a method derived from its body is forward mode over its level 1,
   * so its callees need level 2 too; level 2 of a custom rule is forward mode over the rule, so the
   * rule's callees need level 1. A {@code @CustomVjp} method's level 1 comes from its rules
   * ({@code tangents}). The answers are {@link FunctionInfo#secondOrder()} and {@link FunctionInfo#tangent()}.
   */
  public void secondOrder(List<FunctionInfo> infos, CustomVjpTangents tangents) {
    Set<Request> done = new HashSet<>();
    Deque<Request> work = new ArrayDeque<>();
    for (FunctionInfo f : List.copyOf(infos)) {
      if (f.order() >= 2) {
        work.add(new Request(f, 2));
      }
    }
    while (!work.isEmpty()) {
      Request request = work.poll();
      FunctionInfo f = request.function();
      int level = request.level();
      if (!done.add(request)) {
        continue;
      }
      if (level == 2) {
        f.setSecondOrder(true);
        work.add(new Request(f, 1));
      } else {
        f.setTangent(true);
      }
      if (f.kind() == FunctionInfo.Kind.EXTERNAL) {
        continue;
      }
      if (f.kind() == FunctionInfo.Kind.CUSTOM_VJP && f.ir() == null) {
        Function tangent = tangents.of(f);
        if (tangent == null) {
          return;
        }
        f.setIr(tangent);
      }
      boolean derived = f.kind() == FunctionInfo.Kind.DERIVED || f.kind() == FunctionInfo.Kind.RULE;
      if (f.ir() == null || (!derived && level == 1)) {
        continue; // a custom rule's own forward form is the user's code
      }
      int calleeLevel = derived ? level : 1;
      for (FunctionRef callee : callees(f.ir(), true)) {
        FunctionInfo c = table.get(callee);
        if (c != null) {
          work.add(new Request(c, calleeLevel));
        }
      }
      // forward mode over a rule's gJvp(...) calls gJvpJvp
      Stmts.walkExprs(f.ir().body(), e -> {
        if (e instanceof Expr.Invoke i && i.callee() instanceof Callee.Function c && c.form() == Callee.Form.JVP) {
          work.add(new Request(table.get(c.ref()), 2));
        }
      });
    }
  }

  /** The differentiable methods {@code ir} calls (in lambdas too, when asked). */
  public static Set<FunctionRef> callees(Function ir, boolean inLambdas) {
    Set<FunctionRef> out = new LinkedHashSet<>();
    collectCallees(ir.body(), inLambdas, out);
    return out;
  }

  private static void collectCallees(Block b, boolean inLambdas, Set<FunctionRef> out) {
    Stmts.walkExprs(b, e -> {
      if (e instanceof Expr.Invoke i && i.callee() instanceof Callee.Function f) {
        out.add(f.ref());
      } else if (inLambdas && e instanceof Expr.Lambda l) {
        collectCallees(l.function().body(), true, out);
      }
    });
  }
}
