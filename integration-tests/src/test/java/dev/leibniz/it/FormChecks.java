package dev.leibniz.it;

import static dev.leibniz.it.Numeric.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Checks of generated forms the fixed tests share: Hessians against gradients, and writes into arrays. */
final class FormChecks {
  private FormChecks() {}

  /** {@code mHessian} of {@code owner.name} at {@code args} against central differences of {@code mGrad}. */
  static void assertHessian(Class<?> owner, String name, Object... args) {
    double[][] hessian = (double[][]) Checker.invoke(Checker.method(Checker.derivativesOf(owner), name + "Hessian"),
        null, args);
    assertColumnsAreGradientDifferences(Checker.of(owner, name), name, hessian, args);
  }

  /** Column j of {@code h} against the central difference of {@code mGrad} along leaf j. */
  static void assertColumnsAreGradientDifferences(Checker checker, String name, double[][] h, Object... args) {
    double[] x = checker.leaves(args);
    double step = 1e-5;
    for (int j = 0; j < h.length; j++) {
      double[] up = x.clone();
      double[] down = x.clone();
      up[j] += step;
      down[j] -= step;
      double[] gUp = checker.gradient(checker.withLeaves(args, up));
      double[] gDown = checker.gradient(checker.withLeaves(args, down));
      for (int i = 0; i < h.length; i++) {
        assertClose((gUp[i] - gDown[i]) / (2 * step), h[i][j], 1e-6, name + ": H[" + i + "][" + j + "] vs the"
            + " finite difference of the gradient");
      }
    }
  }

  /** SPEC §5a: each form of {@code owner.name} leaves the caller's arrays as the plain call does. */
  static void assertSameWrites(Class<?> owner, String name, Object... args) {
    Class<?> derivatives = Checker.derivativesOf(owner);
    Object[] plain = Checker.copies(args);
    Checker.invokeOnOriginals(Checker.method(owner, name), null, plain);
    Checker checker = Checker.of(owner, name);
    List<String> forms = new ArrayList<>(List.of("Grad", "ValueAndGrad", "Vjp"));
    if (hasMethod(derivatives, name + "Hessian")) {
      forms.add("Hessian");
    }
    for (String form : forms) {
      Object[] given = Checker.copies(args);
      Checker.invokeOnOriginals(Checker.method(derivatives, name + form), null, given);
      assertArrayEquals(Checker.flatten(plain), Checker.flatten(given), name + form + " writes as the plain call");
    }
    Object[] withTangents = checker.withTangents(Checker.copies(args), new double[checker.leaves(args).length]);
    Checker.invokeOnOriginals(Checker.method(derivatives, name + "Jvp"), null, withTangents);
    assertArrayEquals(Checker.flatten(plain), Checker.flatten(Arrays.copyOf(withTangents, args.length)),
        name + "Jvp writes as the plain call");
  }

  private static boolean hasMethod(Class<?> c, String name) {
    for (Method m : c.getDeclaredMethods()) {
      if (m.getName().equals(name)) {
        return true;
      }
    }
    return false;
  }
}
