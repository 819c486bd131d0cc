package dev.leibniz.runtime;

import java.util.Arrays;

/**
 * The stack reverse-mode code keeps for loops: values the backward sweep needs that the forward
 * sweep overwrites, branch decisions and trip counts. Straight-line code needs none.
 *
 * <p>The forward sweep pushes; the backward sweep pops from a {@link #replay()} of it, so a
 * pullback can run any number of times. Each kind of value has its own stack.
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

  /** An empty tape. */
  public Tape() {
    this(new double[16], new int[16], new long[0], new Object[0]);
  }

  private Tape(double[] doubles, int[] ints, long[] longs, Object[] objects) {
    this.doubles = doubles;
    this.ints = ints;
    this.longs = longs;
    this.objects = objects;
  }

  /**
   * A reader over what was pushed so far; popping from it leaves this tape as it is.
   *
   * @return a tape holding this one's values, popped independently of it
   */
  public Tape replay() {
    Tape copy = new Tape(doubles, ints, longs, objects);
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
}
