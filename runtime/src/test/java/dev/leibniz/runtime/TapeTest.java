package dev.leibniz.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The tape's stacks across chunk boundaries, its replays, and the bytes it reports. */
class TapeTest {

  @Test
  void popsInReverseAcrossChunks() {
    Tape tape = new Tape();
    int n = 100_000; // many chunks of each size
    for (int i = 0; i < n; i++) {
      tape.pushDouble(i + 0.5);
      tape.pushInt(-i);
      tape.pushLong(3L * i);
      tape.pushObject(i % 3 == 0 ? null : Integer.valueOf(i));
    }
    for (int i = n - 1; i >= 0; i--) {
      assertEquals(i % 3 == 0 ? null : Integer.valueOf(i), tape.popObject());
      assertEquals(3L * i, tape.popLong());
      assertEquals(-i, tape.popInt());
      assertEquals(i + 0.5, tape.popDouble());
    }
  }

  @Test
  void pushesAgainAfterPoppingBackIntoEarlierChunks() {
    Tape tape = new Tape();
    for (int i = 0; i < 20_000; i++) {
      tape.pushDouble(i);
    }
    for (int i = 0; i < 15_000; i++) {
      tape.popDouble();
    }
    for (int i = 0; i < 10_000; i++) {
      tape.pushDouble(-i);
    }
    for (int i = 9_999; i >= 0; i--) {
      assertEquals(-i, tape.popDouble());
    }
    for (int i = 4_999; i >= 0; i--) {
      assertEquals(i, tape.popDouble());
    }
    assertEquals(0, tape.bytesHeld());
  }

  @Test
  void eachReplayPopsEverythingAndLeavesTheTape() {
    Tape tape = new Tape();
    for (int i = 0; i < 30_000; i++) {
      tape.pushFloat(i);
      tape.pushBoolean(i % 2 == 0);
    }
    long held = tape.bytesHeld();
    for (int run = 0; run < 2; run++) {
      Tape reader = tape.replay();
      float[] floats = new float[30_000];
      for (int i = 29_999; i >= 0; i--) {
        assertEquals(i % 2 == 0, reader.popBoolean());
        floats[i] = reader.popFloat();
      }
      float[] expected = new float[30_000];
      for (int i = 0; i < expected.length; i++) {
        expected[i] = i;
      }
      assertArrayEquals(expected, floats);
      assertEquals(0, reader.bytesHeld());
      assertEquals(held, tape.bytesHeld());
    }
  }

  @Test
  void bytesHeldCountsTheValuesNotTheChunks() {
    Tape tape = new Tape();
    assertEquals(0, tape.bytesHeld());
    for (int i = 0; i < 1_000_003; i++) {
      tape.pushDouble(i);
    }
    assertEquals(8L * 1_000_003, tape.bytesHeld());
    tape.pushInt(1);
    tape.pushLong(2);
    tape.pushObject("x");
    assertEquals(8L * 1_000_003 + 4 + 8 + 4, tape.bytesHeld());
    tape.popDouble();
    assertEquals(8L * 1_000_002 + 16, tape.bytesHeld());
  }

  @Test
  void numberedArraysKeepTheirCotangentsOnReplays() {
    Tape tape = new Tape();
    int a = tape.number(new double[3]);
    int b = tape.number(null);
    Tape reader = tape.replay();
    double[] bar = reader.doubles(a);
    assertEquals(3, bar.length);
    assertSame(bar, reader.doubles(a));
    assertEquals(null, reader.doubles(b));
    assertEquals(8, tape.bytesHeld());
  }

  @Test
  void aNumberedArraysCotangentIsSetOnlyOnceGivenOrAddedTo() {
    Tape tape = new Tape();
    int a = tape.number(new double[2]);
    int b = tape.number(new double[2]);
    int c = tape.number(new double[2]);
    Tape reader = tape.replay();
    reader.seed(a, null);
    reader.seed(b, new double[2]);
    assertFalse(reader.isSet(a), "a caller's null is a structural zero");
    assertTrue(reader.isSet(b), "a caller's array is set");
    reader.doubles(c);
    assertFalse(reader.isSet(c), "asked for, not added to");
    reader.set(c);
    assertTrue(reader.isSet(c));
    reader.release(c);
    assertFalse(reader.isSet(c), "forgotten where the array is made");
    assertFalse(reader.isSet(-1), "no array");
    assertFalse(tape.replay().isSet(c), "each replay starts with none set");
  }
}
