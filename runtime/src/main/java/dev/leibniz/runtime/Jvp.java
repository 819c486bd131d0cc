package dev.leibniz.runtime;

/**
 * A value with its tangent, for any result type other than {@code double}: {@code Jvp<Float>},
 * {@code Jvp<double[]>}, {@code Jvp<Point>}. A record is its own tangent type.
 *
 * @param value the primal value
 * @param tangent its tangent, of the same type
 * @param <T> the primal type, boxed for primitives
 */
public record Jvp<T>(T value, T tangent) {}
