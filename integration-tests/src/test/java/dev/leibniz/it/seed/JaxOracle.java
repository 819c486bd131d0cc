package dev.leibniz.it.seed;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * JAX 0.11.2's answers for the seed notebook (test resources {@code oracle/}, copied from the shared
 * oracle), and assertions against them: relative 1e-10 for float64, 1e-5 for float32 (Java's Math
 * and XLA differ in the last bits); {@code "nan"} matches only NaN.
 */
final class JaxOracle {
  private final JsonObject values;
  private final double tolerance;
  private final String name;

  private JaxOracle(String resource, double tolerance) {
    this.name = resource;
    this.tolerance = tolerance;
    try (InputStream in = JaxOracle.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      this.values = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .getAsJsonObject().getAsJsonObject("values");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JaxOracle f64() {
    return new JaxOracle("oracle/seed-f64.json", 1e-10);
  }

  static JaxOracle f32() {
    return new JaxOracle("oracle/seed-f32.json", 1e-5);
  }

  JsonElement raw(String key) {
    JsonElement e = values.get(key);
    if (e == null) {
      throw new IllegalArgumentException("no oracle value " + key + " in " + name);
    }
    return e;
  }

  /** The oracle's value for {@code key}: a number, or a (nested) list flattened in order; dicts by key order. */
  double[] numbers(String key) {
    List<Double> out = new ArrayList<>();
    flatten(raw(key), out);
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static void flatten(JsonElement e, List<Double> out) {
    if (e.isJsonArray()) {
      e.getAsJsonArray().forEach(x -> flatten(x, out));
    } else if (e.isJsonObject()) {
      e.getAsJsonObject().entrySet().forEach(x -> flatten(x.getValue(), out));
    } else if (e.getAsJsonPrimitive().isString()) {
      out.add(switch (e.getAsString()) {
        case "nan" -> Double.NaN;
        case "inf" -> Double.POSITIVE_INFINITY;
        case "-inf" -> Double.NEGATIVE_INFINITY;
        default -> throw new IllegalArgumentException("not a number: " + e);
      });
    } else {
      out.add(e.getAsDouble());
    }
  }

  /** Asserts {@code actual} matches the oracle's {@code key} element by element. */
  void check(String key, double... actual) {
    check(key, numbers(key), actual);
  }

  /** Asserts {@code actual} matches {@code expected} (computed without JAX) with this oracle's tolerance. */
  void check(String what, double[] expected, double... actual) {
    String message = what + ": expected " + Arrays.toString(expected) + " but was " + Arrays.toString(actual);
    if (expected.length != actual.length) {
      fail(message);
    }
    for (int i = 0; i < expected.length; i++) {
      assertTrue(matches(expected[i], actual[i]), message);
    }
  }

  boolean matches(double expected, double actual) {
    if (Double.isNaN(expected) || Double.isNaN(actual)) {
      return Double.isNaN(expected) && Double.isNaN(actual);
    }
    if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
      return expected == actual;
    }
    return Math.abs(expected - actual) <= tolerance * Math.max(1.0, Math.abs(expected));
  }

  /** {@code jnp.linspace(lo, hi, n)}: the last point exactly {@code hi}. */
  static double[] linspace(double lo, double hi, int n) {
    double[] out = new double[n];
    double step = (hi - lo) / (n - 1);
    for (int i = 0; i < n; i++) {
      out[i] = i == n - 1 ? hi : lo + i * step;
    }
    return out;
  }

  /** The indices of {@code t} that the oracle samples in the clipping example. */
  static final int[] CLIP_SAMPLES = {0, 1, 100, 150, 250, 314, 500, 628, 700, 999};
}
