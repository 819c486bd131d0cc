package dev.leibniz.processor.transform;

import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Exprs;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.FunctionRef;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.Rename;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.FunctionTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Inlines, into one element's computation, the forms of other annotated methods that the scalar
 * forms call, each replaced by the IR that form is printed from: {@code g(x)} by g's body (also
 * for a method with a custom rule), {@code gJvp(x, xDot)} by g's forward form or its JVP rule, and
 * {@code gVjp(x)} with its {@code pullback(ct)} by the two sweeps of g's pullback (a JVP rule
 * transposed; a {@code @CustomVjp} method's forward rule, then its backward rule). The arithmetic is
 * the scalar forms', operation for operation. Recursive, at most {@link #MAX_DEPTH} calls deep and
 * {@link #MAX_STATEMENTS} statements inlined; a call it cannot inline is a {@link Batched.NotBatched}.
 */
final class BatchedCalls {
  static final int MAX_DEPTH = 8;
  static final int MAX_STATEMENTS = 2000;

  /** A body and its outputs, calls inlined. */
  record Inlined(Block body, List<Expr> outputs) {}

  /**
   * A callee's pullback as the scalar {@code gVjp} and its {@code pullback} compute it: its
   * parameters, the forward sweep and the value it leaves, the cotangent, the backward sweep and
   * the gradient it leaves (one expression per differentiable parameter).
   */
  private record Sweeps(List<Var> params, Block forward, Expr value, Var cotangent, Block backward,
      List<Expr> gradients) {}

  /** An inlined VJP object: its sweeps, the names its forward sweep's variables got, its value. */
  private record Vjp(FunctionInfo callee, Sweeps sweeps, Map<Var, Var> names, Expr value, int depth) {}

  private final FunctionTable table;
  private final Batched.Bodies bodies;
  private final Namer namer;
  private final Map<Var, FunctionRef> origins = new HashMap<>();
  private final Map<Var, Vjp> vjps = new HashMap<>();
  /** Each callee's forward form and pullback, made once for all its calls. */
  private final Map<FunctionInfo, Function> forwardForms = new HashMap<>();
  private final Map<FunctionInfo, Sweeps> pullbacks = new HashMap<>();
  private int statements;

  BatchedCalls(FunctionTable table, Batched.Bodies bodies, Namer namer) {
    this.table = table;
    this.bodies = bodies;
    this.namer = namer;
  }

  /** The method each variable of inlined code came from. */
  Map<Var, FunctionRef> origins() {
    return origins;
  }

  Inlined inline(Block body, List<Expr> outputs) {
    List<Stmt> out = stmts(body.stmts(), 0);
    List<Expr> results = new ArrayList<>();
    for (Expr e : outputs) {
      results.add(expr(e, 0, out));
    }
    Inlined split = BatchedRecords.split(new Block(out), results, namer);
    return new Inlined(BatchedRecords.declaredWhereRead(split.body()), split.outputs());
  }

  // ---------------------------------------------------------------- statements

  private List<Stmt> stmts(List<Stmt> in, int depth) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : in) {
      stmt(s, depth, out);
    }
    return out;
  }

  private Block block(Block b, int depth) {
    return new Block(stmts(b.stmts(), depth));
  }

  /** {@code s}, after the inlined code of the calls it makes. */
  private void stmt(Stmt s, int depth, List<Stmt> out) {
    SourceRef src = s.source();
    Var target = Stmts.target(s);
    Expr value = Stmts.assigned(s);
    if (target != null && value instanceof Expr.Invoke call && call.callee() instanceof Callee.Function f
        && f.form() == Callee.Form.VJP) {
      // a VJP object: its forward sweep here, its pullback where it is called (the object's declaration goes)
      vjps.put(target, vjp(call, depth, out));
    } else if (s instanceof Stmt.Declare d) {
      out.add(new Stmt.Declare(d.var(), d.init() == null ? null : expr(d.init(), depth, out), src));
    } else if (s instanceof Stmt.Assign a) {
      out.add(new Stmt.Assign(a.target(), expr(a.value(), depth, out), src));
    } else if (s instanceof Stmt.Eval e) {
      Expr done = expr(e.expr(), depth, out);
      if (done instanceof Expr.Invoke) { // else a call inlined: its value, unused, is no statement
        out.add(new Stmt.Eval(done, src));
      }
    } else if (s instanceof Stmt.ArrayWrite w) {
      out.add(new Stmt.ArrayWrite(w.array(), expr(w.index(), depth, out), expr(w.value(), depth, out), src));
    } else if (s instanceof Stmt.If i) {
      out.add(new Stmt.If(expr(i.cond(), depth, out), block(i.then(), depth), block(i.otherwise(), depth), src));
    } else if (s instanceof Stmt.Loop l) {
      // a call in the condition stays (it runs every trip): the kernel cannot print it
      out.add(new Stmt.Loop(l.label(), block(l.init(), depth), l.cond(), block(l.body(), depth),
          block(l.update(), depth), l.testAfter(), src));
    } else {
      out.add(s);
    }
  }

  // ---------------------------------------------------------------- expressions

  /** {@code e}, the calls in it inlined: their code appended to {@code out}, their values in their place. */
  private Expr expr(Expr e, int depth, List<Stmt> out) {
    return Exprs.rebuild(e, x -> {
      if (x instanceof Expr.Invoke i && i.callee() instanceof Callee.Function f) {
        return call(f, i, depth, out);
      }
      if (x instanceof Expr.Invoke i && i.receiver() != null) {
        Vjp vjp = i.receiver() instanceof Var v ? vjps.get(v)
            : i.receiver() instanceof Expr.Invoke made && made.callee() instanceof Callee.Function f
                && f.form() == Callee.Form.VJP ? vjp(made, depth, out) : null;
        if (vjp != null) {
          return i.args().isEmpty() ? expr(vjp.value(), vjp.depth() + 1, out)
              : pullback(vjp, expr(i.args().get(0), depth, out), out);
        }
      }
      if (x instanceof Expr.Component c) {
        Expr record = expr(c.record(), depth, out);
        return record instanceof Expr.Construct k ? BatchedRecords.component(k, c.name())
            : new Expr.Component(record, c.name(), c.type());
      }
      return null;
    });
  }

  private List<Expr> exprs(List<Expr> es, int depth, List<Stmt> out) {
    List<Expr> done = new ArrayList<>();
    for (Expr e : es) {
      done.add(expr(e, depth, out));
    }
    return done;
  }

  /** A call of {@code g(…)} or {@code gJvp(…)}: the function's code with the arguments bound, its value. */
  private Expr call(Callee.Function f, Expr.Invoke call, int depth, List<Stmt> out) {
    FunctionInfo g = callee(f.ref());
    boolean derived = g.kind() == FunctionInfo.Kind.DERIVED || g.kind() == FunctionInfo.Kind.RULE;
    Function fn = switch (f.form()) {
      case PRIMAL -> derived ? g.ir() : bodies.body(g);
      case JVP -> derived ? forwardForms.computeIfAbsent(g, x -> Forward.apply(x.ir(), table))
          : g.kind() == FunctionInfo.Kind.CUSTOM_VJP ? null : g.ir();
      default -> null;
    };
    if (fn == null) {
      throw notInlined(g, f.form() == Callee.Form.PRIMAL ? "its body, which Leibniz cannot read"
          + Batched.because(bodies.problem(g)) : g.formName(f.form()) + ", which has no body");
    }
    List<Expr> args = exprs(call.args(), depth, out);
    Function one = Structure.apply(fn);
    guard(g, depth, one.body());
    Map<Var, Var> names = new HashMap<>();
    Rename rename = new Rename(names, namer);
    List<Stmt> code = new ArrayList<>();
    for (int k = 0; k < one.params().size(); k++) {
      code.add(new Stmt.Declare(rename.var(one.params().get(k).var()), args.get(k), SourceRef.NONE));
    }
    List<Stmt> stmts = one.body().stmts();
    for (Stmt s : stmts.subList(0, stmts.size() - 1)) {
      code.add(rename.stmt(s));
    }
    List<Expr> leaves = new ArrayList<>();
    for (Expr leaf : ((Stmt.Return) stmts.get(stmts.size() - 1)).values()) {
      leaves.add(rename.expr(leaf));
    }
    cameFrom(names, g);
    out.addAll(stmts(BatchedRecords.unlabeled(code), depth + 1));
    leaves = exprs(leaves, depth + 1, out);
    return f.form() == Callee.Form.PRIMAL ? leaves.get(0)
        : new Expr.Construct((Type.Record) fn.resultType(), leaves);
  }

  /** A VJP object made here: the forward sweep of its callee's pullback, its arguments bound. */
  private Vjp vjp(Expr.Invoke call, int depth, List<Stmt> out) {
    FunctionInfo g = callee(((Callee.Function) call.callee()).ref());
    Sweeps sweeps = pullbacks.containsKey(g) ? pullbacks.get(g) : sweeps(g);
    pullbacks.put(g, sweeps);
    guard(g, depth, sweeps.forward());
    List<Expr> args = exprs(call.args(), depth, out);
    Map<Var, Var> names = new HashMap<>();
    Rename rename = new Rename(names, namer);
    List<Stmt> code = new ArrayList<>();
    for (int k = 0; k < sweeps.params().size(); k++) {
      code.add(new Stmt.Declare(rename.var(sweeps.params().get(k)), args.get(k), SourceRef.NONE));
    }
    code.addAll(rename.block(sweeps.forward()).stmts());
    Expr value = rename.expr(sweeps.value());
    cameFrom(names, g);
    out.addAll(stmts(BatchedRecords.unlabeled(code), depth + 1));
    return new Vjp(g, sweeps, names, value, depth);
  }

  /** {@code vjp.pullback(cotangent)}: the backward sweep, reading the forward sweep's values; the gradient. */
  private Expr pullback(Vjp vjp, Expr cotangent, List<Stmt> out) {
    Sweeps sweeps = vjp.sweeps();
    guard(vjp.callee(), vjp.depth(), sweeps.backward());
    Map<Var, Var> names = new HashMap<>(vjp.names());
    Rename rename = new Rename(names, namer);
    List<Stmt> code = new ArrayList<>();
    code.add(new Stmt.Declare(rename.var(sweeps.cotangent()), cotangent, SourceRef.NONE));
    code.addAll(rename.block(sweeps.backward()).stmts());
    List<Expr> gradients = new ArrayList<>();
    for (Expr g : sweeps.gradients()) {
      gradients.add(rename.expr(g));
    }
    cameFrom(names, vjp.callee());
    out.addAll(stmts(BatchedRecords.unlabeled(code), vjp.depth() + 1));
    gradients = exprs(gradients, vjp.depth() + 1, out);
    return gradients.size() == 1 ? gradients.get(0)
        : new Expr.Construct((Type.Record) vjp.callee().gradientType(), gradients);
  }

  // ---------------------------------------------------------------- callees

  private FunctionInfo callee(FunctionRef ref) {
    FunctionInfo g = table.get(ref);
    if (g == null || g.kind() == FunctionInfo.Kind.EXTERNAL) {
      throw new Batched.NotBatched("the call of " + ref + " (compiled before: only its generated forms are known)");
    }
    if (!g.scalarResult()) {
      throw notInlined(g, "its result is not a number");
    }
    if (!g.writtenParams().isEmpty()) {
      throw notInlined(g, "it writes into an array");
    }
    return g;
  }

  private Sweeps sweeps(FunctionInfo g) {
    if (g.kind() == FunctionInfo.Kind.CUSTOM_VJP) {
      return ruleSweeps(g);
    }
    Var cotangent = Namer.forFunction(g.ir()).fresh("cotangent", g.resultType());
    Reverse.Result r = Batched.reverse(g, cotangent, table);
    List<Var> params = new ArrayList<>();
    for (Param p : g.ir().params().subList(0, g.params().size())) {
      params.add(p.var());
    }
    return new Sweeps(params, r.forward(), r.value().get(0), cotangent, r.backward(), r.gradients());
  }

  /**
   * The sweeps of a {@code @CustomVjp} method: its forward rule, which returns the value and the
   * residuals; its backward rule of its {@code @NonDiff} parameters, the residuals and the
   * cotangent, which returns the gradient (an array of one entry per parameter given as {@code new
   * T[] {…}}, so that no entry is null and their number is right).
   */
  private Sweeps ruleSweeps(FunctionInfo g) {
    Function fwdRule = bodies.vjpRule(g, false);
    Function bwdRule = bodies.vjpRule(g, true);
    if (fwdRule == null || bwdRule == null) {
      throw notInlined(g, "its rules, which Leibniz cannot read" + Batched.because(bodies.problem(g)));
    }
    Function fwd = Structure.apply(fwdRule);
    Function bwd = Structure.apply(bwdRule);
    List<Stmt> forward = new ArrayList<>(fwd.body().stmts());
    List<Expr> made = ((Stmt.Return) forward.remove(forward.size() - 1)).values();
    List<Var> params = new ArrayList<>();
    fwd.params().forEach(p -> params.add(p.var()));
    List<Stmt> backward = new ArrayList<>();
    int next = 0;
    for (int k = 0; k < g.params().size(); k++) {
      if (g.params().get(k).nonDiff()) {
        backward.add(new Stmt.Declare(bwd.params().get(next++).var(), params.get(k), SourceRef.NONE));
      }
    }
    Var residuals = bwd.params().get(next).var();
    Expr kept = BatchedRecords.rebuild(residuals.type(), made.subList(1, made.size()));
    if (kept == null) {
      throw notInlined(g, "its forward rule's residuals, not given as its backward rule takes them");
    }
    backward.add(new Stmt.Declare(residuals, kept, SourceRef.NONE));
    List<Stmt> rule = new ArrayList<>(bwd.body().stmts());
    List<Expr> returned = ((Stmt.Return) rule.remove(rule.size() - 1)).values();
    backward.addAll(rule);
    List<Expr> gradients = BatchedRecords.entries(returned.get(0), g.differentiableParams().size(), rule);
    if (gradients == null) {
      throw notInlined(g, "its backward rule's cotangents, not written new T[] {…}");
    }
    return new Sweeps(params, new Block(forward), made.get(0), bwd.params().get(next + 1).var(),
        new Block(backward), gradients);
  }

  private void guard(FunctionInfo g, int depth, Block code) {
    if (depth >= MAX_DEPTH) {
      throw notInlined(g, "recursive, or calls nested more than " + MAX_DEPTH + " deep");
    }
    int[] n = {0};
    Stmts.walk(code, s -> n[0]++);
    statements += n[0];
    if (statements > MAX_STATEMENTS) {
      throw notInlined(g, "more than " + MAX_STATEMENTS + " statements inlined");
    }
  }

  private void cameFrom(Map<Var, Var> names, FunctionInfo g) {
    for (Var v : names.values()) {
      origins.putIfAbsent(v, g.ref());
    }
  }

  private static Batched.NotBatched notInlined(FunctionInfo g, String why) {
    return new Batched.NotBatched("the call of " + g.ref() + " (" + why + ")");
  }
}
