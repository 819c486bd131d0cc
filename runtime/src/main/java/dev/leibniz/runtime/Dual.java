package dev.leibniz.runtime;

/**
 * A {@code double} value with its tangent: what {@code mJvp} returns for a {@code double} method,
 * and what a {@code @CustomJvp} rule of a {@code double} method returns.
 *
 * @param value the primal value
 * @param tangent its tangent
 */
public record Dual(double value, double tangent) {}
