package example;
import dev.leibniz.Differentiable;
class Example {
  record Node(double value, Node next) {}
  @Differentiable
  static double f(Node n) { // <-
    return n.value();
  }
}
