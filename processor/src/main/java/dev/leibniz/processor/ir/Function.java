package dev.leibniz.processor.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A method body in IR: parameters (record parameters are taken apart at the start of the body),
 * the result type, and a body whose {@link Stmt.Return}s give the result's leaves.
 * {@code reserved} holds the identifiers of the user's source, which generated names avoid.
 */
public record Function(String name, List<Param> params, Type resultType, Block body, Set<String> reserved) {
  public Function {
    params = List.copyOf(params);
    reserved = Set.copyOf(reserved);
  }

  public List<Param> differentiableParams() {
    List<Param> d = new ArrayList<>();
    for (Param p : params) {
      if (p.differentiable()) {
        d.add(p);
      }
    }
    return d;
  }

  public Function withBody(Block newBody) {
    return new Function(name, params, resultType, newBody, reserved);
  }
}
