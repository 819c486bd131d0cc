package dev.leibniz.processor.plan;

/**
 * The forms generated for an annotated method (SPEC §5), as data: the planner decides which a
 * method gets, and {@code codegen} has one writer for each.
 */
public enum Form {
  /** {@code mJvp}: forward mode (for a {@code @CustomJvp} method, its rule). */
  JVP,
  /** {@code mJvpJvp}: forward mode over forward mode, the building block of second order. */
  JVP_JVP,
  /** {@code mGrad}, {@code mValueAndGrad}, {@code mVjp} and its class, by reverse mode of the body or of a JVP rule. */
  VJP,
  /** The same members of a {@code @CustomVjp} method, from its fwd and bwd rules. */
  CUSTOM_VJP,
  /** {@code mJacobian}, of a non-scalar result. */
  JACOBIAN,
  /** {@code mHessian} and {@code mHvp}, of a method of {@code order = 2}. */
  HESSIAN
}
