package dev.leibniz.runtime;

/**
 * What a {@code @CustomVjp} forward rule returns: the primal output and the residuals its backward
 * rule needs (JAX's {@code (primal_out, residuals)} pair).
 *
 * @param value the primal output
 * @param residuals what the backward rule needs
 * @param <T> the primal output type, boxed for primitives ({@code Fwd<Double, Res>})
 * @param <R> the residuals' type: anything, a record, an array, a boxed scalar
 */
public record Fwd<T, R>(T value, R residuals) {}
