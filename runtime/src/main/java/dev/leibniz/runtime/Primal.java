package dev.leibniz.runtime;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What the Leibniz processor records of a differentiable method, on its generated {@code mVjp}
 * form, for compilations that call the method later and so see only its class files: written by
 * the processor, not for users.
 *
 * <p>Kept in the class file, also for code compiled without {@code -g} or {@code -parameters}, where
 * the method's own parameter names are gone: the generated gradient and pullback records are named
 * after them.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Primal {
  /**
   * The method's parameter names.
   *
   * @return the names, in order
   */
  String[] parameters();

  /**
   * The array parameters the method writes into (SPEC §5a).
   *
   * @return their positions, from 0
   */
  int[] writes() default {};

  /**
   * The positions of the parameters whose arrays the method's result may hold: returned, or held
   * by a returned record. A caller writing into that result or that argument afterwards is refused.
   *
   * @return their positions, from 0
   */
  int[] returns() default {};
}
