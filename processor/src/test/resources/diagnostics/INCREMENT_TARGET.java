package example;
import dev.leibniz.Differentiable;
class Example {
  @Differentiable
  static double f(double x, boolean[] flags) {
    flags[0]++; // <-
    return x;
  }
}
