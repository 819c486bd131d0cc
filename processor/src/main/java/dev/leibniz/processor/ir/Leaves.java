package dev.leibniz.processor.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * A value's leaves: a record taken apart into its components, depth first in declaration order
 * (SPEC §5: how results and gradients are flattened); any other value is its own leaf, and
 * {@code void} has none.
 */
public final class Leaves {
  private Leaves() {}

  /** The leaf types of {@code t}. */
  public static List<Type> types(Type t) {
    List<Type> out = new ArrayList<>();
    if (t == Type.Prim.VOID) {
      return out;
    }
    if (t instanceof Type.Record r) {
      for (Type.Component c : r.components()) {
        out.addAll(types(c.type()));
      }
    } else {
      out.add(t);
    }
    return out;
  }

  /** The leaves of a value {@code e} of type {@code t}, records read through their accessors. */
  public static List<Expr> of(Expr e, Type t) {
    List<Expr> out = new ArrayList<>();
    if (t == Type.Prim.VOID) {
      return out;
    }
    if (t instanceof Type.Record r) {
      for (Type.Component c : r.components()) {
        out.addAll(of(new Expr.Component(e, c.name(), c.type()), c.type()));
      }
    } else {
      out.add(e);
    }
    return out;
  }

  /** A value of type {@code t} from its leaves: the leaf itself, or the record built from them. */
  public static Expr rebuild(Type t, List<Expr> leaves) {
    int[] next = {0};
    return rebuild(t, leaves, next);
  }

  private static Expr rebuild(Type t, List<Expr> leaves, int[] next) {
    if (!(t instanceof Type.Record r)) {
      return leaves.get(next[0]++);
    }
    List<Expr> args = new ArrayList<>();
    for (Type.Component c : r.components()) {
      args.add(rebuild(c.type(), leaves, next));
    }
    return new Expr.Construct(r, args);
  }
}
