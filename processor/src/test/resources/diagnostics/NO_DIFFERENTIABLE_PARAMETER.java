package test;
import dev.leibniz.Differentiable;
import dev.leibniz.NonDiff;
class Foo {
  @Differentiable
  static double f(int n, @NonDiff double scale, String label) { return n * scale; } // <-
}
