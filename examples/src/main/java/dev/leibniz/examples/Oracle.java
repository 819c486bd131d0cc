package dev.leibniz.examples;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** JAX 0.11.2's own answers for the seed notebook, in float32 or float64 (resources {@code oracle/}). */
public final class Oracle {
  private final JsonObject values;
  private final boolean x64;

  private Oracle(JsonObject values, boolean x64) {
    this.values = values;
    this.x64 = x64;
  }

  /** The float64 answers ({@code jax_enable_x64}). */
  public static Oracle f64() {
    return load("oracle/seed-f64.json", true);
  }

  /** The float32 answers (JAX's default). */
  public static Oracle f32() {
    return load("oracle/seed-f32.json", false);
  }

  private static Oracle load(String resource, boolean x64) {
    try (InputStream in = Oracle.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      JsonObject root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
      return new Oracle(root.getAsJsonObject("values"), x64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean x64() {
    return x64;
  }

  /** The relative tolerance for comparing with this oracle: Java's Math and XLA differ in the last bits. */
  public double tolerance() {
    return x64 ? 1e-10 : 1e-5;
  }

  public JsonElement raw(String key) {
    JsonElement e = values.get(key);
    if (e == null) {
      throw new IllegalArgumentException("no oracle value " + key);
    }
    return e;
  }

  /** A number; {@code "nan"}, {@code "inf"} and {@code "-inf"} as their doubles. */
  public double number(String key) {
    return number(raw(key));
  }

  /** A list of numbers. */
  public double[] numbers(String key) {
    List<Double> out = new ArrayList<>();
    for (JsonElement e : raw(key).getAsJsonArray()) {
      out.add(number(e));
    }
    double[] a = new double[out.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = out.get(i);
    }
    return a;
  }

  static double number(JsonElement e) {
    if (e.getAsJsonPrimitive().isString()) {
      return switch (e.getAsString()) {
        case "nan" -> Double.NaN;
        case "inf" -> Double.POSITIVE_INFINITY;
        case "-inf" -> Double.NEGATIVE_INFINITY;
        default -> throw new IllegalArgumentException(e.getAsString());
      };
    }
    return e.getAsDouble();
  }

  /** Whether {@code actual} matches {@code expected} within this oracle's tolerance; NaN matches NaN. */
  public boolean matches(double expected, double actual) {
    if (Double.isNaN(expected) || Double.isNaN(actual)) {
      return Double.isNaN(expected) && Double.isNaN(actual);
    }
    if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
      return expected == actual;
    }
    return Math.abs(expected - actual) <= tolerance() * Math.max(1.0, Math.abs(expected));
  }
}
