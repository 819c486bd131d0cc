package dev.leibniz.processor.transform;

import static dev.leibniz.processor.transform.Ir.*;

import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Function;
import dev.leibniz.processor.ir.Param;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import java.util.List;

/** The functions the transform tests run, each built as the front end would from the Java above it. */
public final class Examples {
  private Examples() {}

  /** {@code double sinTimes(double x, double y) { return Math.sin(x) * y; }} */
  public static Function sinTimes() {
    Var x = dbl("x");
    Var y = dbl("y");
    return fn("sinTimes", params(x, y), ret(mul(sin(x), y)));
  }

  /**
   * <pre>{@code
   * double geometric(double x, int n) {
   *   double s = 0, r = 1;
   *   for (int i = 0; i < n; i++) { s = s + r; r = r * x; }
   *   return s;
   * }}</pre>
   */
  public static Function geometric() {
    Var x = dbl("x");
    Var n = integer("n");
    Var s = dbl("s");
    Var r = dbl("r");
    Var i = integer("i");
    return fn("geometric", params(x, n),
        decl(s, c(0)), decl(r, c(1)),
        upTo(i, n, set(s, add(s, r)), set(r, mul(r, x))),
        ret(s));
  }

  /**
   * The first power of {@code x} at or above {@code limit}: a trip count the data decides.
   * <pre>{@code
   * double powerUntil(double x, double limit) {
   *   double p = x;
   *   for (;;) { if (p >= limit) break; p = p * x; }
   *   return p;
   * }}</pre>
   */
  public static Function powerUntil() {
    Var x = dbl("x");
    Var limit = dbl("limit");
    Var p = dbl("p");
    return fn("powerUntil", params(x, limit),
        decl(p, x),
        forever(when(ge(p, limit), brk()), set(p, mul(p, x))),
        ret(p));
  }

  /** {@code double branch(double x, double y) { return x > y ? x * x : Math.exp(y) * x; }} */
  public static Function branch() {
    Var x = dbl("x");
    Var y = dbl("y");
    return fn("branch", params(x, y), ret(cond(gt(x, y), mul(x, x), mul(exp(y), x))));
  }

  /**
   * <pre>{@code
   * double sumSquares(double[] a) {
   *   double s = 0;
   *   for (int i = 0; i < a.length; i++) s = s + a[i] * a[i];
   *   return s;
   * }}</pre>
   */
  public static Function sumSquares() {
    Var a = doubles("a");
    Var s = dbl("s");
    Var i = integer("i");
    return fn("sumSquares", params(a),
        decl(s, c(0)),
        upTo(i, length(a), set(s, add(s, mul(read(a, i), read(a, i))))),
        ret(s));
  }

  /** {@code void squareAll(double[] a, double k) { for (int i = 0; i < a.length; i++) a[i] = k * a[i] * a[i]; }} */
  public static Function squareAll() {
    Var a = doubles("a");
    Var k = dbl("k");
    Var i = integer("i");
    return fn("squareAll", params(a, k),
        upTo(i, length(a), write(a, i, mul(mul(k, read(a, i)), read(a, i)))),
        ret());
  }

  /**
   * A value used only on a branch: at the origin {@code n}'s derivative is infinite, and the branch
   * is not taken.
   * <pre>{@code
   * double outsideDisc(double x, double y) {
   *   double n = Math.sqrt(x * x + y * y);
   *   double r = 0;
   *   if (n > 0.5) r = n;
   *   return r;
   * }}</pre>
   */
  public static Function outsideDisc() {
    Var x = dbl("x");
    Var y = dbl("y");
    Var n = dbl("n");
    Var r = dbl("r");
    return fn("outsideDisc", params(x, y),
        decl(n, sqrt(add(mul(x, x), mul(y, y)))),
        decl(r, c(0)),
        when(gt(n, c(0.5)), set(r, n)),
        ret(r));
  }

  /**
   * An early return from a loop.
   * <pre>{@code
   * double firstAbove(double[] a, double t) {
   *   for (int i = 0; i < a.length; i++) { if (a[i] > t) return a[i] * a[i]; }
   *   return t;
   * }}</pre>
   */
  public static Function firstAbove() {
    Var a = doubles("a");
    Var t = dbl("t");
    Var i = integer("i");
    return fn("firstAbove", params(a, t),
        upTo(i, length(a), when(gt(read(a, i), t), ret(mul(read(a, i), read(a, i))))),
        ret(t));
  }

  /**
   * Nested loops left by labeled jumps.
   * <pre>{@code
   * double triangle(double x, int n) {
   *   double s = 0;
   *   outer: for (int i = 0; i < n; i++) {
   *     for (int j = 0; j < n; j++) {
   *       if (j > i) continue outer;
   *       if (i + j == 5) break outer;
   *       s = s * x + j;
   *     }
   *   }
   *   return s;
   * }}</pre>
   */
  public static Function triangle() {
    Var x = dbl("x");
    Var n = integer("n");
    Var s = dbl("s");
    Var i = integer("i");
    Var j = integer("j");
    return fn("triangle", params(x, n),
        decl(s, c(0)),
        upTo("outer", i, n,
            upTo(j, n,
                when(gt(j, i), cont("outer")),
                when(eq(add(i, j), i(5)), brk("outer")),
                set(s, add(mul(s, x), j)))),
        ret(s));
  }

  /** {@code double powerAtLeastOnce(double x, int n) { double y = x; int k = 0; do { y = y * x; k++; } while (k < n); return y; }} */
  public static Function powerAtLeastOnce() {
    Var x = dbl("x");
    Var n = integer("n");
    Var y = dbl("y");
    Var k = integer("k");
    return fn("powerAtLeastOnce", params(x, n),
        decl(y, x), decl(k, i(0)),
        doWhile(block(set(y, mul(y, x)), set(k, add(k, i(1)))), lt(k, n)),
        ret(y));
  }

  /** {@code record Point(double x, double y)}. */
  public static final Type.Record POINT = new Type.Record(ClassRef.of("test", "Point"), List.of(),
      List.of(new Type.Component("x", DOUBLE), new Type.Component("y", DOUBLE)));

  /**
   * {@code double onPoint(Point p) { return p.x() * p.x() + Math.sin(p.y()); }}, with the record
   * parameter taken apart once at the start, as the front end does (reverse mode relies on it).
   */
  public static Function onPoint() {
    Var p = new Var("p", POINT);
    Var px = dbl("pX");
    Var py = dbl("pY");
    return fn("onPoint", List.of(new Param(p, true)),
        decl(px, new Expr.Component(p, "x", DOUBLE)), decl(py, new Expr.Component(p, "y", DOUBLE)),
        ret(add(mul(px, px), sin(py))));
  }

  /** {@code p.x() * p.x()}, each read into its own local: two cotangents for one leaf. */
  public static Function leafReadTwice() {
    Var p = new Var("p", POINT);
    Var a = dbl("a");
    Var b = dbl("b");
    return fn("leafReadTwice", List.of(new Param(p, true)),
        decl(a, new Expr.Component(p, "x", DOUBLE)), decl(b, new Expr.Component(p, "x", DOUBLE)),
        ret(mul(a, b)));
  }
}
