package dev.leibniz.processor.transform;

import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Exprs;
import dev.leibniz.processor.ir.Leaves;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What inlined code needs so that a vector kernel can print it: the records an inlined form
 * returns ({@code Dual}, a gradient, a rule's residuals) as one variable per component, and
 * variables declared where everything that reads them sees them.
 */
final class BatchedRecords {
  private BatchedRecords() {}

  /** The argument of {@code made} that its accessor {@code name} returns. */
  static Expr component(Expr.Construct made, String name) {
    List<Type.Component> components = made.type().components();
    for (int k = 0; k < components.size(); k++) {
      if (components.get(k).name().equals(name)) {
        return made.args().get(k);
      }
    }
    throw new IllegalStateException("no component " + name + " in " + made.type());
  }

  /**
   * A value of type {@code t} from its leaves (records' components flattened in order), or null
   * when their number is not the number of leaves of {@code t}.
   */
  static Expr rebuild(Type t, List<Expr> leaves) {
    return Leaves.types(t).size() == leaves.size() ? Leaves.rebuild(t, leaves) : null;
  }

  /**
   * The {@code n} cotangents a backward rule returns: its value for one, else the entries of the
   * {@code new T[] {…}} it returns (directly, or through a variable {@code rule} declares so and
   * never changes); null for anything else (an entry might be null, their number wrong).
   */
  static List<Expr> entries(Expr returned, int n, List<Stmt> rule) {
    if (n == 1) {
      return List.of(returned);
    }
    Expr array = returned;
    if (returned instanceof Var v) {
      array = null;
      for (Stmt s : rule) {
        if (s instanceof Stmt.Declare d && d.var() == v && d.init() instanceof Expr.NewArray made
            && Exprs.vars(made).stream().allMatch(x -> unchangedAfter(x, d, rule))) {
          array = made;
        }
      }
      if (array == null || changed(v, rule)) {
        return null;
      }
    }
    return array instanceof Expr.NewArray made && made.elements() != null && made.elements().size() == n
        ? made.elements() : null;
  }

  /** Whether {@code rule} assigns {@code v} after its statement {@code at}. */
  private static boolean unchangedAfter(Var v, Stmt at, List<Stmt> rule) {
    return !changed(v, rule.subList(rule.indexOf(at) + 1, rule.size()));
  }

  private static boolean changed(Var v, List<Stmt> stmts) {
    return Stmts.any(new Block(stmts), s -> s instanceof Stmt.Assign a && a.target() == v
        || s instanceof Stmt.ArrayWrite w && w.array() == v);
  }

  /**
   * {@code stmts} with no labels on their loops: inlined code has no {@code break} or
   * {@code continue} left (it is structured), and a label could clash with an enclosing one.
   */
  static List<Stmt> unlabeled(List<Stmt> stmts) {
    return expand(new Block(stmts), s -> List.of(s instanceof Stmt.Loop l && l.label() != null
        ? new Stmt.Loop(null, l.init(), l.cond(), l.body(), l.update(), l.testAfter(), l.source()) : s)).stmts();
  }

  /**
   * {@code body} and {@code outputs} with each record variable that is declared once from a
   * {@code new R(…)}, never assigned, and read only through its accessors, replaced by one variable
   * per component (a component itself a record is split in the next round).
   */
  static BatchedCalls.Inlined split(Block body, List<Expr> outputs, Namer namer) {
    while (true) {
      Map<Var, Expr.Construct> made = new LinkedHashMap<>();
      Stmts.walk(body, s -> {
        if (s instanceof Stmt.Declare d && d.init() instanceof Expr.Construct k) {
          made.put(d.var(), k);
        }
      });
      Set<Var> whole = new HashSet<>();
      Stmts.walk(body, s -> {
        if (s instanceof Stmt.Assign a) {
          whole.add(a.target());
        }
        Stmts.exprs(s).forEach(e -> readWhole(e, whole));
      });
      outputs.forEach(e -> readWhole(e, whole));
      made.keySet().removeAll(whole);
      if (made.isEmpty()) {
        return new BatchedCalls.Inlined(body, outputs);
      }
      Map<Var, Map<String, Var>> parts = new LinkedHashMap<>();
      for (Map.Entry<Var, Expr.Construct> e : made.entrySet()) {
        Map<String, Var> vars = new LinkedHashMap<>();
        for (Type.Component c : e.getValue().type().components()) {
          vars.put(c.name(), namer.fresh(e.getKey().name() + Namer.capitalized(c.name()), c.type()));
        }
        parts.put(e.getKey(), vars);
      }
      java.util.function.UnaryOperator<Expr> read = e -> Exprs.rebuild(e, x ->
          x instanceof Expr.Component c && c.record() instanceof Var v && parts.containsKey(v)
              ? parts.get(v).get(c.name()) : null);
      body = expand(Stmts.map(body, read), s -> {
        if (s instanceof Stmt.Declare d && parts.containsKey(d.var())) {
          List<Stmt> declared = new ArrayList<>();
          Expr.Construct k = (Expr.Construct) d.init();
          for (Map.Entry<String, Var> p : parts.get(d.var()).entrySet()) {
            declared.add(new Stmt.Declare(p.getValue(), component(k, p.getKey()), d.source()));
          }
          return declared;
        }
        return List.of(s);
      });
      outputs = outputs.stream().map(read).toList();
    }
  }

  /** Adds to {@code whole} the variables {@code e} reads other than through an accessor. */
  private static void readWhole(Expr e, Set<Var> whole) {
    if (e instanceof Var v) {
      whole.add(v);
    } else if (!(e instanceof Expr.Component c && c.record() instanceof Var)) {
      Exprs.children(e).forEach(x -> readWhole(x, whole));
    }
  }

  /** {@code b} with each statement, nested ones included, replaced by what {@code f} makes of it. */
  private static Block expand(Block b, Function<Stmt, List<Stmt>> f) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : b.stmts()) {
      Stmt inner = s;
      if (s instanceof Stmt.If i) {
        inner = new Stmt.If(i.cond(), expand(i.then(), f), expand(i.otherwise(), f), i.source());
      } else if (s instanceof Stmt.Loop l) {
        inner = new Stmt.Loop(l.label(), expand(l.init(), f), l.cond(), expand(l.body(), f), expand(l.update(), f),
            l.testAfter(), l.source());
      }
      out.addAll(f.apply(inner));
    }
    return new Block(out);
  }

  /**
   * {@code body} with the variables read outside the block that declares them (a VJP object's
   * values, made in one branch, read by its pullback in the same branch of the backward sweep)
   * declared at its top instead.
   */
  static Block declaredWhereRead(Block body) {
    Set<Var> declared = new HashSet<>();
    Stmts.walk(body, s -> {
      if (s instanceof Stmt.Declare d) {
        declared.add(d.var());
      }
    });
    Set<Var> outside = new LinkedHashSet<>();
    visit(body.stmts(), Set.of(), declared, outside);
    return outside.isEmpty() ? body : Cleanup.hoist(body, outside);
  }

  private static void visit(List<Stmt> stmts, Set<Var> enclosing, Set<Var> declared, Set<Var> outside) {
    Set<Var> scope = new HashSet<>(enclosing);
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Loop l) {
        Set<Var> loop = new HashSet<>(scope);
        visit(l.init().stmts(), scope, declared, outside);
        Stmts.walk(l.init(), x -> {
          if (x instanceof Stmt.Declare d) {
            loop.add(d.var());
          }
        });
        if (l.cond() != null) {
          check(Exprs.vars(l.cond()), loop, declared, outside);
        }
        visit(l.body().stmts(), loop, declared, outside);
        visit(l.update().stmts(), loop, declared, outside);
        continue;
      }
      Set<Var> read = new HashSet<>();
      Stmts.exprs(s).forEach(e -> read.addAll(Exprs.vars(e)));
      if (s instanceof Stmt.Assign a) {
        read.add(a.target());
      }
      check(read, scope, declared, outside);
      if (s instanceof Stmt.Declare d) {
        scope.add(d.var());
      }
      for (Block inner : Stmts.blocks(s)) {
        visit(inner.stmts(), scope, declared, outside);
      }
    }
  }

  private static void check(Set<Var> read, Set<Var> scope, Set<Var> declared, Set<Var> outside) {
    for (Var v : read) {
      if (declared.contains(v) && !scope.contains(v)) {
        outside.add(v);
      }
    }
  }
}
