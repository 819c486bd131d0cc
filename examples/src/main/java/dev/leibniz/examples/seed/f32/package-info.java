/**
 * The seed notebook's examples in float32, JAX's default precision: the same classes as
 * {@code dev.leibniz.examples.seed}, with {@code float} parameters and results. Math is written
 * {@code (float) Math.sin(x)} with a {@code float} x, which the processor treats as one
 * float-precision operation, as XLA does in float32.
 */
package dev.leibniz.examples.seed.f32;
