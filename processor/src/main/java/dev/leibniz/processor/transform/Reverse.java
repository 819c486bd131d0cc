package dev.leibniz.processor.transform;

import dev.leibniz.processor.diagnostics.Diagnostic;
import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Exprs;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.Leaves;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.Ops;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.SourceText;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.FunctionTable;
import dev.leibniz.processor.rules.PrimitiveRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse mode: a forward sweep that runs the body and keeps what the backward sweep will need,
 * then a backward sweep that runs the body's statements in reverse order, accumulating cotangents
 * ({@code xBar}).
 *
 * <p>The backward sweep reads a primal value directly when nothing overwrites it later; otherwise
 * the forward sweep copies it into a local (outside loops) or pushes it on a {@link
 * dev.leibniz.runtime.Tape} (inside loops), with branch decisions and trip counts. Straight-line
 * code needs no tape. Calls of other differentiable methods keep their VJP object for the
 * backward sweep, so a callee's side effects run once, in the forward sweep, as in JAX.
 *
 * <p>{@link Needs} decides how the backward sweep gets each primal value and {@link Cotangents}
 * owns the cotangent variables. The rest stays here, over 600 lines, because the sweep is one
 * recursive walk over the statements sharing the tape, the activity and the index of the body.
 */
public final class Reverse {

  /**
   * The two sweeps: {@code value} holds the primal result's leaves, {@code gradients} one
   * expression per parameter in D (valid after the backward sweep). {@code arraySeeds} are the
   * cotangents of the final contents of the array parameters the body writes into (SPEC §5a),
   * parameters of the backward sweep too: a caller's cotangent array, updated in place to that of
   * the contents on entry, or null for zero. {@code pullbackGradients} are the gradients a pullback
   * taking them returns: where {@code nullWhenZero} (a parameter of the sweep too; null: none) holds,
   * such a parameter's component is null when it was given null and nothing flowed into it (a
   * structural zero, for a caller to keep as one).
   */
  public record Result(Block forward, Block backward, List<Expr> value, List<Expr> gradients, Var tape,
      java.util.function.Predicate<dev.leibniz.processor.ir.FunctionRef> pureFunctions, List<Var> arraySeeds,
      List<Expr> pullbackGradients, Var nullWhenZero) {

    public Result(Block forward, Block backward, List<Expr> value, List<Expr> gradients, Var tape,
        java.util.function.Predicate<dev.leibniz.processor.ir.FunctionRef> pureFunctions, List<Var> arraySeeds) {
      this(forward, backward, value, gradients, tape, pureFunctions, arraySeeds, gradients, null);
    }

    /**
     * The sweeps of a gradient: the seed variable {@code seed} replaced by {@code value}, and no
     * primal value computed that only the result would have needed.
     */
    public Result gradientOnly(Var seed, Expr value) {
      Map<Var, Expr> map = Map.of(seed, value);
      Block substituted = Cleanup.substitute(backward, map);
      List<Expr> grads = new ArrayList<>();
      Set<Var> keep = new LinkedHashSet<>();
      for (Expr g : gradients) {
        Expr e = Exprs.substitute(g, map);
        grads.add(e);
        keep.addAll(Exprs.vars(e));
      }
      Block back = Cleanup.sinkCopies(Cleanup.mergeResets(Cleanup.propagateCopies(substituted, keep)), keep);
      Set<Var> needed = DeadCode.liveIn(back, keep);
      Block fwd = DeadCode.deadCode(forward, needed, pureFunctions);
      // a gradient's written arrays start from a zero cotangent: declared null, allocated by the sweep
      List<Stmt> seeded = new ArrayList<>();
      for (Var bar : arraySeeds) {
        seeded.add(new Stmt.Declare(bar, Const.zero(bar.type()), SourceRef.NONE));
      }
      seeded.addAll(back.stmts());
      return new Result(fwd, new Block(seeded), List.of(), grads, tape, pureFunctions, List.of());
    }

    /**
     * What a VJP object keeps: the variables the backward sweep reads but does not declare (forward
     * values and parameters), except {@code seeds}, the pullback's own parameters.
     */
    public Set<Var> residuals(Set<Var> seeds) {
      Set<Var> declared = new LinkedHashSet<>(seeds);
      declared.addAll(arraySeeds);
      if (nullWhenZero != null) {
        declared.add(nullWhenZero);
      }
      Stmts.walk(backward, s -> {
        if (s instanceof Stmt.Declare d) {
          declared.add(d.var());
        }
      });
      Set<Var> read = new LinkedHashSet<>();
      Stmts.walkExprs(backward, e -> {
        if (e instanceof Var v && !declared.contains(v)) {
          read.add(v);
        }
      });
      Stmts.walk(backward, s -> {
        if (s instanceof Stmt.Assign a && !declared.contains(a.target())) {
          read.add(a.target());
        }
      });
      for (Expr g : pullbackGradients) {
        for (Var v : Exprs.vars(g)) {
          if (!declared.contains(v)) {
            read.add(v);
          }
        }
      }
      return read;
    }
  }

  private final FunctionTable table;
  final Activity activity;
  final Namer namer;
  final Map<Stmt, Integer> position = new IdentityHashMap<>();
  final Map<Stmt, List<Stmt.Loop>> loopsOf = new IdentityHashMap<>();
  private final ElementWrites elementWrites;
  final Map<Var, List<Stmt>> defs = new HashMap<>();
  final Map<Var, Integer> declLoopDepth = new HashMap<>();
  final Set<Var> params = new LinkedHashSet<>();
  final Map<Var, Block> declaredIn = new HashMap<>();
  final Map<Var, Var> adjoints = new LinkedHashMap<>();
  final Map<Var, List<Var>> recordAdjoints = new LinkedHashMap<>();
  final Map<Block, List<Var>> adjointsDeclaredIn = new IdentityHashMap<>();
  final Block top;
  /** The locals that may hold null: their cotangents are null while they do. */
  final Set<Var> nullable;
  private Var tape;
  private final Cotangents cotangents = new Cotangents(this);
  /** The loops around the statement being transformed. */
  private final List<Stmt.Loop> loops = new ArrayList<>();

  private Reverse(FunctionTable table, Activity activity, Namer namer, Block top) {
    this.table = table;
    this.activity = activity;
    this.namer = namer;
    this.top = top;
    this.nullable = NullableLocals.of(top);
    this.elementWrites = new ElementWrites(table);
  }

  /**
   * Reverse mode of {@code f} (linearized) with respect to its differentiable parameters;
   * {@code seeds} are the cotangents of the result's leaves.
   */
  public static Result apply(Function f, List<Expr> seeds, FunctionTable table) {
    return apply(f, seeds, table, seeds.size());
  }

  /**
   * As {@link #apply(Function, List, FunctionTable)}, where only the first {@code valueLeaves}
   * leaves are the primal value the forward sweep must compute (a JVP rule's tangent leaves are not).
   */
  public static Result apply(Function f, List<Expr> seeds, FunctionTable table, int valueLeaves) {
    Function g = Structure.apply(f);
    Set<Var> inputs = new LinkedHashSet<>();
    for (Param p : g.params()) {
      if (p.differentiable()) {
        inputs.add(p.var());
      }
    }
    Set<Var> written = Activity.writtenParams(g, table);
    Activity activity = Activity.of(g, inputs, written, table);
    Namer namer = Namer.forFunction(g);
    for (Expr s : seeds) {
      for (Var v : Exprs.vars(s)) {
        namer.take(v.name());
      }
    }
    Reverse r = new Reverse(table, activity, namer, g.body());
    return r.run(g, seeds, valueLeaves, written);
  }

  private Result run(Function f, List<Expr> seeds, int valueLeaves, Set<Var> written) {
    index(f);
    List<Var> arraySeeds = new ArrayList<>();
    List<Stmt> allocations = new ArrayList<>();
    Map<Var, Expr> maybeSeeds = new LinkedHashMap<>();
    List<Stmt> fwd = new ArrayList<>();
    for (Param param : f.params()) {
      Var p = param.var();
      if (tracked.contains(p)) {
        // the number of the caller's array: its cotangent is p's gradient
        Var entry = namer.fresh(p.name() + "EntryId", Type.Prim.INT);
        fwd.add(new Stmt.Declare(entry, ReassignedArrays.number(tape(), p), SourceRef.NONE));
        fwd.add(new Stmt.Declare(forwardId(p), entry, SourceRef.NONE));
        entryIds.put(p, entry);
      }
    }
    for (Var p : written) {
      if (activity.isActive(p)) {
        // the caller's cotangent of p's final contents, or null for zero
        Var bar = namer.fresh(p.name() + "Bar", p.type());
        adjoints.put(p, bar);
        primalOfArrayAdjoint.put(bar, p);
        arraySeeds.add(bar);
        if (tracked.contains(p)) {
          // it belongs to the array p held on entry (every seed given before any cotangent is asked
          // for); bar follows the array p holds at the end
          Var barId = backwardId(p);
          allocations.add(0, ReassignedArrays.seed(tape(), entryIds.get(p), bar));
          allocations.add(new Stmt.Declare(barId, forwardId(p), SourceRef.NONE));
          allocations.add(new Stmt.Assign(bar, ReassignedArrays.cotangent(tape(), p.type(), barId), SourceRef.NONE));
          continue;
        }
        Expr isNull = new Expr.Binary(Expr.BinaryOp.EQ, bar, Const.zero(bar.type()), Type.Prim.BOOLEAN);
        allocations.add(new Stmt.If(isNull, Block.of(new Stmt.Assign(bar, zeroAdjoint(bar), SourceRef.NONE)),
            Block.EMPTY, SourceRef.NONE));
        maybeSeeds.put(bar, new Expr.Binary(Expr.BinaryOp.NE, bar, Const.zero(bar.type()), Type.Prim.BOOLEAN));
      }
    }
    List<Stmt> body = f.body().stmts();
    Stmt.Return ret = (Stmt.Return) body.get(body.size() - 1);
    List<Stmt> bwd = new ArrayList<>();
    // The seed: the result's cotangent flows into the returned leaves. An array returned from
    // several places (one exit per path) is reassigned: its cotangent is that of whichever array it was.
    for (int i = 0; i < ret.values().size(); i++) {
      Expr leaf = ret.values().get(i);
      if (!activity.isActive(leaf) || seeds.get(i) instanceof Const c && (c.isZero() || c.value() == null)) {
        continue; // a zero seed (a JVP rule's value leaves when transposed) adds nothing
      }
      if (!arraySeeds.isEmpty() && seeds.get(i) instanceof Var seed && seed.type() instanceof Type.Prim) {
        // a caller not using the value of a method writing arrays passes zero: structural, as JAX's
        cotangents.accumulateUnlessZero((Var) leaf, seed, bwd);
      } else {
        cotangents.accumulate((Var) leaf, seeds.get(i), bwd);
      }
    }
    List<Stmt> mirrored = sweep(body.subList(0, body.size() - 1), fwd);
    bwd.addAll(mirrored);
    List<Expr> gradients = new ArrayList<>();
    List<Stmt> bwdTop = new ArrayList<>();
    for (Param p : f.params()) {
      if (p.differentiable()) {
        gradients.add(cotangents.gradientOf(p.var()));
      }
    }
    bwdTop.addAll(allocations);
    bwdTop.addAll(declarationsFor(top));
    accumulators.forEach((v, now) -> bwdTop.add(new Stmt.Declare(now, v, SourceRef.NONE))); // the final value
    bwdTop.addAll(bwd);
    List<Stmt> fwdAll = new ArrayList<>();
    if (tape != null) {
      fwdAll.add(new Stmt.Declare(tape, new Expr.Invoke(new Callee.Constructor(Known.TAPE), null, List.of(),
          Known.TAPE_TYPE), SourceRef.NONE));
    }
    fwdAll.addAll(fwd);
    Block forward = new Block(fwdAll);
    StructuralZeros.Swept swept = StructuralZeros.apply(new Block(bwdTop), namer, maybeSeeds, voidPullbacks);
    Block backward = swept.backward();
    Var flag = arraySeeds.isEmpty() ? null : namer.fresh("nullWhenZero", Type.Prim.BOOLEAN);
    List<Expr> pullbackGradients = new ArrayList<>();
    int k = 0;
    for (Param p : f.params()) {
      if (p.differentiable()) {
        Expr g = gradients.get(k++);
        pullbackGradients.add(flag == null ? g : nullWhenZero(p.var(), g, arraySeeds, swept.seedsSet(), flag));
      }
    }
    // none when every array written is always set
    Var nullWhenZero = flag != null && pullbackGradients.stream().anyMatch(g -> Exprs.vars(g).contains(flag)) ? flag
        : null;
    // Drop what neither sweep needs, then hoist forward values the backward sweep reads.
    Set<Var> liveOut = new LinkedHashSet<>();
    for (Expr e : pullbackGradients) {
      liveOut.addAll(Exprs.vars(e));
    }
    backward = DeadCode.deadCode(backward, liveOut, this::pure);
    Set<Var> needed = DeadCode.liveIn(backward, liveOut);
    for (Expr v : ret.values().subList(0, valueLeaves)) {
      needed.addAll(Exprs.vars(v));
    }
    forward = DeadCode.deadCode(forward, needed, this::pure);
    forward = Cleanup.hoist(forward, needed);
    backward = Cleanup.mergeFirstContributions(backward);
    Set<Var> keep = new LinkedHashSet<>();
    for (Expr e : pullbackGradients) {
      keep.addAll(Exprs.vars(e));
    }
    backward = Cleanup.sinkCopies(Cleanup.mergeResets(Cleanup.propagateCopies(backward, keep)), keep);
    return new Result(forward, backward, ret.values().subList(0, valueLeaves), gradients, tape, this::pure,
        arraySeeds, pullbackGradients, nullWhenZero);
  }

  /**
   * The gradient {@code g} of parameter {@code p} as a pullback taking the cotangents of the arrays
   * written returns it: for such an array, null when {@code nullWhenZero} holds and nothing was
   * given or added ({@code seedsSet}: whether each seed is set at the end, by its cotangent variable).
   */
  private Expr nullWhenZero(Var p, Expr g, List<Var> arraySeeds, Map<Var, Expr> seedsSet, Var nullWhenZero) {
    Var bar = adjoints.get(p);
    if (!arraySeeds.contains(bar)) {
      return g; // not written
    }
    Expr set = tracked.contains(p) ? ReassignedArrays.isSet((Expr.Invoke) g) : seedsSet.get(bar);
    if (set instanceof Const c && Boolean.TRUE.equals(c.value())) {
      return g; // always set
    }
    Expr unset = new Expr.Binary(Expr.BinaryOp.AND, nullWhenZero,
        new Expr.Unary(Expr.UnaryOp.NOT, set, Type.Prim.BOOLEAN), Type.Prim.BOOLEAN);
    return Ops.cond(unset, Const.zero(g.type()), g);
  }

  // ---------------------------------------------------------------- indexing

  private void index(Function f) {
    for (Param p : f.params()) {
      declaredIn.put(p.var(), top);
      declLoopDepth.put(p.var(), 0);
      params.add(p.var());
    }
    int[] counter = {0};
    indexBlock(f.body(), counter);
    Set<Var> candidates = new LinkedHashSet<>();
    for (Var v : declLoopDepth.keySet()) {
      if (v.type() instanceof Type.Array && activity.isActive(v)) {
        candidates.add(v);
      }
    }
    for (Param p : f.params()) {
      if (p.differentiable() && p.var().type() instanceof Type.Array) {
        candidates.add(p.var()); // reassigned, even without a derivative: its gradient has the entry array's shape
      }
    }
    tracked.addAll(ReassignedArrays.of(candidates, this::reassigned, arrayLinks));
    checkMatrices(f);
    // a variable holding several arrays in turn is no fixed alias of another
    arrayAliases.keySet().removeIf(v -> tracked.contains(v) || assignments(v).size() > 1);
    // pX = p.x(), read once from a record parameter: pX's cotangent is p's cotangent for x (a leaf
    // read into two locals has two cotangents to add: no alias then)
    Map<String, List<Stmt.Declare>> leafReads = new LinkedHashMap<>();
    for (Stmt s : f.body().stmts()) {
      if (s instanceof Stmt.Declare d && d.init() instanceof Expr.Component c && c.record() instanceof Var r
          && params.contains(r) && !defs.containsKey(r) && r.type() instanceof Type.Record
          && !(c.type() instanceof Type.Record) && defs.get(d.var()).size() == 1) {
        leafReads.computeIfAbsent(r.name() + "." + c.name(), k -> new ArrayList<>()).add(d);
      }
    }
    leafReads.forEach((leaf, reads) -> {
      if (reads.size() == 1) {
        Stmt.Declare d = reads.get(0);
        leafAliases.put(leaf, d.var());
        aliasedLeafReads.add(d);
        recordOfLeaf.put(d.var(), (Var) ((Expr.Component) d.init()).record());
      }
    });
  }

  /** Record parameters' leaves read into locals: "p.x" to pX. */
  final Map<String, Var> leafAliases = new HashMap<>();
  private final Set<Stmt> aliasedLeafReads = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<Var, Var> recordOfLeaf = new HashMap<>();

  private void indexBlock(Block b, int[] counter) {
    for (Stmt s : b.stmts()) {
      position.put(s, counter[0]++);
      loopsOf.put(s, new ArrayList<>(loops));
      elementWrites.index(s);
      if (s instanceof Stmt.Declare d) {
        Block scope = b;
        declaredIn.put(d.var(), scope);
        declLoopDepth.put(d.var(), loops.size());
      }
      Var target = Stmts.target(s);
      if (s instanceof Stmt.Declare d && d.var().type() instanceof Type.Array && d.init() instanceof Expr.ArrayRead r
          && r.array() instanceof Var) {
        rows.put(d.var(), r);
      }
      if (target != null) {
        defs.computeIfAbsent(target, v -> new ArrayList<>()).add(s);
        Expr value = s instanceof Stmt.Declare d ? d.init() : ((Stmt.Assign) s).value();
        if (target.type() instanceof Type.Array && value instanceof Var source) {
          arrayAliases.put(target, source); // the same array object: one cotangent array
          arrayLinks.computeIfAbsent(target, v -> new LinkedHashSet<>()).add(source);
          arrayLinks.computeIfAbsent(source, v -> new LinkedHashSet<>()).add(target);
        }
      }
      if (s instanceof Stmt.ArrayWrite w) {
        defs.computeIfAbsent(w.array(), v -> new ArrayList<>()).add(s);
      }
      for (Expr e : Stmts.exprs(s)) {
        if (e instanceof Expr.Invoke call) {
          for (Var written : Activity.writtenArguments(call, table)) {
            writesInto.computeIfAbsent(written, v -> new ArrayList<>()).add(s);
            defs.computeIfAbsent(written, v -> new ArrayList<>()).add(s);
          }
        }
      }
      if (s instanceof Stmt.If i) {
        indexBlock(i.then(), counter);
        indexBlock(i.otherwise(), counter);
      } else if (s instanceof Stmt.Loop l) {
        indexBlock(l.init(), counter);
        loops.add(l);
        indexBlock(l.body(), counter);
        indexBlock(l.update(), counter);
        loops.remove(loops.size() - 1);
        // for-init variables live in the loop's scope: their cotangents belong to the enclosing block
        for (Stmt init : l.init().stmts()) {
          if (init instanceof Stmt.Declare d) {
            declaredIn.put(d.var(), b);
          }
        }
      }
    }
  }

  /** Calls writing into an array variable's contents, as element writes do. */
  private final Map<Var, List<Stmt>> writesInto = new HashMap<>();

  /** The statements assigning {@code v} (element writes of an array, and calls writing into it, excluded). */
  private List<Stmt> assignments(Var v) {
    List<Stmt> calls = writesInto.getOrDefault(v, List.of());
    return defs.getOrDefault(v, List.of()).stream()
        .filter(d -> !(d instanceof Stmt.ArrayWrite) && !calls.contains(d)).toList();
  }

  /** Whether array variable {@code v} may hold another array than its first in one run of its scope. */
  private boolean reassigned(Var v) {
    List<Stmt> a = assignments(v);
    if (a.size() + (params.contains(v) ? 1 : 0) > 1) {
      return true;
    }
    return a.size() == 1 && loopsOf.get(a.get(0)).size() > declLoopDepth.getOrDefault(v, 0);
  }

  private boolean sharesLoop(Stmt a, Stmt b) {
    List<Stmt.Loop> la = loopsOf.get(a);
    for (Stmt.Loop l : loopsOf.get(b)) {
      if (la.contains(l)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code v} may be assigned after {@code s} runs (s itself excluded). */
  boolean overwrittenAfter(Var v, Stmt s) {
    for (Stmt d : defs.getOrDefault(v, List.of())) {
      if (d != s && (position.get(d) > position.get(s) || sharesLoop(d, s))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether an element of an array with elements of type {@code element} may change after
   * statement {@code s} reads it: a statement that may write one runs later, in a loop around both, or is s.
   */
  boolean elementsChangeAfter(Type element, Stmt s) {
    for (Stmt d : elementWrites.writing(element)) {
      if (d == s || !position.containsKey(s) || position.get(d) > position.get(s) || sharesLoop(d, s)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a statement with a position in {@code (from, to)} may write an element of type {@code element}. */
  boolean elementsWrittenBetween(Type element, int from, int to) {
    for (Stmt d : elementWrites.writing(element)) {
      if (from < position.get(d) && position.get(d) < to) {
        return true;
      }
    }
    return false;
  }

  boolean inLoop() {
    return !loops.isEmpty();
  }

  // ---------------------------------------------------------------- the sweeps

  /** Emits the forward sweep of {@code stmts} into {@code fwd}; returns their backward sweep. */
  private List<Stmt> sweep(List<Stmt> stmts, List<Stmt> fwd) {
    List<List<Stmt>> mirrors = new ArrayList<>();
    Needs.Sweeping outer = sweeping;
    sweeping = new Needs.Sweeping(stmts, fwd, mirrors);
    try {
      for (Stmt s : stmts) {
        sweeping.current = mirrors.size();
        mirrors.add(stmt(s, fwd));
      }
    } finally {
      sweeping = outer;
    }
    List<Stmt> bwd = new ArrayList<>();
    for (int i = mirrors.size() - 1; i >= 0; i--) {
      bwd.addAll(mirrors.get(i));
    }
    return bwd;
  }

  private List<Stmt> sweepBlock(Block b, List<Stmt> fwd) {
    List<Stmt> bwd = sweep(b.stmts(), fwd);
    List<List<Stmt>> declarations = new ArrayList<>();
    List<Stmt> rowCotangents = new ArrayList<>();
    for (Var bar : barsDeclaredIn(b)) {
      Expr primal = primalOfArrayAdjoint.get(bar);
      if (primal instanceof Var v && rows.containsKey(v)) {
        Expr index = rowIndexAtRead(v);
        if (inLoop() && !(index instanceof Const)) {
          fwd.add(new Stmt.Push(tape(), index, SourceRef.NONE));
          Var popped = namer.fresh(v.name() + "Row", Type.Prim.INT);
          declarations.add(List.of(new Stmt.Declare(popped, new Expr.Pop(tape(), Type.Prim.INT), SourceRef.NONE)));
          index = popped;
        }
        rowCotangents.add(rowCotangent(v, bar, index));
        continue;
      }
      if (primal instanceof Var v && v.type() instanceof Type.Array a && a.element() instanceof Type.Array) {
        // a matrix made in each iteration: its cotangent has its rows' lengths
        Expr shape = v;
        if (inLoop()) {
          fwd.add(new Stmt.Push(tape(), v, SourceRef.NONE));
          shape = new Expr.Pop(tape(), v.type());
        }
        declarations.add(List.of(new Stmt.Declare(bar, Forward.zero(a, shape), SourceRef.NONE)));
        continue;
      }
      if (primal instanceof Var v && tracked.contains(v)) {
        Expr number = forwardId(v);
        if (inLoop()) {
          fwd.add(new Stmt.Push(tape(), number, SourceRef.NONE));
          number = new Expr.Pop(tape(), Type.Prim.INT);
        }
        declarations.add(followingDeclaration(v, number));
        continue;
      }
      Expr zero = Const.zero(bar.type());
      if (bar.type() instanceof Type.Array a) {
        Expr length = new Expr.ArrayLength(primal);
        if (inLoop()) {
          // an array made in each iteration: its length, pushed last, is popped first
          fwd.add(new Stmt.Push(tape(), length, SourceRef.NONE));
          length = new Expr.Pop(tape(), Type.Prim.INT);
        }
        zero = new Expr.NewArray(a, length, null);
      }
      declarations.add(List.of(new Stmt.Declare(bar, zero, SourceRef.NONE)));
    }
    Collections.reverse(declarations); // pops in the reverse order of the pushes
    List<Stmt> out = new ArrayList<>();
    declarations.forEach(out::addAll);
    out.addAll(rowCotangents);
    out.addAll(bwd);
    return out;
  }

  /** The cotangents declared where block {@code b} ends, going backwards. */
  private List<Var> barsDeclaredIn(Block b) {
    return List.copyOf(adjointsDeclaredIn.getOrDefault(b, List.of()));
  }

  /** {@code rBar = mBar[i]}: row {@code r = m[i]} shares its cotangent with the matrix's. */
  private Stmt rowCotangent(Var row, Var bar, Expr index) {
    return new Stmt.Declare(bar, new Expr.ArrayRead(cotangents.adjoint((Var) rows.get(row).array()), index, bar.type()),
        SourceRef.NONE);
  }

  /** The index row {@code row} was read at: a constant, or the local the forward sweep keeps it in. */
  private Expr rowIndexAtRead(Var row) {
    Expr index = rows.get(row).index();
    return index instanceof Const ? index
        : rowIndices.computeIfAbsent(row, r -> namer.fresh(r.name() + "Index", Type.Prim.INT));
  }

  /**
   * Reverse mode keeps one cotangent matrix per matrix variable, its rows shared with the row
   * variables read from it: so a matrix is not assigned again, nor a row variable.
   */
  private void checkMatrices(Function f) {
    List<Var> matrices = tracked.stream()
        .filter(v -> v.type() instanceof Type.Array a && a.element() instanceof Type.Array)
        .sorted(java.util.Comparator.comparing(v -> assignments(v).isEmpty())) // one assigned, to point at
        .toList();
    if (!matrices.isEmpty()) {
      Var v = matrices.get(0);
      List<Stmt> assigned = assignments(v);
      throw new TransformException(assigned.isEmpty() ? SourceRef.NONE : assigned.get(assigned.size() - 1).source(),
          Diagnostic.MATRIX_REASSIGNED.of(v.name()));
    }
    SourceText text = new SourceText(f);
    for (Var row : rows.keySet()) {
      List<Stmt> assigned = assignments(row);
      if (assigned.size() > 1 && text.isUsers(row)) {
        throw new TransformException(assigned.get(assigned.size() - 1).source(),
            Diagnostic.MATRIX_ROW_REASSIGNED.of(row.name()));
      }
    }
    // a row held where another array may be too (a return, ?:, a branch): one cotangent cannot be both
    Stmts.walk(f.body(), s -> {
      Var target = Stmts.target(s);
      Expr value = Stmts.assigned(s);
      boolean read = value instanceof Expr.ArrayRead r && r.type() instanceof Type.Array
          && (rows.get(target) != r || assignments(target).size() > 1);
      boolean copied = value instanceof Var v && rows.containsKey(v) && tracked.contains(target);
      if ((read || copied) && activity.isActive(target)) {
        String row = text.of(value);
        throw new TransformException(s.source(), Diagnostic.MATRIX_ROW_AMONG_ARRAYS.of(row, row));
      }
    });
    for (Var row : rows.keySet()) {
      if (tracked.contains(row)) { // a guard: the checks above name the user's statement
        throw new TransformException(assignments(row).get(0).source(), Diagnostic.MATRIX_ROW_REASSIGNED.of(row.name()));
      }
    }
  }

  private List<Stmt> declarationsFor(Block b) {
    List<Stmt> out = new ArrayList<>();
    List<Stmt> rowCotangents = new ArrayList<>();
    for (Var bar : barsDeclaredIn(b)) {
      if (primalOfArrayAdjoint.get(bar) instanceof Var v && rows.containsKey(v)) {
        rowCotangents.add(rowCotangent(v, bar, rowIndexAtRead(v)));
      } else if (primalOfArrayAdjoint.get(bar) instanceof Var v && tracked.contains(v)) {
        out.addAll(followingDeclaration(v, forwardId(v)));
      } else {
        out.add(new Stmt.Declare(bar, zeroAdjoint(bar), SourceRef.NONE));
      }
    }
    out.addAll(rowCotangents);
    return out;
  }

  // ---------------------------------------------------------------- arrays held in turn (ReassignedArrays)

  /** The forward sweep's number of the array {@code v} holds. */
  private Var forwardId(Var v) {
    return forwardIds.computeIfAbsent(v, x -> namer.fresh(x.name() + "Id", Type.Prim.INT));
  }

  /** The backward sweep's number of the array whose cotangent {@code v}'s cotangent is. */
  private Var backwardId(Var v) {
    return backwardIds.computeIfAbsent(v, x -> namer.fresh(cotangents.adjoint(x).name() + "Id", Type.Prim.INT));
  }

  /** The cotangent of tracked {@code v} where its scope ends: that of array {@code number}. */
  private List<Stmt> followingDeclaration(Var v, Expr number) {
    Var barId = backwardId(v);
    return List.of(new Stmt.Declare(barId, number, SourceRef.NONE),
        new Stmt.Declare(cotangents.adjoint(v), ReassignedArrays.cotangent(tape(), v.type(), barId), SourceRef.NONE));
  }

  /** After {@code s} gives tracked {@code v} {@code value}: its number, a new one unless another variable's array. */
  private Stmt numbering(Stmt s, Var v, Expr value) {
    Expr number = value instanceof Var source && tracked.contains(source) ? forwardId(source)
        : ReassignedArrays.number(tape(), v);
    return s instanceof Stmt.Declare ? new Stmt.Declare(forwardId(v), number, SourceRef.NONE)
        : new Stmt.Assign(forwardId(v), number, SourceRef.NONE);
  }

  /**
   * The backward sweep of {@code s} giving tracked {@code v} an array, up to what flows into the
   * value's operands: returns the cotangent of the array {@code s} gave (to pass on), having pointed
   * {@code v}'s cotangent back at that of the array {@code v} held before. An array made here
   * ({@code made}) has its cotangent forgotten: before {@code v} is pointed back (its flag read into
   * the copy passed on first), or at the end ({@code last}) when {@code s} declares {@code v}.
   */
  private Expr followBack(Var v, Stmt s, boolean made, Needs needs, List<Stmt> bwd, List<Stmt> last) {
    if (s instanceof Stmt.Declare && !made) {
      return null; // declared holding another variable's array: nothing to follow back
    }
    Var bar = cotangents.adjoint(v);
    Var barId = backwardId(v);
    Expr given = bar;
    if (s instanceof Stmt.Assign && made) {
      Var copy = namer.fresh(bar.name(), bar.type());
      bwd.add(new Stmt.Declare(copy, bar, SourceRef.NONE));
      given = copy;
    }
    if (made) {
      (s instanceof Stmt.Assign ? bwd : last).add(ReassignedArrays.release(tape(), barId));
    }
    if (s instanceof Stmt.Assign) {
      bwd.add(new Stmt.Assign(barId, needs.saved(forwardId(v)), SourceRef.NONE));
      bwd.add(new Stmt.Assign(bar, ReassignedArrays.cotangent(tape(), v.type(), barId), SourceRef.NONE));
    }
    return given;
  }

  private Expr zeroAdjoint(Var bar) {
    Expr primal = primalOfArrayAdjoint.get(bar);
    return Forward.zero(bar.type(), primal, primal != null && fromParameter(primal));
  }

  /** Whether {@code primal} is a parameter's value or part of one, which the caller may pass as null. */
  private boolean fromParameter(Expr primal) {
    Expr root = primal;
    while (root instanceof Expr.Component c) {
      root = c.record();
    }
    return root instanceof Var v && (params.contains(v) || recordOfLeaf.containsKey(v));
  }

  /** The array (a variable, or a record variable's component) each array cotangent is shaped like. */
  final Map<Var, Expr> primalOfArrayAdjoint = new HashMap<>();
  final Map<Var, Var> arrayAliases = new HashMap<>();
  /** Pullback calls of void callees: they take no value cotangent, only the written arrays'. */
  private final Set<Expr> voidPullbacks = Collections.newSetFromMap(new IdentityHashMap<>());
  /** Row variables, {@code double[] r = m[i]}: their cotangents are rows of the matrix's (rowCotangent). */
  final Map<Var, Expr.ArrayRead> rows = new HashMap<>();
  /** The index each row variable was read at, kept by the forward sweep. */
  private final Map<Var, Var> rowIndices = new HashMap<>();
  /** Array variables assigned one to the other, both ways. */
  private final Map<Var, Set<Var>> arrayLinks = new HashMap<>();
  /** Array variables holding several arrays in turn: their cotangents follow the arrays (ReassignedArrays). */
  final Set<Var> tracked = new LinkedHashSet<>();
  private final Map<Var, Var> forwardIds = new HashMap<>();
  private final Map<Var, Var> backwardIds = new HashMap<>();
  /** Tracked parameters: the number of the caller's array. */
  final Map<Var, Var> entryIds = new HashMap<>();

  /** Whether {@code b} computes anything active, so its reverse is not empty. */
  private boolean hasActive(Block b) {
    return Stmts.any(b, s -> {
      Var t = Stmts.target(s);
      if (t != null && activity.isActive(t)) {
        return true;
      }
      return s instanceof Stmt.ArrayWrite w && activity.isActive(w.array()) || writingCall(s) != null;
    });
  }

  /** The forward sweep of one statement (into {@code fwd}); returns its backward sweep. */
  private List<Stmt> stmt(Stmt s, List<Stmt> fwd) {
    if (s instanceof Stmt.If i) {
      return ifStmt(i, fwd);
    }
    if (s instanceof Stmt.Loop l) {
      return loop(l, fwd);
    }
    Var target = Stmts.target(s);
    Expr.Invoke writing = writingCall(s);
    if (writing != null) {
      Var result = target != null && activity.isActive(target) ? target : null;
      return call(s, result, writing, table.get(((Callee.Function) writing.callee()).ref()), fwd);
    }
    if (target != null && activity.isActive(target)) {
      Expr value = s instanceof Stmt.Declare d ? d.init() : ((Stmt.Assign) s).value();
      return assignment(s, target, value, fwd);
    }
    if (s instanceof Stmt.ArrayWrite w && activity.isActive(w.array()) && w.value().type() instanceof Type.Array) {
      throw new TransformException(s.source(), Diagnostic.MATRIX_ROW_REPLACED.of());
    }
    if (s instanceof Stmt.ArrayWrite w && activity.isActive(w.array())) {
      Needs needs = new Needs(this, s);
      Expr index = needs.before(w.index());
      needs.emitBefore(fwd);
      fwd.add(s);
      List<Stmt> bwd = new ArrayList<>(needs.pops());
      Var bar = cotangents.adjoint(w.array());
      Expr element = new Expr.ArrayRead(bar, index, w.value().type());
      if (activity.isActive(w.value())) {
        cotangents.accumulate((Var) w.value(), element, bwd);
      }
      bwd.add(new Stmt.ArrayWrite(bar, index, Const.zero(w.value().type()), SourceRef.NONE));
      return bwd;
    }
    if (s instanceof Stmt.Declare d && activity.isActive(d.var())) {
      fwd.add(s); // declared here, assigned later
      if (tracked.contains(d.var())) {
        fwd.add(new Stmt.Declare(forwardId(d.var()), new Const(Type.Prim.INT, -1), SourceRef.NONE));
      }
      return List.of();
    }
    fwd.add(s);
    return List.of();
  }

  private List<Stmt> ifStmt(Stmt.If i, List<Stmt> fwd) {
    if (!hasActive(i.then()) && !hasActive(i.otherwise())) {
      fwd.add(i);
      return List.of();
    }
    Var taken = namer.fresh("branch", Type.Prim.BOOLEAN);
    fwd.add(new Stmt.Declare(taken, i.cond(), i.source()));
    List<Stmt> thenFwd = new ArrayList<>();
    List<Stmt> thenBwd = sweepBlock(i.then(), thenFwd);
    List<Stmt> elseFwd = new ArrayList<>();
    List<Stmt> elseBwd = sweepBlock(i.otherwise(), elseFwd);
    fwd.add(new Stmt.If(taken, new Block(thenFwd), new Block(elseFwd), i.source()));
    Expr cond = taken;
    List<Stmt> bwd = new ArrayList<>();
    if (inLoop()) {
      // pushed after the branch's own values, so the backward sweep pops it first
      fwd.add(new Stmt.Push(tape(), taken, i.source()));
      Var popped = namer.fresh("branch", Type.Prim.BOOLEAN);
      bwd.add(new Stmt.Declare(popped, new Expr.Pop(tape(), Type.Prim.BOOLEAN), SourceRef.NONE));
      cond = popped;
    }
    bwd.add(new Stmt.If(cond, new Block(thenBwd), new Block(elseBwd), i.source()));
    return bwd;
  }

  private List<Stmt> loop(Stmt.Loop l, List<Stmt> fwd) {
    if (!hasActive(l.body()) && !hasActive(l.update()) && !hasActive(l.init())) {
      fwd.add(l);
      return List.of();
    }
    List<Stmt> initFwd = new ArrayList<>();
    List<Stmt> initBwd = sweep(l.init().stmts(), initFwd);
    Var counter = counterOf(l);
    Expr known = knownTrips(l, counter);
    Var trips = namer.fresh("trips", Type.Prim.INT);
    // the backward loop's count and index, made first: a counter's value is computed from them
    Var popped = known == null && inLoop() ? namer.fresh("trips", Type.Prim.INT) : null;
    Expr count = popped != null ? popped : trips;
    Var k = namer.fresh("k", Type.Prim.INT);
    loops.add(l);
    List<Stmt> bodyFwd = new ArrayList<>();
    if (known == null) {
      fwd.add(new Stmt.Declare(trips, new Const(Type.Prim.INT, 0), l.source()));
      bodyFwd.add(new Stmt.Assign(trips, new Expr.Binary(Expr.BinaryOp.ADD, trips, new Const(Type.Prim.INT, 1),
          Type.Prim.INT), l.source()));
    }
    List<Stmt> bodyBwd;
    List<Stmt> updateFwd = new ArrayList<>();
    List<Stmt> updateBwd;
    try {
      if (counter != null) {
        // in the body of forward iteration (count - 1 - k), counter = start + that
        Expr start = ((Stmt.Declare) l.init().stmts().get(0)).init();
        Expr iteration = Ops.sub(Ops.sub(count, new Const(Type.Prim.INT, 1)), k);
        counters.put(counter, start instanceof Const c && c.isZero() ? iteration : Ops.add(start, iteration));
      }
      bodyBwd = sweepBlock(l.body(), bodyFwd);
      counters.remove(counter);
      updateBwd = sweepBlock(l.update(), updateFwd);
    } finally {
      counters.remove(counter);
      loops.remove(loops.size() - 1);
    }
    fwd.add(new Stmt.Loop(l.label(), new Block(initFwd), l.cond(), new Block(bodyFwd), new Block(updateFwd),
        l.testAfter(), l.source()));
    List<Stmt> bwd = new ArrayList<>();
    if (known != null) {
      bwd.add(new Stmt.Declare(trips, known, SourceRef.NONE));
    } else if (popped != null) {
      fwd.add(new Stmt.Push(tape(), trips, l.source()));
      bwd.add(new Stmt.Declare(popped, new Expr.Pop(tape(), Type.Prim.INT), SourceRef.NONE));
    }
    List<Stmt> iteration = new ArrayList<>(updateBwd);
    iteration.addAll(bodyBwd);
    bwd.add(new Stmt.Loop(null, Block.of(new Stmt.Declare(k, new Const(Type.Prim.INT, 0), SourceRef.NONE)),
        Ops.compare(Expr.BinaryOp.LT, k, count), new Block(iteration),
        Block.of(new Stmt.Assign(k, new Expr.Binary(Expr.BinaryOp.ADD, k, new Const(Type.Prim.INT, 1),
            Type.Prim.INT), SourceRef.NONE)), false, l.source()));
    bwd.addAll(initBwd);
    return bwd;
  }

  /**
   * The counter of a loop {@code for (int i = c; ...; i++)} (a constant start, the body not
   * assigning it), whose value in each iteration the backward sweep computes instead of keeping; or null.
   */
  private Var counterOf(Stmt.Loop l) {
    if (l.testAfter() || l.init().stmts().size() != 1 || !(l.init().stmts().get(0) instanceof Stmt.Declare d)
        || !(d.init() instanceof Const) || d.var().type() != Type.Prim.INT) {
      return null;
    }
    Var i = d.var();
    Stmt increment = null;
    for (Stmt u : l.update().stmts()) {
      if (u instanceof Stmt.Assign a && a.target() == i && a.value() instanceof Expr.Binary b
          && b.op() == Expr.BinaryOp.ADD && b.left() == i && b.right() instanceof Const one && one.isOne()) {
        increment = u;
      }
    }
    List<Stmt> assigned = defs.getOrDefault(i, List.of());
    return increment != null && assigned.size() == 2 && assigned.contains(increment) ? i : null;
  }

  /**
   * The trip count of counter loop {@code for (int i = c; i < n; i++)}, {@code n - c}, when the
   * backward sweep can compute {@code n} again (see {@link #recompute(Expr, int)}) and nothing
   * leaves the loop early; or null, and the count is kept. A negative count runs no backward iteration.
   */
  private Expr knownTrips(Stmt.Loop l, Var counter) {
    if (counter == null || !(l.cond() instanceof Expr.Binary b && b.op() == Expr.BinaryOp.LT && b.left() == counter)
        || Stmts.any(l.body(), s -> s instanceof Stmt.Break || s instanceof Stmt.Return
            || s instanceof Stmt.Continue c && c.label() != null)) {
      return null;
    }
    Expr bound = recompute(b.right(), 0);
    Expr start = ((Stmt.Declare) l.init().stmts().get(0)).init();
    return bound == null ? null : start instanceof Const c && c.isZero() ? bound : Ops.sub(bound, start);
  }

  /**
   * Loop counters whose loop body is being transformed, with their value in the backward sweep's
   * iteration; values computed from them (indices, reads of arrays nothing writes) are recomputed
   * by the backward sweep instead of kept on the tape.
   */
  private final Map<Var, Expr> counters = new HashMap<>();

  /**
   * {@code v}'s value in the current loop iteration, computed again (arithmetic and casts) from
   * counters, constants, variables never assigned and arrays never written; or null. Each variable it reads has one
   * value for the rest of the iteration: a counter, or a local declared once in an enclosing loop body.
   */
  Expr recompute(Var v, int depth) {
    Expr counter = counters.get(v);
    if (counter != null) {
      return counter;
    }
    List<Stmt> d = defs.get(v);
    if (d == null) {
      return params.contains(v) && !(v.type() instanceof Type.Array) ? v : null;
    }
    if (depth < 4 && d.size() == 1 && d.get(0) instanceof Stmt.Declare decl && v.type() instanceof Type.Prim) {
      return recompute(decl.init(), depth + 1);
    }
    return null;
  }

  private Expr recompute(Expr e, int depth) {
    if (e instanceof Const) {
      return e;
    }
    if (e instanceof Var v) {
      return recompute(v, depth);
    }
    if (e instanceof Expr.Binary b && b.op().isArithmetic() && b.type() instanceof Type.Prim) {
      Expr left = recompute(b.left(), depth);
      Expr right = left == null ? null : recompute(b.right(), depth);
      return right == null ? null : new Expr.Binary(b.op(), left, right, b.type());
    }
    if (e instanceof Expr.Cast c && c.type() instanceof Type.Prim) {
      Expr operand = recompute(c.operand(), depth);
      return operand == null ? null : new Expr.Cast(c.type(), operand);
    }
    if (e instanceof Expr.ArrayLength n && n.array() instanceof Var a && unchanging(a, false)) {
      return n;
    }
    if (e instanceof Expr.ArrayRead r && r.array() instanceof Var a && unchanging(a, true)) {
      Expr index = recompute(r.index(), depth);
      return index == null ? null : new Expr.ArrayRead(a, index, r.type());
    }
    return null;
  }

  /**
   * Whether array variable {@code a} holds one array throughout, readable directly by the backward
   * sweep (a parameter, or a local made once outside loops), whose elements nothing writes when
   * {@code unwritten}.
   */
  private boolean unchanging(Var a, boolean unwritten) {
    if (tracked.contains(a) || arrayLinks.containsKey(a)) {
      return false;
    }
    List<Stmt> d = defs.getOrDefault(a, List.of());
    boolean once = params.contains(a) ? assignments(a).isEmpty()
        : assignments(a).size() == 1 && loopsOf.get(assignments(a).get(0)).isEmpty();
    return once && (!unwritten || d.size() == (params.contains(a) ? 0 : 1) && !rowWrittenElsewhere(a));
  }

  /** Whether {@code a} is a row of a matrix written through the matrix or another of its row variables. */
  private boolean rowWrittenElsewhere(Var a) {
    Expr.ArrayRead row = rows.get(a);
    if (row == null || !(row.array() instanceof Var matrix)) {
      return false;
    }
    if (defs.getOrDefault(matrix, List.of()).size() > (params.contains(matrix) ? 0 : 1)) {
      return true;
    }
    for (Map.Entry<Var, Expr.ArrayRead> other : rows.entrySet()) {
      if (other.getKey() != a && matrix.equals(other.getValue().array())
          && defs.getOrDefault(other.getKey(), List.of()).size() > 1) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- assignments

  private List<Stmt> assignment(Stmt s, Var target, Expr value, List<Stmt> fwd) {
    SourceRef src = s.source();
    Needs needs = new Needs(this, s);
    if (rows.containsKey(target)) {
      // a row of a matrix: its cotangent is the cotangent matrix's row (declared where its scope ends)
      fwd.add(s);
      if (rowIndexAtRead(target) instanceof Var kept) {
        fwd.add(new Stmt.Declare(kept, rows.get(target).index(), SourceRef.NONE));
      }
      return List.of();
    }
    if (value instanceof Expr.Invoke call && call.callee() instanceof Callee.Function f
        && f.form() == Callee.Form.PRIMAL && hasActiveArgument(call, table.get(f.ref()))) {
      return call(s, target, call, table.get(f.ref()), fwd);
    }
    boolean follows = tracked.contains(target);
    if (target.type() instanceof Type.Array && value instanceof Var) {
      // an alias of the same array shares its cotangent array: nothing flows, nothing is reset
      List<Stmt> bwd = new ArrayList<>();
      if (follows) {
        followBack(target, s, false, needs, bwd, bwd);
      }
      needs.emitBefore(fwd);
      fwd.add(s);
      if (follows) {
        fwd.add(numbering(s, target, value));
      }
      List<Stmt> out = new ArrayList<>(needs.pops());
      out.addAll(bwd);
      return out;
    }
    // Work out the cotangent code first: it says which primal values the backward sweep needs.
    List<Stmt> adjointCode = new ArrayList<>();
    List<Stmt> last = new ArrayList<>();
    Expr g = follows ? followBack(target, s, true, needs, adjointCode, last)
        : cotangents.readAdjoint(target, s, adjointCode);
    if (PrimitiveRules.isPrimitive(value)) {
      for (PrimitiveRules.Partial p : PrimitiveRules.partials(value, target)) {
        if (activity.isActive(p.operand())) {
          Expr contribution = needs.access(p.map().apply(g), target);
          cotangents.accumulate((Var) p.operand(), contribution, adjointCode);
        }
      }
    } else if (value instanceof Expr.Construct c) {
      List<Expr> leafBars = cotangents.leafAdjointExprs(target, g);
      int leaf = 0;
      for (int i = 0; i < c.args().size(); i++) {
        Type ct = c.type().components().get(i).type();
        int n = Leaves.types(ct).size();
        Expr arg = c.args().get(i);
        if (activity.isActive(arg)) {
          if (ct instanceof Type.Record) {
            cotangents.accumulateLeaves((Var) arg, leafBars.subList(leaf, leaf + n), adjointCode);
          } else {
            cotangents.accumulate((Var) arg, leafBars.get(leaf), adjointCode);
          }
        }
        leaf += n;
      }
    } else if (value instanceof Expr.Component c && aliasedLeafReads.contains(s)
        && Leaves.types(c.record().type()).size() == ((Type.Record) c.record().type()).components().size()) {
      // pX = p.x() of a record parameter: pX's cotangent is the record's leaf cotangent already
    } else if (value instanceof Expr.Component c) {
      Var whole = (Var) c.record();
      if (activity.isActive(whole)) {
        List<Var> bars = cotangents.recordAdjoint(whole);
        int[] range = Cotangents.leafRange((Type.Record) whole.type(), c.name());
        if (target.type() instanceof Type.Record) {
          List<Expr> parts = cotangents.leafAdjointExprs(target, g);
          for (int i = 0; i < parts.size(); i++) {
            cotangents.add(bars.get(range[0] + i), parts.get(i), adjointCode);
          }
        } else {
          cotangents.add(bars.get(range[0]), g, adjointCode);
        }
      }
    } else if (value instanceof Expr.ArrayRead a) {
      if (activity.isActive(a.array())) {
        Var bar = cotangents.adjoint((Var) a.array());
        Expr index = needs.before(a.index());
        adjointCode.add(new Stmt.ArrayWrite(bar, index,
            Ops.add(new Expr.ArrayRead(bar, index, a.type()), g), SourceRef.NONE));
      }
    } else if (value instanceof Expr.NewArray n) {
      if (n.elements() != null) {
        for (int i = 0; i < n.elements().size(); i++) {
          Expr e = n.elements().get(i);
          if (activity.isActive(e)) {
            cotangents.accumulate((Var) e, new Expr.ArrayRead(g, new Const(Type.Prim.INT, i), e.type()), adjointCode);
          }
        }
      }
    } else if (value instanceof Expr.Invoke call && call.callee() instanceof Callee.Apply a) {
      Expr df = new Expr.Invoke(Callee.Special.DIFFERENTIABLE, null, List.of(needs.before(call.receiver())),
          Type.Ref.of(a.arity() == 1 ? Known.DIFF_UNARY : Known.DIFF_BINARY));
      List<Expr> args = new ArrayList<>();
      for (Expr x : call.args()) {
        args.add(needs.before(x));
      }
      args.add(g);
      if (a.arity() == 1) {
        if (activity.isActive(call.args().get(0))) {
          cotangents.accumulate((Var) call.args().get(0),
              new Expr.Invoke(Callee.Special.FN_VJP, df, args, Type.Prim.DOUBLE), adjointCode);
        }
      } else {
        Var q = namer.temp(new Type.Array(Type.Prim.DOUBLE));
        adjointCode.add(new Stmt.Declare(q, new Expr.Invoke(Callee.Special.FN_VJP, df, args, q.type()), src));
        for (int i = 0; i < 2; i++) {
          if (activity.isActive(call.args().get(i))) {
            cotangents.accumulate((Var) call.args().get(i),
                new Expr.ArrayRead(q, new Const(Type.Prim.INT, i), Type.Prim.DOUBLE), adjointCode);
          }
        }
      }
    } else if (value instanceof Expr.Invoke call && call.callee() == Callee.Special.FN_JVP) {
      // A JVP rule's df.jvp(x, xDot): transposed in its tangents; the primals are constants here.
      int arity = call.args().size() / 2;
      for (int i = 0; i < arity; i++) {
        if (activity.isActive(call.args().get(i))) {
          throw new TransformException(src, Diagnostic.REVERSE_THROUGH_FUNCTION_JVP_PRIMALS.of());
        }
      }
      List<Expr> bars = cotangents.leafAdjointExprs(target, g);
      Expr tangentBar = bars.get(1);
      List<Expr> args = new ArrayList<>();
      for (int i = 0; i < arity; i++) {
        args.add(needs.before(call.args().get(i)));
      }
      args.add(tangentBar);
      Expr receiver = needs.before(call.receiver());
      if (arity == 1) {
        if (activity.isActive(call.args().get(1))) {
          cotangents.accumulate((Var) call.args().get(1), new Expr.Invoke(Callee.Special.FN_VJP, receiver, args,
              Type.Prim.DOUBLE), adjointCode);
        }
      } else {
        Var q = namer.temp(new Type.Array(Type.Prim.DOUBLE));
        adjointCode.add(new Stmt.Declare(q, new Expr.Invoke(Callee.Special.FN_VJP, receiver, args, q.type()), src));
        for (int i = 0; i < 2; i++) {
          if (activity.isActive(call.args().get(2 + i))) {
            cotangents.accumulate((Var) call.args().get(2 + i), new Expr.ArrayRead(q, new Const(Type.Prim.INT, i),
                Type.Prim.DOUBLE), adjointCode);
          }
        }
      }
    } else if (value instanceof Expr.Invoke call && call.callee() instanceof Callee.Function f
        && f.form() == Callee.Form.JVP) {
      transposedJvp(call, table.get(f.ref()), cotangents.leafAdjointExprs(target, g), needs, adjointCode, src);
    } else if (value instanceof Expr.Invoke call && (call.callee() instanceof Callee.Function
        || call.callee() == Callee.Special.STOP_GRADIENT || call.callee() instanceof Callee.Method)) {
      // no active argument: a constant
    } else if (value instanceof Expr.Invoke call) {
      throw new TransformException(src, Diagnostic.REVERSE_THROUGH_CALL.of(call.callee()));
    }
    // forward: what the cotangent code needs, before and after the statement
    needs.emitBefore(fwd);
    fwd.add(needs.forward(s));
    if (follows) {
      fwd.add(numbering(s, target, value));
    }
    needs.emitAfter(fwd);
    List<Stmt> out = new ArrayList<>(needs.pops());
    out.addAll(adjointCode);
    out.addAll(last);
    return out;
  }

  /**
   * A JVP rule's call of another method's {@code gJvp(x..., xDot...)}: linear in the tangents, it
   * is transposed by {@code g}'s pullback of the tangent output's cotangent; the point is primal.
   */
  private void transposedJvp(Expr.Invoke call, FunctionInfo info, List<Expr> bars, Needs needs, List<Stmt> out,
      SourceRef src) {
    int n = info.params().size();
    List<Expr> point = new ArrayList<>();
    for (Expr arg : call.args().subList(0, n)) {
      if (activity.isActive(arg)) {
        throw new TransformException(src, Diagnostic.REVERSE_THROUGH_JVP_PRIMALS.of(info.name()));
      }
      point.add(needs.before(arg));
    }
    int leaves = info.resultType() instanceof Type.Record ? Leaves.types(info.resultType()).size() : 1;
    List<Expr> tangentBars = bars.subList(leaves, 2 * leaves);
    Expr cotangent = info.resultType() instanceof Type.Record r ? Leaves.rebuild(r, tangentBars)
        : tangentBars.get(0);
    Expr vjp = new Expr.Invoke(new Callee.Function(info.ref(), Callee.Form.VJP), null, point,
        info.formResultType(Callee.Form.VJP));
    Var gradient = namer.fresh(info.name() + "Gradient", info.gradientType());
    out.add(new Stmt.Declare(gradient, new Expr.Invoke(new Callee.Method(info.vjpClass(), "pullback", false,
        List.of(info.resultType())), vjp, List.of(cotangent), info.gradientType()), src));
    List<FunctionInfo.ParamInfo> d = info.differentiableParams();
    for (int k = 0; k < d.size(); k++) {
      Expr tangent = call.args().get(n + k);
      if (activity.isActive(tangent)) {
        cotangents.accumulate((Var) tangent, d.size() == 1 ? gradient : new Expr.Component(gradient, d.get(k).name(),
            d.get(k).type()), out);
      }
    }
  }

  private boolean hasActiveArgument(Expr.Invoke call, FunctionInfo info) {
    List<Boolean> mask = info.differentiableMask(Callee.Form.PRIMAL);
    for (int i = 0; i < call.args().size(); i++) {
      if (mask.get(i) && activity.isActive(call.args().get(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The call in {@code s} of a differentiable method that writes into an array argument carrying
   * a derivative (SPEC §5a), or null.
   */
  private Expr.Invoke writingCall(Stmt s) {
    Expr value = s instanceof Stmt.Declare d ? d.init() : s instanceof Stmt.Assign a ? a.value()
        : s instanceof Stmt.Eval e ? e.expr() : null;
    if (value instanceof Expr.Invoke call && call.callee() instanceof Callee.Function f
        && f.form() == Callee.Form.PRIMAL) {
      for (Var written : Activity.writtenArguments(call, table)) {
        if (activity.isActive(written)) {
          return call;
        }
      }
    }
    return null;
  }

  /**
   * A call of a differentiable method: its VJP object now, its pullback in the backward sweep.
   * {@code target} (null when not active) receives its value; the arrays it writes into get their
   * cotangents from its pullback, in place.
   */
  private List<Stmt> call(Stmt s, Var target, Expr.Invoke call, FunctionInfo info, List<Stmt> fwd) {
    SourceRef src = s.source();
    Type vjpType = info.formResultType(Callee.Form.VJP);
    Var vjp = namer.fresh(info.name() + "Vjp", vjpType);
    boolean follows = target != null && tracked.contains(target);
    Needs needs = new Needs(this, s);
    List<Stmt> retargeted = new ArrayList<>();
    List<Stmt> last = new ArrayList<>();
    Expr followed = follows ? followBack(target, s, true, needs, retargeted, last) : null;
    needs.emitBefore(fwd);
    fwd.add(new Stmt.Declare(vjp, new Expr.Invoke(new Callee.Function(info.ref(), Callee.Form.VJP), null,
        call.args(), vjpType), src));
    Expr value = new Expr.Invoke(new Callee.Method(info.vjpClass(), "value", false, List.of()), vjp, List.of(),
        info.resultType());
    Var assigned = Stmts.target(s);
    if (assigned != null) {
      fwd.add(s instanceof Stmt.Declare ? new Stmt.Declare(assigned, value, src) : new Stmt.Assign(assigned, value, src));
      if (follows) {
        fwd.add(numbering(s, target, value));
      }
    }
    // the VJP object is needed after this statement
    Expr object;
    List<Stmt> pops = new ArrayList<>();
    if (inLoop()) {
      fwd.add(new Stmt.Push(tape(), vjp, src));
      Var popped = namer.fresh(info.name() + "Vjp", vjpType);
      pops.add(new Stmt.Declare(popped, new Expr.Pop(tape(), vjpType), SourceRef.NONE));
      object = popped;
    } else {
      object = vjp;
    }
    List<Stmt> bwd = new ArrayList<>(pops);
    bwd.addAll(needs.pops());
    bwd.addAll(retargeted);
    Expr cotangent;
    if (target == null && info.isVoid()) {
      cotangent = null;
    } else if (follows) {
      cotangent = followed;
    } else if (target == null) {
      // its value is not differentiated: a computed zero, shaped like the value
      cotangent = Forward.zero(info.resultType(), new Expr.Invoke(new Callee.Method(info.vjpClass(), "value", false,
          List.of()), object, List.of(), info.resultType()));
    } else if (target.type() instanceof Type.Record r) {
      List<Expr> parts = new ArrayList<>();
      List<Var> bars = cotangents.recordAdjoint(target);
      List<Type> leafTypes = Leaves.types(r);
      for (int i = 0; i < bars.size(); i++) {
        parts.add(bars.get(i));
      }
      cotangent = Leaves.rebuild(r, parts);
      if (cotangents.needsReset(target)) {
        for (Var bar : bars) {
          bwd.add(new Stmt.Assign(bar, Const.zero(bar.type()), SourceRef.NONE));
        }
      }
    } else {
      cotangent = cotangents.readAdjoint(target, s, bwd);
    }
    Type gradientType = info.gradientType();
    Var gradient = namer.fresh(info.name() + "Gradient", gradientType);
    List<Type> pullbackTypes = new ArrayList<>();
    List<Expr> pullbackArgs = new ArrayList<>();
    if (!info.isVoid()) { // a void method's only cotangents are its written arrays'
      pullbackTypes.add(info.resultType());
      pullbackArgs.add(cotangent);
    }
    Set<Integer> inPlace = info.inPlaceParams();
    for (int k : inPlace) {
      Var arg = (Var) call.args().get(k);
      pullbackTypes.add(arg.type());
      pullbackArgs.add(activity.isActive(arg) ? cotangents.adjoint(arg) : Const.zero(arg.type()));
    }
    Expr pullback = new Expr.Invoke(new Callee.Method(info.vjpClass(), "pullback", false, pullbackTypes), object,
        pullbackArgs, gradientType);
    if (info.isVoid()) {
      voidPullbacks.add(pullback); // all its arguments are cotangent arrays (StructuralZeros)
    }
    boolean gradientRead = false;
    for (int k = 0; k < call.args().size(); k++) {
      gradientRead |= info.params().get(k).differentiable() && activity.isActive(call.args().get(k));
    }
    bwd.add(gradientRead ? new Stmt.Declare(gradient, pullback, src) : new Stmt.Eval(pullback, src));
    List<FunctionInfo.ParamInfo> d = info.differentiableParams();
    for (int i = 0; i < call.args().size(); i++) {
      FunctionInfo.ParamInfo p = info.params().get(i);
      if (!p.differentiable()) {
        continue;
      }
      Expr part = d.size() == 1 ? gradient : new Expr.Component(gradient, p.name(), p.type());
      Expr arg = call.args().get(i);
      if (inPlace.contains(i)) {
        if (activity.isActive(arg)) {
          // updated in place, unless the sweep passed null for a cotangent not set yet (StructuralZeros):
          // then the pullback made its own, which is added, or gave back null if it set none
          Var bar = cotangents.adjoint((Var) arg);
          List<Stmt> addOwn = new ArrayList<>();
          cotangents.add(bar, part, addOwn);
          Expr own = new Expr.Binary(Expr.BinaryOp.AND,
              new Expr.Binary(Expr.BinaryOp.NE, part, bar, Type.Prim.BOOLEAN),
              new Expr.Binary(Expr.BinaryOp.NE, part, Const.zero(part.type()), Type.Prim.BOOLEAN), Type.Prim.BOOLEAN);
          bwd.add(new Stmt.If(own, new Block(addOwn), Block.EMPTY, SourceRef.NONE));
        }
        continue;
      }
      if (activity.isActive(arg)) {
        Var argVar = (Var) arg;
        if (argVar.type() instanceof Type.Record r) {
          List<Expr> parts = new ArrayList<>();
          parts.addAll(Leaves.of(part, r));
          cotangents.accumulateLeaves(argVar, parts, bwd);
        } else if (argVar.type() instanceof Type.Array) {
          cotangents.add(cotangents.adjoint(argVar), part, bwd);
        } else if (info.ir() != null && info.kind() == FunctionInfo.Kind.DERIVED
            && !PathReads.readOnEveryPath(info.ir(), i)) {
          // a zero from a path that did not read it is structural (StructuralZeros), as JAX's
          cotangents.accumulateUnlessZero(argVar, part, bwd);
        } else {
          cotangents.accumulate(argVar, part, bwd);
        }
      }
    }
    bwd.addAll(last);
    return bwd;
  }

  private boolean pure(dev.leibniz.processor.ir.FunctionRef ref) {
    FunctionInfo f = table.get(ref);
    return f != null && f.pure();
  }

  Var tape() {
    if (tape == null) {
      tape = namer.fresh("tape", Known.TAPE_TYPE);
    }
    return tape;
  }

  /** Accumulators of {@code Math.max}/{@code min} and their value in the backward sweep: see {@link Needs#restored}. */
  final Map<Var, Var> accumulators = new LinkedHashMap<>();

  /** The statements of the block being swept, and the values pushed for them: see {@link Needs#reuse}. */
  Needs.Sweeping sweeping;
}
