package dev.leibniz.it;

/**
 * Differentiates {@code args[0]} steps of {@link TapeEconomy#recurrence} in reverse mode, in the
 * JVM {@link TapeEconomyTest} starts with a small heap, and checks the gradient against forward mode
 * (which keeps nothing per step). Exits with 1 when they differ.
 */
final class LongRecurrence {
  private LongRecurrence() {}

  public static void main(String[] args) {
    int steps = Integer.parseInt(args[0]);
    double x0 = 0.3;
    double k = 1.2;
    double h = 1e-6;
    double dx0 = TapeEconomyDerivatives.recurrenceJvp(x0, k, h, steps, 1, 0, 0).tangent();
    double dk = TapeEconomyDerivatives.recurrenceJvp(x0, k, h, steps, 0, 1, 0).tangent();
    var vjp = TapeEconomyDerivatives.recurrenceFromVjp(new double[] {x0}, k, h, steps);
    System.out.println("max heap " + Runtime.getRuntime().maxMemory() + ", tape bytes "
        + TapeEconomyTest.tapeOf(vjp).bytesHeld());
    var fromArray = vjp.pullback(1.0);
    vjp = null; // its tape may go before the next gradient makes its own
    var g = TapeEconomyDerivatives.recurrenceGrad(x0, k, h, steps);
    System.out.println("reverse " + g + ", " + fromArray.start()[0] + ", " + fromArray.k() + "; forward " + dx0
        + ", " + dk);
    boolean ok = close(dx0, g.x0()) && close(dk, g.k()) && close(dx0, fromArray.start()[0])
        && close(dk, fromArray.k());
    System.exit(ok ? 0 : 1);
  }

  private static boolean close(double expected, double actual) {
    return Math.abs(expected - actual) <= 1e-9 * Math.max(1, Math.abs(expected));
  }
}
