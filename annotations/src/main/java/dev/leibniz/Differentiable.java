package dev.leibniz;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Derive this static method's derivatives from its body at compile time.
 *
 * <p>For {@code static double f(double x, double y)} in class {@code Foo}, the Leibniz
 * processor writes {@code FooDerivatives.fJvp}, {@code fGrad}, {@code fValueAndGrad} and
 * {@code fVjp}: JAX's {@code jvp}, {@code grad}, {@code value_and_grad} and {@code vjp}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Differentiable {
  /** {@return the highest derivative order asked for: {@code 2} also writes {@code mHessian} and {@code mHvp}} */
  int order() default 1;
}
