package dev.leibniz.it;

import static dev.leibniz.it.Spec.d;
import static dev.leibniz.it.Spec.f;
import static dev.leibniz.it.Spec.g;
import static dev.leibniz.it.Spec.i;
import static dev.leibniz.it.Spec.x;

import dev.leibniz.it.Records.Point;
import dev.leibniz.it.Records.Segment;
import dev.leibniz.it.Records.Weighted;
import dev.leibniz.lib.Lib;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The table of fixed annotated methods: domains, smooth regions, kinks, hand-picked points and
 * hand-derived gradients. The closed forms are textbook derivatives, written independently of
 * the processor's rules.
 */
final class FixedFunctions {
  private FixedFunctions() {}

  static List<Spec> all() {
    List<Spec> s = new ArrayList<>();
    mathFunctions(s);
    floats(s);
    controlFlow(s);
    lambdas(s);
    calls(s);
    records(s);
    libraryCalls(s);
    statements(s);
    return s;
  }

  private static void mathFunctions(List<Spec> s) {
    Class<?> c = MathFunctions.class;
    s.add(Spec.of(c, "sin", d(-6, 6)).at(0.3).at(-2.0).exact(a -> g(Math.cos(x(a, 0)))));
    s.add(Spec.of(c, "cos", d(-6, 6)).at(0.3).at(2.5).exact(a -> g(-Math.sin(x(a, 0)))));
    s.add(Spec.of(c, "tan", d(-1.3, 1.3)).at(0.4).at(-1.2)
        .exact(a -> g(1 / (Math.cos(x(a, 0)) * Math.cos(x(a, 0))))));
    s.add(Spec.of(c, "asin", d(-0.9, 0.9)).at(0.5).at(-0.85)
        .exact(a -> g(1 / Math.sqrt(1 - x(a, 0) * x(a, 0)))));
    s.add(Spec.of(c, "acos", d(-0.9, 0.9)).at(0.5).at(-0.85)
        .exact(a -> g(-1 / Math.sqrt(1 - x(a, 0) * x(a, 0)))));
    s.add(Spec.of(c, "atan", d(-10, 10)).at(0.5).at(-4.0).exact(a -> g(1 / (1 + x(a, 0) * x(a, 0)))));
    s.add(Spec.of(c, "sinh", d(-5, 5)).at(0.5).at(-3.0).exact(a -> g(Math.cosh(x(a, 0)))));
    s.add(Spec.of(c, "cosh", d(-5, 5)).at(0.5).at(-3.0).exact(a -> g(Math.sinh(x(a, 0)))));
    s.add(Spec.of(c, "tanh", d(-4, 4)).at(0.5).at(-2.0)
        .exact(a -> g(1 / (Math.cosh(x(a, 0)) * Math.cosh(x(a, 0))))));
    s.add(Spec.of(c, "exp", d(-5, 5)).at(0.5).at(-3.0).exact(a -> g(Math.exp(x(a, 0)))));
    s.add(Spec.of(c, "expm1", d(-5, 5)).at(1e-3).at(2.0).exact(a -> g(Math.exp(x(a, 0)))));
    s.add(Spec.of(c, "log", d(0.1, 50)).at(0.5).at(20.0).exact(a -> g(1 / x(a, 0))));
    s.add(Spec.of(c, "log10", d(0.1, 50)).at(0.5).at(20.0).exact(a -> g(1 / (x(a, 0) * Math.log(10)))));
    s.add(Spec.of(c, "log1p", d(-0.8, 20)).at(-0.5).at(3.0).exact(a -> g(1 / (1 + x(a, 0)))));
    s.add(Spec.of(c, "sqrt", d(0.1, 50)).at(0.25).at(9.0).exact(a -> g(0.5 / Math.sqrt(x(a, 0)))));
    s.add(Spec.of(c, "cbrt", d(-20, 20).filter(v -> Math.abs(v) > 0.2)).at(8.0).at(-0.5)
        .exact(a -> g(1 / (3 * Math.pow(Math.cbrt(x(a, 0)), 2)))));
    s.add(Spec.of(c, "pow", d(0.2, 5), d(-3, 3)).at(2.0, 3.0).at(0.5, -1.5).at(3.0, 0.0)
        .exact(a -> g(x(a, 1) * Math.pow(x(a, 0), x(a, 1) - 1), Math.pow(x(a, 0), x(a, 1)) * Math.log(x(a, 0)))));
    s.add(Spec.of(c, "cube", d(-5, 5)).at(-1.5).at(2.0).exact(a -> g(3 * x(a, 0) * x(a, 0))));
    s.add(Spec.of(c, "hypot", d(-5, 5), d(-5, 5)).where(a -> Math.hypot(x(a, 0), x(a, 1)) > 0.1)
        .at(3.0, 4.0).at(-1.0, 0.5)
        .exact(a -> g(x(a, 0) / Math.hypot(x(a, 0), x(a, 1)), x(a, 1) / Math.hypot(x(a, 0), x(a, 1)))));
    for (String name : new String[] {"atan2", "strictAtan2"}) {
      // the branch cut of atan2(y, x) is the negative x axis
      s.add(Spec.of(c, name, d(-5, 5), d(-5, 5))
          .where(a -> Math.hypot(x(a, 0), x(a, 1)) > 0.1).pieces(FixedFunctions::atan2Piece)
          .at(1.0, 2.0).at(-0.5, -3.0).at(2.0, -1.0)
          .exact(a -> {
            double y = x(a, 0);
            double xx = x(a, 1);
            double r2 = xx * xx + y * y;
            return g(xx / r2, -y / r2);
          }));
    }
    s.add(Spec.of(c, "ieeeRemainder", d(-10, 10), d(-3, 3).filter(v -> Math.abs(v) > 0.5))
        .pieces(a -> Math.rint(x(a, 0) / x(a, 1))).at(7.0, 2.1).at(-5.0, 1.3)
        .exact(a -> g(1, -Math.rint(x(a, 0) / x(a, 1)))));
    s.add(Spec.of(c, "abs", d(-5, 5)).pieces(a -> Math.signum(x(a, 0))).at(-2.0).at(0.7)
        .kink(0.0).exact(a -> g(Math.signum(x(a, 0)))));
    s.add(Spec.of(c, "min", d(-3, 3), d(-3, 3)).pieces(a -> x(a, 0) < x(a, 1))
        .at(1.0, 2.0).at(2.0, 1.0).kink(1.5, 1.5)
        .exact(a -> x(a, 0) < x(a, 1) ? g(1, 0) : g(0, 1)));
    s.add(Spec.of(c, "max", d(-3, 3), d(-3, 3)).pieces(a -> x(a, 0) < x(a, 1))
        .at(1.0, 2.0).at(2.0, 1.0).kink(-0.5, -0.5)
        .exact(a -> x(a, 0) > x(a, 1) ? g(1, 0) : g(0, 1)));
    s.add(Spec.of(c, "copySign", d(-3, 3), d(-3, 3))
        .pieces(a -> List.of(Math.signum(x(a, 0)), Math.signum(x(a, 1))))
        .at(1.5, -2.0).at(-1.5, -2.0).at(-0.5, 1.0).kink(0.0, 1.0)
        .exact(a -> g(Math.signum(x(a, 0)) * Math.signum(x(a, 1)), 0)));
    s.add(Spec.of(c, "fma", d(-3, 3), d(-3, 3), d(-3, 3)).at(1.5, -2.0, 0.25)
        .exact(a -> g(x(a, 1), x(a, 0), 1)));
    s.add(Spec.of(c, "scalb", d(-5, 5), i(-4, 4)).at(1.5, 3).at(-0.7, -2)
        .exact(a -> g(Math.pow(2, (Integer) a[1]))));
    s.add(Spec.of(c, "nextUp", d(-5, 5)).at(1.5).exact(a -> g(Math.nextUp(x(a, 0)) + x(a, 0))));
    s.add(Spec.of(c, "nextDown", d(-5, 5)).at(1.5).exact(a -> g(2)));
    s.add(Spec.of(c, "toRadians", d(-360, 360)).at(90.0).exact(a -> g(Math.PI / 180)));
    s.add(Spec.of(c, "toDegrees", d(-6, 6)).at(1.0).exact(a -> g(180 / Math.PI)));
    s.add(Spec.of(c, "signum", d(-3, 3)).pieces(a -> Math.signum(x(a, 0))).at(-1.5).at(2.0).kink(0.0)
        .exact(a -> g(2 * Math.abs(x(a, 0)))));
    s.add(Spec.of(c, "floor", d(-5, 5)).pieces(a -> Math.floor(x(a, 0))).at(2.5).at(-1.25).kink(2.0)
        .exact(a -> g(Math.floor(x(a, 0)))));
    s.add(Spec.of(c, "ceil", d(-5, 5)).pieces(a -> Math.ceil(x(a, 0))).at(2.5).at(-1.25).kink(-3.0)
        .exact(a -> g(Math.ceil(x(a, 0)))));
    s.add(Spec.of(c, "rint", d(-5, 5)).pieces(a -> Math.rint(x(a, 0))).at(2.25).at(-1.75).kink(0.5)
        .exact(a -> g(Math.rint(x(a, 0)))));
    s.add(Spec.of(c, "ulp", d(0.1, 100)).pieces(a -> Math.ulp(x(a, 0)))
        .at(3.0).at(0.3).kink(4.0).exact(a -> g(1)));
    s.add(Spec.of(c, "strictSin", d(-6, 6)).at(1.0).exact(a -> g(Math.cos(x(a, 0)))));
    s.add(Spec.of(c, "strictExpLog", d(0.1, 5)).at(1.5)
        .exact(a -> g(Math.exp(x(a, 0)) * (Math.log(x(a, 0)) + 1 / x(a, 0)))));
    s.add(Spec.of(c, "strictPow", d(0.2, 5), d(-3, 3)).at(2.0, 0.5)
        .exact(a -> g(x(a, 1) * Math.pow(x(a, 0), x(a, 1) - 1), Math.pow(x(a, 0), x(a, 1)) * Math.log(x(a, 0)))));
    s.add(Spec.of(c, "strictHypotCbrt", d(-5, 5), d(-5, 5).filter(v -> Math.abs(v) > 0.2))
        .where(a -> Math.hypot(x(a, 0), Math.cbrt(x(a, 1))) > 0.1).at(1.0, 8.0)
        .exact(a -> {
          double u = x(a, 0);
          double v = Math.cbrt(x(a, 1));
          double r = Math.hypot(u, v);
          return g(u / r, v / r / (3 * v * v));
        }));
    s.add(Spec.of(c, "composite", d(-1.9, 3), d(-3, 3)).at(0.4, -1.1));
  }

  private static void floats(List<Spec> s) {
    Class<?> c = Floats.class;
    s.add(Spec.of(c, "sin", f(-6, 6)).at(0.3f).exact(a -> g(Math.cos(x(a, 0)))));
    s.add(Spec.of(c, "cos", f(-6, 6)).at(0.3f).exact(a -> g(-Math.sin(x(a, 0)))));
    s.add(Spec.of(c, "tan", f(-1.2f, 1.2f)).at(0.4f).exact(a -> g(1 / Math.pow(Math.cos(x(a, 0)), 2))));
    s.add(Spec.of(c, "asin", f(-0.8f, 0.8f)).at(0.5f).exact(a -> g(1 / Math.sqrt(1 - x(a, 0) * x(a, 0)))));
    s.add(Spec.of(c, "acos", f(-0.8f, 0.8f)).at(0.5f).exact(a -> g(-1 / Math.sqrt(1 - x(a, 0) * x(a, 0)))));
    s.add(Spec.of(c, "atan", f(-10, 10)).at(0.5f).exact(a -> g(1 / (1 + x(a, 0) * x(a, 0)))));
    s.add(Spec.of(c, "sinh", f(-5, 5)).at(0.5f).exact(a -> g(Math.cosh(x(a, 0)))));
    s.add(Spec.of(c, "cosh", f(-5, 5)).at(0.5f).exact(a -> g(Math.sinh(x(a, 0)))));
    s.add(Spec.of(c, "tanh", f(-4, 4)).at(0.5f).exact(a -> g(1 / Math.pow(Math.cosh(x(a, 0)), 2))));
    s.add(Spec.of(c, "exp", f(-5, 5)).at(0.5f).exact(a -> g(Math.exp(x(a, 0)))));
    s.add(Spec.of(c, "expm1", f(-5, 5)).at(0.5f).exact(a -> g(Math.exp(x(a, 0)))));
    s.add(Spec.of(c, "log", f(0.5f, 50)).at(0.5f).exact(a -> g(1 / x(a, 0))));
    s.add(Spec.of(c, "log10", f(0.5f, 50)).at(0.5f).exact(a -> g(1 / (x(a, 0) * Math.log(10)))));
    s.add(Spec.of(c, "log1p", f(-0.5f, 20)).at(0.5f).exact(a -> g(1 / (1 + x(a, 0)))));
    s.add(Spec.of(c, "sqrt", f(0.5f, 50)).at(0.75f).exact(a -> g(0.5 / Math.sqrt(x(a, 0)))));
    s.add(Spec.of(c, "cbrt", f(0.5f, 20)).at(8f).exact(a -> g(1 / (3 * Math.pow(Math.cbrt(x(a, 0)), 2)))));
    s.add(Spec.of(c, "pow", f(0.5f, 4), f(-2, 2)).at(2f, 3f)
        .exact(a -> g(x(a, 1) * Math.pow(x(a, 0), x(a, 1) - 1), Math.pow(x(a, 0), x(a, 1)) * Math.log(x(a, 0)))));
    s.add(Spec.of(c, "hypot", f(-5, 5), f(-5, 5)).where(a -> Math.hypot(x(a, 0), x(a, 1)) > 0.2)
        .at(3f, 4f).exact(a -> g(0.6, 0.8)));
    s.add(Spec.of(c, "atan2", f(-5, 5), f(-5, 5))
        .where(a -> Math.hypot(x(a, 0), x(a, 1)) > 0.2).pieces(FixedFunctions::atan2Piece)
        .at(1f, 2f).exact(a -> g(2 / 5.0, -1 / 5.0)));
    s.add(Spec.of(c, "ieeeRemainder", f(-10, 10), f(0.5f, 3))
        .pieces(a -> Math.rint(x(a, 0) / x(a, 1))).at(7f, 2.3f).exact(a -> g(1, -Math.rint(x(a, 0) / x(a, 1)))));
    s.add(Spec.of(c, "toRadians", f(-360, 360)).at(90f).exact(a -> g(Math.PI / 180)));
    s.add(Spec.of(c, "toDegrees", f(-6, 6)).at(1f).exact(a -> g(180 / Math.PI)));
    s.add(Spec.of(c, "floorCeilRint", f(-5, 5))
        .pieces(a -> List.of(Math.floor(x(a, 0)), Math.rint(x(a, 0)))).at(1.25f).at(-2.75f).kink(2f)
        .exact(a -> g(Math.floor(x(a, 0)) + Math.ceil(x(a, 0)) + Math.rint(x(a, 0)))));
    s.add(Spec.of(c, "abs", f(-5, 5)).pieces(a -> Math.signum(x(a, 0))).at(-2f).kink(0f)
        .exact(a -> g(Math.signum(x(a, 0)))));
    s.add(Spec.of(c, "min", f(-3, 3), f(-3, 3)).pieces(a -> x(a, 0) < x(a, 1))
        .at(1f, 2f).kink(1f, 1f).exact(a -> x(a, 0) < x(a, 1) ? g(1, 0) : g(0, 1)));
    s.add(Spec.of(c, "max", f(-3, 3), f(-3, 3)).pieces(a -> x(a, 0) < x(a, 1))
        .at(1f, 2f).kink(1f, 1f).exact(a -> x(a, 0) > x(a, 1) ? g(1, 0) : g(0, 1)));
    s.add(Spec.of(c, "copySign", f(-3, 3), f(-3, 3)).pieces(a -> List.of(Math.signum(x(a, 0)), Math.signum(x(a, 1))))
        .at(1.5f, -2f).exact(a -> g(Math.signum(x(a, 0)) * Math.signum(x(a, 1)), 0)));
    s.add(Spec.of(c, "fma", f(-3, 3), f(-3, 3), f(-3, 3)).at(1.5f, -2f, 0.25f)
        .exact(a -> g(x(a, 1), x(a, 0), 1)));
    s.add(Spec.of(c, "scalb", f(-5, 5), i(-4, 4)).at(1.5f, 3).exact(a -> g(Math.pow(2, (Integer) a[1]))));
    s.add(Spec.of(c, "nextUpDown", f(-5, 5)).at(1.5f)
        .exact(a -> g(Math.nextUp((float) x(a, 0)) + Math.nextDown((float) x(a, 0)))));
    s.add(Spec.of(c, "signumUlp", f(-5, 5)).pieces(a -> Math.signum(x(a, 0))).at(-1.5f).kink(0f)
        .exact(a -> g(Math.signum(x(a, 0)))));
    s.add(Spec.of(c, "arithmetic", f(-3, 3), f(0.5f, 2))
        .pieces(a -> (int) ((float) (x(a, 0) + 3) / (float) x(a, 1))).at(0.7f, 1.3f));
    s.add(Spec.of(c, "narrowed", f(-3, 3)).at(0.5f).exact(a -> g(Math.exp(x(a, 0)) * 1.5 + 1)));
    s.add(Spec.of(c, "widened", f(-5, 5)).at(0.5f).exact(a -> g(2 * x(a, 0) + 1)));
    s.add(Spec.of(c, "mixed", d(-3, 3), f(-3, 3)).at(0.5, 2f));
  }

  private static void lambdas(List<Spec> s) {
    Class<?> c = Lambdas.class;
    s.add(Spec.of(c, "captured", d(-3, 3), d(-3, 3)).at(1.0, 2.0).at(-0.5, 0.7)
        .exact(a -> g(1 + 3 * x(a, 1) * x(a, 1), 6 * x(a, 0) * x(a, 1))));
    s.add(Spec.of(c, "appliedInLoop", d(-2, 2), d(-2, 2)).at(0.3, 0.7).at(-1.1, 0.4));
    s.add(Spec.of(c, "aliased", d(-3, 3), d(-3, 3)).at(1.5, 0.7).at(-0.4, 2.0)
        .exact(a -> g(0.5 * x(a, 1) + 2 * x(a, 0), 0.5 * x(a, 0))));
    s.add(Spec.of(c, "heldInArray", d(-3, 3), d(-3, 3)).at(1.5, 0.7).at(-0.4, 2.0)
        .exact(a -> g(2 * x(a, 0), 3 * x(a, 1) * x(a, 1))));
    s.add(Spec.of(c, "fromFields", d(-3, 3), d(-3, 3)).at(0.3, 0.7)
        .exact(a -> g(2 * x(a, 0) + x(a, 1), x(a, 0))));
  }

  private static void controlFlow(List<Spec> s) {
    Class<?> c = ControlFlow.class;
    s.add(Spec.of(c, "capped", d(-2, 2), d(-2, 2))
        .pieces(a -> Math.hypot(x(a, 0), x(a, 1)) > 0.5)
        .at(0.0, 0.0).at(0.1, -0.2).at(1.0, 2.0)
        .exact(a -> {
          double r = Math.hypot(x(a, 0), x(a, 1));
          return r > 0.5 ? g(x(a, 0) / r, x(a, 1) / r) : g(0, 0);
        }));
    s.add(Spec.of(c, "usedInLoop", d(0.1, 3), i(0, 3)).at(0.0, 0).at(0.5, 0).at(0.5, 3)
        .exact(a -> (Integer) a[1] == 0 ? g(0) : g((Integer) a[1] * ((Integer) a[1] - 1) / 2.0 / x(a, 0))));
    s.add(Spec.of(c, "forHeaderUpdate", d(-3, 3)).at(2.0).at(-0.7).exact(a -> g(3 * x(a, 0) * x(a, 0))));
    s.add(Spec.of(c, "forHeaderUpdates", d(-2, 2), d(-2, 2)).at(2.0, 3.0).at(-0.7, 0.2));
    s.add(Spec.of(c, "arithmetic", d(-3, 3), d(0.5, 2.5)).pieces(a -> (int) (x(a, 0) / x(a, 1)))
        .at(2.5, 0.7).at(-1.2, 2.0).kink(2.0, 1.0));
    s.add(Spec.of(c, "intCasts", d(-3, 3), i(-3, 5)).at(0.5, 3).at(-1.5, -2)
        .exact(a -> {
          int m = (Integer) a[1] * 3 - 1;
          return g((double) m / 2 + 2 * m * x(a, 0) + (Integer) a[1] % 2);
        }));
    s.add(Spec.of(c, "compound", d(-3, 3), d(-3, 3)).pieces(a -> {
      double x = x(a, 0);
      double y = x(a, 1);
      // s %= 3.0 jumps where the truncated quotient changes
      return (int) (((x + y) * x - 0.5 * y) / (1 + y * y) / 3);
    }).at(2.5, 0.1).at(0.4, -0.7));
    s.add(Spec.of(c, "reassignParams", d(-2, 2), d(-2, 2)).at(0.3, 1.2).at(-1.0, 0.5));
    s.add(Spec.of(c, "conditional", d(-2, 2), d(-2, 2)).pieces(a -> {
      double x = x(a, 0);
      double y = x(a, 1);
      double first = x > y ? x * x : y * Math.sin(x);
      return List.of(x > y, first > 1, x < 0);
    }).at(1.5, 0.5).at(-1.5, 0.5).at(0.5, 1.5).at(-1.2, -1.5).kink(0.5, 0.5));
    s.add(Spec.of(c, "piecewise", d(-3, 3))
        .pieces(a -> x(a, 0) < -1 ? 0 : x(a, 0) < 0 ? 1 : x(a, 0) < 2 ? 2 : 3)
        .at(-2.0).at(-0.5).at(1.0).at(2.5).kink(-1.0).kink(0.0).kink(2.0)
        .exact(a -> {
          double x = x(a, 0);
          return g(x < -1 ? -2 * x : x < 0 ? Math.cos(x) : x < 2 ? Math.exp(x) : 3 * x * x);
        }));
    s.add(Spec.of(c, "manyReturns", d(-3, 3), d(-3, 3))
        .pieces(a -> List.of(x(a, 0) > 0, x(a, 1) > 0, x(a, 1) > 1))
        .at(1.0, 2.0).at(1.0, -2.0).at(-1.0, 2.0).at(-1.0, 0.5).kink(0.0, 0.0).kink(-1.0, 1.0)
        .exact(a -> {
          double x = x(a, 0);
          double y = x(a, 1);
          if (x > 0) {
            return y > 0 ? g(y, x) : g(1, -2 * y);
          }
          return y > 1 ? g(Math.exp(x) * y, Math.exp(x)) : g(-Math.sin(x + y), -Math.sin(x + y));
        }));
    s.add(Spec.of(c, "forBreakContinue", d(-3, 3)).at(0.4).at(-1.1));
    s.add(Spec.of(c, "whileLoop", d(0.5, 12)).pieces(a -> whileTrips(x(a, 0))).at(0.9).at(5.0).at(11.0));
    s.add(Spec.of(c, "doLoop", d(-2, 2), d(-2, 2)).at(0.7, -0.3)
        .exact(a -> {
          double x = x(a, 0);
          double y = x(a, 1);
          // p = x^4 + y (x^3 + x^2 + x + 1)
          return g(4 * x * x * x + y * (3 * x * x + 2 * x + 1), x * x * x + x * x + x + 1);
        }));
    s.add(Spec.of(c, "enhancedFor", d(-3, 3), d(-3, 3)).at(0.6, -1.4));
    s.add(Spec.of(c, "localArray", d(-2, 2)).at(0.8).at(-1.3));
    Arbitrary<double[]> arrays = Arbitraries.doubles().between(-3, 3).array(double[].class).ofMinSize(1).ofMaxSize(5);
    s.add(Spec.of(c, "arrayParam", arrays).at((Object) new double[] {1.0, -2.0, 0.5})
        .exact(a -> {
          double[] xs = (double[]) a[0];
          double[] out = new double[xs.length];
          for (int k = 0; k < xs.length; k++) {
            out[k] = 2 * (k + 1) * xs[k];
          }
          return out;
        }));
  }

  private static void statements(List<Spec> s) {
    Class<?> c = Statements.class;
    s.add(Spec.of(c, "switchArrow", d(-2, 2), i(-2, 5)).at(0.7, 1).at(0.7, 2).at(-0.4, 3).at(0.7, 4).at(0.7, -1)
        .exact(a -> {
          double x = x(a, 0);
          int n = (Integer) a[1];
          double last = n % 2 == 0 ? 0 : 1;
          return g((n == 1 || n == 2 ? 2 * x : n == 3 ? Math.sin(x) + x * Math.cos(x) : 2) + last);
        }));
    s.add(Spec.of(c, "switchColon", d(-2, 2), i(-1, 5)).pieces(a -> List.of(x(a, 0) > 0, a[1]))
        .at(0.7, 0).at(0.7, 1).at(0.7, 2).at(-0.7, 2).at(0.7, 3).at(-0.7, 3).at(0.7, 4).kink(0.0, 2)
        .exact(a -> {
          double x = x(a, 0);
          double e = Math.exp(x);
          return g(switch ((Integer) a[1]) {
            case 0 -> 4 * x;
            case 1 -> 2 * x;
            case 2 -> x > 0 ? (1 + x) * e : 0;
            case 4 -> -Math.sin(x);
            default -> x > 0 ? (1 + 6 * x) * e + (x + 3 * x * x) * e : 6 * x;
          });
        }));
    s.add(Spec.of(c, "switchEnumString", d(-2, 2), i(0, 3)).at(0.7, 0).at(0.7, 1).at(0.7, 2).at(0.7, 3)
        .exact(a -> {
          double x = x(a, 0);
          return g(switch ((Integer) a[1]) {
            case 0 -> 18 * x;
            case 1 -> 3 * x * x;
            case 2 -> Math.sin(x) + x * Math.cos(x);
            default -> 3;
          });
        }));
    s.add(Spec.of(c, "switchInLoop", d(-2, 2), i(0, 8)).pieces(FixedFunctions::switchInLoopBranches)
        .at(0.7, 0).at(0.7, 4).at(0.7, 8).at(-1.3, 8).at(1.9, 7));
    s.add(Spec.of(c, "halve", d(-3, 3)).at(0.7).exact(a -> g(0.5 + 0.01 * Math.cos(x(a, 0)))));
    s.add(Spec.of(c, "assignInCondition", d(0.01, 3), d(0.01, 0.5))
        .pieces(a -> Statements.conditionTrips(x(a, 0), x(a, 1))).at(0.7, 0.05).at(2.5, 0.3).at(0.01, 0.1));
    s.add(Spec.of(c, "doAssignInCondition", d(-2, 2)).at(0.7).at(-1.2).exact(a -> g(3 * x(a, 0) * x(a, 0))));
    Arbitrary<double[]> arrays = Arbitraries.doubles().between(-3, 3).array(double[].class).ofMinSize(1).ofMaxSize(4);
    s.add(Spec.of(c, "sideEffects", d(-1.5, 1.5), arrays).at(0.7, (Object) new double[] {1.0, -2.0, 0.5})
        .exact(a -> {
          double x = x(a, 0);
          double[] xs = (double[]) a[1];
          double sum = 0;
          for (double v : xs) {
            sum += v;
          }
          double total = x * sum + 17 * x * x + 10 * x + 8; // well below the cap of 100 on this domain
          double[] grad = new double[1 + xs.length];
          grad[0] = total + x * (sum + 34 * x + 10);
          for (int k = 0; k < xs.length; k++) {
            grad[1 + k] = x * x;
          }
          return grad;
        }));
  }

  /** The branches {@link Statements#switchInLoop} takes on {@code s}: its value jumps where they change. */
  static List<Boolean> switchInLoopBranches(Object[] a) {
    double x = x(a, 0);
    List<Boolean> taken = new ArrayList<>();
    double s = 0;
    for (int i = 0; i < (Integer) a[1]; i++) {
      if (i % 3 == 0) {
        if (i == 3) {
          continue;
        }
        s += x;
      } else if (i % 3 == 1) {
        s += x * x;
        taken.add(s > 2);
        if (s <= 2) {
          s += 0.5 * x;
        }
      } else {
        s *= 1.5;
      }
      if (i % 2 == 0) {
        s += 0.1 * x;
      } else {
        taken.add(s > 1);
        s += s > 1 ? -0.2 * x : 0.3 * x * x;
      }
    }
    return taken;
  }

  /** atan2(y, x) jumps by 2 pi across the negative x axis. */
  static int atan2Piece(Object[] a) {
    return x(a, 1) < 0 ? (int) Math.signum(x(a, 0)) : 0;
  }

  /** The trip count of {@link ControlFlow#whileLoop}: its value jumps where this changes. */
  static int whileTrips(double x) {
    double y = x;
    int n = 0;
    while (y < 10) {
      y = y * 1.3 + 0.1 * x;
      n++;
    }
    return n;
  }

  private static void calls(List<Spec> s) {
    Class<?> c = Calls.class;
    s.add(Spec.of(c, "square", d(-5, 5)).at(1.5).exact(a -> g(2 * x(a, 0))));
    s.add(Spec.of(c, "sumSquares", d(-5, 5), d(-5, 5)).at(1.5, -2.0).exact(a -> g(2 * x(a, 0), 2 * x(a, 1))));
    s.add(Spec.of(c, "chain", d(-2, 2), d(-2, 2)).at(0.5, 1.5).at(-1.0, 0.2)
        .exact(a -> {
          double x = x(a, 0);
          double y = x(a, 1);
          double u = x * x + y * y - 1;
          double sp = Math.log1p(Math.exp(u));
          double sig = 1 / (1 + Math.exp(-u));
          double sc = 3 * x * x * x;
          return g(sig * 2 * x * sc + sp * 9 * x * x, sig * 2 * y * sc);
        }));
    s.add(Spec.of(c, "callInLoop", d(-3, 3)).at(0.5).at(-2.0));
    s.add(Spec.of(c, "passive", d(-3, 3), i(0, 6)).at(0.5, 4)
        .exact(a -> {
          int n = (Integer) a[1];
          return g(n * (n + 1) / 2 + 7 + Integer.bitCount(n) + Math.cos(x(a, 0)) * Math.max(n, 2));
        }));
    // stopGradient: the derivative is deliberately not the primal's, so only closed forms apply
    s.add(Spec.of(c, "stopped", d(-3, 3)).noFiniteDifferences().at(1.5).at(-0.5)
        .exact(a -> g(x(a, 0) * x(a, 0))));
    s.add(Spec.of(c, "stoppedMix", d(-3, 3), d(-3, 3)).noFiniteDifferences().at(0.7, 1.3)
        .exact(a -> g(Math.cos(x(a, 0)) * x(a, 1) + x(a, 1), Math.sin(x(a, 0)))));
    s.add(Spec.of(c, "callWithInt", d(-3, 3)).at(0.5)
        .exact(a -> g(12 * x(a, 0) * x(a, 0) + 3 * Math.pow(Math.cos(x(a, 0)), 2) * Math.sin(x(a, 0)))));
    Class<?> h = Helpers.class;
    s.add(Spec.of(h, "softplus", d(-10, 10)).at(0.5).at(-4.0).exact(a -> g(1 / (1 + Math.exp(-x(a, 0))))));
    s.add(Spec.of(h, "scaled", d(-3, 3), i(-3, 3)).at(0.5, 2).exact(a -> g(3 * (Integer) a[1] * x(a, 0) * x(a, 0))));
  }

  private static void records(List<Spec> s) {
    Class<?> c = Records.class;
    Arbitrary<Point> points = Combinators.combine(d(-3, 3), d(-3, 3)).as(Point::new);
    Arbitrary<Segment> segments = Combinators.combine(points, points).as(Segment::new);
    s.add(Spec.of(c, "norm", points.filter(p -> Math.hypot(p.x(), p.y()) > 0.1)).at(new Point(3, 4))
        .exact(a -> g(0.6, 0.8)));
    s.add(Spec.of(c, "rotate", points, d(-4, 4)).at(new Point(1, 2), 0.5));
    s.add(Spec.of(c, "length", segments.filter(g -> Math.hypot(g.to().x() - g.from().x(), g.to().y() - g.from().y()) > 0.1))
        .at(new Segment(new Point(1, 1), new Point(4, 5)))
        .exact(a -> g(-0.6, -0.8, 0.6, 0.8)));
    s.add(Spec.of(c, "rotatedNorm", d(-3, 3), d(-3, 3), d(-4, 4)).where(a -> Math.hypot(x(a, 0), x(a, 1)) > 0.1)
        .at(1.0, 2.0, 0.3));
    s.add(Spec.of(c, "stretch", segments, d(-2, 2)).at(new Segment(new Point(1, 1), new Point(4, 5)), 1.5));
    s.add(Spec.of(c, "mean", Combinators.combine(d(-3, 3), i(1, 5)).as(Weighted::new), d(-3, 3))
        .at(new Weighted(2.0, 4), 1.5).exact(a -> {
          Weighted w = (Weighted) a[0];
          return g(x(a, 1) / w.count(), w.value() / w.count());
        }));
    s.add(Spec.of(c, "orbit", points, d(-1, 1)).at(new Point(1, 0.5), 0.2));
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  private static void libraryCalls(List<Spec> s) {
    Class<?> c = LibraryCalls.class;
    // softplus is smooth, but its body's abs and max have kinks at 0, where AD follows JAX's
    // conventions (abs' = 1, max splits ties) and need not match the slope
    s.add(Spec.of(c, "softplusSum", d(-3, 3), d(-3, 3)).at(0.5, -1.5).at(-2.0, 0.3)
        .pieces(a -> List.of(Math.signum(x(a, 0)), Math.signum(x(a, 0) * x(a, 1)))).kink(0.0, 0.0)
        .exact(a -> {
          double x = x(a, 0);
          double y = x(a, 1);
          return g(sigmoid(x) + sigmoid(x * y) * y, sigmoid(x * y) * x);
        }));
    s.add(Spec.of(c, "scaledNorm", d(-2, 2), d(-2, 2)).at(0.5, -1.5).at(1.2, 0.3)
        .exact(a -> {
          double x = x(a, 0);
          double y = x(a, 1);
          return g(2 * x * y * y + 4 * x * x * x * y * y + 1, 2 * x * x * y + 2 * x * x * x * x * y);
        }));
    s.add(Spec.of(c, "twiceLog1pexp", d(-20, 20)).at(0.5).at(-3.0).exact(a -> g(2 * sigmoid(x(a, 0)))));
    s.add(Spec.of(c, "productOfSines", d(-3, 3), d(-3, 3)).at(0.5, 1.2)
        .exact(a -> g(Math.cos(x(a, 0)) * Math.sin(x(a, 1)) + 3, Math.sin(x(a, 0)) * Math.cos(x(a, 1)))));
    // the rule clips the cotangent: a derivative of nothing finite differences could see
    s.add(Spec.of(c, "clippedSin", d(-2, 2)).noFiniteDifferences().nonlinearPullback().at(0.1).at(0.5).at(-0.9)
        .exact(a -> g(3 * Math.max(-0.5, Math.min(0.5, Math.cos(3 * x(a, 0)))))));
    s.add(Spec.of(c, "projected", d(-3, 3), d(-3, 3)).at(0.7, -1.3)
        .exact(a -> g(2 * x(a, 0) + x(a, 1) * x(a, 1), 2 * x(a, 0) * x(a, 1))));
    Arbitrary<Lib.Vec> vecs = Combinators.combine(d(-3, 3), d(-3, 3)).as(Lib.Vec::new);
    s.add(Spec.of(c, "rescaled", vecs, d(-2, 2)).at(new Lib.Vec(1.5, -0.5), 0.8));
    s.add(Spec.of(c, "hornerTwice", d(-3, 3)).at(0.4).exact(a -> g(6 * x(a, 0) + 4)));
    // the library's overloads of norm2
    s.add(Spec.of(c, "libraryOverloads", d(-2, 2), d(-2, 2)).at(0.8, -1.3)
        .exact(a -> {
          double x = x(a, 0);
          double y = x(a, 1);
          return g(4 * x + 2 * x * y * y, 4 * y + 2 * x * x * y);
        }));
    s.add(Spec.of(c, "libraryOverloadSecondOrder", d(-2, 2), d(-2, 2)).at(0.8, -1.3)
        .exact(a -> g(2 * x(a, 0) * x(a, 1) * x(a, 1) + 2 * x(a, 0), 2 * x(a, 0) * x(a, 0) * x(a, 1))));
  }
}
