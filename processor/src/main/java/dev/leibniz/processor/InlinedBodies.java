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
 * that reports nothing: what it cannot read runs element by element (with a note saying why), it is
 * no error.
 */
final class InlinedBodies implements Batched.Bodies {
  private final BodyParser quiet;
  private final FunctionBodies bodies;
  private final Map<FunctionInfo, ExecutableElement> elements;
  private final Map<ExecutableElement, Function> parsed = new HashMap<>();
  /** The first problem the parser met in each method it could not read. */
  private final Map<ExecutableElement, String> problems = new HashMap<>();
  private String firstProblem;

  /** {@code parsers} makes the parser, given where it reports. */
  InlinedBodies(java.util.function.Function<BodyParser.Reporter, BodyParser> parsers, FunctionBodies bodies,
      Map<FunctionInfo, ExecutableElement> elements) {
    this.quiet = parsers.apply((at, message) -> {
      if (firstProblem == null) {
        firstProblem = message.sentence();
      }
    });
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

  @Override
  public String problem(FunctionInfo f) {
    String own = problems.get(elements.get(f));
    if (own != null || f.kind() != FunctionInfo.Kind.CUSTOM_VJP) {
      return own;
    }
    String forward = problems.get(bodies.vjpRule(f, false));
    return forward != null ? forward : problems.get(bodies.vjpRule(f, true));
  }

  /** {@code m} parsed, null (kept, with the problem met) when it cannot be. */
  private Function parsed(ExecutableElement m, Supplier<Function> parse) {
    if (!parsed.containsKey(m)) {
      firstProblem = null;
      Function body = parse.get();
      parsed.put(m, body);
      if (body == null && firstProblem != null) {
        problems.put(m, firstProblem);
      }
    }
    return parsed.get(m);
  }
}
