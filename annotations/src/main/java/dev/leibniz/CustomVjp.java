package dev.leibniz;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Differentiate this static method with a reverse-mode-only rule, as JAX's {@code jax.custom_vjp}.
 *
 * <p>{@code fwd} names {@code static Fwd<R, Res> fFwd(P1 p1, ..., Pn pn)}: the primal output and
 * the residuals the backward pass needs. {@code bwd} names
 * {@code static C fBwd(N1 n1, ..., Nj nj, Res residuals, R cotangent)}, where {@code N} are the
 * {@link NonDiff} parameters and {@code C} the cotangent of the differentiable parameters.
 * Such a method has no forward mode: there is no {@code fJvp}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface CustomVjp {
  /** {@return the forward rule: the name of a static method of the same class} */
  String fwd();

  /** {@return the backward rule: the name of a static method of the same class} */
  String bwd();

  /** {@return the highest derivative order asked for: {@code 2} also writes {@code mHessian} and {@code mHvp}} */
  int order() default 1;
}
