package dev.leibniz.processor.ir;

import java.util.List;
import java.util.Map;

/**
 * One element's computation of a batched form: {@code inputs} are the batched scalars (one array
 * each), in the order of the form's array parameters; the other parameters of {@code source} are
 * passed as they are; {@code body} has no {@code return} and leaves the form's results in
 * {@code outputs}. {@code inlined} names the method each variable of an inlined call came from.
 */
public record Kernel(Function source, List<Var> inputs, Block body, List<Expr> outputs,
    Map<Var, FunctionRef> inlined) {}
