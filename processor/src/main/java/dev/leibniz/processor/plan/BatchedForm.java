package dev.leibniz.processor.plan;

/** The batched forms of {@code FooVectorized} (SPEC §5, JAX {@code vmap}), as data. */
public enum BatchedForm {
  /** {@code m(double[] p1, …, double[] out)}. */
  PRIMAL,
  /** {@code mJvp(…, double[] p1Dot…, double[] out, double[] outDot)}: absent without forward mode. */
  JVP,
  /** {@code mGrad(…, double[] p1Bar…)}. */
  GRAD
}
