package dev.leibniz.runtime;

/**
 * Matrices ({@code double[][]}, {@code float[][]}) made by the generated code: tangents and
 * cotangents of a matrix have its shape, ragged rows included, and a {@code new double[n][m]} of a
 * differentiated body is made here so that the front end needs no second array dimension.
 */
public final class Shapes {
  private Shapes() {}

  /**
   * Zeros shaped like {@code like}: as many rows, each of the length of {@code like}'s row.
   *
   * @param like a matrix, or null
   * @return a new matrix of zeros (a {@code null} row stays {@code null}), or null for null
   */
  public static double[][] zeros(double[][] like) {
    if (like == null) {
      return null;
    }
    double[][] out = new double[like.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = like[i] == null ? null : new double[like[i].length];
    }
    return out;
  }

  /**
   * Zeros shaped like {@code like}, as {@link #zeros(double[][])}.
   *
   * @param like a matrix, or null
   * @return a new matrix of zeros, or null for null
   */
  public static float[][] zeros(float[][] like) {
    if (like == null) {
      return null;
    }
    float[][] out = new float[like.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = like[i] == null ? null : new float[like[i].length];
    }
    return out;
  }

  /**
   * A copy of {@code m} whose rows are copies too ({@code m.clone()} would share them): a matrix as
   * it was before a method writes into it.
   *
   * @param m a matrix, or null
   * @return a new matrix of new rows (a {@code null} row stays {@code null}), or null for null
   */
  public static double[][] copy(double[][] m) {
    if (m == null) {
      return null;
    }
    double[][] out = new double[m.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = m[i] == null ? null : m[i].clone();
    }
    return out;
  }

  /**
   * A copy of {@code m} whose rows are copies too, as {@link #copy(double[][])}.
   *
   * @param m a matrix, or null
   * @return a new matrix of new rows, or null for null
   */
  public static float[][] copy(float[][] m) {
    if (m == null) {
      return null;
    }
    float[][] out = new float[m.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = m[i] == null ? null : m[i].clone();
    }
    return out;
  }

  /**
   * {@code new double[rows][columns]}.
   *
   * @param rows the number of rows
   * @param columns the length of each row
   * @return a new matrix of zeros
   * @throws NegativeArraySizeException if either is negative
   */
  public static double[][] matrix(int rows, int columns) {
    return new double[rows][columns];
  }

  /**
   * {@code new float[rows][columns]}.
   *
   * @param rows the number of rows
   * @param columns the length of each row
   * @return a new matrix of zeros
   * @throws NegativeArraySizeException if either is negative
   */
  public static float[][] floatMatrix(int rows, int columns) {
    return new float[rows][columns];
  }

  /**
   * Adds {@code addend} into {@code target} element by element, in place: a cotangent matrix's rows
   * are shared with the cotangents of the rows read from it, so they are updated, never replaced.
   *
   * @param target a matrix, updated
   * @param addend a matrix of the same shape; null (or a null row) adds nothing
   */
  public static void addTo(double[][] target, double[][] addend) {
    for (int i = 0; addend != null && i < addend.length; i++) {
      for (int j = 0; addend[i] != null && j < addend[i].length; j++) {
        target[i][j] += addend[i][j];
      }
    }
  }

  /**
   * Adds {@code addend} into {@code target}, as {@link #addTo(double[][], double[][])}.
   *
   * @param target a matrix, updated
   * @param addend a matrix of the same shape; null (or a null row) adds nothing
   */
  public static void addTo(float[][] target, float[][] addend) {
    for (int i = 0; addend != null && i < addend.length; i++) {
      for (int j = 0; addend[i] != null && j < addend[i].length; j++) {
        target[i][j] += addend[i][j];
      }
    }
  }
}
