package dev.leibniz.processor;

import dev.leibniz.processor.frontend.BodyParser;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.transform.Batched;
import dev.leibniz.processor.transform.Linearize;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.lang.model.element.ExecutableElement;

/**
 * The bodies batched kernels inline that the forms of {@code FooDerivatives} only call: a custom
 * rule method's own body, a {@code @CustomVjp} method's rules. Parsed on demand, once, by a parser
 * that reports nothing: what it cannot read runs element by element (with a note), it is no error.
 */
final class InlinedBodies implements Batched.Bodies {
  private final BodyParser quiet;
  private final FunctionBodies bodies;
  private final Map<FunctionInfo, ExecutableElement> elements;
  private final Map<ExecutableElement, Function> parsed = new HashMap<>();

  InlinedBodies(BodyParser quiet, FunctionBodies bodies, Map<FunctionInfo, ExecutableElement> elements) {
    this.quiet = quiet;
    this.bodies = bodies;
    this.elements = elements;
  }

  @Override
  public Function body(FunctionInfo f) {
    ExecutableElement m = elements.get(f);
    return m == null ? null : parsed(m, () -> {
      Function body = quiet.parse(m, f.params());
      return body == null ? null : Linearize.apply(body);
    });
  }

  @Override
  public Function vjpRule(FunctionInfo f, boolean backward) {
    ExecutableElement rule = bodies.vjpRule(f, backward);
    return rule == null ? null : parsed(rule, () -> bodies.ruleBody(rule, quiet));
  }

  /** {@code m} parsed, null (kept) when it cannot be. */
  private Function parsed(ExecutableElement m, Supplier<Function> parse) {
    if (!parsed.containsKey(m)) {
      parsed.put(m, parse.get());
    }
    return parsed.get(m);
  }
}
