package example;
import dev.leibniz.Differentiable;
class Example {
  @Differentiable
  double f(double x) { // <-
    return x * x;
  }
}
