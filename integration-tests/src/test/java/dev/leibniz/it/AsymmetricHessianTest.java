package dev.leibniz.it;

import static dev.leibniz.it.Numeric.assertClose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random JVP rules whose tangents are not true gradients, {@code a(x, y) xDot + b(x, y) yDot} with
 * polynomials a and b: the gradient they imply is (a, b), so the Hessian (JAX's jacfwd of jacrev)
 * is the Jacobian of (a, b), not symmetric. Checked directly, and under a caller over an array and
 * a record, where each Hessian column must be {@code mHvp} along that leaf and the finite
 * difference of the gradient (the caller only adds the rules' results: their primal {@code x y},
 * which the rules do not differentiate, never reaches its gradient).
 */
class AsymmetricHessianTest {
  private static final int RULES = 8;

  /** {@code c x^p y^q}. */
  private record Term(int c, int p, int q) {
    String java() {
      StringBuilder s = new StringBuilder(c + ".0");
      s.append(" * x".repeat(p)).append(" * y".repeat(q));
      return s.toString();
    }

    double dx(double x, double y) {
      return p == 0 ? 0 : c * p * Math.pow(x, p - 1) * Math.pow(y, q);
    }

    double dy(double x, double y) {
      return q == 0 ? 0 : c * q * Math.pow(x, p) * Math.pow(y, q - 1);
    }
  }

  private static List<Term> poly(Random r) {
    List<Term> terms = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      terms.add(new Term(r.nextInt(7) - 3, r.nextInt(3), r.nextInt(3)));
    }
    return terms;
  }

  private static String java(List<Term> poly) {
    return String.join(" + ", poly.stream().map(Term::java).toList());
  }

  @Test
  void hessiansOfRandomAsymmetricRules() throws ReflectiveOperationException {
    Random r = new Random(7);
    List<List<Term>> a = new ArrayList<>();
    List<List<Term>> b = new ArrayList<>();
    StringBuilder src = new StringBuilder("""
        package dev.leibniz.bugs;

        import dev.leibniz.CustomJvp;
        import dev.leibniz.Differentiable;
        import dev.leibniz.runtime.Dual;

        public final class Skew {
          public record P(double x, double y) {}
        """);
    for (int k = 0; k < RULES; k++) {
      a.add(poly(r));
      b.add(poly(r));
      src.append("""
            @CustomJvp(value = "r%1$dJvp", order = 2)
            public static double r%1$d(double x, double y) { return x * y; }
            public static Dual r%1$dJvp(double x, double y, double xDot, double yDot) {
              return new Dual(r%1$d(x, y), (%2$s) * xDot + (%3$s) * yDot);
            }
            @Differentiable(order = 2)
            public static double g%1$d(double[] v, P p) {
              return r%1$d(v[0] * p.y(), v[1] + p.x()) - 2 * r%1$d(v[1] * v[0], p.x());
            }
          """.formatted(k, java(a.get(k)), java(b.get(k))));
    }
    src.append("}\n");
    TestCompiler.Result compiled = TestCompiler.compileOrFail(Map.of("dev.leibniz.bugs.Skew", src.toString()));
    Class<?> c = compiled.load("dev.leibniz.bugs.Skew");
    Class<?> p = compiled.load("dev.leibniz.bugs.Skew$P");
    for (int k = 0; k < RULES; k++) {
      double x = r.nextDouble() * 2 - 1;
      double y = r.nextDouble() * 2 - 1;
      double[][] expected = {
        {dx(a.get(k), x, y), dy(a.get(k), x, y)},
        {dx(b.get(k), x, y), dy(b.get(k), x, y)},
      };
      Checker rule = Checker.of(c, "r" + k);
      double[][] h = SecondOrderTest.hessian(rule, "r" + k, x, y);
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
          assertClose(expected[i][j], h[i][j], 1e-12, "r" + k + ": H[" + i + "][" + j + "]");
        }
      }
      SecondOrderTest.assertColumnsAreHvps(rule, "r" + k, h, x, y);

      double[] v = {r.nextDouble() - 0.5, r.nextDouble() - 0.5};
      Object[] args = {v, p.getDeclaredConstructor(double.class, double.class).newInstance(r.nextDouble(),
          r.nextDouble() + 0.5)};
      Checker caller = Checker.of(c, "g" + k);
      double[][] hg = SecondOrderTest.hessian(caller, "g" + k, args);
      SecondOrderTest.assertColumnsAreHvps(caller, "g" + k, hg, args);
      FormChecks.assertColumnsAreGradientDifferences(caller, "g" + k, hg, args);
    }
  }

  private static double dx(List<Term> poly, double x, double y) {
    return poly.stream().mapToDouble(t -> t.dx(x, y)).sum();
  }

  private static double dy(List<Term> poly, double x, double y) {
    return poly.stream().mapToDouble(t -> t.dy(x, y)).sum();
  }
}
