package dev.leibniz.processor.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.Var;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Runs a function's forward and reverse forms, built as the writer builds them, in {@link IrEval}. */
final class Modes {
  private Modes() {}

  /** The forward form of {@code f}, as {@code DerivativesWriter} makes {@code fJvp}. */
  static Function forward(Function f) {
    return Forward.apply(Linearize.apply(f), Ir.table(f));
  }

  /** {@code fJvp(args..., tangents...)}: the value's leaves, then their tangents. */
  static List<Object> jvp(Function f, Object... argsThenTangents) {
    return IrEval.call(forward(f), argsThenTangents);
  }

  /**
   * What a pullback gives: the value's leaves, one gradient per parameter in D, and how many
   * values went through the tape (the backward sweep popped them all).
   */
  record Vjp(List<Object> value, List<Object> gradients, int taped) {}

  /** The reverse-mode sweeps of {@code f}, as {@code ReverseForms} makes them, with the result's cotangent {@code seed}. */
  record Sweeps(Function f, Reverse.Result result, Var seed) {
    Sweeps with(Reverse.Result other) {
      return new Sweeps(f, other, seed);
    }
  }

  static Sweeps reverse(Function f) {
    Var seed = new Var("cotangent", f.resultType());
    List<Expr> seeds = f.resultType().isFloating() ? List.of(seed) : List.of();
    return new Sweeps(f, Reverse.apply(Linearize.apply(f), seeds, Ir.table(f)), seed);
  }

  /** Reverse mode of {@code f} at {@code args}: see {@link #vjp(Sweeps, double, List, Object...)}. */
  static Vjp vjp(Function f, double cotangent, List<Object> arraySeeds, Object... args) {
    return vjp(reverse(f), cotangent, arraySeeds, args);
  }

  /**
   * Runs the sweeps at {@code args}: the result's cotangent is {@code cotangent} (ignored for a
   * {@code void} function), the cotangents of the final contents of the arrays it writes are
   * {@code arraySeeds}. The forward sweep runs, then the backward sweep in the same environment,
   * so they share the tape.
   */
  static Vjp vjp(Sweeps sweeps, double cotangent, List<Object> arraySeeds, Object... args) {
    Reverse.Result r = sweeps.result();
    IrEval eval = new IrEval();
    for (int k = 0; k < args.length; k++) {
      eval.bind(sweeps.f().params().get(k).var(), args[k]);
    }
    if (eval.run(r.forward()) != null) {
      throw new AssertionError("the forward sweep returns");
    }
    IrEval.TapeValue tape = r.tape() == null ? new IrEval.TapeValue() : (IrEval.TapeValue) eval.eval(r.tape());
    int taped = tape.stack.size();
    List<Object> value = r.value().stream().map(eval::eval).toList();
    eval.bind(sweeps.seed(), cotangent);
    for (int k = 0; k < r.arraySeeds().size(); k++) {
      eval.bind(r.arraySeeds().get(k), arraySeeds.get(k));
    }
    if (eval.run(r.backward()) != null) {
      throw new AssertionError("the backward sweep returns");
    }
    if (!tape.stack.isEmpty()) {
      throw new AssertionError("the backward sweep left " + tape.stack + " on the tape");
    }
    return new Vjp(value, r.gradients().stream().map(eval::eval).toList(), taped);
  }

  /** The gradient of a scalar function of doubles (cotangent one). */
  static double[] grad(Function f, Object... args) {
    return vjp(f, 1, List.of(), args).gradients().stream().mapToDouble(g -> (Double) g).toArray();
  }

  /** The value of a scalar function. */
  static double value(Function f, Object... args) {
    return (Double) IrEval.call(f, args).get(0);
  }

  /** The central finite difference of scalar {@code f} at {@code args} along {@code direction} (doubles). */
  static double finiteDifference(Function f, Object[] args, double[] direction) {
    double h = 1e-6;
    return (value(f, shifted(args, direction, h)) - value(f, shifted(args, direction, -h))) / (2 * h);
  }

  private static Object[] shifted(Object[] args, double[] direction, double h) {
    Object[] out = args.clone();
    int d = 0;
    for (int k = 0; k < out.length; k++) {
      if (out[k] instanceof Double x) {
        out[k] = x + h * direction[d++];
      } else if (out[k] instanceof double[] a) {
        double[] b = a.clone();
        for (int j = 0; j < b.length; j++) {
          b[j] += h * direction[d++];
        }
        out[k] = b;
      }
    }
    return out;
  }

  /** Deep copies of {@code args}, so a function writing its arrays leaves the originals. */
  static Object[] copies(Object... args) {
    return Arrays.stream(args).map(a -> a instanceof double[] d ? d.clone() : a).toArray();
  }

  /** {@code args} then {@code tangents}, as a forward form takes them. */
  static Object[] with(Object[] args, Object... tangents) {
    List<Object> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(Arrays.asList(tangents));
    return all.toArray();
  }

  /** {@code <v, J u> = <J^T v, u>} for a scalar function, a random direction u and cotangent v. */
  static void agreesWithForwardMode(Random random, Function f, Object... args) {
    double v = random.nextGaussian();
    Object[] u = new Object[args.length];
    int d = 0;
    for (int k = 0; k < args.length; k++) {
      if (args[k] instanceof Double) {
        u[d++] = random.nextGaussian();
      } else if (args[k] instanceof double[] a) {
        u[d++] = random.doubles(a.length).map(x -> 2 * x - 1).toArray();
      }
    }
    Object[] tangents = Arrays.copyOf(u, d);
    double jvpSide = v * (Double) jvp(f, with(copies(args), tangents)).get(1);
    List<Object> gradients = vjp(f, v, List.of(), copies(args)).gradients();
    double vjpSide = 0;
    for (int k = 0; k < d; k++) {
      vjpSide += tangents[k] instanceof double[] a ? dot((double[]) gradients.get(k), a)
          : (Double) gradients.get(k) * (Double) tangents[k];
    }
    assertEquals(jvpSide, vjpSide, 1e-12 * Math.max(1, Math.abs(jvpSide)));
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
