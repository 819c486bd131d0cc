package dev.leibniz.processor.ir;

/** A parameter of an IR function; {@code differentiable} when it belongs to D (SPEC §3). */
public record Param(Var var, boolean differentiable) {}
