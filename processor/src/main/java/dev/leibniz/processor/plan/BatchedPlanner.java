package dev.leibniz.processor.plan;

import dev.leibniz.processor.ir.Kernel;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.FunctionTable;
import dev.leibniz.processor.transform.Batched;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Plans the batched forms: which a method gets, and with the Vector API at compile time, each
 * form's kernel ({@link Batched}, calls inlined) or the construct that keeps it element by element.
 */
public final class BatchedPlanner {
  private final FunctionTable table;
  private final Batched.Bodies bodies;
  private final boolean vectorApi;

  /** {@code vectorApi}: whether {@code jdk.incubator.vector} is there to compile kernels against. */
  public BatchedPlanner(FunctionTable table, Batched.Bodies bodies, boolean vectorApi) {
    this.table = table;
    this.bodies = bodies;
    this.vectorApi = vectorApi;
  }

  /** The plan of {@code f}'s batched forms, or null when it has none (SPEC §5: scalar parameters and result). */
  public BatchedPlan plan(FunctionInfo f) {
    if (!Batched.applies(f)) {
      return null;
    }
    Set<BatchedForm> forms = EnumSet.allOf(BatchedForm.class);
    if (!f.hasJvp()) {
      forms.remove(BatchedForm.JVP); // no forward mode through a @CustomVjp method
    }
    Map<BatchedForm, Kernel> kernels = new EnumMap<>(BatchedForm.class);
    Map<BatchedForm, String> elementwise = new EnumMap<>(BatchedForm.class);
    for (BatchedForm form : forms) {
      if (!vectorApi) {
        continue;
      }
      if (!Batched.oneElementType(f)) {
        elementwise.put(form, "double and float values mixed");
        continue;
      }
      try {
        kernels.put(form, switch (form) {
          case PRIMAL -> Batched.primal(f, table, bodies);
          case JVP -> Batched.jvp(f, table, bodies);
          case GRAD -> Batched.grad(f, table, bodies);
        });
      } catch (Batched.NotBatched e) {
        elementwise.put(form, e.getMessage());
      }
    }
    return new BatchedPlan(f, forms, kernels, elementwise);
  }
}
