package dev.leibniz.processor.plan;

import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.Var;
import java.util.List;

/**
 * A lambda's derivatives: its body as a function of its parameters, its forward form ({@code null}
 * when it calls a {@code @CustomVjp} method: no forward mode, as in JAX), the second-order forward
 * form ({@code null} unless the enclosing method is of order 2), and its reverse mode for the
 * cotangent {@code cotangent}.
 */
public record LambdaPlan(Function body, Function jvp, Function jvpJvp, Var cotangent, Block forward,
    Block backward, List<Expr> gradients) {}
