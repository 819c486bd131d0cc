package dev.leibniz.processor.transform;

import dev.leibniz.processor.diagnostics.Diagnostic;
import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Exprs;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.SourceText;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.FunctionTable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Which array parameters a body writes into (SPEC §5a): element writes to the parameter, to a
 * local holding the same array or one of its rows ({@code double[][]}), and arrays passed to a
 * parameter a callee writes into.
 */
public final class ArrayWrites {
  private ArrayWrites() {}

  /** The positions of {@code f}'s array parameters it may write into, given its callees' in {@code table}. */
  public static Set<Integer> writtenParams(Function f, FunctionTable table) {
    return positions(f, written(f, table), t -> t instanceof Type.Array);
  }

  /**
   * The positions of {@code f}'s record parameters holding an array it may write into (through a
   * component read into a local, or passed to a callee that writes into it).
   */
  public static Set<Integer> writtenRecordParams(Function f, FunctionTable table) {
    return positions(f, written(f, table), t -> t instanceof Type.Record);
  }

  private static Set<Integer> positions(Function f, Set<Var> written, Predicate<Type> kind) {
    Set<Integer> out = new TreeSet<>();
    for (int k = 0; k < f.params().size(); k++) {
      Var p = f.params().get(k).var();
      if (kind.test(p.type()) && written.contains(p)) {
        out.add(k);
      }
    }
    return out;
  }

  /**
   * The first statement of {@code f} that may write into an array held by its parameter {@code k}
   * (an element write, or a call of a method writing into it), or null.
   */
  public static Stmt firstWriteThrough(Function f, FunctionTable table, int k) {
    Map<Var, Set<Var>> sources = sources(f, table);
    Var p = f.params().get(k).var();
    Stmt[] first = {null};
    Stmts.walk(f.body(), s -> {
      if (first[0] == null && s.source() != SourceRef.NONE && writes(s, table, sources, null).contains(p)) {
        first[0] = s;
      }
    });
    return first[0];
  }

  /** The variables holding arrays {@code f} may write into, and the records and matrices holding them. */
  private static Set<Var> written(Function f, FunctionTable table) {
    Map<Var, Set<Var>> sources = sources(f, table);
    Set<Var> written = new HashSet<>();
    Stmts.walk(f.body(), s -> written.addAll(writes(s, table, sources, null)));
    return written;
  }

  /** The variables holding arrays statement {@code s} may write into, but by the call {@code skip} (null: none). */
  private static Set<Var> writes(Stmt s, FunctionTable table, Map<Var, Set<Var>> sources, Expr.Invoke skip) {
    Set<Var> written = new HashSet<>();
    if (s instanceof Stmt.ArrayWrite w) {
      written.addAll(mayHold(w.array(), sources));
    }
    for (Expr top : Stmts.exprs(s)) {
      Exprs.walk(top, e -> {
        if (e instanceof Expr.Invoke i && i != skip && i.callee() instanceof Callee.Function fn) {
          FunctionInfo callee = table.get(fn.ref());
          for (int k : callee == null ? Set.<Integer>of() : callee.writtenArguments(fn.form())) {
            if (k < i.args().size() && i.args().get(k) instanceof Var v) {
              written.addAll(mayHold(v, sources));
            }
          }
        }
      });
    }
    return written;
  }

  /**
   * Which arrays each array or record variable may hold: itself, and what was assigned to it (a
   * row: its matrix; a record's component: the record; a new record: its components' variables; a
   * call's result: the arguments whose arrays the callee may return).
   */
  private static Map<Var, Set<Var>> sources(Function f, FunctionTable table) {
    return sources(f, table, new Returned(), true);
  }

  /** The methods whose returned parameters are being found ({@code visiting}), and those found. */
  private record Returned(Map<Function, Boolean> visiting, Map<Function, Set<Integer>> found) {
    Returned() {
      this(new IdentityHashMap<>(), new IdentityHashMap<>());
    }
  }

  /** The sources, without a row's matrix and a component's record when not {@code withParts}: what each holds whole. */
  private static Map<Var, Set<Var>> sources(Function f, FunctionTable table, Returned visiting, boolean withParts) {
    Map<Var, Set<Var>> sources = new HashMap<>();
    Stmts.walk(f.body(), s -> {
      Var target = Stmts.target(s);
      Expr value = Stmts.assigned(s);
      if (target == null || target.type() instanceof Type.Prim) {
        return;
      }
      Set<Var> from = new HashSet<>(heldBy(value));
      if (withParts && target.type() instanceof Type.Array && value instanceof Expr.ArrayRead r
          && r.array() instanceof Var matrix) {
        from.add(matrix); // a row: writing it writes the matrix
      }
      if (withParts && target.type() instanceof Type.Array && value instanceof Expr.Component c && holder(c) != null) {
        from.add(holder(c)); // a record's array
      }
      if (value instanceof Expr.Invoke i && i.callee() instanceof Callee.Function fn && fn.form() == Callee.Form.PRIMAL
          && table.get(fn.ref()) != null) {
        for (int k : returnedBy(table.get(fn.ref()), table, visiting)) {
          if (k < i.args().size() && i.args().get(k) instanceof Var arg) {
            from.add(arg);
          }
        }
      }
      from.remove(target);
      from.removeIf(v -> v.type() instanceof Type.Prim); // the numbers of a new array are not arrays it holds
      if (!from.isEmpty()) {
        sources.computeIfAbsent(target, v -> new HashSet<>()).addAll(from);
      }
    });
    return sources;
  }

  /**
   * Refuses what would make one array two to the derivatives (they give each array variable a
   * tangent and a cotangent of its own): one array passed to two parameters of a callee writing
   * into one of them, and the result of a callee that may return its argument's array when either
   * is written afterwards.
   */
  public static void checkAliases(Function f, FunctionTable table) {
    Map<Var, Set<Var>> sources = sources(f, table);
    Aliases stable = new Aliases(stableSources(f, sources),
        stableSources(f, sources(f, table, new Returned(), false)), parts(f));
    Order order = Order.of(f.body());
    Stmts.walk(f.body(), s -> {
      Var target = Stmts.target(s);
      if (target != null && Stmts.assigned(s) instanceof Expr.Invoke i && i.callee() instanceof Callee.Function fn
          && fn.form() == Callee.Form.PRIMAL && table.get(fn.ref()) != null) {
        FunctionInfo callee = table.get(fn.ref());
        checkResult(f, table, s, target, i, callee, callee.returnedParams(), sources, order);
      }
      for (Expr top : Stmts.exprs(s)) {
        Exprs.walk(top, e -> {
          if (e instanceof Expr.Invoke i && i.callee() instanceof Callee.Function fn && table.get(fn.ref()) != null) {
            checkArguments(i, table.get(fn.ref()), fn.form(), stable);
          }
        });
      }
      if (s instanceof Stmt.Return r) {
        checkResultParts(f, r, stable);
      }
    });
  }

  /**
   * Refuses a record result holding one array twice ({@code new R(a, a)}, a matrix and its row): a
   * caller would give each component a tangent of its own, so a write through one would not reach
   * the other.
   */
  private static void checkResultParts(Function f, Stmt.Return r, Aliases aliases) {
    List<Var> arrays = r.values().stream().filter(v -> v instanceof Var && !(v.type() instanceof Type.Prim))
        .map(v -> (Var) v).toList();
    for (int i = 0; i < arrays.size(); i++) {
      for (int j = i + 1; j < arrays.size(); j++) {
        if (overlap(arrays.get(i), arrays.get(j), aliases)) {
          SourceText text = new SourceText(f);
          throw new TransformException(r.source(), Diagnostic.RESULT_SHARES_ARRAY.of(text.of(arrays.get(i)),
              text.of(arrays.get(j)), text.of(arrays.get(j))));
        }
      }
    }
  }

  /**
   * The sources of the array variables that are never assigned again, each given a variable that is
   * not either: such two hold one array throughout, while swapped buffers hold two different arrays
   * at any time (which an analysis ignoring the order of statements cannot tell).
   */
  private static Map<Var, Set<Var>> stableSources(Function f, Map<Var, Set<Var>> sources) {
    // a declaration without a value then one assignment (a record's component, flattened) is one;
    // a parameter is given its argument
    Map<Var, Integer> assignments = new HashMap<>();
    f.params().forEach(p -> assignments.put(p.var(), 1));
    Stmts.walk(f.body(), s -> {
      if (Stmts.target(s) != null) {
        assignments.merge(Stmts.target(s), 1, Integer::sum);
      }
    });
    Set<Var> reassigned = new HashSet<>();
    assignments.forEach((v, n) -> {
      if (n > 1) {
        reassigned.add(v);
      }
    });
    Map<Var, Set<Var>> stable = new HashMap<>();
    sources.forEach((target, from) -> {
      if (!reassigned.contains(target)) {
        from.stream().filter(v -> !reassigned.contains(v))
            .forEach(v -> stable.computeIfAbsent(target, t -> new HashSet<>()).add(v));
      }
    });
    return stable;
  }

  /**
   * Refuses the call {@code i} of {@code s}, whose callee may return its argument's array into
   * {@code target}, when a statement that may run after it writes the result, or writes the
   * argument and the result is used after that write.
   */
  private static void checkResult(Function f, FunctionTable table, Stmt s, Var target, Expr.Invoke i,
      FunctionInfo callee, Set<Integer> returned, Map<Var, Set<Var>> sources, Order order) {
    if (returned.isEmpty()) {
      return;
    }
    List<Stmt> later = new ArrayList<>();
    Stmts.walk(f.body(), t -> {
      if (order.after(s, t)) {
        later.add(t);
      }
    });
    List<Stmt> uses = later.stream().filter(t -> mentions(t, target, sources)).toList();
    List<Set<Var>> written = later.stream().map(w -> writes(w, table, sources, i)).toList();
    for (int k : returned) {
      if (k >= i.args().size() || !(i.args().get(k) instanceof Var arg)) {
        continue;
      }
      // what may hold the argument's array: not a variable only ever given new arrays (a copy made later)
      Set<Var> holders = new HashSet<>(mayHold(arg, sources));
      holders.removeIf(v -> v != arg && onlyNewArrays(f, v));
      for (int j = 0; j < later.size(); j++) {
        Stmt w = later.get(j);
        boolean argWritten = holders.stream().anyMatch(written.get(j)::contains);
        if (written.get(j).contains(target) || argWritten
            && uses.stream().anyMatch(t -> order.after(w, t) && !order.rerunsBefore(s, t, w))) {
          String p = callee.params().get(k).name();
          throw new TransformException(i.source(), Diagnostic.RETURNS_PARAMETER_ARRAY.of(callee.name(), p));
        }
      }
    }
  }

  /** Whether {@code v} is a local of {@code f} given only new arrays. */
  private static boolean onlyNewArrays(Function f, Var v) {
    return f.params().stream().noneMatch(p -> p.var().equals(v)) && Stmts.any(f.body(), s -> v.equals(Stmts.target(s)))
        && !Stmts.any(f.body(), s -> v.equals(Stmts.target(s)) && !(Stmts.assigned(s) instanceof Expr.NewArray));
  }

  /** Whether {@code t} reads or writes through a variable that may hold {@code v}'s array. */
  private static boolean mentions(Stmt t, Var v, Map<Var, Set<Var>> sources) {
    boolean[] found = {t instanceof Stmt.ArrayWrite w && mayHold(w.array(), sources).contains(v)};
    for (Expr top : Stmts.exprs(t)) {
      Exprs.walk(top, e -> found[0] |= e instanceof Var u && mayHold(u, sources).contains(v));
    }
    return found[0];
  }

  /** The statements of a body in the order they appear, and the loops around each. */
  private record Order(Map<Stmt, Integer> position, Map<Stmt, List<Stmt.Loop>> loops, Map<Stmt, Block> blocks,
      Map<Stmt, Stmt> parents) {
    static Order of(Block body) {
      Order order = new Order(new IdentityHashMap<>(), new IdentityHashMap<>(), new IdentityHashMap<>(),
          new IdentityHashMap<>());
      order.add(body, List.of(), null);
      return order;
    }

    private void add(Block b, List<Stmt.Loop> around, Stmt parent) {
      for (Stmt s : b.stmts()) {
        position.put(s, position.size());
        loops.put(s, around);
        blocks.put(s, b);
        parents.put(s, parent);
        List<Stmt.Loop> inner = around;
        if (s instanceof Stmt.Loop l && !(l.testAfter() && l.cond() instanceof Const c && Boolean.FALSE.equals(c.value()))) {
          inner = new ArrayList<>(around); // not do { } while (false), which a switch with breaks becomes
          inner.add(l);
        }
        for (Block nested : Stmts.blocks(s)) {
          add(nested, inner, s);
        }
      }
    }

    /**
     * Whether {@code s} runs between {@code w} and {@code t} on every path: {@code t} follows
     * {@code s} in its block (or is inside a statement that does), so nothing reaches {@code t}
     * without running {@code s} first, {@code w} is not between them, and no loop after {@code s}
     * holds both.
     */
    boolean rerunsBefore(Stmt s, Stmt t, Stmt w) {
      if (position.get(t) <= position.get(s) || position.get(w) > position.get(s) && position.get(w) < position.get(t)) {
        return false;
      }
      for (Stmt a = t; a != null; a = parents.get(a)) {
        if (a instanceof Stmt.Loop l && loops.get(w).stream().anyMatch(m -> m == l)) {
          return false; // a loop after s holding both: its next iteration goes from w to t without s
        }
        if (blocks.get(a) == blocks.get(s)) {
          return true;
        }
      }
      return false;
    }

    /** Whether {@code t} may run after {@code s}: later in the body, or in a loop around {@code s}. */
    boolean after(Stmt s, Stmt t) {
      if (position.get(t) > position.get(s)) {
        return true;
      }
      for (Stmt.Loop l : loops.get(s)) {
        if (t == l || loops.get(t).stream().anyMatch(m -> m == l)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * The positions of the parameters whose arrays the method {@code c} may return (its result, or a
   * record in it, holds them), for {@link FunctionInfo#setReturnedParams}.
   */
  public static Set<Integer> mayReturn(FunctionInfo c, FunctionTable table) {
    return returnedBy(c, table, new Returned());
  }

  /**
   * The positions of the parameters whose arrays the method {@code c} may return: from its body, or
   * for a method with custom rules from its own body (all of them when that cannot be read); for a
   * method compiled before, as its compilation recorded them.
   */
  private static Set<Integer> returnedBy(FunctionInfo c, FunctionTable table, Returned visiting) {
    if (c.kind() == FunctionInfo.Kind.EXTERNAL) {
      return c.returnedParams();
    }
    Function body = c.kind() == FunctionInfo.Kind.DERIVED ? c.ir() : c.primalBody();
    if (body != null) {
      return returnedParams(body, table, visiting);
    }
    boolean customRules = c.kind() == FunctionInfo.Kind.CUSTOM_JVP || c.kind() == FunctionInfo.Kind.CUSTOM_JVP_PER_ARGUMENT
        || c.kind() == FunctionInfo.Kind.CUSTOM_VJP;
    Set<Integer> out = new TreeSet<>();
    for (int k = 0; customRules && !(c.resultType() instanceof Type.Prim) && k < c.params().size(); k++) {
      if (!(c.params().get(k).type() instanceof Type.Prim)) {
        out.add(k);
      }
    }
    return out;
  }

  /**
   * The positions of the array (or record, matrix) parameters whose arrays {@code f} may return,
   * through its callees too; all of them for a method that calls itself back ({@code visiting}).
   */
  private static Set<Integer> returnedParams(Function f, FunctionTable table, Returned visiting) {
    Set<Integer> known = visiting.found().get(f);
    if (known != null) {
      return known;
    }
    if (visiting.visiting().put(f, true) != null) {
      return positions(f, new HashSet<>(f.params().stream().map(p -> p.var()).toList()), t -> !(t instanceof Type.Prim));
    }
    Map<Var, Set<Var>> sources = sources(f, table, visiting, true);
    Set<Var> returned = new HashSet<>();
    Stmts.walk(f.body(), s -> {
      if (s instanceof Stmt.Return r) {
        for (Expr value : r.values()) {
          heldBy(value).forEach(v -> returned.addAll(mayHold(v, sources)));
        }
      }
    });
    visiting.visiting().remove(f);
    Set<Integer> out = positions(f, returned, t -> !(t instanceof Type.Prim));
    visiting.found().put(f, out);
    return out;
  }

  /** What each variable may hold ({@code sources}), holds whole ({@code whole}), and the parts it is given. */
  private record Aliases(Map<Var, Set<Var>> sources, Map<Var, Set<Var>> whole, Map<Var, Set<Identity>> parts) {}

  private static void checkArguments(Expr.Invoke call, FunctionInfo callee, Callee.Form form, Aliases aliases) {
    for (int k : callee.writtenArguments(form)) {
      for (int j = 0; j < call.args().size() && k < call.args().size(); j++) {
        if (j != k && call.args().get(k) instanceof Var written && call.args().get(j) instanceof Var other
            && !(other.type() instanceof Type.Prim) && overlap(written, other, aliases)) {
          String name = callee.name();
          String w = callee.params().get(k).name();
          throw new TransformException(call.source(), Diagnostic.SAME_ARRAY_TWICE.of(name,
              callee.params().get(Math.min(j, k)).name(), callee.params().get(Math.max(j, k)).name(), name, w));
        }
      }
    }
  }

  /**
   * Whether {@code a} and {@code b} may reach one array: the same array, or a matrix or record one
   * holds whole and the other holds whole or a part of (a row, a component).
   */
  private static boolean overlap(Var a, Var b, Aliases aliases) {
    Set<Identity> shared = new HashSet<>(identities(a, aliases.sources(), aliases.parts()));
    shared.retainAll(identities(b, aliases.sources(), aliases.parts()));
    return !shared.isEmpty() || holdsPartOf(a, b, aliases) || holdsPartOf(b, a, aliases);
  }

  /** Whether {@code part} may hold (a part of) a matrix or record that {@code whole} holds whole. */
  private static boolean holdsPartOf(Var whole, Var part, Aliases aliases) {
    Set<Var> containers = mayHold(whole, aliases.whole());
    containers.removeIf(v -> !isContainer(v.type()));
    return mayHold(part, aliases.sources()).stream().anyMatch(containers::contains);
  }

  /** A matrix or a record: what holds arrays. */
  private static boolean isContainer(Type t) {
    return t instanceof Type.Record || t instanceof Type.Array a && a.element() instanceof Type.Array;
  }

  /** An array as the derivatives see it: a variable's, a matrix's row at a fixed index, a record's component. */
  private record Identity(Var base, String part) {}

  /** The arrays {@code v} may be, rows and components told apart by their index and name. */
  private static Set<Identity> identities(Var v, Map<Var, Set<Var>> sources, Map<Var, Set<Identity>> parts) {
    Set<Identity> out = new HashSet<>();
    for (Var w : mayHold(v, sources)) {
      if (w.type() instanceof Type.Array a && !(a.element() instanceof Type.Array)) {
        out.add(new Identity(w, ""));
        out.addAll(parts.getOrDefault(w, Set.of()));
      }
    }
    return out;
  }

  /** The rows (at a constant or variable index) and record components each array variable is given. */
  private static Map<Var, Set<Identity>> parts(Function f) {
    Map<Var, Set<Identity>> parts = new HashMap<>();
    Stmts.walk(f.body(), s -> {
      Var target = Stmts.target(s);
      Expr value = Stmts.assigned(s);
      Identity part = null;
      if (value instanceof Expr.ArrayRead r && r.array() instanceof Var matrix
          && (r.index() instanceof Const || r.index() instanceof Var)) {
        part = new Identity(matrix, "[" + (r.index() instanceof Var i ? i.name() : r.index().toString()) + "]");
      } else if (value instanceof Expr.Component c && holder(c) != null) {
        part = new Identity(holder(c), c.toString());
      }
      if (target != null && part != null) {
        parts.computeIfAbsent(target, v -> new HashSet<>()).add(part);
      }
    });
    return parts;
  }

  /** The variables whose arrays {@code value} hands on: itself, a record's or a new matrix's parts, either branch of {@code ?:}. */
  private static Set<Var> heldBy(Expr value) {
    Set<Var> out = new HashSet<>();
    if (value instanceof Var v) {
      out.add(v);
    } else if (value instanceof Expr.Conditional c) {
      out.addAll(heldBy(c.then()));
      out.addAll(heldBy(c.otherwise()));
    } else if (value instanceof Expr.Construct c) {
      c.args().forEach(a -> out.addAll(heldBy(a)));
    } else if (value instanceof Expr.NewArray n && n.elements() != null) {
      n.elements().forEach(a -> out.addAll(heldBy(a)));
    }
    return out;
  }

  /** The record variable whose (nested) component {@code c} reads, or null. */
  private static Var holder(Expr.Component c) {
    Expr e = c;
    while (e instanceof Expr.Component inner) {
      e = inner.record();
    }
    return e instanceof Var v ? v : null;
  }

  /** {@code v} and every array assigned to it, transitively. */
  private static Set<Var> mayHold(Var v, Map<Var, Set<Var>> sources) {
    Set<Var> seen = new HashSet<>();
    Deque<Var> work = new ArrayDeque<>(List.of(v));
    while (!work.isEmpty()) {
      Var next = work.pop();
      if (seen.add(next)) {
        work.addAll(sources.getOrDefault(next, Set.of()));
      }
    }
    return seen;
  }
}
