package dev.leibniz.processor;

import dev.leibniz.processor.frontend.BodyParser;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.FunctionRef;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Stmts;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.plan.Requests;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.FunctionTable;
import dev.leibniz.processor.transform.ArrayWrites;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;

/**
 * Fixed points over the calls between a round's methods: which are pure, and which array
 * parameters each writes into.
 */
final class CallAnalysis {
  private final FunctionTable table;

  CallAnalysis(FunctionTable table) {
    this.table = table;
  }

  /**
   * The effects of every method's body: which have none (no calls but of Math and of such methods,
   * no throw, no writes to arrays they did not create), so that a call whose value is unused may
   * go; and which array parameters each writes into (SPEC §5a), through its callees too.
   */
  void computeEffects(List<FunctionInfo> infos, BodyParser quiet, Map<FunctionInfo, ExecutableElement> elements) {
    Map<FunctionInfo, Function> bodies = new LinkedHashMap<>();
    for (FunctionInfo f : infos) {
      Function body = f.kind() == FunctionInfo.Kind.DERIVED || f.kind() == FunctionInfo.Kind.RULE ? f.ir()
          : elements.containsKey(f) ? quiet.parse(elements.get(f), f.params()) : null;
      if (f.kind() != FunctionInfo.Kind.DERIVED && f.kind() != FunctionInfo.Kind.RULE) {
        f.setPrimalBody(body); // which arrays it may return (ArrayWrites)
      }
      if (body != null) {
        bodies.put(f, body);
        f.setPure(locallyPure(body));
      }
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Map.Entry<FunctionInfo, Function> e : bodies.entrySet()) {
        Set<Integer> written = ArrayWrites.writtenParams(e.getValue(), table);
        if (!written.equals(e.getKey().writtenParams())) {
          e.getKey().setWrittenParams(written);
          changed = true;
        }
        Set<Integer> inRecords = ArrayWrites.writtenRecordParams(e.getValue(), table);
        if (!inRecords.equals(e.getKey().writtenRecordParams())) {
          e.getKey().setWrittenRecordParams(inRecords);
          changed = true;
        }
        if ((!written.isEmpty() || !inRecords.isEmpty()) && e.getKey().pure()) {
          // its caller's arrays change, also when written through a local holding one, a matrix's row or a record
          e.getKey().setPure(false);
          changed = true;
        }
        if (!e.getKey().pure()) {
          continue;
        }
        for (FunctionRef callee : Requests.callees(e.getValue(), true)) {
          FunctionInfo c = table.get(callee);
          if (c == null || !c.pure()) {
            e.getKey().setPure(false);
            changed = true;
            break;
          }
        }
      }
    }
    for (FunctionInfo f : infos) { // recorded in the generated code, for compilations calling f later
      f.setReturnedParams(ArrayWrites.mayReturn(f, table));
    }
  }

  private static boolean locallyPure(Function f) {
    Set<Var> params = new HashSet<>();
    for (Param p : f.params()) {
      params.add(p.var());
    }
    boolean[] pure = {true};
    Stmts.walk(f.body(), s -> {
      if (s instanceof Stmt.Throw || (s instanceof Stmt.ArrayWrite w && params.contains(w.array()))) {
        pure[0] = false;
      }
    });
    Stmts.walkExprs(f.body(), e -> {
      if (e instanceof Expr.Invoke i && !(i.callee() instanceof Callee.Function)
          && i.callee() != Callee.Special.STOP_GRADIENT) {
        pure[0] = false;
      }
    });
    return pure[0];
  }
}
