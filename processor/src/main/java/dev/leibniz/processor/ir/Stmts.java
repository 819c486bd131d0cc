package dev.leibniz.processor.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Small structural operations on statements. */
public final class Stmts {
  private Stmts() {}

  /** The blocks nested directly in {@code s}. */
  public static List<Block> blocks(Stmt s) {
    if (s instanceof Stmt.If i) {
      return List.of(i.then(), i.otherwise());
    } else if (s instanceof Stmt.Loop l) {
      return List.of(l.init(), l.body(), l.update());
    }
    return List.of();
  }

  /** The expressions {@code s} evaluates itself (not those of nested blocks). */
  public static List<Expr> exprs(Stmt s) {
    List<Expr> out = new ArrayList<>();
    if (s instanceof Stmt.Declare d) {
      if (d.init() != null) {
        out.add(d.init());
      }
    } else if (s instanceof Stmt.Assign a) {
      out.add(a.value());
    } else if (s instanceof Stmt.ArrayWrite w) {
      out.add(w.array());
      out.add(w.index());
      out.add(w.value());
    } else if (s instanceof Stmt.Eval e) {
      out.add(e.expr());
    } else if (s instanceof Stmt.If i) {
      out.add(i.cond());
    } else if (s instanceof Stmt.Loop l) {
      if (l.cond() != null) {
        out.add(l.cond());
      }
    } else if (s instanceof Stmt.Return r) {
      out.addAll(r.values());
    } else if (s instanceof Stmt.Throw t) {
      out.add(t.exception());
    } else if (s instanceof Stmt.Push p) {
      out.add(p.tape());
      out.add(p.value());
    }
    return out;
  }

  /** The variable {@code s} assigns, or null. */
  /** The value a declaration with a value or an assignment gives {@link #target}; null for other statements. */
  public static Expr assigned(Stmt s) {
    return s instanceof Stmt.Declare d ? d.init() : s instanceof Stmt.Assign a ? a.value() : null;
  }

  public static Var target(Stmt s) {
    if (s instanceof Stmt.Declare d) {
      return d.init() != null ? d.var() : null;
    } else if (s instanceof Stmt.Assign a) {
      return a.target();
    }
    return null;
  }

  /** Visits every statement of {@code b}, nested ones included, parents first. */
  public static void walk(Block b, Consumer<Stmt> visitor) {
    for (Stmt s : b.stmts()) {
      visitor.accept(s);
      for (Block inner : blocks(s)) {
        walk(inner, visitor);
      }
    }
  }

  /** Visits every expression evaluated anywhere in {@code b}, subexpressions included. */
  public static void walkExprs(Block b, Consumer<Expr> visitor) {
    walk(b, s -> {
      for (Expr e : exprs(s)) {
        Exprs.walk(e, visitor);
      }
    });
  }

  /** Whether any statement in {@code b} satisfies the test. */
  public static boolean any(Block b, java.util.function.Predicate<Stmt> test) {
    boolean[] found = {false};
    walk(b, s -> found[0] |= test.test(s));
    return found[0];
  }

  /** Every variable read or written anywhere in {@code b}. */
  public static java.util.Set<Var> mentioned(Block b) {
    java.util.Set<Var> vars = new java.util.LinkedHashSet<>();
    walk(b, s -> {
      if (s instanceof Stmt.Declare d) {
        vars.add(d.var());
      } else if (s instanceof Stmt.Assign a) {
        vars.add(a.target());
      } else if (s instanceof Stmt.ArrayWrite w) {
        vars.add(w.array());
      }
    });
    walkExprs(b, e -> {
      if (e instanceof Var v) {
        vars.add(v);
      } else if (e instanceof Expr.Lambda l) {
        Stmts.walkExprs(l.function().body(), x -> {
          if (x instanceof Var v) {
            vars.add(v);
          }
        });
      }
    });
    return vars;
  }

  /** {@code b} with every expression it evaluates, nested blocks included, replaced by {@code f} of it. */
  public static Block map(Block b, java.util.function.UnaryOperator<Expr> f) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : b.stmts()) {
      out.add(map(s, f));
    }
    return new Block(out);
  }

  private static Stmt map(Stmt s, java.util.function.UnaryOperator<Expr> f) {
    SourceRef src = s.source();
    if (s instanceof Stmt.Declare d) {
      return new Stmt.Declare(d.var(), d.init() == null ? null : f.apply(d.init()), src);
    } else if (s instanceof Stmt.Assign a) {
      return new Stmt.Assign(a.target(), f.apply(a.value()), src);
    } else if (s instanceof Stmt.ArrayWrite w) {
      return new Stmt.ArrayWrite(w.array(), f.apply(w.index()), f.apply(w.value()), src);
    } else if (s instanceof Stmt.Eval e) {
      return new Stmt.Eval(f.apply(e.expr()), src);
    } else if (s instanceof Stmt.If i) {
      return new Stmt.If(f.apply(i.cond()), map(i.then(), f), map(i.otherwise(), f), src);
    } else if (s instanceof Stmt.Loop l) {
      return new Stmt.Loop(l.label(), map(l.init(), f), l.cond() == null ? null : f.apply(l.cond()), map(l.body(), f),
          map(l.update(), f), l.testAfter(), src);
    } else if (s instanceof Stmt.Return r) {
      return new Stmt.Return(r.values().stream().map(f).toList(), src);
    } else if (s instanceof Stmt.Throw t) {
      return new Stmt.Throw(f.apply(t.exception()), src);
    } else if (s instanceof Stmt.Push p) {
      return new Stmt.Push(p.tape(), f.apply(p.value()), src);
    }
    return s;
  }
}
