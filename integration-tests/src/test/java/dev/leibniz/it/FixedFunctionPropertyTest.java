package dev.leibniz.it;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The fixed annotated methods at random points of their domains. */
class FixedFunctionPropertyTest {
  private static final List<Spec> SPECS = FixedFunctions.all();

  /** A method and a point. */
  record Case(Spec spec, Object[] args) {
    @Override
    public String toString() {
      return spec + Spec.show(args);
    }
  }

  /** Where the stencil stays on one smooth piece: all checks, finite differences included. */
  @Property(tries = 3000)
  void agreeWithFiniteDifferences(@ForAll("smooth") Case c, @ForAll long seed) {
    c.spec.checker().check(new Random(seed), c.args);
  }

  /** Anywhere in the domain, kinks included: forward, reverse and pullback agree with each other. */
  @Property(tries = 2000)
  void forwardAgreesWithReverse(@ForAll("anywhere") Case c, @ForAll long seed) {
    c.spec.checker().withoutFiniteDifferences().check(new Random(seed), c.args);
  }

  @Provide
  Arbitrary<Case> smooth() {
    return Arbitraries.of(SPECS.stream().filter(s -> s.finiteDifferences).toList())
        .flatMap(s -> s.domain.filter(a -> s.isSmooth(a)).map(a -> new Case(s, a)));
  }

  @Provide
  Arbitrary<Case> anywhere() {
    return Arbitraries.of(SPECS).flatMap(s -> s.anywhere().map(a -> new Case(s, a)));
  }
}
