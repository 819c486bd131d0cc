package dev.leibniz.processor.plan;

import dev.leibniz.processor.ir.Function;

/**
 * The IR of one generated method: compacted for reading, or, when too large for a method HotSpot
 * compiles, with one exit at its end so that it can run in parts of a frame class.
 */
public record Body(Function function, boolean inFrame) {}
