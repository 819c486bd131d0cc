package dev.leibniz.processor.transform;

import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Exprs;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.LambdaFunction;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts differentiated data flow in three-address form: every assignment computes one operation
 * over variables, constants and passive trees (integer arithmetic, comparisons, constants), in the
 * order Java would evaluate them; {@code ?:} on numbers becomes an {@code if}. Conditions and other
 * passive contexts keep their trees, so {@code &&} and {@code ||} still short-circuit. No
 * statement reads the variable it assigns.
 */
public final class Linearize {
  private final Namer namer;

  private Linearize(Namer namer) {
    this.namer = namer;
  }

  public static Function apply(Function f) {
    Linearize l = new Linearize(Namer.forFunction(f));
    return f.withBody(l.block(f.body()));
  }

  /** Linearizes a lambda's body, naming temporaries with {@code namer}. */
  public static LambdaFunction apply(LambdaFunction fn, Namer namer) {
    return new LambdaFunction(fn.params(), new Linearize(namer).block(fn.body()), fn.captures(), fn.source());
  }

  private Block block(Block b) {
    Block.Builder out = new Block.Builder();
    for (Stmt s : b.stmts()) {
      stmt(s, out);
    }
    return out.build();
  }

  private void stmt(Stmt s, Block.Builder out) {
    SourceRef src = s.source();
    if (s instanceof Stmt.Declare d) {
      if (d.init() == null) {
        out.add(d);
      } else {
        out.add(new Stmt.Declare(d.var(), top(d.init(), d.var(), out, src), src));
      }
    } else if (s instanceof Stmt.Assign a) {
      out.add(new Stmt.Assign(a.target(), top(a.value(), a.target(), out, src), src));
    } else if (s instanceof Stmt.ArrayWrite w) {
      Expr index = Exprs.isPure(w.index()) ? w.index() : operand(w.index(), out, src);
      out.add(new Stmt.ArrayWrite(w.array(), index, operand(w.value(), out, src), src));
    } else if (s instanceof Stmt.Return r) {
      List<Expr> values = new ArrayList<>();
      for (Expr v : r.values()) {
        values.add(atom(v, out, src));
      }
      out.add(new Stmt.Return(values, src));
    } else if (s instanceof Stmt.Eval e) {
      out.add(new Stmt.Eval(e.expr() instanceof Expr.Invoke i ? flatChildren(i, out, src) : e.expr(), src));
    } else if (s instanceof Stmt.If i) {
      out.add(new Stmt.If(i.cond(), block(i.then()), block(i.otherwise()), src));
    } else if (s instanceof Stmt.Loop l) {
      out.add(new Stmt.Loop(l.label(), block(l.init()), l.cond(), block(l.body()), block(l.update()),
          l.testAfter(), src));
    } else {
      out.add(s);
    }
  }

  /** {@code e} as one operation over simple operands; a temporary if it would read {@code target}. */
  private Expr top(Expr e, Var target, Block.Builder out, SourceRef src) {
    if (isSimple(e)) {
      return e;
    }
    Expr flat = flat(e, out, src);
    if (!Exprs.isAtom(flat) && Exprs.vars(flat).contains(target)) {
      Var t = namer.temp(flat.type());
      out.add(new Stmt.Declare(t, flat, src));
      return t;
    }
    return flat;
  }

  /** One operation whose operands are simple. */
  private Expr flat(Expr e, Block.Builder out, SourceRef src) {
    if (isSimple(e)) {
      return e;
    }
    if (e instanceof Expr.Conditional c) {
      Var t = namer.temp(c.type());
      out.add(new Stmt.Declare(t, null, src));
      Block.Builder then = new Block.Builder();
      then.add(new Stmt.Assign(t, top(c.then(), t, then, src), src));
      Block.Builder otherwise = new Block.Builder();
      otherwise.add(new Stmt.Assign(t, top(c.otherwise(), t, otherwise, src), src));
      out.add(new Stmt.If(c.cond(), then.build(), otherwise.build(), src));
      return t;
    }
    if (e instanceof Expr.Invoke i) {
      return flatChildren(i, out, src);
    }
    return Exprs.rebuild(e, x -> x == e ? null : operand(x, out, src));
  }

  private Expr flatChildren(Expr.Invoke i, Block.Builder out, SourceRef src) {
    Expr receiver = i.receiver() == null ? null : operand(i.receiver(), out, src);
    List<Expr> args = new ArrayList<>();
    for (Expr a : i.args()) {
      args.add(operand(a, out, src));
    }
    return new Expr.Invoke(i.callee(), receiver, args, i.type(), i.source());
  }

  /** A simple operand for {@code e}: itself when simple, else a temporary. */
  private Expr operand(Expr e, Block.Builder out, SourceRef src) {
    if (isSimple(e)) {
      return e;
    }
    Expr flat = flat(e, out, src);
    if (Exprs.isAtom(flat)) {
      return flat;
    }
    Var t = namer.temp(flat.type());
    out.add(new Stmt.Declare(t, flat, src));
    return t;
  }

  private Expr atom(Expr e, Block.Builder out, SourceRef src) {
    Expr flat = operand(e, out, src);
    if (Exprs.isAtom(flat)) {
      return flat;
    }
    Var t = namer.temp(flat.type());
    out.add(new Stmt.Declare(t, flat, src));
    return t;
  }

  /**
   * Whether {@code e} may stay a tree: an atom, a function value, or a pure expression that reads
   * no variable carrying a derivative and yields no differentiable value.
   */
  static boolean isSimple(Expr e) {
    if (e instanceof Var || e instanceof Const || e instanceof Expr.Lambda || e instanceof Expr.StaticField) {
      return true;
    }
    if (!Exprs.isPure(e) || e instanceof Expr.Construct || e instanceof Expr.NewArray) {
      return false;
    }
    boolean[] simple = {true};
    Exprs.walk(e, x -> {
      if (x instanceof Var v && carriesDerivative(v.type())) {
        simple[0] = false;
      } else if (x instanceof Expr.Conditional c && carriesDerivative(c.type())) {
        simple[0] = false;
      }
    });
    return simple[0];
  }

  /** Whether values of {@code t} may carry a derivative. */
  static boolean carriesDerivative(Type t) {
    return t.isDifferentiable() || t instanceof Type.Record;
  }
}
