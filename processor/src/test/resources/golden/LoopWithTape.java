package golden;

import dev.leibniz.Differentiable;

/**
 * A loop that overwrites a differentiated value: the forward sweep of reverse mode pushes the old
 * {@code r} on a {@code Tape}; the backward sweep runs the loop backwards, popping, {@code n} times
 * (a trip count it knows is not recorded). The pullback replays the tape, so it can be called many times.
 */
class LoopWithTape {
  @Differentiable
  static double power(double x, int n) {
    double r = 1;
    for (int i = 0; i < n; i++) {
      r = r * x;
    }
    return r;
  }
}
