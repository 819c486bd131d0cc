package dev.leibniz.runtime.vector;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Helpers of the generated batched forms: one length for all arrays, whether the Vector API kernels
 * may run, and the split of a batch across the threads of a {@link ForkJoinPool}.
 */
public final class Batch {
  /** Whether the one warning line was printed; initialized before {@link #VECTORIZED}, which may print it. */
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  /**
   * Whether {@code jdk.incubator.vector} is in this JVM's boot layer ({@code java --add-modules
   * jdk.incubator.vector}). When it is not, batched forms run as scalar loops and one warning line
   * says so, the first time one is used.
   */
  public static final boolean VECTORIZED = available();

  /**
   * The smallest piece of a batch a thread gets: smaller pieces cost more in hand-over than they
   * gain. A power of two, so every piece but the last is a whole number of vectors and a split
   * batch computes every element exactly as one thread does.
   */
  public static final int MIN_CHUNK = 1 << 14;

  private Batch() {}

  /** A part of a batch, elements {@code from} (inclusive) to {@code to} (exclusive). */
  @FunctionalInterface
  public interface Range {
    /**
     * Computes the elements of the part.
     *
     * @param from the first element
     * @param to one past the last element
     */
    void run(int from, int to);
  }

  private static boolean available() {
    boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    if (!present) {
      warn("jdk.incubator.vector is not available at run time (java --add-modules jdk.incubator.vector):"
          + " batched forms run as scalar loops");
    }
    return present;
  }

  /**
   * Called by batched forms compiled without {@code jdk.incubator.vector}: says once that they run
   * as scalar loops.
   *
   * @param generated the generated class, named in the warning
   */
  public static void compiledScalar(Class<?> generated) {
    if (!WARNED.get()) {
      warn(generated.getSimpleName() + " was compiled without jdk.incubator.vector (javac --add-modules"
          + " jdk.incubator.vector): batched forms run as scalar loops");
    }
  }

  private static void warn(String message) {
    if (WARNED.compareAndSet(false, true)) {
      System.err.println("WARNING: leibniz: " + message);
    }
  }

  /**
   * The common length of a batched form's arrays.
   *
   * @param names the arrays' names, separated by spaces, in the order of {@code lengths}
   * @param lengths the arrays' lengths
   * @return the length they all have
   * @throws IllegalArgumentException naming the arrays and their lengths when they differ
   */
  public static int length(String names, int... lengths) {
    for (int k = 1; k < lengths.length; k++) {
      if (lengths[k] != lengths[0]) {
        throw new IllegalArgumentException(mismatch(names.split(" "), lengths));
      }
    }
    return lengths[0];
  }

  private static String mismatch(String[] names, int[] lengths) {
    StringBuilder s = new StringBuilder("arrays of a batched form must have one length:");
    for (int k = 0; k < lengths.length; k++) {
      s.append(k == 0 ? " " : ", ").append(names[k]).append(" has ").append(lengths[k]);
    }
    return s.toString();
  }

  /**
   * Runs {@code range} over elements {@code 0} to {@code n} in pieces of at least {@link
   * #MIN_CHUNK} elements on the threads of {@code pool}, and returns when all are done. Piece
   * boundaries are multiples of {@link #MIN_CHUNK}, so the result is bit for bit that of {@code
   * range.run(0, n)}.
   *
   * @param pool the threads, e.g. {@link ForkJoinPool#commonPool()}
   * @param n the number of elements
   * @param range computes a piece
   */
  public static void split(ForkJoinPool pool, int n, Range range) {
    int pieces = Math.max(1, Math.min(4 * pool.getParallelism(), n / MIN_CHUNK));
    if (pieces == 1) {
      range.run(0, n);
      return;
    }
    int chunks = (n + MIN_CHUNK - 1) / MIN_CHUNK;
    int chunksPerPiece = (chunks + pieces - 1) / pieces;
    pool.invoke(new Piece(range, 0, n, chunksPerPiece * MIN_CHUNK));
  }

  /** Halves its range until it is one piece, so the pool's threads steal the halves. */
  private static final class Piece extends RecursiveAction {
    private static final long serialVersionUID = 1L;
    private final transient Range range;
    private final int from;
    private final int to;
    private final int piece;

    Piece(Range range, int from, int to, int piece) {
      this.range = range;
      this.from = from;
      this.to = to;
      this.piece = piece;
    }

    @Override
    protected void compute() {
      if (to - from <= piece) {
        range.run(from, to);
        return;
      }
      int pieces = (to - from + piece - 1) / piece;
      int middle = from + (pieces / 2) * piece;
      invokeAll(new Piece(range, from, middle, piece), new Piece(range, middle, to, piece));
    }
  }
}
