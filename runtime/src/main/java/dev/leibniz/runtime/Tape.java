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

  public Tape() {
    this(new double[16], new int[16], new long[0], new Object[0]);
  }

  private Tape(double[] doubles, int[] ints, long[] longs, Object[] objects) {
    this.doubles = doubles;
    this.ints = ints;
    this.longs = longs;
    this.objects = objects;
  }

  /** A reader over what was pushed so far; popping from it leaves this tape as it is. */
  public Tape replay() {
    Tape copy = new Tape(doubles, ints, longs, objects);
    copy.doubleCount = doubleCount;
    copy.intCount = intCount;
    copy.longCount = longCount;
    copy.objectCount = objectCount;
    return copy;
  }

  public void pushDouble(double value) {
    if (doubleCount == doubles.length) {
      doubles = Arrays.copyOf(doubles, Math.max(16, doubleCount * 2));
    }
    doubles[doubleCount++] = value;
  }

  public double popDouble() {
    return doubles[--doubleCount];
  }

  /** Floats go on the double stack: the widening is exact. */
  public void pushFloat(float value) {
    pushDouble(value);
  }

  public float popFloat() {
    return (float) popDouble();
  }

  public void pushInt(int value) {
    if (intCount == ints.length) {
      ints = Arrays.copyOf(ints, Math.max(16, intCount * 2));
    }
    ints[intCount++] = value;
  }

  public int popInt() {
    return ints[--intCount];
  }

  public void pushBoolean(boolean value) {
    pushInt(value ? 1 : 0);
  }

  public boolean popBoolean() {
    return popInt() != 0;
  }

  public void pushLong(long value) {
    if (longCount == longs.length) {
      longs = Arrays.copyOf(longs, Math.max(16, longCount * 2));
    }
    longs[longCount++] = value;
  }

  public long popLong() {
    return longs[--longCount];
  }

  public void pushObject(Object value) {
    if (objectCount == objects.length) {
      objects = Arrays.copyOf(objects, Math.max(16, objectCount * 2));
    }
    objects[objectCount++] = value;
  }

  /** Pops an object; the generated code casts it back to the type it pushed. */
  public Object popObject() {
    return objects[--objectCount];
  }
}
