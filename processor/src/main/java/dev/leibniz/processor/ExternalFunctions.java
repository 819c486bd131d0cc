package dev.leibniz.processor;

import dev.leibniz.processor.frontend.TypeMapper;
import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.FunctionRef;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.GeneratedNames;
import dev.leibniz.processor.rules.FunctionTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;

/**
 * Methods compiled in an earlier run, known by their generated {@code ...Derivatives} class: their
 * parameters, orders, forward mode and written arrays, read from the generated members.
 */
final class ExternalFunctions implements FunctionTable.External {
  private final ProcessingEnvironment env;
  private final TypeMapper mapper;

  ExternalFunctions(ProcessingEnvironment env, TypeMapper mapper) {
    this.env = env;
    this.mapper = mapper;
  }

  /**
   * The array parameters a method compiled earlier writes into, read from its VJP class: a
   * {@code pullback(cotangent, xBar...)} overload takes their cotangents, in parameter order. Null
   * when they cannot be told apart.
   */
  private static Set<Integer> writtenArrays(TypeElement generated, FunctionInfo info) {
    for (Element e : generated.getEnclosedElements()) {
      if (!(e instanceof TypeElement vjp) || !vjp.getSimpleName().contentEquals(info.vjpClass().simpleName())) {
        continue;
      }
      for (ExecutableElement m : ElementFilter.methodsIn(vjp.getEnclosedElements())) {
        if (!m.getSimpleName().contentEquals("pullback") || m.getParameters().size() < 2) {
          continue;
        }
        List<Integer> arrays = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int k = 0; k < info.params().size(); k++) {
          if (info.params().get(k).differentiable() && info.params().get(k).type() instanceof Type.Array) {
            arrays.add(k);
          }
        }
        for (VariableElement p : m.getParameters().subList(1, m.getParameters().size())) {
          names.add(p.getSimpleName().toString());
        }
        Set<Integer> byName = new java.util.TreeSet<>();
        for (int k : arrays) {
          if (names.contains(info.params().get(k).name() + "Bar")) {
            byName.add(k);
          }
        }
        int count = m.getParameters().size() - 1;
        if (byName.size() == count) {
          return byName;
        }
        return arrays.size() == count ? new java.util.TreeSet<>(arrays) : null;
      }
    }
    return Set.of();
  }

  @Override
  public List<FunctionRef> named(ClassRef owner, String name) {
    TypeElement element = mapper.element(owner);
    List<FunctionRef> out = new ArrayList<>();
    if (element == null) {
      return out;
    }
    for (ExecutableElement m : ElementFilter.methodsIn(element.getEnclosedElements())) {
      if (m.getSimpleName().contentEquals(name) && m.getModifiers().contains(Modifier.STATIC)) {
        try {
          List<Type> types = new ArrayList<>();
          for (VariableElement p : m.getParameters()) {
            types.add(mapper.toIr(p.asType()));
          }
          out.add(new FunctionRef(owner, name, types));
        } catch (TypeMapper.UnsupportedTypeException e) {
          // not differentiable
        }
      }
    }
    return out;
  }

  /** A method compiled earlier, known by its generated class, or null when it has none. */
  @Override
  public FunctionInfo function(FunctionRef ref) {
    TypeElement owner = mapper.element(ref.owner());
    if (owner == null) {
      return null;
    }
    ClassRef derivatives = GeneratedNames.derivativesClass(ref.owner());
    TypeElement generated = env.getElementUtils().getTypeElement(derivatives.canonicalName());
    if (generated == null) {
      return null;
    }
    for (ExecutableElement m : ElementFilter.methodsIn(owner.getEnclosedElements())) {
      if (!m.getSimpleName().contentEquals(ref.name()) || !m.getModifiers().contains(Modifier.STATIC)) {
        continue;
      }
      try {
        List<FunctionInfo.ParamInfo> params = new ArrayList<>();
        for (VariableElement p : m.getParameters()) {
          Type t = mapper.toIr(p.asType());
          boolean nonDiff = Declarations.annotation(p, LeibnizProcessor.NON_DIFF) != null;
          params.add(new FunctionInfo.ParamInfo(p.getSimpleName().toString(), t, nonDiff,
              !nonDiff && Declarations.differentiable(t)));
        }
        if (!new FunctionRef(ref.owner(), ref.name(), params.stream().map(FunctionInfo.ParamInfo::type).toList())
            .equals(ref)) {
          continue; // another overload
        }
        Type result = mapper.toIr(m.getReturnType());
        FunctionInfo probe = new FunctionInfo(ref, FunctionInfo.Kind.EXTERNAL, params, result, 1, derivatives, null,
            null, null, null);
        // the VJP class names the overload: FVjp, FVjp2...
        ExecutableElement vjp = form(generated, GeneratedNames.form(ref.name(), GeneratedNames.VJP), probe.formParameterTypes(Callee.Form.PRIMAL));
        String vjpClass = vjp == null ? "" : env.getTypeUtils().asElement(vjp.getReturnType()).getSimpleName().toString();
        String base = GeneratedNames.nested(ref.name(), GeneratedNames.VJP);
        if (!vjpClass.startsWith(base)) {
          return null;
        }
        List<Type> level2 = probe.formParameterTypes(Callee.Form.JVP2);
        boolean secondOrder = form(generated, GeneratedNames.form(GeneratedNames.form(ref.name(), GeneratedNames.JVP), GeneratedNames.JVP), level2) != null
            || form(generated, ref.name() + "TangentJvp", level2) != null;
        FunctionInfo info = new FunctionInfo(ref, FunctionInfo.Kind.EXTERNAL, params, result, secondOrder ? 2 : 1,
            derivatives, null, null, null, null);
        info.setOverload(vjpClass.substring(base.length()), Declarations.isOverloaded(owner, ref.name()));
        info.setHasJvp(form(generated, GeneratedNames.form(ref.name(), GeneratedNames.JVP), info.formParameterTypes(Callee.Form.JVP)) != null);
        Set<Integer> written = writtenArrays(generated, info);
        if (written == null) {
          return null;
        }
        info.setWrittenParams(written);
        return info;
      } catch (TypeMapper.UnsupportedTypeException e) {
        // another overload, with a parameter of a type Leibniz does not map
      }
    }
    return null;
  }

  /** The generated method {@code name} whose parameters erase to {@code types}, or null. */
  private ExecutableElement form(TypeElement generated, String name, List<Type> types) {
    List<Type> expected = types.stream().map(FunctionRef::erased).toList();
    for (ExecutableElement m : ElementFilter.methodsIn(generated.getEnclosedElements())) {
      if (!m.getSimpleName().contentEquals(name) || m.getParameters().size() != types.size()) {
        continue;
      }
      try {
        List<Type> actual = new ArrayList<>();
        for (VariableElement p : m.getParameters()) {
          actual.add(FunctionRef.erased(mapper.toIr(p.asType())));
        }
        if (actual.equals(expected)) {
          return m;
        }
      } catch (TypeMapper.UnsupportedTypeException e) {
        // another method
      }
    }
    return null;
  }
}
