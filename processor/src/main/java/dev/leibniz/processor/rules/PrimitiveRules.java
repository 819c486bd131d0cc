package dev.leibniz.processor.rules;

import static dev.leibniz.processor.ir.Ops.add;
import static dev.leibniz.processor.ir.Ops.compare;
import static dev.leibniz.processor.ir.Ops.cond;
import static dev.leibniz.processor.ir.Ops.convert;
import static dev.leibniz.processor.ir.Ops.div;
import static dev.leibniz.processor.ir.Ops.math;
import static dev.leibniz.processor.ir.Ops.mul;
import static dev.leibniz.processor.ir.Ops.neg;
import static dev.leibniz.processor.ir.Ops.num;
import static dev.leibniz.processor.ir.Ops.sub;

import dev.leibniz.processor.ir.Const;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Expr.BinaryOp;
import dev.leibniz.processor.ir.MathFn;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The derivative of every primitive operation: arithmetic, casts and {@code Math} functions.
 *
 * <p>Each rule is a list of {@linkplain Partial partials}: for operand {@code i}, the linear map
 * {@code u -> (d result / d operand_i) * u}. Forward mode sums the partials applied to the
 * operands' tangents; reverse mode applies each to the result's cotangent. Rules follow JAX's
 * formulas (so {@code 0 * inf} gives NaN where JAX's does) and run in the operation's own
 * precision: a {@code float} operation's derivative is {@code float} arithmetic.
 */
public final class PrimitiveRules {
  private PrimitiveRules() {}

  /** The linear map of one operand: {@code u -> (d result / d operand) * u}. */
  public record Partial(Expr operand, UnaryOperator<Expr> map) {}

  /**
   * The partials of {@code value} (a single operation over atoms) with respect to its
   * differentiable operands; {@code result} names the operation's result where a rule uses it.
   * Returns an empty list for an operation whose derivative is zero everywhere.
   */
  public static List<Partial> partials(Expr value, Expr result) {
    List<Partial> out = new ArrayList<>();
    Type t = value.type();
    if (value instanceof Var || value instanceof Const) {
      out.add(new Partial(value, u -> u));
    } else if (value instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG) {
      out.add(new Partial(u.operand(), g -> neg(g)));
    } else if (value instanceof Expr.Cast c) {
      if (c.type().isFloating() && c.operand().type().isFloating()) {
        out.add(new Partial(c.operand(), g -> convert(g, c.type())));
      }
    } else if (value instanceof Expr.Binary b && b.op().isArithmetic() && t.isFloating()) {
      Expr x = b.left();
      Expr y = b.right();
      switch (b.op()) {
        case ADD -> {
          out.add(new Partial(x, g -> g));
          out.add(new Partial(y, g -> g));
        }
        case SUB -> {
          out.add(new Partial(x, g -> g));
          out.add(new Partial(y, g -> neg(g)));
        }
        case MUL -> {
          out.add(new Partial(x, g -> mul(g, y)));
          out.add(new Partial(y, g -> mul(x, g)));
        }
        case DIV -> {
          out.add(new Partial(x, g -> div(g, y)));
          // JAX: (-g * x) * y^-2
          out.add(new Partial(y, g -> div(mul(neg(g), x), mul(y, y))));
        }
        case REM -> {
          out.add(new Partial(x, g -> g));
          // JAX: -g * sign(x / y) * floor(|x / y|)
          out.add(new Partial(y, g -> mul(mul(neg(g), math(MathFn.SIGNUM, t, div(x, y))),
              math(MathFn.FLOOR, t, math(MathFn.ABS, t, div(x, y))))));
        }
        default -> throw new IllegalArgumentException(b.op().toString());
      }
    } else if (value instanceof Expr.MathCall m) {
      out.addAll(mathPartials(m, result));
    }
    return out;
  }

  /**
   * A switch expression without {@code default}: a {@code MathFn} constant added without its rule
   * (or without being listed as piecewise constant) does not compile.
   */
  private static List<Partial> mathPartials(Expr.MathCall m, Expr r) {
    Type t = m.type();
    List<Expr> a = m.args();
    Expr x = a.get(0);
    return switch (m.fn()) {
      case SIN -> List.of(new Partial(x, g -> mul(g, math(MathFn.COS, t, x))));
      case COS -> List.of(new Partial(x, g -> mul(g, neg(math(MathFn.SIN, t, x)))));
      case TAN -> List.of(new Partial(x, g -> mul(g, add(one(t), mul(r, r)))));
      case ASIN -> List.of(new Partial(x, g -> div(g, math(MathFn.SQRT, t, sub(one(t), mul(x, x))))));
      case ACOS -> List.of(new Partial(x, g -> div(neg(g), math(MathFn.SQRT, t, sub(one(t), mul(x, x))))));
      case ATAN -> List.of(new Partial(x, g -> div(g, add(one(t), mul(x, x)))));
      case SINH -> List.of(new Partial(x, g -> mul(g, math(MathFn.COSH, t, x))));
      case COSH -> List.of(new Partial(x, g -> mul(g, math(MathFn.SINH, t, x))));
      case TANH -> List.of(new Partial(x, g -> mul(g, sub(one(t), mul(r, r)))));
      case EXP -> List.of(new Partial(x, g -> mul(g, r)));
      case EXPM1 -> List.of(new Partial(x, g -> mul(g, add(r, one(t)))));
      case LOG -> List.of(new Partial(x, g -> div(g, x)));
      case LOG10 -> List.of(new Partial(x, g -> div(g, mul(x, num(t, Math.log(10))))));
      case LOG1P -> List.of(new Partial(x, g -> div(g, add(one(t), x))));
      case SQRT -> List.of(new Partial(x, g -> mul(g, div(num(t, 0.5), r))));
      case CBRT -> List.of(new Partial(x, g -> div(g, mul(num(t, 3), mul(r, r)))));
      case POW -> {
        Expr y = a.get(1);
        // JAX: d/dx = y * x^(y-1), taken as 0 where y == 0; d/dy = log(x) * x^y, with log(1) where x == 0.
        yield List.of(
            new Partial(x, g -> mul(g, cond(compare(BinaryOp.EQ, y, zero(t)), zero(t),
                mul(y, math(MathFn.POW, t, x, sub(y, one(t))))))),
            new Partial(y, g -> mul(g, mul(math(MathFn.LOG, t,
                cond(compare(BinaryOp.EQ, x, zero(t)), one(t), x)), r))));
      }
      case HYPOT -> {
        Expr y = a.get(1);
        yield List.of(new Partial(x, g -> mul(g, div(x, r))), new Partial(y, g -> mul(g, div(y, r))));
      }
      case ATAN2 -> {
        // atan2(y, x): the first argument is y.
        Expr y = x;
        Expr xx = a.get(1);
        yield List.of(new Partial(y, g -> div(mul(g, xx), add(mul(xx, xx), mul(y, y)))),
            new Partial(xx, g -> div(mul(neg(g), y), add(mul(xx, xx), mul(y, y)))));
      }
      case IEEEREMAINDER -> {
        Expr y = a.get(1);
        yield List.of(new Partial(x, g -> g), new Partial(y, g -> mul(neg(g), math(MathFn.RINT, t, div(x, y)))));
      }
      case ABS -> List.of(new Partial(x, g -> cond(compare(BinaryOp.GE, x, zero(t)), g, neg(g))));
      case MIN, MAX -> {
        Expr y = a.get(1);
        BinaryOp wins = m.fn() == MathFn.MAX ? BinaryOp.GT : BinaryOp.LT;
        // JAX splits ties evenly between the two operands.
        yield List.of(
            new Partial(x, g -> mul(g, cond(compare(BinaryOp.EQ, x, y), num(t, 0.5),
                cond(compare(wins, x, y), one(t), zero(t))))),
            new Partial(y, g -> mul(g, cond(compare(BinaryOp.EQ, x, y), num(t, 0.5),
                cond(compare(wins, y, x), one(t), zero(t))))));
      }
      case COPYSIGN -> List.of(new Partial(x, g -> mul(g, mul(math(MathFn.SIGNUM, t, x),
          math(MathFn.COPYSIGN, t, one(t), a.get(1))))));
      case FMA -> {
        Expr y = a.get(1);
        yield List.of(new Partial(x, g -> mul(g, y)), new Partial(y, g -> mul(x, g)), new Partial(a.get(2), g -> g));
      }
      case SCALB -> List.of(new Partial(x, g -> math(MathFn.SCALB, t, g, a.get(1))));
      case NEXTUP, NEXTDOWN -> List.of(new Partial(x, g -> g));
      case TORADIANS -> List.of(new Partial(x, g -> mul(g, num(t, Math.toRadians(1)))));
      case TODEGREES -> List.of(new Partial(x, g -> mul(g, num(t, Math.toDegrees(1)))));
      // piecewise constant (MathFn.piecewiseConstant): zero wherever the derivative exists
      case SIGNUM, FLOOR, CEIL, RINT, ULP -> List.of();
    };
  }

  private static Const one(Type t) {
    return num(t, 1);
  }

  private static Const zero(Type t) {
    return num(t, 0);
  }

  /** Whether {@code value} is an operation these rules differentiate (as opposed to a call). */
  public static boolean isPrimitive(Expr value) {
    return value instanceof Var || value instanceof Const
        || (value instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG)
        || value instanceof Expr.Cast
        || (value instanceof Expr.Binary b && b.op().isArithmetic())
        || value instanceof Expr.MathCall;
  }
}
