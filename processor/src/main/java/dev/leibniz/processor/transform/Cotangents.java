package dev.leibniz.processor.transform;

import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.Leaves;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.Ops;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cotangent variables of {@link Reverse}'s backward sweep ({@code xBar}): made on first use,
 * one per leaf for records, reset where a variable is assigned again, and accumulated into
 * (arrays element by element, matrices row by row); the gradients read from them at the end.
 */
final class Cotangents {
  private final Reverse reverse;

  Cotangents(Reverse reverse) {
    this.reverse = reverse;
  }

  Var adjoint(Var v) {
    Var alias = reverse.arrayAliases.get(v);
    if (alias != null) {
      return adjoint(alias);
    }
    Var bar = reverse.adjoints.get(v);
    if (bar == null && reverse.rows.containsKey(v)) {
      adjoint((Var) reverse.rows.get(v).array()); // a row's cotangent is part of its matrix's
    }
    if (bar == null) {
      bar = reverse.namer.fresh(v.name() + "Bar", v.type());
      reverse.adjoints.put(v, bar);
      if (v.type() instanceof Type.Array) {
        reverse.primalOfArrayAdjoint.put(bar, v);
      }
      declaredWith(v, bar);
    }
    return bar;
  }

  /** {@code bar} is declared where {@code v}'s scope ends (going backwards). */
  private void declaredWith(Var v, Var bar) {
    reverse.adjointsDeclaredIn.computeIfAbsent(reverse.declaredIn.getOrDefault(v, reverse.top), b -> new ArrayList<>())
        .add(bar);
  }

  /** The leaf cotangents of a record variable, one per leaf in component order. */
  List<Var> recordAdjoint(Var v) {
    List<Var> bars = reverse.recordAdjoints.get(v);
    if (bars == null) {
      bars = new ArrayList<>();
      List<String> names = new ArrayList<>();
      leafNames((Type.Record) v.type(), v.name(), names);
      List<Type> types = Leaves.types((Type.Record) v.type());
      List<Expr> primals = new ArrayList<>();
      primals.addAll(Leaves.of(v, (Type.Record) v.type()));
      List<String> components = new ArrayList<>();
      for (Type.Component c : ((Type.Record) v.type()).components()) {
        components.add(c.type() instanceof Type.Record ? null : c.name());
      }
      for (int i = 0; i < names.size(); i++) {
        Var alias = i < components.size() && components.get(i) != null
            ? reverse.leafAliases.get(v.name() + "." + components.get(i)) : null;
        if (alias != null && Leaves.types((Type.Record) v.type()).size() == components.size()) {
          bars.add(adjoint(alias));
          continue;
        }
        Var bar = reverse.namer.fresh(names.get(i) + "Bar", types.get(i));
        if (bar.type() instanceof Type.Array) {
          reverse.primalOfArrayAdjoint.put(bar, primals.get(i));
        }
        bars.add(bar);
        if (types.get(i) instanceof Type.Array) {
          List<Expr> primalLeaves = new ArrayList<>();
          primalLeaves.addAll(Leaves.of(v, (Type.Record) v.type()));
          reverse.primalOfArrayAdjoint.put(bar, primalLeaves.get(i));
        }
        declaredWith(v, bar);
      }
      reverse.recordAdjoints.put(v, bars);
    }
    return bars;
  }

  private static void leafNames(Type.Record r, String base, List<String> out) {
    for (Type.Component c : r.components()) {
      String name = base + Namer.capitalized(c.name());
      if (c.type() instanceof Type.Record inner) {
        leafNames(inner, name, out);
      } else {
        out.add(name);
      }
    }
  }

  /** The leaf range {@code [from, to)} of component {@code name}. */
  static int[] leafRange(Type.Record r, String name) {
    int from = 0;
    for (Type.Component c : r.components()) {
      int n = Leaves.types(c.type()).size();
      if (c.name().equals(name)) {
        return new int[] {from, from + n};
      }
      from += n;
    }
    throw new IllegalArgumentException(name);
  }

  /** The leaf cotangents of a record-valued target as expressions. */
  List<Expr> leafAdjointExprs(Var target, Expr g) {
    if (g instanceof Var && target.type() instanceof Type.Record && reverse.recordAdjoints.containsKey(target)) {
      return new ArrayList<>(reverse.recordAdjoints.get(target));
    }
    return new ArrayList<>(recordAdjoint(target));
  }

  /** Whether {@code v} is assigned more than once per scope, so its cotangent must be reset. */
  boolean needsReset(Var v) {
    List<Stmt> d = reverse.defs.getOrDefault(v, List.of());
    if (d.size() + (reverse.params.contains(v) ? 1 : 0) > 1) {
      return true; // a parameter is also defined on entry
    }
    if (d.size() == 1) {
      return reverse.loopsOf.get(d.get(0)).size() > reverse.declLoopDepth.getOrDefault(v, 0);
    }
    return false;
  }

  /**
   * The cotangent of {@code v} at its assignment {@code s}: its variable, or, when {@code v} is
   * assigned again elsewhere, a copy taken before the variable is reset for the earlier value.
   */
  Expr readAdjoint(Var v, Stmt s, List<Stmt> bwd) {
    if (v.type() instanceof Type.Record) {
      return recordAdjoint(v).get(0); // record cotangents are handled leaf by leaf
    }
    Var bar = adjoint(v);
    if (!needsReset(v)) {
      return bar;
    }
    Var copy = reverse.namer.fresh(bar.name(), v.type());
    bwd.add(new Stmt.Declare(copy, bar, SourceRef.NONE));
    bwd.add(new Stmt.Assign(bar, Const.zero(v.type()), SourceRef.NONE));
    return copy;
  }

  void accumulate(Var v, Expr contribution, List<Stmt> out) {
    if (v.type() instanceof Type.Record r) {
      List<Expr> parts = new ArrayList<>();
      parts.addAll(Leaves.of(contribution, r));
      accumulateLeaves(v, parts, out);
      return;
    }
    add(adjoint(v), contribution, out);
  }

  /**
   * Adds the number {@code contribution} to {@code v}'s cotangent only when it is not zero, so that
   * {@link StructuralZeros} takes a zero coming from a call for a structural one.
   */
  void accumulateUnlessZero(Var v, Expr contribution, List<Stmt> out) {
    List<Stmt> add = new ArrayList<>();
    accumulate(v, contribution, add);
    out.add(new Stmt.If(new Expr.Binary(Expr.BinaryOp.NE, contribution, Const.zero(contribution.type()),
        Type.Prim.BOOLEAN), new Block(add), Block.EMPTY, SourceRef.NONE));
  }

  void accumulateLeaves(Var v, List<Expr> parts, List<Stmt> out) {
    List<Var> bars = recordAdjoint(v);
    List<Type> types = Leaves.types((Type.Record) v.type());
    for (int i = 0; i < bars.size(); i++) {
      if (Linearize.carriesDerivative(types.get(i))) {
        add(bars.get(i), parts.get(i), out);
      }
    }
  }

  void add(Var bar, Expr contribution, List<Stmt> out) {
    if (bar.type() instanceof Type.Array a && a.element() instanceof Type.Array) {
      // row by row (Shapes.addTo): the reverse.rows of a matrix's cotangent are shared with its row variables'
      out.add(new Stmt.Eval(new Expr.Invoke(new Callee.Method(Known.SHAPES, "addTo", true, List.of(a, a)), null,
          List.of(bar, contribution), Type.Prim.VOID), SourceRef.NONE));
      return;
    }
    if (bar.type() instanceof Type.Array a && mayBeNull(bar)) {
      List<Stmt> add = new ArrayList<>();
      addElements(bar, a, contribution, add);
      out.add(new Stmt.If(new Expr.Binary(Expr.BinaryOp.NE, bar, Const.zero(a), Type.Prim.BOOLEAN), new Block(add),
          Block.EMPTY, SourceRef.NONE));
      return;
    }
    if (bar.type() instanceof Type.Array a) {
      addElements(bar, a, contribution, out);
      return;
    }
    out.add(new Stmt.Assign(bar, Ops.add(bar, Ops.convert(contribution, bar.type())), SourceRef.NONE));
  }

  /** Whether {@code bar} is the cotangent of a local that may hold null: then it is null too. */
  private boolean mayBeNull(Var bar) {
    for (Map.Entry<Var, Var> e : reverse.adjoints.entrySet()) {
      if (e.getValue().equals(bar) && reverse.nullable.contains(e.getKey())) {
        return true;
      }
    }
    return false;
  }

  /** {@code bar[i] += contribution[i]} element by element. */
  private void addElements(Var bar, Type.Array a, Expr contribution, List<Stmt> out) {
    Var i = reverse.namer.fresh("i", Type.Prim.INT);
    Expr element = new Expr.ArrayRead(bar, i, a.element());
    out.add(new Stmt.Loop(null, Block.of(new Stmt.Declare(i, new Const(Type.Prim.INT, 0), SourceRef.NONE)),
        Ops.compare(Expr.BinaryOp.LT, i, new Expr.ArrayLength(bar)),
        Block.of(new Stmt.ArrayWrite(bar, i, Ops.add(element, new Expr.ArrayRead(contribution, i, a.element())),
            SourceRef.NONE)),
        Block.of(new Stmt.Assign(i, new Expr.Binary(Expr.BinaryOp.ADD, i, new Const(Type.Prim.INT, 1),
            Type.Prim.INT), SourceRef.NONE)), false, SourceRef.NONE));
  }

  /** The gradient for parameter {@code p}: its cotangent, or zero when nothing flowed into it. */
  Expr gradientOf(Var p) {
    if (p.type() instanceof Type.Record r) {
      List<Var> bars = reverse.activity.isActive(p) ? recordAdjoint(p) : reverse.recordAdjoints.get(p);
      List<Expr> leaves = new ArrayList<>();
      List<Expr> primal = new ArrayList<>();
      primal.addAll(Leaves.of(p, r));
      List<Type> types = Leaves.types(r);
      for (int i = 0; i < types.size(); i++) {
        if (!Linearize.carriesDerivative(types.get(i))) {
          leaves.add(primal.get(i));
        } else if (bars != null) {
          leaves.add(bars.get(i));
        } else {
          leaves.add(Forward.zero(types.get(i), primal.get(i), true));
        }
      }
      return Leaves.rebuild(r, leaves);
    }
    if (reverse.tracked.contains(p)) {
      return ReassignedArrays.cotangent(reverse.tape(), p.type(), reverse.entryIds.get(p));
    }
    Var bar = reverse.adjoints.get(p);
    if (bar != null) {
      return bar;
    }
    return Forward.zero(p.type(), p, true);
  }
}
