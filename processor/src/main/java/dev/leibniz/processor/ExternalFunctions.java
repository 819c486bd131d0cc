package dev.leibniz.processor;

import dev.leibniz.processor.frontend.TypeMapper;
import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.FunctionRef;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.rules.FunctionInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;

/**
 * Methods compiled in an earlier run, known by their generated {@code ...Derivatives} class: their
 * parameters, orders, forward mode and written arrays, read from the generated members.
 */
final class ExternalFunctions {
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

  /** A method compiled earlier, known by its generated class, or null when it has none. */
  FunctionInfo external(FunctionRef ref) {
    TypeElement owner = mapper.element(ref.owner());
    if (owner == null) {
      return null;
    }
    ClassRef derivatives = FunctionInfo.derivativesClassOf(ref.owner());
    TypeElement generated = env.getElementUtils().getTypeElement(derivatives.canonicalName());
    if (generated == null) {
      return null;
    }
    Set<String> forms = new HashSet<>();
    for (Element e : generated.getEnclosedElements()) {
      if (e.getKind() == ElementKind.METHOD) {
        forms.add(e.getSimpleName().toString());
      }
    }
    if (!forms.contains(ref.name() + "Vjp")) {
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
        boolean secondOrder = forms.contains(ref.name() + "JvpJvp") || forms.contains(ref.name() + "TangentJvp");
        FunctionInfo info = new FunctionInfo(ref, FunctionInfo.Kind.EXTERNAL, params, mapper.toIr(m.getReturnType()),
            secondOrder ? 2 : 1, derivatives, null, null, null, null);
        info.setHasJvp(forms.contains(ref.name() + "Jvp"));
        Set<Integer> written = writtenArrays(generated, info);
        if (written == null) {
          return null;
        }
        info.setWrittenParams(written);
        return info;
      } catch (TypeMapper.UnsupportedTypeException e) {
        return null;
      }
    }
    return null;
  }
}
