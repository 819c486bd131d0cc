package dev.leibniz.runtime;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The generated forms' check that no array a method writes into is reachable twice among its
 * arguments (a matrix and one of its rows, two rows of a matrix, a record's array and another
 * argument): the derivatives give each a tangent and a cotangent of its own, so they would be wrong.
 */
public final class DistinctArrays {
  /** Up to this many arrays, compared pairwise (no allocation of a map). */
  private static final int PAIRWISE = 16;

  private DistinctArrays() {}

  /**
   * Throws when an array some argument may write into is reachable twice.
   *
   * @param method the method's name, for the message
   * @param entries triples: a name ({@code String}), whether the method may write into it
   *     ({@code Boolean}), and an array or a matrix (its rows are the arrays), or null
   * @throws IllegalArgumentException when an array that is written is reachable twice
   */
  public static void check(String method, Object... entries) {
    int n = 0;
    for (int e = 2; e < entries.length; e += 3) {
      n += entries[e] instanceof Object[] rows ? rows.length : 1;
    }
    Object[] arrays = new Object[n];
    int[] entry = new int[n];
    int[] row = new int[n];
    int k = 0;
    for (int e = 0; e + 2 < entries.length; e += 3) {
      if (entries[e + 2] instanceof Object[] rows) {
        for (int r = 0; r < rows.length; r++, k++) {
          arrays[k] = rows[r];
          entry[k] = e;
          row[k] = r;
        }
      } else {
        arrays[k] = entries[e + 2];
        entry[k] = e;
        row[k++] = -1;
      }
    }
    if (n <= PAIRWISE) {
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          if (arrays[i] != null && arrays[i] == arrays[j] && (written(entries, entry[i]) || written(entries, entry[j]))) {
            throw error(method, entries, entry, row, i, j);
          }
        }
      }
      return;
    }
    Map<Object, Integer> first = new IdentityHashMap<>();
    for (int j = 0; j < n; j++) {
      Integer i = arrays[j] == null ? null : first.putIfAbsent(arrays[j], j);
      if (i != null && (written(entries, entry[i]) || written(entries, entry[j]))) {
        throw error(method, entries, entry, row, i, j);
      }
    }
  }

  private static boolean written(Object[] entries, int e) {
    return Boolean.TRUE.equals(entries[e + 1]);
  }

  private static IllegalArgumentException error(String method, Object[] entries, int[] entry, int[] row, int i, int j) {
    String w = (String) entries[written(entries, entry[i]) ? entry[i] : entry[j]];
    return new IllegalArgumentException(method + ": " + name(entries, entry, row, i) + " and " + name(entries, entry, row, j)
        + " are the same array, and " + method + " writes into " + w
        + ": its derivatives would take them for two arrays; pass a copy (.clone())");
  }

  private static String name(Object[] entries, int[] entry, int[] row, int k) {
    return entries[entry[k]] + (row[k] < 0 ? "" : "[" + row[k] + "]");
  }
}
