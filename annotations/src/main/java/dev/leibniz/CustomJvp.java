package dev.leibniz;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Differentiate this static method with a forward-mode rule, as JAX's {@code jax.custom_jvp}.
 *
 * <p>{@code @CustomJvp("fJvp")} names a full rule (JAX {@code defjvp}):
 * {@code static Dual fJvp(P1 p1, ..., Pn pn, T1 d1Dot, ..., Tk dkDot)}, the method's own
 * parameters followed by one tangent per differentiable parameter. Reverse mode transposes the
 * rule's tangent computation at compile time, so the tangent output must be linear in the
 * tangents.
 *
 * <p>{@code @CustomJvp(perArgument = {"rx", "ry"})} names one rule per differentiable
 * parameter (JAX {@code defjvps}): {@code static Ti rx(Ti piDot, R primalOut, P1 p1, ..., Pn pn)};
 * the contributions are summed and {@code ""} stands for a zero contribution (JAX {@code None}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface CustomJvp {
  /** {@return the full JVP rule: the name of a static method of the same class} */
  String value() default "";

  /** {@return one rule per differentiable parameter, in order; {@code ""} for a zero contribution} */
  String[] perArgument() default {};

  /** {@return the highest derivative order asked for: {@code 2} also writes {@code mHessian} and {@code mHvp}} */
  int order() default 1;
}
