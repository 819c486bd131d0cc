package example;
import dev.leibniz.Differentiable;
import java.util.ArrayList;
import java.util.List;
class Example {
  @Differentiable
  static double f(double x) {
    List<Double> xs = new ArrayList<>();
    xs.add(x * x); // <-
    return x;
  }
}
