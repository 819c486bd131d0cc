package dev.leibniz.it;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * One fixed annotated method under test: where it may be evaluated, where it is smooth enough
 * for finite differences, hand-picked points, kinks, and optionally its gradient in closed form.
 */
final class Spec {
  final Class<?> owner;
  final String name;
  Arbitrary<Object[]> domain;
  Predicate<Object[]> smooth = args -> true;
  Function<Object[], ?> piece;
  /** False for methods using stopGradient: their derivative is not the primal's. */
  boolean finiteDifferences = true;
  boolean linearPullback = true;
  final List<Object[]> points = new ArrayList<>();
  final List<Object[]> kinks = new ArrayList<>();
  Function<Object[], double[]> exact;
  Checker.Precision precision;

  private Spec(Class<?> owner, String name, Arbitrary<Object[]> domain) {
    this.owner = owner;
    this.name = name;
    this.domain = domain;
  }

  static Spec of(Class<?> owner, String name, Arbitrary<?>... parameters) {
    List<Arbitrary<Object>> list = new ArrayList<>();
    for (Arbitrary<?> a : parameters) {
      list.add(a.asGeneric());
    }
    return new Spec(owner, name, Combinators.combine(list).as(l -> l.toArray()));
  }

  /** Finite differences are valid only at points where {@code p} holds (e.g. far from a singularity). */
  Spec smooth(Predicate<Object[]> p) {
    smooth = p;
    return this;
  }

  /**
   * The primal is smooth where {@code p} is locally constant (a branch, a floor, a trip count):
   * finite differences are valid where it is constant over the whole stencil.
   */
  Spec pieces(Function<Object[], ?> p) {
    piece = p;
    return this;
  }

  /** Whether finite differences are valid at {@code args}. */
  boolean isSmooth(Object[] args) {
    return smooth.test(args) && (piece == null || checker().samePieceOnStencil(args, piece));
  }

  /** Restricts the domain, e.g. away from a point where the derivative is infinite. */
  Spec where(Predicate<Object[]> p) {
    domain = domain.filter(p::test);
    return this;
  }

  /** A custom VJP rule that is not linear in the cotangent, as JAX allows (gradient clipping). */
  Spec nonlinearPullback() {
    linearPullback = false;
    return this;
  }

  Spec noFiniteDifferences() {
    finiteDifferences = false;
    return this;
  }

  /** A hand-picked point, checked with finite differences (so it must be smooth). */
  Spec at(Object... args) {
    points.add(args);
    return this;
  }

  /** A point on a kink or a branch boundary: forward and reverse must still agree there. */
  Spec kink(Object... args) {
    kinks.add(args);
    return this;
  }

  /** The gradient in closed form, derived by hand, checked at the hand-picked points. */
  Spec exact(Function<Object[], double[]> gradient) {
    exact = gradient;
    return this;
  }

  Spec precision(Checker.Precision p) {
    precision = p;
    return this;
  }

  Checker checker() {
    Checker c = precision == null ? Checker.of(owner, name) : Checker.of(owner, name, precision);
    return linearPullback ? c : c.withNonlinearPullback();
  }

  /** The domain with kinks mixed in: for checks that hold everywhere. */
  Arbitrary<Object[]> anywhere() {
    if (kinks.isEmpty()) {
      return domain;
    }
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, domain), net.jqwik.api.Tuple.of(1, Arbitraries.of(kinks)));
  }

  @Override
  public String toString() {
    return owner.getSimpleName() + "." + name;
  }

  static String show(Object[] args) {
    return Arrays.deepToString(args);
  }

  // Domain helpers.

  static Arbitrary<Double> d(double lo, double hi) {
    return Arbitraries.doubles().between(lo, hi);
  }

  static Arbitrary<Float> f(float lo, float hi) {
    return Arbitraries.floats().between(lo, hi);
  }

  static Arbitrary<Integer> i(int lo, int hi) {
    return Arbitraries.integers().between(lo, hi);
  }

  static double x(Object[] args, int i) {
    return ((Number) args[i]).doubleValue();
  }

  static double[] g(double... components) {
    return components;
  }
}
