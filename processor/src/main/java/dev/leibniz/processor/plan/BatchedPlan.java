package dev.leibniz.processor.plan;

import dev.leibniz.processor.ir.Kernel;
import dev.leibniz.processor.rules.FunctionInfo;
import java.util.Map;
import java.util.Set;

/**
 * The batched forms of one method: which it gets, the Vector API kernel of each that has one, and
 * for the others why they run the scalar form element by element ({@code elementwise}: the
 * construct, for the compile-time note; empty when the Vector API is absent at compile time).
 */
public record BatchedPlan(FunctionInfo function, Set<BatchedForm> forms, Map<BatchedForm, Kernel> kernels,
    Map<BatchedForm, String> elementwise) {

  public BatchedPlan {
    forms = Set.copyOf(forms);
    kernels = Map.copyOf(kernels);
    elementwise = Map.copyOf(elementwise);
  }
}
