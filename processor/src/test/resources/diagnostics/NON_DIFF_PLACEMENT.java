package test;
import dev.leibniz.NonDiff;
class Foo {
  static double plain(@NonDiff double scale, double x) { return scale * x; } // <-
}
