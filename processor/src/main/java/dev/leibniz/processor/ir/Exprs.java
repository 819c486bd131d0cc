package dev.leibniz.processor.ir;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/** Small structural operations on expressions. */
public final class Exprs {
  private Exprs() {}

  /** The direct subexpressions of {@code e}, in evaluation order. */
  public static List<Expr> children(Expr e) {
    if (e instanceof Expr.Unary u) {
      return List.of(u.operand());
    } else if (e instanceof Expr.Binary b) {
      return List.of(b.left(), b.right());
    } else if (e instanceof Expr.Cast c) {
      return List.of(c.operand());
    } else if (e instanceof Expr.Conditional c) {
      return List.of(c.cond(), c.then(), c.otherwise());
    } else if (e instanceof Expr.MathCall m) {
      return m.args();
    } else if (e instanceof Expr.Invoke i) {
      List<Expr> all = new ArrayList<>();
      if (i.receiver() != null) {
        all.add(i.receiver());
      }
      all.addAll(i.args());
      return all;
    } else if (e instanceof Expr.ArrayRead a) {
      return List.of(a.array(), a.index());
    } else if (e instanceof Expr.ArrayLength a) {
      return List.of(a.array());
    } else if (e instanceof Expr.NewArray n) {
      return n.elements() != null ? n.elements() : List.of(n.length());
    } else if (e instanceof Expr.Construct c) {
      return c.args();
    } else if (e instanceof Expr.Component c) {
      return List.of(c.record());
    } else if (e instanceof Expr.Lambda l) {
      return new ArrayList<>(l.function().captures());
    } else if (e instanceof Expr.Pop p) {
      return List.of(p.tape());
    } else if (e instanceof Expr.InstanceOf i) {
      return List.of(i.operand());
    }
    return List.of(); // Var, Const, StaticField
  }

  /** Visits {@code e} and all its subexpressions, parents first. */
  public static void walk(Expr e, Consumer<Expr> visitor) {
    visitor.accept(e);
    for (Expr child : children(e)) {
      walk(child, visitor);
    }
  }

  /** Whether {@code e} or one of its subexpressions satisfies {@code test}. */
  public static boolean any(Expr e, java.util.function.Predicate<Expr> test) {
    if (test.test(e)) {
      return true;
    }
    for (Expr child : children(e)) {
      if (any(child, test)) {
        return true;
      }
    }
    return false;
  }

  /** The variables {@code e} reads, in order of first appearance. */
  public static Set<Var> vars(Expr e) {
    Set<Var> vars = new LinkedHashSet<>();
    walk(e, x -> {
      if (x instanceof Var v) {
        vars.add(v);
      }
    });
    return vars;
  }

  public static boolean isAtom(Expr e) {
    return e instanceof Var || e instanceof Const;
  }

  /** Whether evaluating {@code e} has no effect but its value (so it may be dropped or repeated). */
  public static boolean isPure(Expr e) {
    return isPure(e, ref -> false);
  }

  /** As {@link #isPure(Expr)}, where calls of the methods {@code pureFunctions} accepts are pure too. */
  public static boolean isPure(Expr e, java.util.function.Predicate<FunctionRef> pureFunctions) {
    boolean[] pure = {true};
    walk(e, x -> {
      if (x instanceof Expr.Invoke i && i.callee() != Callee.Special.STOP_GRADIENT
          && !(i.callee() instanceof Callee.Function f && f.form() != Callee.Form.VJP
              && pureFunctions.test(f.ref()))) {
        pure[0] = false;
      } else if (x instanceof Expr.Pop) {
        pure[0] = false;
      }
    });
    return pure[0];
  }

  /** The array an element read reads from, through every index ({@code m} for {@code m[i][j]}); {@code e} itself otherwise. */
  public static Expr arrayBase(Expr e) {
    Expr x = e;
    while (x instanceof Expr.ArrayRead r) {
      x = r.array();
    }
    return x;
  }

  /** {@code e} with the variables in {@code map} replaced. */
  public static Expr substitute(Expr e, Map<Var, ? extends Expr> map) {
    if (map.isEmpty()) {
      return e;
    }
    return rebuild(e, x -> x instanceof Var v && map.containsKey(v) ? map.get(v) : null);
  }

  /**
   * Rebuilds {@code e} bottom-up, replacing every subexpression for which {@code replace} answers
   * non-null (a replacement is not visited further).
   */
  public static Expr rebuild(Expr e, Function<Expr, Expr> replace) {
    Expr r = replace.apply(e);
    if (r != null) {
      return r;
    }
    if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), rebuild(u.operand(), replace), u.type());
    } else if (e instanceof Expr.Binary b) {
      return new Expr.Binary(b.op(), rebuild(b.left(), replace), rebuild(b.right(), replace), b.type());
    } else if (e instanceof Expr.Cast c) {
      return new Expr.Cast(c.type(), rebuild(c.operand(), replace));
    } else if (e instanceof Expr.Conditional c) {
      return new Expr.Conditional(rebuild(c.cond(), replace), rebuild(c.then(), replace),
          rebuild(c.otherwise(), replace), c.type());
    } else if (e instanceof Expr.MathCall m) {
      return new Expr.MathCall(m.fn(), rebuildAll(m.args(), replace), m.type(), m.strict());
    } else if (e instanceof Expr.Invoke i) {
      return new Expr.Invoke(i.callee(), i.receiver() == null ? null : rebuild(i.receiver(), replace),
          rebuildAll(i.args(), replace), i.type(), i.source());
    } else if (e instanceof Expr.ArrayRead a) {
      return new Expr.ArrayRead(rebuild(a.array(), replace), rebuild(a.index(), replace), a.type());
    } else if (e instanceof Expr.ArrayLength a) {
      return new Expr.ArrayLength(rebuild(a.array(), replace));
    } else if (e instanceof Expr.NewArray n) {
      return new Expr.NewArray(n.type(), n.length() == null ? null : rebuild(n.length(), replace),
          n.elements() == null ? null : rebuildAll(n.elements(), replace));
    } else if (e instanceof Expr.Construct c) {
      return new Expr.Construct(c.type(), rebuildAll(c.args(), replace));
    } else if (e instanceof Expr.Component c) {
      return new Expr.Component(rebuild(c.record(), replace), c.name(), c.type());
    } else if (e instanceof Expr.InstanceOf i) {
      return new Expr.InstanceOf(rebuild(i.operand(), replace), i.target());
    }
    return e; // Var, Const, StaticField, Lambda, Pop
  }

  private static List<Expr> rebuildAll(List<Expr> es, Function<Expr, Expr> replace) {
    List<Expr> out = new ArrayList<>(es.size());
    for (Expr e : es) {
      out.add(rebuild(e, replace));
    }
    return out;
  }
}
