package dev.leibniz.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every fixed annotated method at hand-picked points, kinks, and against its closed form. */
class FixedFunctionsTest {
  private static final List<Spec> SPECS = FixedFunctions.all();

  @TestFactory
  Stream<DynamicTest> handPickedPoints() {
    return SPECS.stream().map(spec -> dynamicTest(spec.toString(), () -> {
      assertTrue(!spec.points.isEmpty(), spec + " has no hand-picked point");
      Random random = new Random(spec.toString().hashCode());
      for (Object[] p : spec.points) {
        assertTrue(spec.isSmooth(p), spec + Spec.show(p) + " is not a smooth point");
        Checker checker = spec.checker();
        if (!spec.finiteDifferences) {
          checker.withoutFiniteDifferences();
        }
        checker.check(random, p);
      }
      for (Object[] p : spec.kinks) {
        // finite differences are meaningless on a kink, but forward and reverse must agree
        spec.checker().withoutFiniteDifferences().check(random, p);
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> closedForms() {
    return SPECS.stream().filter(spec -> spec.exact != null).map(spec -> dynamicTest(spec.toString(), () -> {
      boolean usesFloat = spec.owner == Floats.class;
      for (Object[] p : spec.points) {
        Checker.assertVectorClose(spec.exact.apply(p), spec.checker().gradient(p), usesFloat ? 1e-5 : 1e-12,
            spec + Spec.show(p));
      }
    }));
  }

  /** The table covers every annotated method of the new classes (they have a {@code Derivatives} entry). */
  @Test
  void tableIsComplete() throws ClassNotFoundException {
    Set<String> expected = new TreeSet<>();
    for (Class<?> owner : List.of(MathFunctions.class, Floats.class, ControlFlow.class, Lambdas.class, Calls.class,
        Helpers.class, Records.class, LibraryCalls.class, Statements.class)) {
      Class<?> derivatives = Class.forName(owner.getName() + "Derivatives");
      for (Method m : owner.getDeclaredMethods()) {
        if (Modifier.isStatic(m.getModifiers()) && !m.isSynthetic() && hasVjp(derivatives, m.getName())) {
          expected.add(owner.getSimpleName() + "." + m.getName());
        }
      }
    }
    Set<String> covered = new TreeSet<>();
    SPECS.forEach(s -> covered.add(s.toString()));
    assertEquals(expected, covered);
    assertTrue(expected.size() >= 100, "only " + expected.size() + " annotated methods");
  }

  private static boolean hasVjp(Class<?> derivatives, String name) {
    for (Method m : derivatives.getDeclaredMethods()) {
      if (m.getName().equals(name + "Vjp")) {
        return true;
      }
    }
    return false;
  }
}
