package example;
import dev.leibniz.Differentiable;
import java.util.List;
class Example {
  @Differentiable
  static double f(double x) {
    double y = x;
    for (double c : List.of(1.0, 2.0)) { // <-
      y = y * c;
    }
    return y;
  }
}
