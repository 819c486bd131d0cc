package dev.leibniz.it;

import dev.leibniz.Differentiable;

/** Records as parameters and results: a record is its own tangent type. */
public final class Records {
  private Records() {}

  public record Point(double x, double y) {}

  public record Segment(Point from, Point to) {}

  /** A record with a non-differentiable component. */
  public record Weighted(double value, int count) {}

  @Differentiable
  static double norm(Point p) {
    return Math.sqrt(p.x() * p.x() + p.y() * p.y());
  }

  @Differentiable
  static Point rotate(Point p, double angle) {
    double c = Math.cos(angle);
    double s = Math.sin(angle);
    return new Point(c * p.x() - s * p.y(), s * p.x() + c * p.y());
  }

  @Differentiable
  static double length(Segment s) {
    double dx = s.to().x() - s.from().x();
    double dy = s.to().y() - s.from().y();
    return Math.hypot(dx, dy);
  }

  /** A record built and taken apart inside the body, and a call with a record argument. */
  @Differentiable
  static double rotatedNorm(double x, double y, double angle) {
    Point p = rotate(new Point(x, y), angle);
    return norm(p) * p.x();
  }

  @Differentiable
  static Segment stretch(Segment s, double k) {
    Point mid = new Point((s.from().x() + s.to().x()) / 2, (s.from().y() + s.to().y()) / 2);
    return new Segment(
        new Point(mid.x() + k * (s.from().x() - mid.x()), mid.y() + k * (s.from().y() - mid.y())),
        new Point(mid.x() + k * (s.to().x() - mid.x()), mid.y() + k * (s.to().y() - mid.y())));
  }

  @Differentiable
  static double mean(Weighted w, double scale) {
    return w.value() * scale / w.count();
  }

  /** A record result from a loop that updates a record local. */
  @Differentiable
  static Point orbit(Point p, double step) {
    Point q = p;
    for (int i = 0; i < 3; i++) {
      q = new Point(q.x() - step * q.y(), q.y() + step * q.x());
    }
    return q;
  }
}
