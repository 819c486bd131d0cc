package test;
import dev.leibniz.Differentiable;
class Foo {
  @Differentiable
  static void log(double x, int[] counts) { counts[0]++; System.out.println(x); } // <-
}
