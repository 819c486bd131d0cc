package example;
import dev.leibniz.Differentiable;
import java.util.List;
class Example {
  @Differentiable
  static double f(double x, List<?> items) { // <-
    return x * items.size();
  }
}
