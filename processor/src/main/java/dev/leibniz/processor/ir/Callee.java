package dev.leibniz.processor.ir;

import java.util.List;

/** What an {@link Expr.Invoke} calls. */
public sealed interface Callee {

  /**
   * An annotated (differentiable) method, or one of its generated forms: {@code form} is
   * {@link Form#PRIMAL} for the user's own method.
   */
  record Function(FunctionRef ref, Form form) implements Callee {}

  /** Any other method: a passive call, or a method of the runtime or of generated code. */
  record Method(ClassRef owner, String name, boolean isStatic, List<Type> parameterTypes) implements Callee {
    public Method {
      parameterTypes = List.copyOf(parameterTypes);
    }
  }

  /**
   * {@code new C(args)} for a class that is not a record, e.g. an exception to throw; {@code
   * diamond}: {@code new C<>(args)}, a generic class's type arguments inferred.
   */
  record Constructor(ClassRef owner, boolean diamond) implements Callee {
    public Constructor(ClassRef owner) {
      this(owner, false);
    }
  }

  /** {@code f.applyAsDouble(args)} on a function value. */
  record Apply(int arity) implements Callee {}

  /** Runtime operations with their own derivative rules. */
  enum Special implements Callee {
    /** {@code Leibniz.stopGradient(x)}. */
    STOP_GRADIENT,
    /** {@code Leibniz.differentiable(f)}. */
    DIFFERENTIABLE,
    /** {@code df.jvp(x..., xDot...)} on a differentiable function value. */
    FN_JVP,
    /** {@code df.vjp(x..., g)}. */
    FN_VJP,
    /** {@code df.vjpJvp(x..., g, xDot..., gDot)}. */
    FN_VJP_JVP,
    /** {@code df.jvpJvp(x..., xDot..., xPrime..., xDotPrime...)}. */
    FN_JVP_JVP
  }

  /**
   * The forms of a differentiable method that generated code calls: the user's method, its
   * forward form, the forward form of that (second order), and its VJP object.
   */
  enum Form {
    PRIMAL, JVP, JVP2, VJP;

    /** The form forward mode turns a call of this form into. */
    public Form forward() {
      return switch (this) {
        case PRIMAL -> JVP;
        case JVP -> JVP2;
        default -> throw new IllegalStateException("no forward form of " + this);
      };
    }
  }
}
