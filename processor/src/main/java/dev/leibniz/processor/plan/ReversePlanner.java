package dev.leibniz.processor.plan;

import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.CodeSize;
import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Exprs;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.Leaves;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.plan.ReversePlan.ForwardGradient;
import dev.leibniz.processor.plan.ReversePlan.InFrame;
import dev.leibniz.processor.plan.ReversePlan.Recomputing;
import dev.leibniz.processor.plan.ReversePlan.Strategy;
import dev.leibniz.processor.plan.ReversePlan.WithResiduals;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.FunctionTable;
import dev.leibniz.processor.transform.Cleanup;
import dev.leibniz.processor.transform.DeadCode;
import dev.leibniz.processor.transform.Forward;
import dev.leibniz.processor.transform.Reverse;
import dev.leibniz.processor.transform.Transposition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Plans {@code mGrad}, {@code mValueAndGrad} and {@code mVjp}: reverse mode of the body, or for a
 * {@code @CustomJvp} method the transpose of its rule's tangent computation, and the strategy that
 * fits it (a frame for a large body, a pullback running both sweeps again when nothing has side
 * effects, else residuals kept by the VJP object).
 */
final class ReversePlanner {
  private final FunctionInfo f;
  private final FunctionTable table;
  private final Planner planner;
  /** What is reversed: the body, or the JVP rule with only its tangents differentiable. */
  private final Function source;

  ReversePlanner(FunctionInfo f, FunctionTable table, Planner planner) {
    this.f = f;
    this.table = table;
    this.planner = planner;
    // a JVP rule is transposed: reverse mode with respect to its tangent parameters only
    source = f.kind() == FunctionInfo.Kind.DERIVED ? f.ir() : Transposition.source(f.ir(), f.params().size(), table);
  }

  /** {@code forwardGradient}: {@code f}'s forward form when it gives the gradient best, else null. */
  ReversePlan plan(Function forwardGradient) {
    List<Type> leaves = Leaves.types(source.resultType());
    Var cotangent = Namer.forFunction(source).fresh("cotangent", f.resultType());
    List<Expr> cotangentLeaves = Leaves.of(cotangent, f.resultType());
    List<Expr> seeds = new ArrayList<>();
    for (int i = 0; i < leaves.size() - cotangentLeaves.size(); i++) {
      seeds.add(Const.zero(leaves.get(i)));
    }
    seeds.addAll(cotangentLeaves);
    Reverse.Result r = Reverse.apply(source, seeds, table, Leaves.types(f.resultType()).size());
    if (source != f.ir()) {
      r = Transposition.finish(r, f.ir(), f.params().size());
    }
    boolean reverseGrad = f.scalarResult() && forwardGradient == null;
    Strategy strategy;
    if (CodeSize.tooLarge(r.forward().stmts()) || CodeSize.tooLarge(r.backward().stmts())
        || tooManySlots(r.residuals(Set.of(cotangent)))) {
      strategy = inFrame(r, cotangent, reverseGrad);
    } else if (DeadCode.sideEffectFree(r.forward(), r.pureFunctions()) && immutableInputs() && r.arraySeeds().isEmpty()) {
      strategy = recomputing(r, reverseGrad);
    } else {
      strategy = withResiduals(r, cotangent, reverseGrad);
    }
    return new ReversePlan(cotangent, primalParams(), strategy,
        forwardGradient == null ? null : forwardGradient(forwardGradient, r));
  }

  /**
   * Whether the residuals would not fit the parameters of {@code mPullback} and the VJP object's
   * constructor: the JVM allows 255 slots, a {@code double} or {@code long} taking two (with room
   * left for the cotangents); a frame keeps them in fields instead.
   */
  private static boolean tooManySlots(Set<Var> residuals) {
    int slots = 0;
    for (Var v : residuals) {
      slots += v.type() == Type.Prim.DOUBLE || v.type() == Type.Prim.LONG ? 2 : 1;
    }
    return slots > 200;
  }

  private InFrame inFrame(Reverse.Result r, Var cotangent, boolean reverseGrad) {
    Sweeps gradient = null;
    boolean gradientInFrame = false;
    if (reverseGrad) {
      Reverse.Result g = r.gradientOnly(cotangent, Const.of(f.resultType(), 1));
      gradient = sweeps(g, List.of());
      List<Stmt> all = new ArrayList<>(g.forward().stmts());
      all.addAll(g.backward().stmts());
      gradientInFrame = CodeSize.tooLarge(all);
    }
    return new InFrame(sweeps(r, new ArrayList<>(r.residuals(Set.of(cotangent)))), gradient, gradientInFrame,
        copied(r));
  }

  /**
   * The forms of a method whose forward sweep has no side effects: {@code mPullback(cotangent,
   * inputs...)} runs the forward and the backward sweep; the VJP object keeps the value and the inputs.
   */
  private Recomputing recomputing(Reverse.Result r, boolean withGrad) {
    Expr gradient = gradient(r.gradients());
    Set<Var> gradientVars = Exprs.vars(gradient);
    Block backward = planner.compact(r.backward(), gradientVars);
    Set<Var> needed = DeadCode.liveIn(backward, gradientVars);
    Block forward = DeadCode.deadCode(r.forward(), needed, r.pureFunctions());
    List<Var> inputs = new ArrayList<>();
    Set<Var> read = Stmts.mentioned(forward);
    read.addAll(Stmts.mentioned(backward));
    read.addAll(gradientVars);
    for (Param p : source.params()) {
      if (read.contains(p.var()) && isPrimalParam(p)) {
        inputs.add(p.var());
      }
    }
    // the value alone: the forward sweep without what only the backward sweep reads
    Expr value = value(r);
    Block valueOnly = DeadCode.deadCode(r.forward(), Exprs.vars(value), r.pureFunctions());
    List<Expr> arguments = new ArrayList<>();
    arguments.add(value);
    // a parameter the body assigns is kept as it came in
    Set<Var> assigned = assignedIn(valueOnly);
    Namer namer = Namer.forFunction(source);
    Stmts.mentioned(valueOnly).forEach(v -> namer.take(v.name()));
    List<Stmt> entry = new ArrayList<>();
    for (Var v : inputs) {
      if (assigned.contains(v)) {
        Var saved = new Var(namer.fresh(v.name() + "In"), v.type());
        entry.add(new Stmt.Declare(saved, v, SourceRef.NONE));
        arguments.add(saved);
      } else {
        arguments.add(v);
      }
    }
    entry.addAll(planner.compact(valueOnly, Exprs.vars(value)).stmts());
    return new Recomputing(planner.compact(forward, needed), backward, gradient, inputs, withGrad,
        new Block(entry), arguments);
  }

  /** The backward sweep written once, in {@code mPullback}, which {@code mGrad} and the VJP object call. */
  private WithResiduals withResiduals(Reverse.Result r, Var cotangent, boolean reverseGrad) {
    List<Var> residuals = ordered(r, r.residuals(Set.of(cotangent)));
    Sweeps sweeps = sweeps(r, residuals);
    Block backward = planner.compact(r.backward(), Exprs.vars(sweeps.gradient()));
    Block gradForward = null;
    if (reverseGrad) {
      // mGrad: the forward sweep, keeping only what the backward sweep reads, then mPullback(1)
      Block forward = DeadCode.deadCode(r.forward(), new LinkedHashSet<>(residuals), r.pureFunctions());
      gradForward = planner.compact(forward, new HashSet<>(residuals));
    }
    Set<Var> kept = new HashSet<>(residuals);
    if (sweeps.value() != null) {
      kept.addAll(Exprs.vars(sweeps.value()));
    }
    return new WithResiduals(sweeps, backward, gradForward, planner.compact(r.forward(), kept), copied(r));
  }

  /**
   * {@code mGrad} and {@code mValueAndGrad} of a function of one scalar: forward mode with the
   * tangent one, which needs no second sweep and keeps nothing (the same numbers up to rounding).
   */
  private ForwardGradient forwardGradient(Function forward, Reverse.Result r) {
    Block body = Forward.withUnitTangent(forward);
    Block gradOnly = DeadCode.deadCode(Cleanup.mapReturns(body, leaves -> List.of(leaves.get(1))), Set.of(),
        r.pureFunctions());
    Block both = DeadCode.deadCode(body, Set.of(), r.pureFunctions());
    return new ForwardGradient(planner.compact(gradOnly, Set.of()), planner.compact(both, Set.of()));
  }

  private Sweeps sweeps(Reverse.Result r, List<Var> residuals) {
    // a gradient's sweeps compute no value
    boolean hasValue = !f.isVoid() && r.value().size() == Leaves.types(f.resultType()).size();
    return new Sweeps(r.forward(), r.backward(), hasValue ? value(r) : null, gradient(r.pullbackGradients()),
        r.arraySeeds(), r.tape(), residuals, r.nullWhenZero());
  }

  /** Residuals in a readable order: the parameters as declared, then forward values as computed. */
  private List<Var> ordered(Reverse.Result r, Set<Var> residuals) {
    List<Var> out = new ArrayList<>();
    for (Param p : source.params()) {
      if (residuals.contains(p.var())) {
        out.add(p.var());
      }
    }
    Stmts.walk(r.forward(), s -> {
      if (s instanceof Stmt.Declare d && residuals.contains(d.var()) && !out.contains(d.var())) {
        out.add(d.var());
      }
    });
    for (Var v : residuals) {
      if (!out.contains(v)) {
        out.add(v);
      }
    }
    return out;
  }

  /**
   * The arrays a VJP object copies: those whose elements the backward sweep reads again and which
   * the caller can change after {@code mVjp} returns: array parameters, arrays reached through
   * parameters (a record's component, a matrix's row) and arrays the result holds.
   */
  private Set<Var> copied(Reverse.Result r) {
    Set<Var> read = new HashSet<>();
    Stmts.walkExprs(r.backward(), e -> {
      if (e instanceof Expr.ArrayRead a && a.array() instanceof Var v) {
        read.add(v);
      }
    });
    Set<Var> out = new LinkedHashSet<>();
    for (Var v : callerVisible(r)) {
      if (v.type() instanceof Type.Array && read.contains(v)) {
        out.add(v);
      }
    }
    return out;
  }

  /**
   * The parameters, the variables the result is made of, and every array or record variable given
   * a value mentioning one of these (a component, a row, the same array): what the caller may hold.
   */
  private Set<Var> callerVisible(Reverse.Result r) {
    Set<Var> visible = new LinkedHashSet<>(primalParams());
    for (Expr e : r.value()) {
      visible.addAll(Exprs.vars(e));
    }
    List<Stmt> statements = new ArrayList<>();
    Stmts.walk(r.forward(), statements::add);
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Stmt s : statements) {
        Var t = Stmts.target(s);
        if (t != null && !(t.type() instanceof Type.Prim) && !visible.contains(t) && Stmts.exprs(s).stream()
            .anyMatch(e -> Exprs.vars(e).stream().anyMatch(visible::contains))) {
          visible.add(t);
          grew = true;
        }
      }
    }
    return visible;
  }

  /**
   * Whether the VJP object may keep the inputs themselves: a caller can change an array after
   * {@code mVjp} returns, and the pullback must still see the values it was called with.
   */
  private boolean immutableInputs() {
    for (Param p : source.params()) {
      if (isPrimalParam(p) && !immutable(p.var().type())) {
        return false;
      }
    }
    return true;
  }

  private static boolean immutable(Type t) {
    if (t instanceof Type.Array) {
      return false;
    }
    if (t instanceof Type.Record rec) {
      return rec.components().stream().allMatch(c -> immutable(c.type()));
    }
    return true;
  }

  private static Set<Var> assignedIn(Block b) {
    Set<Var> out = new HashSet<>();
    Stmts.walk(b, s -> {
      Var t = Stmts.target(s);
      if (t != null) {
        out.add(t);
      }
    });
    return out;
  }

  /** Whether {@code p} is one of the method's own parameters (not a JVP rule's tangent). */
  private boolean isPrimalParam(Param p) {
    return source.params().indexOf(p) < f.params().size();
  }

  /** The method's own parameters (a transposed rule's tangents left out). */
  private List<Var> primalParams() {
    List<Var> params = new ArrayList<>();
    for (Param p : source.params().subList(0, f.params().size())) {
      params.add(p.var());
    }
    return params;
  }

  private Expr gradient(List<Expr> g) {
    return g.size() == 1 ? g.get(0) : new Expr.Construct((Type.Record) f.gradientType(), g);
  }

  private Expr value(Reverse.Result r) {
    return Leaves.rebuild(f.resultType(), r.value());
  }
}
