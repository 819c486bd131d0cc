package dev.leibniz.processor.frontend;

import com.sun.source.tree.LambdaExpressionTree;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Type;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * What an expression evaluates to in the front end. Records are kept apart component by component
 * (an {@link Aggregate}) so the IR works on scalars; a class or package name is a value only as the
 * qualifier of a member.
 */
sealed interface Value {

  /** A single value: a number, an array, a function value, or a record held whole. */
  record Scalar(Expr expr) implements Value {}

  /** A record value taken apart: one value per component. */
  record Aggregate(Type.Record type, List<Value> components) implements Value {
    public Aggregate {
      components = List.copyOf(components);
    }
  }

  /**
   * A lambda held by a local that is never reassigned (or by a static final field of the
   * method's class): applying it inlines its body, so derivatives flow through what it captures.
   * {@code scope} is where it was written.
   */
  record LocalLambda(LambdaExpressionTree tree, Scope scope, Type type) implements Value {}

  /** The value of a {@code void} call whose effect is written out already (a {@code System.arraycopy}). */
  record Done() implements Value {}

  /** A class name used as a qualifier, as {@code Math} in {@code Math.PI}. */
  record TypeName(TypeElement element) implements Value {}

  /** A package name prefix, as {@code java.lang} in {@code java.lang.Math.PI}. */
  record PackageName(String name) implements Value {}
}
