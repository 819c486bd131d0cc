package dev.leibniz.processor.rules;

import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.Namer;
import java.util.List;

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

  /** What the members of {@code FooDerivatives} generated for a method {@code m} append to its name. */
  private static final List<String> DERIVATIVES_MEMBERS = List.of(JVP, TANGENT, JVP + JVP, TANGENT + JVP, GRAD,
      VALUE_AND_GRAD, VJP, PULLBACK, JACOBIAN, HESSIAN, HVP);
  /** The same in {@code FooVectorized}: "" is the batched {@code m} itself; {@code Range} ends private helpers. */
  private static final List<String> VECTORIZED_MEMBERS = List.of("", JVP, GRAD, "Range", JVP + "Range",
      GRAD + "Range");

  private GeneratedNames() {}

  /**
   * A name the members generated for methods {@code a} and {@code b} of one class could share
   * ({@code fGrad}, form of {@code f} and batched form of {@code fGrad}), or null: when one name is
   * the other followed by a member suffix or the start of one ({@code fValueAnd}).
   */
  public static String sharedMember(String a, String b) {
    if (b.length() < a.length()) {
      return sharedMember(b, a);
    }
    if (!b.startsWith(a) || b.equals(a)) {
      return null;
    }
    String added = b.substring(a.length());
    for (List<String> members : List.of(DERIVATIVES_MEMBERS, VECTORIZED_MEMBERS)) {
      for (String more : members) {
        if (members.contains(added + more)) {
          return b + more;
        }
      }
    }
    return null;
  }

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
