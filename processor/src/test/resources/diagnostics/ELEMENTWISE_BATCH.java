// javac --add-modules jdk.incubator.vector
package example;
import dev.leibniz.Differentiable;
class Example {
  @Differentiable
  static double f(double x) { // <-
    return StrictMath.exp(x);
  }
}
