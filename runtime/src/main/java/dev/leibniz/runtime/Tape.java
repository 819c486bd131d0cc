package dev.leibniz.runtime;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The stack reverse-mode code keeps for loops: values the backward sweep needs that the forward
 * sweep overwrites, branch decisions and trip counts. Straight-line code needs none.
 *
 * <p>The forward sweep pushes; the backward sweep pops from a {@link #replay()} of it, so a
 * pullback can run any number of times. Each kind of value has its own stack.
 *
 * <p>An array variable the body assigns more than once (buffers swapped in a loop, {@code y =
 * y.clone()}) holds several arrays in turn, and each array has one cotangent array, shared by every
 * variable holding it. The forward sweep numbers the arrays such variables receive ({@link
 * #number(Object)}); the backward sweep finds each one's cotangent by its number ({@link
 * #doubles(int)}), and forgets it where the array is made ({@link #release(int)}).
 */
public final class Tape {
  private double[] doubles;
  private int[] ints;
  private long[] longs;
  private Object[] objects;
  private int doubleCount;
  private int intCount;
  private int longCount;
  private int objectCount;
  /** The lengths of the numbered arrays, by number ({@code -1} for {@code null}). */
  private int[] lengths;
  private int arrayCount;
  /** The cotangents of numbered arrays, made when the backward sweep first asks for them. */
  private final Map<Integer, Object> cotangents = new HashMap<>();

  /** An empty tape. */
  public Tape() {
    this(new double[16], new int[16], new long[0], new Object[0], new int[0]);
  }

  private Tape(double[] doubles, int[] ints, long[] longs, Object[] objects, int[] lengths) {
    this.doubles = doubles;
    this.ints = ints;
    this.longs = longs;
    this.objects = objects;
    this.lengths = lengths;
  }

  /**
   * A reader over what was pushed so far; popping from it leaves this tape as it is.
   *
   * @return a tape holding this one's values, popped independently of it
   */
  public Tape replay() {
    Tape copy = new Tape(doubles, ints, longs, objects, lengths);
    copy.arrayCount = arrayCount;
    copy.doubleCount = doubleCount;
    copy.intCount = intCount;
    copy.longCount = longCount;
    copy.objectCount = objectCount;
    return copy;
  }

  /**
   * Pushes a {@code double}.
   *
   * @param value the value the backward sweep will need
   */
  public void pushDouble(double value) {
    if (doubleCount == doubles.length) {
      doubles = Arrays.copyOf(doubles, Math.max(16, doubleCount * 2));
    }
    doubles[doubleCount++] = value;
  }

  /** {@return the {@code double} pushed last, taken off the stack} */
  public double popDouble() {
    return doubles[--doubleCount];
  }

  /**
   * Pushes a {@code float} on the {@code double} stack: the widening is exact.
   *
   * @param value the value the backward sweep will need
   */
  public void pushFloat(float value) {
    pushDouble(value);
  }

  /** {@return the {@code float} pushed last, taken off the stack} */
  public float popFloat() {
    return (float) popDouble();
  }

  /**
   * Pushes an {@code int}: a trip count, or an index.
   *
   * @param value the value the backward sweep will need
   */
  public void pushInt(int value) {
    if (intCount == ints.length) {
      ints = Arrays.copyOf(ints, Math.max(16, intCount * 2));
    }
    ints[intCount++] = value;
  }

  /** {@return the {@code int} pushed last, taken off the stack} */
  public int popInt() {
    return ints[--intCount];
  }

  /**
   * Pushes a {@code boolean} (a branch decision) on the {@code int} stack.
   *
   * @param value the value the backward sweep will need
   */
  public void pushBoolean(boolean value) {
    pushInt(value ? 1 : 0);
  }

  /** {@return the {@code boolean} pushed last, taken off the stack} */
  public boolean popBoolean() {
    return popInt() != 0;
  }

  /**
   * Pushes a {@code long}.
   *
   * @param value the value the backward sweep will need
   */
  public void pushLong(long value) {
    if (longCount == longs.length) {
      longs = Arrays.copyOf(longs, Math.max(16, longCount * 2));
    }
    longs[longCount++] = value;
  }

  /** {@return the {@code long} pushed last, taken off the stack} */
  public long popLong() {
    return longs[--longCount];
  }

  /**
   * Pushes an object: an array, a record, a callee's VJP.
   *
   * @param value the value the backward sweep will need
   */
  public void pushObject(Object value) {
    if (objectCount == objects.length) {
      objects = Arrays.copyOf(objects, Math.max(16, objectCount * 2));
    }
    objects[objectCount++] = value;
  }

  /** {@return the object pushed last, taken off the stack; generated code casts it back to its type} */
  public Object popObject() {
    return objects[--objectCount];
  }

  /**
   * Numbers an array a variable of the forward sweep now holds.
   *
   * @param array the array ({@code double[]} or {@code float[]}), or null
   * @return its number, by which the backward sweep finds its cotangent
   */
  public int number(Object array) {
    return numberOfLength(array == null ? -1 : java.lang.reflect.Array.getLength(array));
  }

  private int numberOfLength(int length) {
    if (arrayCount == lengths.length) {
      lengths = Arrays.copyOf(lengths, Math.max(16, arrayCount * 2));
    }
    lengths[arrayCount] = length;
    return arrayCount++;
  }

  /**
   * The cotangent of a numbered {@code double} array: the same array each time, zeros when first
   * asked for.
   *
   * @param number the array's number; {@code -1} for a variable not assigned yet
   * @return its cotangent, or null for a {@code null} array
   */
  public double[] doubles(int number) {
    if (number < 0 || lengths[number] < 0) {
      return null;
    }
    return (double[]) cotangents.computeIfAbsent(number, k -> new double[lengths[k]]);
  }

  /**
   * The cotangent of a numbered {@code float} array, as {@link #doubles(int)}.
   *
   * @param number the array's number; {@code -1} for a variable not assigned yet
   * @return its cotangent, or null for a {@code null} array
   */
  public float[] floats(int number) {
    if (number < 0 || lengths[number] < 0) {
      return null;
    }
    return (float[]) cotangents.computeIfAbsent(number, k -> new float[lengths[k]]);
  }

  /**
   * Gives a numbered array the cotangent a caller passed (that of a parameter's final contents).
   *
   * @param number the array's number
   * @param cotangent its cotangent, updated in place by the backward sweep; null for zero
   */
  public void seed(int number, Object cotangent) {
    if (cotangent != null) {
      cotangents.put(number, cotangent);
    }
  }

  /**
   * Forgets the cotangent of a numbered array: the backward sweep is back where it was made.
   *
   * @param number the array's number
   */
  public void release(int number) {
    cotangents.remove(number);
  }
}
