package dev.leibniz.processor;

import dev.leibniz.processor.diagnostics.Diagnostic;
import dev.leibniz.processor.diagnostics.Message;
import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.GeneratedNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generated members of overloads that Java could not tell apart: the forms that take tangents
 * ({@code fJvp}, {@code fJvpJvp}, {@code fHvp}) of {@code f(double a, @NonDiff double b, @NonDiff
 * double c)} and of {@code f(double a, double b)} both take four doubles. The forms that take the
 * method's own parameters ({@code fGrad}, {@code fVjp}...) differ as the overloads do.
 */
final class OverloadClashes {
  /** The tangent-taking members generated so far, by erased signature, with the method generating each. */
  private final Map<String, FunctionInfo> members = new LinkedHashMap<>();

  /**
   * The message for the first member of {@code f} that an earlier method of this round also
   * generates, or null. Call it once per method, in declaration order, after forward modes are known.
   */
  Message clash(FunctionInfo f) {
    for (Map.Entry<String, List<Type>> m : tangentMembers(f).entrySet()) {
      String member = FunctionInfo.signature(m.getKey(), m.getValue());
      FunctionInfo earlier = members.putIfAbsent(f.derivativesClass().canonicalName() + "." + member, f);
      if (earlier != null && earlier != f) {
        return Diagnostic.OVERLOAD_CLASH.of(FunctionInfo.signature(earlier.name(), earlier.ref().parameterTypes()),
            FunctionInfo.signature(f.name(), f.ref().parameterTypes()), member, f.derivativesClass().simpleName());
      }
    }
    return null;
  }

  /** The generated members of {@code f} whose parameters are more than its own, by name. */
  private static Map<String, List<Type>> tangentMembers(FunctionInfo f) {
    Map<String, List<Type>> out = new LinkedHashMap<>();
    if (f.hasForwardForm()) {
      out.put(f.formName(Callee.Form.JVP), f.formParameterTypes(Callee.Form.JVP));
    }
    if (f.secondOrder()) {
      out.put(f.formName(Callee.Form.JVP2), f.formParameterTypes(Callee.Form.JVP2));
    }
    if (f.order() >= 2 && f.kind() != FunctionInfo.Kind.RULE) {
      // mHvp(p1…pn, v1…vk): one direction per parameter in D
      out.put(GeneratedNames.form(f.name(), GeneratedNames.HVP), f.formParameterTypes(Callee.Form.JVP));
    }
    return out;
  }

}
