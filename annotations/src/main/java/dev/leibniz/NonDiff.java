package dev.leibniz;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A parameter that is not differentiated (JAX's {@code nondiff_argnums}), typically a function
 * value. It carries no tangent, gets no cotangent, and is passed first to {@link CustomVjp}
 * backward rules. A differentiated value may not flow into it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface NonDiff {}
