package dev.leibniz.runtime;

import java.lang.reflect.Array;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * What the VJP object of a {@code @CustomVjp} method keeps of its forward rule's residuals: the
 * caller may write into its arguments' arrays before it calls the pullback, and the backward rule
 * must see them as they were (SPEC §5a; in JAX residuals cannot change). An array of the residuals
 * that is one of the arguments' arrays (the argument itself, a row of a matrix, a record's array) is
 * copied; arrays the forward rule made are kept as they are.
 */
public final class Residuals {
  /** Arrays of arguments the generated code cannot see into: every array of the residuals is copied. */
  public static final Residuals ALL = new Residuals(null);

  /** The arguments' arrays, rows of matrices included; null for {@link #ALL}. */
  private final Set<Object> arguments;

  private Residuals(Set<Object> arguments) {
    this.arguments = arguments;
  }

  /**
   * The arrays reachable from a call's arguments.
   *
   * @param arguments the arguments' arrays and matrices (a matrix's rows are reachable too), or null
   * @return them, for {@link #kept}
   */
  public static Residuals of(Object... arguments) {
    Set<Object> reachable = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Object a : arguments) {
      add(reachable, a);
    }
    return new Residuals(reachable);
  }

  private static void add(Set<Object> reachable, Object a) {
    if (a != null && a.getClass().isArray() && reachable.add(a) && a instanceof Object[] rows) {
      for (Object row : rows) {
        add(reachable, row);
      }
    }
  }

  /**
   * {@code residual} with copies of the arguments' arrays in it (all arrays, for {@link #ALL}).
   *
   * @param <T> the residual's type
   * @param residual an array, a matrix, or another value (kept as it is), or null
   * @return {@code residual} when it holds no argument's array, else a copy sharing none of them
   */
  @SuppressWarnings("unchecked")
  public <T> T kept(T residual) {
    return (T) detached(residual);
  }

  private Object detached(Object r) {
    if (r == null || !r.getClass().isArray()) {
      return r;
    }
    if (arguments == null || arguments.contains(r)) {
      return copy(r);
    }
    if (!(r instanceof Object[] rows)) {
      return r;
    }
    Object[] out = null;
    for (int i = 0; i < rows.length; i++) {
      Object row = detached(rows[i]);
      if (row != rows[i]) {
        out = out == null ? rows.clone() : out;
        out[i] = row;
      }
    }
    return out == null ? r : out;
  }

  /** A copy of array {@code a} whose arrays (a matrix's rows) are copies too. */
  private static Object copy(Object a) {
    if (!(a instanceof Object[] rows)) {
      int n = Array.getLength(a);
      Object out = Array.newInstance(a.getClass().getComponentType(), n);
      System.arraycopy(a, 0, out, 0, n);
      return out;
    }
    Object[] out = rows.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] != null && out[i].getClass().isArray()) {
        out[i] = copy(out[i]);
      }
    }
    return out;
  }
}
