package dev.leibniz.processor.ir;

import java.util.List;

/**
 * A lambda (or a method reference, as the lambda that calls it): {@code double} parameters, a
 * {@code double} result, a body, and the outer variables it reads.
 */
public record LambdaFunction(List<Var> params, Block body, List<Var> captures, SourceRef source) {
  public LambdaFunction {
    params = List.copyOf(params);
    captures = List.copyOf(captures);
  }
}
