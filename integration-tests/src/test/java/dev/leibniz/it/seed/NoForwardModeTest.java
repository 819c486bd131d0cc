package dev.leibniz.it.seed;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A {@code @CustomVjp} method, and every method whose derivative goes through one, has no
 * {@code mJvp} (JAX: "can't apply forward-mode autodiff (jvp) to a custom_vjp function"), while its
 * reverse forms exist. Checked by reflection on the generated classes, in both precisions; the
 * {@code Jvp} forms that must exist show that the lookup itself works.
 */
class NoForwardModeTest {
  private static Set<String> methods(Class<?> c) {
    return Arrays.stream(c.getDeclaredMethods()).map(Method::getName).collect(Collectors.toSet());
  }

  private static void absent(Class<?> c, String... names) {
    Set<String> have = methods(c);
    for (String name : names) {
      assertFalse(have.contains(name), c.getName() + " must not have " + name);
    }
  }

  private static void present(Class<?> c, String... names) {
    Set<String> have = methods(c);
    for (String name : names) {
      assertTrue(have.contains(name), c.getName() + " must have " + name + "; has " + have);
    }
  }

  @Test
  void jaxSaysSo() {
    String message = JaxOracle.f64().raw("vjp_basic.jvp_error").getAsJsonObject().get("message").getAsString();
    assertTrue(message.contains("can't apply forward-mode autodiff (jvp) to a custom_vjp function"), message);
  }

  @Test
  void basicVjpDouble() {
    absent(dev.leibniz.examples.seed.BasicVjpDerivatives.class, "fJvp", "multiJvp");
    present(dev.leibniz.examples.seed.BasicVjpDerivatives.class, "fGrad", "fVjp", "fValueAndGrad", "multiGrad");
    present(dev.leibniz.examples.seed.BasicJvpDerivatives.class, "fJvp", "multiJvp");
  }

  @Test
  void basicVjpFloat() {
    absent(dev.leibniz.examples.seed.f32.BasicVjpDerivatives.class, "fJvp", "multiJvp");
    present(dev.leibniz.examples.seed.f32.BasicVjpDerivatives.class, "fGrad", "fVjp", "fValueAndGrad", "multiGrad");
    present(dev.leibniz.examples.seed.f32.BasicJvpDerivatives.class, "fJvp", "multiJvp");
  }

  @Test
  void fixedPointAndItsCallerDouble() {
    absent(dev.leibniz.examples.seed.FixedPointDerivatives.class, "fixedPointJvp", "newtonSqrtJvp");
    present(dev.leibniz.examples.seed.FixedPointDerivatives.class, "newtonSqrtGrad", "newtonSqrtHessian", "sqrtJvp");
  }

  @Test
  void fixedPointAndItsCallerFloat() {
    absent(dev.leibniz.examples.seed.f32.FixedPointDerivatives.class, "fixedPointJvp", "newtonSqrtJvp");
    present(dev.leibniz.examples.seed.f32.FixedPointDerivatives.class, "newtonSqrtGrad", "newtonSqrtHessian", "sqrtJvp");
  }

  @Test
  void otherCustomVjpCallersDouble() {
    absent(dev.leibniz.examples.seed.ClippingDerivatives.class, "clipGradientJvp", "clipSinJvp");
    present(dev.leibniz.examples.seed.ClippingDerivatives.class, "sinJvp", "clipSinGrad");
    absent(dev.leibniz.examples.seed.DebuggingDerivatives.class, "debugJvp", "fooJvp");
    absent(dev.leibniz.examples.seed.PytreesDerivatives.class, "gJvp", "gunJvp");
    present(dev.leibniz.examples.seed.PytreesDerivatives.class, "fJvp", "funJvp", "gunGrad");
    absent(dev.leibniz.examples.seed.TldrVjpDerivatives.class, "fJvp");
    absent(dev.leibniz.examples.seed.NonDiffArgsDerivatives.class, "appVjpJvp");
    present(dev.leibniz.examples.seed.NonDiffArgsDerivatives.class, "appJvp", "appVjpGrad");
  }

  @Test
  void otherCustomVjpCallersFloat() {
    absent(dev.leibniz.examples.seed.f32.ClippingDerivatives.class, "clipGradientJvp", "clipSinJvp");
    present(dev.leibniz.examples.seed.f32.ClippingDerivatives.class, "sinJvp", "clipSinGrad");
    absent(dev.leibniz.examples.seed.f32.DebuggingDerivatives.class, "debugJvp", "fooJvp");
    absent(dev.leibniz.examples.seed.f32.PytreesDerivatives.class, "gJvp", "gunJvp");
    present(dev.leibniz.examples.seed.f32.PytreesDerivatives.class, "fJvp", "funJvp", "gunGrad");
    absent(dev.leibniz.examples.seed.f32.TldrVjpDerivatives.class, "fJvp");
    absent(dev.leibniz.examples.seed.f32.NonDiffArgsDerivatives.class, "appVjpJvp");
    present(dev.leibniz.examples.seed.f32.NonDiffArgsDerivatives.class, "appJvp", "appVjpGrad");
  }
}
