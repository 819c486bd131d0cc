package dev.leibniz.processor.transform;

import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Expr.BinaryOp;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives a body one exit, at its end, and no {@code break} or {@code continue}, so that reverse mode
 * can run every block backwards: a {@code return} assigns result variables, exits become boolean
 * flags that guard the statements after them and end the loops they leave. An {@code if} whose one
 * branch always returns takes the rest of the block as its other branch, with no flag.
 */
public final class Structure {
  private final Namer namer;
  private final List<Var> results = new ArrayList<>();
  private Var returned;
  /** For each loop being restructured, its break and continue flags (made on demand). */
  private final Map<Stmt.Loop, Var> breakFlags = new HashMap<>();
  private final Map<Stmt.Loop, Var> continueFlags = new HashMap<>();
  private final List<Stmt.Loop> loops = new ArrayList<>();
  private final List<Stmt> prologue = new ArrayList<>();

  private Structure(Namer namer) {
    this.namer = namer;
  }

  /** An exit a statement may take: a return, or a break/continue of a loop. */
  private record Exit(boolean isReturn, boolean isBreak, Stmt.Loop loop) {}

  public static Function apply(Function f) {
    if (alreadyStructured(f.body())) {
      return f;
    }
    Structure s = new Structure(Namer.forFunction(f));
    List<Expr> leaves = leafTypesOf(f);
    for (Expr t : leaves) {
      Var r = s.namer.fresh("result", t.type());
      s.results.add(r);
      s.prologue.add(new Stmt.Declare(r, Const.zero(t.type()), SourceRef.NONE));
    }
    s.returned = s.namer.fresh("returned", Type.Prim.BOOLEAN);
    List<Stmt> body = s.stmts(f.body().stmts());
    List<Stmt> all = new ArrayList<>(s.prologue);
    if (usesFlag(body, s.returned)) {
      all.add(new Stmt.Declare(s.returned, new Const(Type.Prim.BOOLEAN, false), SourceRef.NONE));
    }
    all.addAll(body);
    all.add(new Stmt.Return(new ArrayList<>(s.results), SourceRef.NONE));
    return f.withBody(new Block(all));
  }

  private static boolean usesFlag(List<Stmt> body, Var flag) {
    return Stmts.mentioned(new Block(body)).contains(flag);
  }

  /** A body already has its only return last and no break or continue. */
  private static boolean alreadyStructured(Block body) {
    List<Stmt> stmts = body.stmts();
    if (stmts.isEmpty() || !(stmts.get(stmts.size() - 1) instanceof Stmt.Return)) {
      return false;
    }
    int[] exits = {0};
    Stmts.walk(body, s -> {
      if (s instanceof Stmt.Return || s instanceof Stmt.Break || s instanceof Stmt.Continue) {
        exits[0]++;
      }
    });
    return exits[0] == 1;
  }

  private static List<Expr> leafTypesOf(Function f) {
    List<Expr> types = new ArrayList<>();
    Stmts.walk(f.body(), s -> {
      if (s instanceof Stmt.Return r && types.isEmpty()) {
        types.addAll(r.values());
      }
    });
    return types;
  }

  // ---------------------------------------------------------------- exits

  private Set<Exit> exits(Stmt s) {
    Set<Exit> out = new LinkedHashSet<>();
    if (s instanceof Stmt.Return) {
      out.add(new Exit(true, false, null));
    } else if (s instanceof Stmt.Break b) {
      out.add(new Exit(false, true, target(b.label())));
    } else if (s instanceof Stmt.Continue c) {
      out.add(new Exit(false, false, target(c.label())));
    } else if (s instanceof Stmt.If i) {
      out.addAll(exits(i.then().stmts()));
      out.addAll(exits(i.otherwise().stmts()));
    } else if (s instanceof Stmt.Loop l) {
      loops.add(l);
      try {
        for (Exit e : exits(l.body().stmts())) {
          if (e.loop() != l) {
            out.add(e);
          }
        }
      } finally {
        loops.remove(loops.size() - 1);
      }
    }
    return out;
  }

  private Set<Exit> exits(List<Stmt> stmts) {
    Set<Exit> out = new LinkedHashSet<>();
    for (Stmt s : stmts) {
      out.addAll(exits(s));
    }
    return out;
  }

  private Stmt.Loop target(String label) {
    for (int i = loops.size() - 1; i >= 0; i--) {
      if (label == null || label.equals(loops.get(i).label())) {
        return loops.get(i);
      }
    }
    throw new IllegalStateException("no loop for " + label);
  }

  /** Whether every path through {@code stmts} leaves by {@code return}. */
  private static boolean alwaysReturns(List<Stmt> stmts) {
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Return || s instanceof Stmt.Throw) {
        return true;
      }
      if (s instanceof Stmt.If i && alwaysReturns(i.then().stmts()) && alwaysReturns(i.otherwise().stmts())) {
        return true;
      }
      if (s instanceof Stmt.Break || s instanceof Stmt.Continue) {
        return false;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- rewriting

  private List<Stmt> stmts(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < stmts.size(); i++) {
      Stmt s = stmts.get(i);
      List<Stmt> rest = stmts.subList(i + 1, stmts.size());
      Set<Exit> exits = exits(s);
      if (exits.isEmpty()) {
        out.addAll(stmt(s));
        continue;
      }
      if (s instanceof Stmt.If f && onlyReturns(exits)) {
        boolean thenReturns = alwaysReturns(f.then().stmts());
        boolean elseReturns = alwaysReturns(f.otherwise().stmts());
        if (thenReturns && exits(f.otherwise().stmts()).isEmpty()) {
          List<Stmt> otherwise = new ArrayList<>(f.otherwise().stmts());
          otherwise.addAll(rest);
          out.add(new Stmt.If(f.cond(), new Block(stmts(f.then().stmts())), new Block(stmts(otherwise)), f.source()));
          return out;
        }
        if (elseReturns && exits(f.then().stmts()).isEmpty()) {
          List<Stmt> then = new ArrayList<>(f.then().stmts());
          then.addAll(rest);
          out.add(new Stmt.If(f.cond(), new Block(stmts(then)), new Block(stmts(f.otherwise().stmts())), f.source()));
          return out;
        }
      }
      out.addAll(stmt(s));
      if (alwaysExits(s) || rest.isEmpty()) {
        return out;
      }
      List<Stmt> guarded = stmts(rest);
      if (!guarded.isEmpty()) {
        out.add(new Stmt.If(guard(exits), new Block(guarded), Block.EMPTY, SourceRef.NONE));
      }
      return out;
    }
    return out;
  }

  private static boolean onlyReturns(Set<Exit> exits) {
    for (Exit e : exits) {
      if (!e.isReturn()) {
        return false;
      }
    }
    return true;
  }

  private static boolean alwaysExits(Stmt s) {
    return s instanceof Stmt.Return || s instanceof Stmt.Break || s instanceof Stmt.Continue
        || s instanceof Stmt.Throw;
  }

  /** True when none of {@code exits} was taken. */
  private Expr guard(Set<Exit> exits) {
    Expr cond = null;
    for (Exit e : exits) {
      Var flag = e.isReturn() ? returned : e.isBreak() ? breakFlag(e.loop()) : continueFlag(e.loop());
      Expr not = new Expr.Unary(Expr.UnaryOp.NOT, flag, Type.Prim.BOOLEAN);
      cond = cond == null ? not : new Expr.Binary(BinaryOp.AND, cond, not, Type.Prim.BOOLEAN);
    }
    return cond;
  }

  private Var breakFlag(Stmt.Loop loop) {
    return breakFlags.computeIfAbsent(loop, l -> namer.fresh("broke", Type.Prim.BOOLEAN));
  }

  private Var continueFlag(Stmt.Loop loop) {
    return continueFlags.computeIfAbsent(loop, l -> namer.fresh("continued", Type.Prim.BOOLEAN));
  }

  private List<Stmt> stmt(Stmt s) {
    SourceRef src = s.source();
    if (s instanceof Stmt.Declare d && d.init() == null) {
      // javac cannot see through the flags that a variable is assigned before it is read (a break
      // after its assignment in one branch, a fall-through assigning it in the other)
      return List.of(new Stmt.Declare(d.var(), Const.zero(d.var().type()), src));
    }
    if (s instanceof Stmt.Return r) {
      List<Stmt> out = new ArrayList<>();
      for (int i = 0; i < r.values().size(); i++) {
        out.add(new Stmt.Assign(results.get(i), r.values().get(i), src));
      }
      out.add(new Stmt.Assign(returned, new Const(Type.Prim.BOOLEAN, true), src));
      return out;
    }
    if (s instanceof Stmt.Break b) {
      return List.of(new Stmt.Assign(breakFlag(target(b.label())), new Const(Type.Prim.BOOLEAN, true), src));
    }
    if (s instanceof Stmt.Continue c) {
      return List.of(new Stmt.Assign(continueFlag(target(c.label())), new Const(Type.Prim.BOOLEAN, true), src));
    }
    if (s instanceof Stmt.If i) {
      return List.of(new Stmt.If(i.cond(), new Block(stmts(i.then().stmts())),
          new Block(stmts(i.otherwise().stmts())), src));
    }
    if (s instanceof Stmt.Loop l) {
      return loop(l);
    }
    return List.of(s);
  }

  private List<Stmt> loop(Stmt.Loop l) {
    loops.add(l);
    Set<Exit> bodyExits;
    List<Stmt> body;
    try {
      bodyExits = exits(l.body().stmts());
      body = stmts(l.body().stmts());
    } finally {
      loops.remove(loops.size() - 1);
    }
    List<Stmt> out = new ArrayList<>();
    Var brk = breakFlags.get(l);
    Var cont = continueFlags.get(l);
    // The loop runs while no exit that leaves it was taken: its own break, a return, or a break or
    // continue of an outer loop (whose flag the outer loop then reads).
    List<Var> leaving = new ArrayList<>();
    if (brk != null) {
      out.add(new Stmt.Declare(brk, new Const(Type.Prim.BOOLEAN, false), l.source()));
      leaving.add(brk);
    }
    for (Exit e : bodyExits) {
      Var flag = e.isReturn() ? returned : e.loop() == l ? null
          : e.isBreak() ? breakFlag(e.loop()) : continueFlag(e.loop());
      if (flag != null && !leaving.contains(flag)) {
        leaving.add(flag);
      }
    }
    Expr cond = l.cond();
    for (int k = leaving.size() - 1; k >= 0; k--) {
      cond = and(not(leaving.get(k)), cond);
    }
    List<Stmt> newBody = new ArrayList<>();
    if (cont != null) {
      newBody.add(new Stmt.Declare(cont, new Const(Type.Prim.BOOLEAN, false), l.source()));
    }
    newBody.addAll(body);
    // an update holding loops of its own (a switch expression's block) has their jumps structured
    // too; a do loop's test in its update (a break of this loop) stays as it is
    Block update = l.update().stmts().stream().anyMatch(u -> u instanceof Stmt.Loop)
        ? new Block(stmts(l.update().stmts())) : l.update();
    if (!update.isEmpty() && !leaving.isEmpty()) {
      Expr stop = leaving.get(0);
      for (Var flag : leaving.subList(1, leaving.size())) {
        stop = new Expr.Binary(BinaryOp.OR, stop, flag, Type.Prim.BOOLEAN);
      }
      update = Block.of(new Stmt.If(not(stop), update, Block.EMPTY, l.source()));
    }
    out.add(new Stmt.Loop(l.label(), l.init(), cond, new Block(newBody), update, l.testAfter(), l.source()));
    return out;
  }

  private static Expr not(Expr flag) {
    return new Expr.Unary(Expr.UnaryOp.NOT, flag, Type.Prim.BOOLEAN);
  }

  private static Expr and(Expr a, Expr b) {
    return b == null ? a : new Expr.Binary(BinaryOp.AND, a, b, Type.Prim.BOOLEAN);
  }
}
