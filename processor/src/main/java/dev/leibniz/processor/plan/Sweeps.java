package dev.leibniz.processor.plan;

import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Var;
import java.util.List;

/**
 * Reverse mode of a body: the forward sweep, the backward sweep, the primal value ({@code null} for a
 * {@code void} method), the gradient, the cotangents of arrays written in place ({@code arraySeeds}),
 * the tape ({@code null}: none) and the residuals, what the backward sweep reads of the forward one.
 * {@code nullWhenZero} ({@code null}: none) is the sweep's flag that the pullback taking the
 * arrays' cotangents sets: a written array given null then gets null back when nothing flowed into it.
 */
public record Sweeps(Block forward, Block backward, Expr value, Expr gradient, List<Var> arraySeeds, Var tape,
    List<Var> residuals, Var nullWhenZero) {}
