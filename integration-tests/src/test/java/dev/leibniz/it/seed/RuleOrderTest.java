package dev.leibniz.it.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.examples.seed.BasicJvp;
import dev.leibniz.examples.seed.BasicJvpDerivatives;
import dev.leibniz.examples.seed.BasicVjp;
import dev.leibniz.examples.seed.BasicVjpDerivatives;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When the rules run, from their side effects (the notebook's {@code print}s, cells [40]-[45] and
 * [56]-[61]): plain calls run no rule; forward and reverse mode run the JVP rule, which calls the
 * function; {@code grad(grad(f))} runs the rule at both orders; a VJP's backward rule runs only when
 * the pullback is called. Both precisions.
 */
class RuleOrderTest {
  private static final String F = "called f!";
  private static final String F_JVP = "called f_jvp!";
  private static final String F_FWD = "called f_fwd!";
  private static final String F_BWD = "called f_bwd!";

  private final List<String> calls = new ArrayList<>();

  @BeforeEach
  void listen() {
    BasicJvp.log(calls::add);
    BasicVjp.log(calls::add);
    dev.leibniz.examples.seed.f32.BasicJvp.log(calls::add);
    dev.leibniz.examples.seed.f32.BasicVjp.log(calls::add);
  }

  @AfterEach
  void quiet() {
    BasicJvp.log(m -> {});
    BasicVjp.log(m -> {});
    dev.leibniz.examples.seed.f32.BasicJvp.log(m -> {});
    dev.leibniz.examples.seed.f32.BasicVjp.log(m -> {});
  }

  private List<String> take() {
    List<String> out = List.copyOf(calls);
    calls.clear();
    return out;
  }

  @Test
  void customJvpDouble() {
    BasicJvp.f(3);
    assertEquals(List.of(F), take(), "f(3)");
    BasicJvpDerivatives.fJvp(3, 1);
    assertEquals(List.of(F_JVP, F), take(), "jvp(f, (3,), (1,))");
    BasicJvpDerivatives.fGrad(3);
    assertEquals(List.of(F_JVP, F), take(), "grad(f)(3)");
    BasicJvpDerivatives.fHessian(3);
    assertEquals(List.of(F_JVP, F_JVP, F), take(), "grad(grad(f))(3)");
  }

  @Test
  void customJvpFloat() {
    dev.leibniz.examples.seed.f32.BasicJvp.f(3f);
    assertEquals(List.of(F), take(), "f(3)");
    dev.leibniz.examples.seed.f32.BasicJvpDerivatives.fJvp(3f, 1f);
    assertEquals(List.of(F_JVP, F), take(), "jvp(f, (3,), (1,))");
    dev.leibniz.examples.seed.f32.BasicJvpDerivatives.fGrad(3f);
    assertEquals(List.of(F_JVP, F), take(), "grad(f)(3)");
    dev.leibniz.examples.seed.f32.BasicJvpDerivatives.fHessian(3f);
    assertEquals(List.of(F_JVP, F_JVP, F), take(), "grad(grad(f))(3)");
  }

  @Test
  void customVjpDouble() {
    BasicVjp.f(3);
    assertEquals(List.of(F), take(), "f(3)");
    BasicVjpDerivatives.fGrad(3);
    assertEquals(List.of(F_FWD, F, F_BWD), take(), "grad(f)(3)");
    BasicVjpDerivatives.fValueAndGrad(3);
    assertEquals(List.of(F_FWD, F, F_BWD), take(), "value_and_grad(f)(3)");
    BasicVjpDerivatives.FVjp vjp = BasicVjpDerivatives.fVjp(3);
    assertEquals(List.of(F_FWD, F), take(), "vjp(f, 3) runs the forward rule only");
    double once = vjp.pullback(1);
    assertEquals(List.of(F_BWD), take(), "the pullback runs the backward rule");
    double twice = vjp.pullback(1);
    assertEquals(List.of(F_BWD), take(), "and again on a second call");
    assertEquals(once, twice, "the same cotangent twice");
    assertEquals(2 * once, vjp.pullback(2), Math.ulp(2 * once), "linear in the cotangent");
    assertEquals(List.of(F_BWD), take(), "a third call");
  }

  @Test
  void customVjpFloat() {
    dev.leibniz.examples.seed.f32.BasicVjp.f(3f);
    assertEquals(List.of(F), take(), "f(3)");
    dev.leibniz.examples.seed.f32.BasicVjpDerivatives.fGrad(3f);
    assertEquals(List.of(F_FWD, F, F_BWD), take(), "grad(f)(3)");
    dev.leibniz.examples.seed.f32.BasicVjpDerivatives.fValueAndGrad(3f);
    assertEquals(List.of(F_FWD, F, F_BWD), take(), "value_and_grad(f)(3)");
    dev.leibniz.examples.seed.f32.BasicVjpDerivatives.FVjp vjp = dev.leibniz.examples.seed.f32.BasicVjpDerivatives.fVjp(3f);
    assertEquals(List.of(F_FWD, F), take(), "vjp(f, 3) runs the forward rule only");
    float once = vjp.pullback(1f);
    assertEquals(List.of(F_BWD), take(), "the pullback runs the backward rule");
    float twice = vjp.pullback(1f);
    assertEquals(List.of(F_BWD), take(), "and again on a second call");
    assertEquals(once, twice, "the same cotangent twice");
    assertEquals(2 * once, vjp.pullback(2f), Math.ulp(2 * once), "linear in the cotangent");
    assertEquals(List.of(F_BWD), take(), "a third call");
  }
}
