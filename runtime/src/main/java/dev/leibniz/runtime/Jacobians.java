package dev.leibniz.runtime;

import java.util.function.IntFunction;

/**
 * What the generated {@code mJacobian}, {@code mHessian} and {@code mHvp} forms are built from: a
 * value's leaves flattened into one row or column ({@link Flat}) and back ({@link Unflat}), the unit
 * tangents and cotangents the columns and rows are computed along ({@link Unit}), and the matrix
 * assembled from them.
 *
 * <p>Leaves are flattened in one order everywhere (SPEC §5): parameters and record components in
 * declaration order, a {@code double}/{@code float} as one leaf, an array element by element, a
 * {@code double[][]} row after row. Non-differentiable components have no leaves.
 */
public final class Jacobians {
  private Jacobians() {}

  /**
   * The number of leaves of an array ({@code null}: none, as for an array the result does not read).
   *
   * @param a the array
   * @return its length, 0 for {@code null}
   */
  public static int size(double[] a) {
    return a == null ? 0 : a.length;
  }

  /**
   * The number of leaves of an array ({@code null}: none).
   *
   * @param a the array
   * @return its length, 0 for {@code null}
   */
  public static int size(float[] a) {
    return a == null ? 0 : a.length;
  }

  /**
   * The number of leaves of a matrix: its rows' lengths summed, ragged rows included.
   *
   * @param a the matrix
   * @return its number of entries, 0 for {@code null}
   */
  public static int size(double[][] a) {
    int n = 0;
    if (a != null) {
      for (double[] row : a) {
        n += size(row);
      }
    }
    return n;
  }

  /**
   * The number of leaves of a matrix: its rows' lengths summed, ragged rows included.
   *
   * @param a the matrix
   * @return its number of entries, 0 for {@code null}
   */
  public static int size(float[][] a) {
    int n = 0;
    if (a != null) {
      for (float[] row : a) {
        n += size(row);
      }
    }
    return n;
  }

  /**
   * The {@code rows x columns} matrix whose row {@code i} is {@code row.apply(i)} (one pullback per
   * row: JAX's {@code jacrev}).
   *
   * @param rows the number of rows
   * @param columns the number of columns
   * @param row row {@code i}, given {@code i}
   * @return the matrix
   * @throws IllegalStateException if a row does not have {@code columns} entries
   */
  public static double[][] byRows(int rows, int columns, IntFunction<double[]> row) {
    double[][] jacobian = new double[rows][];
    for (int i = 0; i < rows; i++) {
      jacobian[i] = checked(row.apply(i), columns);
    }
    return jacobian;
  }

  /**
   * The {@code rows x columns} matrix whose column {@code j} is {@code column.apply(j)} (one jvp
   * per column: JAX's {@code jacfwd}).
   *
   * @param rows the number of rows
   * @param columns the number of columns
   * @param column column {@code j}, given {@code j}
   * @return the matrix
   * @throws IllegalStateException if a column does not have {@code rows} entries
   */
  public static double[][] byColumns(int rows, int columns, IntFunction<double[]> column) {
    double[][] jacobian = new double[rows][columns];
    for (int j = 0; j < columns; j++) {
      double[] c = checked(column.apply(j), rows);
      for (int i = 0; i < rows; i++) {
        jacobian[i][j] = c[i];
      }
    }
    return jacobian;
  }

  private static double[] checked(double[] line, int length) {
    if (line.length != length) {
      throw new IllegalStateException("a Jacobian line has " + line.length + " entries, expected " + length);
    }
    return line;
  }

  /**
   * Leaves written one after the other into a {@code double[]} of the length given: a gradient
   * flattened into a row, or a tangent into a column. An array leaf is given with the primal array
   * whose shape it has, so that a {@code null} (zero) cotangent still takes its place.
   */
  public static final class Flat {
    private final double[] values;
    private int next;

    /**
     * An empty row or column.
     *
     * @param length the number of leaves it will hold
     */
    public Flat(int length) {
      values = new double[length];
    }

    /**
     * Appends a scalar leaf.
     *
     * @param leaf the leaf
     * @return this
     */
    public Flat add(double leaf) {
      values[next++] = leaf;
      return this;
    }

    /**
     * Appends an array's leaves.
     *
     * @param leaf the array ({@code null}: zeros)
     * @param shape the primal array it has the shape of
     * @return this
     */
    public Flat add(double[] leaf, double[] shape) {
      int n = size(shape);
      if (leaf != null) {
        System.arraycopy(leaf, 0, values, next, n);
      }
      next += n;
      return this;
    }

    /**
     * Appends an array's leaves.
     *
     * @param leaf the array ({@code null}: zeros)
     * @param shape the primal array it has the shape of
     * @return this
     */
    public Flat add(float[] leaf, float[] shape) {
      int n = size(shape);
      for (int k = 0; leaf != null && k < n; k++) {
        values[next + k] = leaf[k];
      }
      next += n;
      return this;
    }

    /**
     * Appends a matrix's leaves, row after row.
     *
     * @param leaf the matrix ({@code null}: zeros)
     * @param shape the primal matrix it has the shape of
     * @return this
     */
    public Flat add(double[][] leaf, double[][] shape) {
      for (int r = 0; shape != null && r < shape.length; r++) {
        add(leaf == null ? null : leaf[r], shape[r]);
      }
      return this;
    }

    /**
     * Appends a matrix's leaves, row after row.
     *
     * @param leaf the matrix ({@code null}: zeros)
     * @param shape the primal matrix it has the shape of
     * @return this
     */
    public Flat add(float[][] leaf, float[][] shape) {
      for (int r = 0; shape != null && r < shape.length; r++) {
        add(leaf == null ? null : leaf[r], shape[r]);
      }
      return this;
    }

    /**
     * The flattened leaves.
     *
     * @return the row or column
     * @throws IllegalStateException if fewer leaves were added than the length given
     */
    public double[] values() {
      if (next != values.length) {
        throw new IllegalStateException(next + " leaves flattened, expected " + values.length);
      }
      return values;
    }
  }

  /**
   * Leaves handed out one after the other: each call returns the next leaf, or the next array of
   * leaves shaped like the primal given. Java evaluates arguments left to right, so a call's
   * arguments built from one source take the leaves in parameter order.
   */
  public abstract static class Leaves {
    private int next;

    Leaves() {}

    /** The leaf at {@code index} in leaf order. */
    abstract double leaf(int index);

    /**
     * The next leaf, a scalar.
     *
     * @return the leaf
     */
    public double scalar() {
      return leaf(next++);
    }

    /**
     * The next leaf, a {@code float} scalar.
     *
     * @return the leaf
     */
    public float floatScalar() {
      return (float) leaf(next++);
    }

    /**
     * The next leaves, an array shaped like {@code shape} ({@code null} for {@code null}).
     *
     * @param shape the primal array
     * @return the leaves there
     */
    public double[] array(double[] shape) {
      if (shape == null) {
        return null;
      }
      double[] a = new double[shape.length];
      for (int k = 0; k < a.length; k++) {
        a[k] = leaf(next++);
      }
      return a;
    }

    /**
     * The next leaves, an array shaped like {@code shape} ({@code null} for {@code null}).
     *
     * @param shape the primal array
     * @return the leaves there
     */
    public float[] array(float[] shape) {
      if (shape == null) {
        return null;
      }
      float[] a = new float[shape.length];
      for (int k = 0; k < a.length; k++) {
        a[k] = (float) leaf(next++);
      }
      return a;
    }

    /**
     * The next leaves, a matrix shaped like {@code shape}, row after row, ragged rows included.
     *
     * @param shape the primal matrix
     * @return the leaves there
     */
    public double[][] array(double[][] shape) {
      if (shape == null) {
        return null;
      }
      double[][] a = new double[shape.length][];
      for (int r = 0; r < a.length; r++) {
        a[r] = array(shape[r]);
      }
      return a;
    }

    /**
     * The next leaves, a matrix shaped like {@code shape}, row after row, ragged rows included.
     *
     * @param shape the primal matrix
     * @return the leaves there
     */
    public float[][] array(float[][] shape) {
      if (shape == null) {
        return null;
      }
      float[][] a = new float[shape.length][];
      for (int r = 0; r < a.length; r++) {
        a[r] = array(shape[r]);
      }
      return a;
    }
  }

  /** The unit vector {@code e_k} in leaf order: one at leaf {@code k}, zero elsewhere. */
  public static final class Unit extends Leaves {
    private final int hot;

    /**
     * The unit vector along one leaf ({@code -1}: the zero vector).
     *
     * @param hot the index of the leaf that is one
     */
    public Unit(int hot) {
      this.hot = hot;
    }

    @Override
    double leaf(int index) {
      return index == hot ? 1 : 0;
    }
  }

  /** A flattened row or column handed back leaf by leaf, shaped like the primal values: the inverse of {@link Flat}. */
  public static final class Unflat extends Leaves {
    private final double[] values;

    /**
     * The leaves of {@code values}, in leaf order.
     *
     * @param values the flattened leaves
     */
    public Unflat(double[] values) {
      this.values = values;
    }

    @Override
    double leaf(int index) {
      return values[index];
    }
  }
}
