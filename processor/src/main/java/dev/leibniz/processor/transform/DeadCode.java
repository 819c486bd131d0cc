package dev.leibniz.processor.transform;

import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Exprs;
import dev.leibniz.processor.ir.FunctionRef;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Var;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Dead code: the variables live before a block (liveness over structured control flow), the
 * assignments whose value nobody reads removed, and whether a block may run twice.
 */
public final class DeadCode {
  private final Set<Var> all;
  private final Predicate<FunctionRef> pureFunctions;

  private DeadCode(Set<Var> all, Predicate<FunctionRef> pureFunctions) {
    this.all = all;
    this.pureFunctions = pureFunctions;
  }

  /** The variables live on entry to {@code b} when {@code liveOut} are live after it. */
  public static Set<Var> liveIn(Block b, Set<Var> liveOut) {
    List<Stmt> ignored = new ArrayList<>();
    return new DeadCode(Stmts.mentioned(b), ref -> false).block(b.stmts(), liveOut, ignored);
  }

  /**
   * {@code b} without assignments whose value nobody reads; calls stay, but those of the methods
   * {@code pureFunctions} accepts (bodies without side effects), and tape operations stay.
   */
  public static Block deadCode(Block b, Set<Var> liveOut,
      Predicate<FunctionRef> pureFunctions) {
    List<Stmt> out = new ArrayList<>();
    new DeadCode(Stmts.mentioned(b), pureFunctions).block(b.stmts(), liveOut, out);
    return dropUnusedDeclarations(new Block(out));
  }

  private boolean isPure(Expr e) {
    return Exprs.isPure(e, pureFunctions) || makesOrNumbersTape(e);
  }

  /**
   * {@code new Tape()} or {@code tape.number(a)}: what only a backward sweep reads, so a forward
   * sweep whose backward sweep does not run (a VJP object that runs both sweeps again) drops them.
   */
  static boolean makesOrNumbersTape(Expr e) {
    return e instanceof Expr.Invoke i && (i.callee() instanceof Callee.Constructor c && c.owner().equals(Known.TAPE)
        || i.callee() instanceof Callee.Method m && m.owner().equals(Known.TAPE) && m.name().equals("number")
            && i.args().stream().allMatch(a -> a instanceof Var));
  }

  private Set<Var> block(List<Stmt> stmts, Set<Var> liveOut, List<Stmt> out) {
    Set<Var> live = new HashSet<>(liveOut);
    List<Stmt> reversed = new ArrayList<>();
    for (int i = stmts.size() - 1; i >= 0; i--) {
      Stmt kept = stmt(stmts.get(i), live);
      if (kept != null) {
        reversed.add(kept);
      }
    }
    Collections.reverse(reversed);
    out.addAll(reversed);
    return live;
  }

  /** Updates {@code live} across {@code s}; returns {@code s} as rewritten, or null to drop it. */
  private Stmt stmt(Stmt s, Set<Var> live) {
    if (s instanceof Stmt.Declare d) {
      if (d.init() == null) {
        live.remove(d.var());
        return s;
      }
      if (!live.contains(d.var()) && isPure(d.init())) {
        return new Stmt.Declare(d.var(), null, d.source());
      }
      live.remove(d.var());
      live.addAll(Exprs.vars(d.init()));
      return s;
    }
    if (s instanceof Stmt.Assign a) {
      if (!live.contains(a.target()) && isPure(a.value())) {
        return null;
      }
      live.remove(a.target());
      live.addAll(Exprs.vars(a.value()));
      return s;
    }
    if (s instanceof Stmt.If i) {
      List<Stmt> thenOut = new ArrayList<>();
      List<Stmt> elseOut = new ArrayList<>();
      Set<Var> liveThen = block(i.then().stmts(), live, thenOut);
      Set<Var> liveElse = block(i.otherwise().stmts(), live, elseOut);
      live.addAll(liveThen);
      live.addAll(liveElse);
      live.addAll(Exprs.vars(i.cond()));
      if (thenOut.isEmpty() && elseOut.isEmpty() && isPure(i.cond())) {
        return null;
      }
      return new Stmt.If(i.cond(), new Block(thenOut), new Block(elseOut), i.source());
    }
    if (s instanceof Stmt.Loop l) {
      return loop(l, live);
    }
    if (s instanceof Stmt.Return r) {
      live.clear();
      for (Expr v : r.values()) {
        live.addAll(Exprs.vars(v));
      }
      return s;
    }
    if (s instanceof Stmt.Throw t) {
      live.clear();
      live.addAll(Exprs.vars(t.exception()));
      return s;
    }
    if (s instanceof Stmt.Break || s instanceof Stmt.Continue) {
      live.addAll(all); // not expected in reverse-mode code: stay safe
      return s;
    }
    for (Expr e : Stmts.exprs(s)) {
      live.addAll(Exprs.vars(e));
    }
    if (s instanceof Stmt.Push p && !live.contains(p.tape())) {
      return null; // nothing pops it
    }
    return s; // Eval, ArrayWrite, Push
  }

  private Stmt loop(Stmt.Loop l, Set<Var> live) {
    Set<Var> condVars = l.cond() == null ? Set.of() : Exprs.vars(l.cond());
    Set<Var> head = new HashSet<>(live);
    head.addAll(condVars);
    DeadCode analysis = new DeadCode(all, pureFunctions);
    while (true) {
      Set<Var> afterBody = analysis.block(l.update().stmts(), head, new ArrayList<>());
      Set<Var> bodyIn = analysis.block(l.body().stmts(), afterBody, new ArrayList<>());
      Set<Var> next = new HashSet<>(live);
      next.addAll(condVars);
      next.addAll(bodyIn);
      if (next.equals(head)) {
        break;
      }
      head = next;
    }
    List<Stmt> updateOut = new ArrayList<>();
    Set<Var> afterBody = block(l.update().stmts(), head, updateOut);
    List<Stmt> bodyOut = new ArrayList<>();
    block(l.body().stmts(), afterBody, bodyOut);
    List<Stmt> initOut = new ArrayList<>();
    Set<Var> before = block(l.init().stmts(), head, initOut);
    live.clear();
    live.addAll(before);
    return new Stmt.Loop(l.label(), new Block(initOut), l.cond(), new Block(bodyOut), new Block(updateOut),
        l.testAfter(), l.source());
  }

  /** Removes declarations without a value of variables nothing else mentions. */
  private static Block dropUnusedDeclarations(Block b) {
    Set<Var> used = new HashSet<>();
    Stmts.walk(b, s -> {
      if (!(s instanceof Stmt.Declare)) {
        if (s instanceof Stmt.Assign a) {
          used.add(a.target());
        } else if (s instanceof Stmt.ArrayWrite w) {
          used.add(w.array());
        }
      }
    });
    Stmts.walkExprs(b, e -> {
      if (e instanceof Var v) {
        used.add(v);
      }
    });
    return filterDeclarations(b, used);
  }

  private static Block filterDeclarations(Block b, Set<Var> used) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : b.stmts()) {
      if (s instanceof Stmt.Declare d && d.init() == null && !used.contains(d.var())) {
        continue;
      }
      out.add(Cleanup.mapBlocks(s, inner -> filterDeclarations(inner, used)));
    }
    return new Block(out);
  }

  /**
   * Whether running {@code b} twice is the same as running it once: no calls but of Math, of
   * methods {@code pureFunctions} accepts (in any form), and the making of a tape.
   */
  public static boolean sideEffectFree(Block b,
      Predicate<FunctionRef> pureFunctions) {
    boolean[] free = {true};
    Stmts.walk(b, s -> free[0] &= !(s instanceof Stmt.Throw) && !(s instanceof Stmt.Eval));
    Stmts.walkExprs(b, e -> {
      if (e instanceof Expr.Invoke i) {
        boolean ok = i.callee() == Callee.Special.STOP_GRADIENT || makesOrNumbersTape(i)
            || (i.callee() instanceof Callee.Function f && pureFunctions.test(f.ref()))
            || (i.callee() instanceof Callee.Constructor c
                && c.owner().equals(Known.TAPE))
            || (i.callee() instanceof Callee.Method m
                && m.owner().simpleName().endsWith("Vjp") && m.name().equals("value"));
        free[0] &= ok;
      }
    });
    return free[0];
  }
}
