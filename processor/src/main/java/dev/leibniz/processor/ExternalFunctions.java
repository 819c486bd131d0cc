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
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;

/**
 * Methods compiled in an earlier run, known by their generated {@code ...Derivatives} class: their
 * parameters, orders and forward mode read from the generated members, their parameter names and
 * the arrays they write and may return from the {@code @Primal} the processor wrote there.
 */
final class ExternalFunctions implements FunctionTable.External {
  private final ProcessingEnvironment env;
  private final TypeMapper mapper;

  ExternalFunctions(ProcessingEnvironment env, TypeMapper mapper) {
    this.env = env;
    this.mapper = mapper;
  }

  /** What the processor recorded of a method compiled earlier, on its {@code mVjp} (codegen's PrimalFacts). */
  private record Recorded(List<String> parameters, Set<Integer> writes, Set<Integer> returns) {
    /** Read from {@code vjp}'s {@code @Primal}, or null when it has none (not written by this processor). */
    static Recorded of(ExecutableElement vjp) {
      for (AnnotationMirror a : vjp.getAnnotationMirrors()) {
        if (!((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(LeibnizProcessor.PRIMAL)) {
          continue;
        }
        List<String> parameters = new ArrayList<>();
        Set<Integer> writes = new TreeSet<>();
        Set<Integer> returns = new TreeSet<>();
        a.getElementValues().forEach((key, value) -> {
          for (Object item : (List<?>) value.getValue()) {
            Object v = ((AnnotationValue) item).getValue();
            switch (key.getSimpleName().toString()) {
              case "parameters" -> parameters.add((String) v);
              case "writes" -> writes.add((Integer) v);
              default -> returns.add((Integer) v);
            }
          }
        });
        return new Recorded(parameters, writes, returns);
      }
      return null;
    }
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
        Recorded recorded = vjp == null ? null : Recorded.of(vjp);
        if (recorded == null || recorded.parameters().size() != params.size()) {
          return null;
        }
        String vjpClass = env.getTypeUtils().asElement(vjp.getReturnType()).getSimpleName().toString();
        String base = GeneratedNames.nested(ref.name(), GeneratedNames.VJP);
        if (!vjpClass.startsWith(base)) {
          return null;
        }
        List<FunctionInfo.ParamInfo> named = new ArrayList<>(); // the gradient's record components bear these names
        for (int k = 0; k < params.size(); k++) {
          FunctionInfo.ParamInfo p = params.get(k);
          named.add(new FunctionInfo.ParamInfo(recorded.parameters().get(k), p.type(), p.nonDiff(), p.differentiable()));
        }
        List<Type> level2 = probe.formParameterTypes(Callee.Form.JVP2);
        boolean secondOrder = form(generated, GeneratedNames.form(GeneratedNames.form(ref.name(), GeneratedNames.JVP), GeneratedNames.JVP), level2) != null
            || form(generated, ref.name() + "TangentJvp", level2) != null;
        FunctionInfo info = new FunctionInfo(ref, FunctionInfo.Kind.EXTERNAL, named, result, secondOrder ? 2 : 1,
            derivatives, null, null, null, null);
        info.setOverload(vjpClass.substring(base.length()), Declarations.isOverloaded(owner, ref.name()));
        info.setHasJvp(form(generated, GeneratedNames.form(ref.name(), GeneratedNames.JVP), info.formParameterTypes(Callee.Form.JVP)) != null);
        info.setWrittenParams(recorded.writes());
        info.setReturnedParams(recorded.returns());
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
