package dev.leibniz.examples;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/** Prints each result of the tour beside JAX's value from the oracle, with ok or MISMATCH. */
public final class Tour {
  private final Oracle oracle;
  private final PrintStream out;
  private int checks;
  private int mismatches;

  public Tour(Oracle oracle, PrintStream out) {
    this.oracle = oracle;
    this.out = out;
  }

  public Oracle oracle() {
    return oracle;
  }

  public void section(String title) {
    out.println();
    out.println("== " + title + (oracle.x64() ? " (double)" : " (float)"));
  }

  public void note(String text) {
    out.println("   " + text);
  }

  /** Compares {@code actual} with the oracle's {@code key}, a number or a list of numbers. */
  public void check(String key, double... actual) {
    double[] expected = oracle.raw(key).isJsonArray() ? oracle.numbers(key) : new double[] {oracle.number(key)};
    check(key, expected, actual);
  }

  /** Compares {@code actual} with a value known without JAX (the notebook's printout, or math). */
  public void check(String key, double[] expected, double... actual) {
    checks++;
    boolean ok = expected.length == actual.length;
    for (int i = 0; ok && i < expected.length; i++) {
      ok = oracle.matches(expected[i], actual[i]);
    }
    if (!ok) {
      mismatches++;
    }
    out.printf(Locale.ROOT, "   %-38s java %-44s jax %-44s %s%n", key, show(actual), show(expected),
        ok ? "ok" : "MISMATCH");
  }

  private String show(double[] values) {
    if (values.length == 1) {
      return format(values[0]);
    }
    String[] parts = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      parts[i] = format(values[i]);
    }
    return Arrays.toString(parts).replace(" ", "");
  }

  private String format(double v) {
    return oracle.x64() ? Double.toString(v) : Float.toString((float) v);
  }

  public int checks() {
    return checks;
  }

  public int mismatches() {
    return mismatches;
  }
}
