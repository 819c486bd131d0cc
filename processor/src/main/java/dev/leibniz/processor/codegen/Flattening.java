package dev.leibniz.processor.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Generated code that takes values apart into their leaves and builds them back, in the order of
 * SPEC §5 (parameters and record components in declaration order, arrays element by element,
 * matrices row after row), with the runtime's {@code Jacobians}: what {@code mJacobian},
 * {@code mHessian} and {@code mHvp} are printed with.
 */
final class Flattening {
  static final ClassName JACOBIANS = JavaEmitter.className(ClassRef.of(Known.RUNTIME, "Jacobians"));
  static final ClassName UNIT = JACOBIANS.nestedClass("Unit");
  static final ClassName FLAT = JACOBIANS.nestedClass("Flat");
  static final ClassName UNFLAT = JACOBIANS.nestedClass("Unflat");

  private Flattening() {}

  /** {@code .add(...)} of each leaf of {@code v} (of type {@code t}, shaped like {@code shape}). */
  static CodeBlock adds(CodeBlock v, CodeBlock shape, Type t) {
    if (t.isFloating()) {
      return CodeBlock.of("$Z.add($L)", v);
    }
    if (t.isDifferentiable()) {
      return CodeBlock.of("$Z.add($L, $L)", v, shape);
    }
    CodeBlock.Builder b = CodeBlock.builder();
    if (t instanceof Type.Record r) {
      for (Type.Component c : r.components()) {
        b.add(adds(CodeBlock.of("$L.$L()", v, c.name()), CodeBlock.of("$L.$L()", shape, c.name()), c.type()));
      }
    }
    return b.build();
  }

  /** The number of leaves of values: scalars counted, arrays measured when the method runs. */
  static final class Size {
    private int scalars;
    private final List<CodeBlock> arrays = new ArrayList<>();

    /** Adds the leaves of {@code v}, of type {@code t}. */
    Size add(CodeBlock v, Type t) {
      if (t.isFloating()) {
        scalars++;
      } else if (t.isDifferentiable()) {
        arrays.add(CodeBlock.of("$T.size($L)", JACOBIANS, v));
      } else if (t instanceof Type.Record r) {
        for (Type.Component c : r.components()) {
          add(CodeBlock.of("$L.$L()", v, c.name()), c.type());
        }
      }
      return this;
    }

    CodeBlock code() {
      List<CodeBlock> terms = new ArrayList<>();
      if (scalars > 0 || arrays.isEmpty()) {
        terms.add(CodeBlock.of("$L", scalars));
      }
      terms.addAll(arrays);
      return CodeBlock.join(terms, " + ");
    }
  }

  /**
   * A value of type {@code t} shaped like {@code shape} whose leaves are taken from the
   * {@code Jacobians.Leaves} named {@code leaves} in order; non-differentiable record components are
   * copied from {@code shape}.
   */
  static CodeBlock value(String leaves, CodeBlock shape, Type t) {
    if (t == Type.Prim.DOUBLE) {
      return CodeBlock.of("$L.scalar()", leaves);
    }
    if (t == Type.Prim.FLOAT) {
      return CodeBlock.of("$L.floatScalar()", leaves);
    }
    if (t.isDifferentiable()) {
      return CodeBlock.of("$L.array($L)", leaves, shape);
    }
    if (t instanceof Type.Record r) {
      List<CodeBlock> args = new ArrayList<>();
      for (Type.Component c : r.components()) {
        args.add(value(leaves, CodeBlock.of("$L.$L()", shape, c.name()), c.type()));
      }
      return CodeBlock.of("new $T($L)", JavaEmitter.type(t), CodeBlock.join(args, ", "));
    }
    return shape;
  }
}
