package dev.leibniz.examples.hipparchus;

/** A scalar function's value and gradient at one point. */
public record ValueAndGradient(double value, double[] gradient) {}
