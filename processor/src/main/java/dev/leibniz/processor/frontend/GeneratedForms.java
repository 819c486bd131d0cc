package dev.leibniz.processor.frontend;

import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.GeneratedNames;
import dev.leibniz.processor.rules.FunctionTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The generated forms a JVP rule may call ({@code GDerivatives.gJvp(...)}, as a JAX rule may call
 * {@code jax.jvp}), found by name: the class may be generated in this very round.
 */
final class GeneratedForms {
  private GeneratedForms() {}

  /** The forms a rule may call. */
  enum Kind {
    VALUE_AND_GRAD(GeneratedNames.VALUE_AND_GRAD), GRAD(GeneratedNames.GRAD), JVP(GeneratedNames.JVP);

    final String suffix;

    Kind(String suffix) {
      this.suffix = suffix;
    }
  }

  /** {@code kind} of {@code f}. */
  record Form(FunctionInfo f, Kind kind) {
    /** The form's parameter types: the method's, then for {@code gJvp} one tangent per parameter in D. */
    List<Type> parameterTypes() {
      List<Type> types = new ArrayList<>();
      f.params().forEach(p -> types.add(p.type()));
      if (kind == Kind.JVP) {
        f.differentiableParams().forEach(p -> types.add(p.type()));
      }
      return types;
    }

    Type resultType() {
      return switch (kind) {
        case JVP -> f.jvpResultType();
        case GRAD -> f.gradientType();
        case VALUE_AND_GRAD -> new Type.Record(f.valueAndGradClass(), List.of(), List.of(
            new Type.Component("value", f.resultType()), new Type.Component("gradient", f.gradientType())));
      };
    }
  }

  /** The forms {@code method} of the generated class {@code cls}, one per overload; none when it is no form. */
  static List<Form> resolve(FunctionTable table, ClassRef cls, String method) {
    List<Form> out = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      if (method.endsWith(kind.suffix) && method.length() > kind.suffix.length() && out.isEmpty()) {
        for (FunctionInfo f : functions(table, cls, method.substring(0, method.length() - kind.suffix.length()))) {
          out.add(new Form(f, kind));
        }
      }
    }
    return out;
  }

  /**
   * The generated class named {@code name} (simple, in {@code packageName}, or qualified) of a
   * method of this round, or null.
   */
  static ClassRef named(FunctionTable table, String name, String packageName) {
    for (FunctionInfo f : table.all()) {
      ClassRef c = f.derivativesClass();
      if (c.canonicalName().equals(name) || c.packageName().equals(packageName) && c.simpleName().equals(name)) {
        return c;
      }
    }
    return null;
  }

  private static List<FunctionInfo> functions(FunctionTable table, ClassRef cls, String name) {
    ClassRef owner = owner(table, cls);
    if (owner == null) {
      return List.of();
    }
    return table.overloads(owner, name).stream().filter(f -> f.derivativesClass().equals(cls)).toList();
  }

  /** The class whose generated class {@code cls} is: of this round, or compiled earlier. */
  private static ClassRef owner(FunctionTable table, ClassRef cls) {
    for (FunctionInfo f : table.all()) {
      if (f.derivativesClass().equals(cls)) {
        return f.ref().owner();
      }
    }
    String simple = cls.simpleName();
    if (cls.simpleNames().size() != 1 || !simple.endsWith("Derivatives") || cls.packageName().equals(Known.RUNTIME)) {
      return null;
    }
    // FooDerivatives of Foo, Outer_InnerDerivatives of Outer.Inner
    String[] names = simple.substring(0, simple.length() - "Derivatives".length()).split("_");
    return names.length == 0 || names[0].isEmpty() ? null : ClassRef.of(cls.packageName(), names);
  }
}
