package dev.leibniz.processor.rules;

import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.Namer;

/**
 * Every name Leibniz generates (SPEC §5), in one place: the classes, the forms of a method
 * {@code m}, and their nested types. The writers print these names, the front end resolves a rule's
 * calls of generated forms by them, and the processor looks them up in classes compiled earlier.
 */
public final class GeneratedNames {
  /** Suffixes of the forms of {@code m}: {@code mJvp}, {@code mGrad}, ... */
  public static final String JVP = "Jvp";
  public static final String TANGENT = "Tangent";
  public static final String GRAD = "Grad";
  public static final String VALUE_AND_GRAD = "ValueAndGrad";
  public static final String VJP = "Vjp";
  public static final String PULLBACK = "Pullback";
  public static final String JACOBIAN = "Jacobian";
  public static final String HESSIAN = "Hessian";
  public static final String HVP = "Hvp";
  /** The suffix of the {@code MGradient} record. */
  public static final String GRADIENT = "Gradient";

  private GeneratedNames() {}

  /** The scalar forms of {@code Foo}: {@code FooDerivatives}, {@code Outer_InnerDerivatives}. */
  public static ClassRef derivativesClass(ClassRef owner) {
    return generated(owner, "Derivatives");
  }

  /** The batched forms of {@code Foo}: {@code FooVectorized}, {@code Outer_InnerVectorized}. */
  public static ClassRef vectorizedClass(ClassRef owner) {
    return generated(owner, "Vectorized");
  }

  private static ClassRef generated(ClassRef owner, String suffix) {
    return ClassRef.of(owner.packageName(), String.join("_", owner.simpleNames()) + suffix);
  }

  /** Form {@code suffix} of method {@code m}: {@code form("f", GRAD)} is {@code fGrad}. */
  public static String form(String m, String suffix) {
    return m + suffix;
  }

  /** A nested type of method {@code m}: {@code nested("f", VJP)} is {@code FVjp}. */
  public static String nested(String m, String suffix) {
    return Namer.capitalized(m) + suffix;
  }
}
