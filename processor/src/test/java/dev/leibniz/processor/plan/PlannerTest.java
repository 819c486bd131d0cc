package dev.leibniz.processor.plan;

import static dev.leibniz.processor.transform.Ir.dbl;
import static dev.leibniz.processor.transform.Ir.decl;
import static dev.leibniz.processor.transform.Ir.fn;
import static dev.leibniz.processor.transform.Ir.mul;
import static dev.leibniz.processor.transform.Ir.params;
import static dev.leibniz.processor.transform.Ir.ret;
import static dev.leibniz.processor.transform.Ir.sin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.FunctionRef;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.GeneratedNames;
import dev.leibniz.processor.rules.FunctionTable;
import dev.leibniz.processor.transform.Examples;
import dev.leibniz.processor.transform.Linearize;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The planner on IR built by hand, without javac: which forms each method gets, and which strategy
 * its reverse forms take.
 */
class PlannerTest {
  private static final ClassRef OWNER = ClassRef.of("test", "T");
  private final FunctionTable table = new FunctionTable(new FunctionTable.External() {
    @Override
    public FunctionInfo function(FunctionRef ref) {
      return null;
    }

    @Override
    public List<FunctionRef> named(ClassRef owner, String name) {
      return List.of();
    }
  });
  private final List<FunctionInfo> infos = new ArrayList<>();

  @Test
  void aFunctionOfOneScalarGetsItsGradientByForwardMode() {
    Var x = dbl("x");
    FunctionPlan plan = plan(add(fn("f", params(x), ret(mul(sin(x), x))), 1));
    assertEquals(EnumSet.of(Form.JVP, Form.VJP), plan.forms());
    assertNotNull(plan.reverse().forwardGradient(), "one pass of forward mode, nothing kept");
    assertInstanceOf(ReversePlan.Recomputing.class, plan.reverse().strategy());
    assertFalse(((ReversePlan.Recomputing) plan.reverse().strategy()).withGrad(), "mGrad is forward mode");
  }

  @Test
  void aPureFunctionOfScalarsRecomputesInItsPullback() {
    FunctionPlan plan = plan(add(Examples.sinTimes(), 1));
    assertNull(plan.reverse().forwardGradient());
    ReversePlan.Recomputing s = assertInstanceOf(ReversePlan.Recomputing.class, plan.reverse().strategy());
    assertTrue(s.withGrad());
    assertEquals(List.of("x", "y"), s.inputs().stream().map(Var::name).toList(), "the VJP object keeps the inputs");
  }

  @Test
  void anArrayInputIsCopiedIntoTheResidualsItsPullbackReads() {
    FunctionPlan plan = plan(add(Examples.sumSquares(), 1));
    ReversePlan.WithResiduals s = assertInstanceOf(ReversePlan.WithResiduals.class, plan.reverse().strategy());
    assertEquals(List.of("a"), s.copied().stream().map(Var::name).toList(),
        "the caller may change a before it calls the pullback");
    assertNotNull(s.gradForward());
  }

  @Test
  void aBodyTooLargeForOneMethodRunsInAFrame() {
    Var x = dbl("x");
    List<Stmt> body = new ArrayList<>();
    Var last = x;
    for (int k = 0; k < 400; k++) {
      Var v = dbl("v" + k);
      body.add(decl(v, mul(sin(last), x)));
      last = v;
    }
    Var y = dbl("y");
    body.add(ret(mul(last, y)));
    FunctionPlan plan = plan(add(fn("big", params(x, y), body.toArray(new Stmt[0])), 1));
    assertTrue(plan.jvp().inFrame());
    ReversePlan.InFrame s = assertInstanceOf(ReversePlan.InFrame.class, plan.reverse().strategy());
    assertNotNull(s.gradient());
    assertTrue(s.gradientInFrame());
  }

  @Test
  void secondOrderRequestsReachTheCallees() {
    Var x = dbl("x");
    FunctionInfo inner = add(fn("inner", params(x), ret(sin(x))), 1);
    Var z = dbl("z");
    FunctionInfo outer = add(fn("outer", params(z), ret(mul(call(inner, z), z))), 2);
    new Requests(table).secondOrder(infos, f -> null);
    assertTrue(inner.secondOrder(), "forward over forward of outer runs forward over forward of inner");
    assertEquals(EnumSet.of(Form.JVP, Form.JVP_JVP, Form.VJP, Form.HESSIAN), plan(outer).forms());
    assertEquals(EnumSet.of(Form.JVP, Form.JVP_JVP, Form.VJP), plan(inner).forms());
  }

  @Test
  void noForwardModeThroughACustomVjpMethodIsAPlanningAnswer() {
    Var x = dbl("x");
    FunctionInfo rule = info("clip", FunctionInfo.Kind.CUSTOM_VJP, List.of(x), Type.Prim.DOUBLE, 1);
    Var z = dbl("z");
    FunctionInfo caller = add(fn("caller", params(z), ret(mul(call(rule, z), z))), 1);
    FunctionPlan plan = plan(caller);
    assertFalse(caller.hasJvp());
    assertEquals(EnumSet.of(Form.VJP), plan.forms(), "no mJvp, as JAX has no jvp of a custom_vjp function");
    assertEquals(EnumSet.of(Form.CUSTOM_VJP), new Planner(table).plan(rule).forms());
  }

  /** The plan of {@code f}, after the closure of requests over every method added. */
  private FunctionPlan plan(FunctionInfo f) {
    new Requests(table).forwardModes(infos);
    return new Planner(table).plan(f);
  }

  /** {@code f} as a {@code @Differentiable} method of {@code order}. */
  private FunctionInfo add(Function f, int order) {
    FunctionInfo info = info(f.name(), FunctionInfo.Kind.DERIVED, f.params().stream().map(p -> p.var()).toList(),
        f.resultType(), order);
    info.setIr(Linearize.apply(f));
    return info;
  }

  private FunctionInfo info(String name, FunctionInfo.Kind kind, List<Var> params, Type result, int order) {
    List<FunctionInfo.ParamInfo> infoParams = params.stream()
        .map(p -> new FunctionInfo.ParamInfo(p.name(), p.type(), false, p.type().isDifferentiable())).toList();
    FunctionRef ref = new FunctionRef(OWNER, name, params.stream().map(Var::type).toList());
    FunctionInfo info = new FunctionInfo(ref, kind, infoParams, result, order, GeneratedNames.derivativesClass(OWNER),
        null, null, kind == FunctionInfo.Kind.CUSTOM_VJP ? name + "Fwd" : null,
        kind == FunctionInfo.Kind.CUSTOM_VJP ? name + "Bwd" : null);
    info.setPure(true);
    info.setWrittenParams(Set.of());
    table.add(info);
    infos.add(info);
    return info;
  }

  private static Expr call(FunctionInfo f, Expr... args) {
    return new Expr.Invoke(new Callee.Function(f.ref(), Callee.Form.PRIMAL), null, List.of(args), f.resultType(),
        SourceRef.NONE);
  }

}
