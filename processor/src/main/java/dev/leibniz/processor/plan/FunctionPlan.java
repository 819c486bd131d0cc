package dev.leibniz.processor.plan;

import dev.leibniz.processor.ir.LambdaFunction;
import dev.leibniz.processor.rules.FunctionInfo;
import java.util.Map;
import java.util.Set;

/**
 * What the planner decided for one annotated method: the forms it gets and the IR of each.
 * {@code jvp} and {@code jvpJvp} are the printed bodies of {@code mJvp} (absent for a
 * {@code @CustomJvp} method, whose {@code mJvp} calls its rule) and {@code mJvpJvp}; {@code reverse}
 * is set with {@link Form#VJP}; {@code lambdas} are the derivatives of the function values its forms
 * build.
 */
public record FunctionPlan(FunctionInfo function, Set<Form> forms, Body jvp, Body jvpJvp, ReversePlan reverse,
    Map<LambdaFunction, LambdaPlan> lambdas) {

  public FunctionPlan {
    forms = Set.copyOf(forms);
    lambdas = Map.copyOf(lambdas);
  }

  public boolean has(Form form) {
    return forms.contains(form);
  }

}
