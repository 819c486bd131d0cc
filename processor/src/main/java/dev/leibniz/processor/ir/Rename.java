package dev.leibniz.processor.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renames variables throughout a block (for inlining), creating fresh ones on first sight. */
public final class Rename {
  private final Map<Var, Var> map;
  private final Namer namer;

  public Rename(Map<Var, Var> map, Namer namer) {
    this.map = map;
    this.namer = namer;
  }

  public Var var(Var v) {
    return map.computeIfAbsent(v, x -> namer.fresh(x.name(), x.type()));
  }

  public Expr expr(Expr e) {
    return Exprs.rebuild(e, x -> {
      if (x instanceof Var v) {
        return var(v);
      }
      if (x instanceof Expr.Lambda l) {
        LambdaFunction f = l.function();
        List<Var> params = new ArrayList<>();
        for (Var p : f.params()) {
          params.add(var(p));
        }
        List<Var> captures = new ArrayList<>();
        for (Var c : f.captures()) {
          captures.add(var(c));
        }
        return new Expr.Lambda(new LambdaFunction(params, block(f.body()), captures, f.source()), l.type());
      }
      if (x instanceof Expr.Pop p) {
        return new Expr.Pop(var(p.tape()), p.type());
      }
      return null;
    });
  }

  public Block block(Block b) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : b.stmts()) {
      out.add(stmt(s));
    }
    return new Block(out);
  }

  public Stmt stmt(Stmt s) {
    SourceRef src = s.source();
    if (s instanceof Stmt.Declare d) {
      return new Stmt.Declare(var(d.var()), d.init() == null ? null : expr(d.init()), src);
    } else if (s instanceof Stmt.Assign a) {
      return new Stmt.Assign(var(a.target()), expr(a.value()), src);
    } else if (s instanceof Stmt.ArrayWrite w) {
      return new Stmt.ArrayWrite(var(w.array()), expr(w.index()), expr(w.value()), src);
    } else if (s instanceof Stmt.Eval e) {
      return new Stmt.Eval(expr(e.expr()), src);
    } else if (s instanceof Stmt.If i) {
      return new Stmt.If(expr(i.cond()), block(i.then()), block(i.otherwise()), src);
    } else if (s instanceof Stmt.Loop l) {
      return new Stmt.Loop(l.label(), block(l.init()), l.cond() == null ? null : expr(l.cond()), block(l.body()),
          block(l.update()), l.testAfter(), src);
    } else if (s instanceof Stmt.Return r) {
      List<Expr> values = new ArrayList<>();
      for (Expr v : r.values()) {
        values.add(expr(v));
      }
      return new Stmt.Return(values, src);
    } else if (s instanceof Stmt.Throw t) {
      return new Stmt.Throw(expr(t.exception()), src);
    } else if (s instanceof Stmt.Push p) {
      return new Stmt.Push(var(p.tape()), expr(p.value()), src);
    }
    return s;
  }
}
