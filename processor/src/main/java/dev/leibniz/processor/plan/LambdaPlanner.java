package dev.leibniz.processor.plan;

import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.LambdaFunction;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.rules.FunctionTable;
import dev.leibniz.processor.transform.Forward;
import dev.leibniz.processor.transform.Linearize;
import dev.leibniz.processor.transform.Reverse;
import dev.leibniz.processor.transform.TransformException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The derivatives of a lambda (or method reference) the user wrote, which rules reach at run time. */
final class LambdaPlanner {
  private LambdaPlanner() {}

  static LambdaPlan plan(LambdaFunction fn, FunctionTable table, boolean secondOrder) {
    Namer namer = new Namer(Set.of());
    for (Var c : fn.captures()) {
      namer.take(c.name());
    }
    for (Var p : fn.params()) {
      namer.take(p.name());
    }
    for (Var v : Stmts.mentioned(fn.body())) {
      namer.take(v.name());
    }
    LambdaFunction linear = Linearize.apply(fn, namer);
    List<Param> params = new ArrayList<>();
    for (Var p : linear.params()) {
      params.add(new Param(p, true));
    }
    Function body = new Function("lambda", params, Type.Prim.DOUBLE, linear.body(), Set.of());
    Function jvp;
    Function jvpJvp = null;
    try {
      jvp = Forward.apply(body, table);
      if (secondOrder) {
        jvpJvp = Forward.apply(Linearize.apply(jvp), table);
      }
    } catch (TransformException e) {
      // forward mode through a @CustomVjp method: only reverse mode exists, as in JAX
      jvp = null;
      jvpJvp = null;
    }
    Var g = Namer.forFunction(body).fresh("g", Type.Prim.DOUBLE);
    Reverse.Result r = Reverse.apply(body, List.of(g), table);
    return new LambdaPlan(body, jvp, jvpJvp, g, r.forward(), r.backward(), r.gradients());
  }
}
