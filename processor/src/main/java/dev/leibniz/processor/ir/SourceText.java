package dev.leibniz.processor.ir;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * IR expressions written back as Java, for messages: the processor's temporaries (names the user's
 * source does not have) are replaced by what they hold, so a message shows {@code x * x}, not
 * {@code t2}.
 */
public final class SourceText {
  private final Map<Var, Expr> definitions = new HashMap<>();
  private final java.util.Set<String> userNames;

  /** The text of expressions of {@code f}'s body. */
  public SourceText(Function f) {
    this.userNames = f.reserved();
    Map<Var, Integer> count = new HashMap<>();
    Stmts.walk(f.body(), s -> {
      Var t = Stmts.target(s);
      if (t != null) {
        count.merge(t, 1, Integer::sum);
        definitions.put(t, s instanceof Stmt.Declare d ? d.init() : ((Stmt.Assign) s).value());
      }
    });
    count.forEach((v, n) -> {
      if (n > 1) {
        definitions.remove(v);
      }
    });
    // c ? a : b became an if assigning a temporary in both branches
    Stmts.walk(f.body(), s -> {
      if (s instanceof Stmt.If i && last(i.then()) instanceof Stmt.Assign a && last(i.otherwise()) instanceof Stmt.Assign b
          && a.target() == b.target() && !isUsers(a.target())) {
        definitions.put(a.target(), new Expr.Conditional(i.cond(), a.value(), b.value(), a.target().type()));
      }
    });
  }

  private static Stmt last(Block b) {
    return b.stmts().isEmpty() ? null : b.stmts().get(b.stmts().size() - 1);
  }

  /** Whether {@code v} is a variable the user named (not one the processor made up). */
  public boolean isUsers(Var v) {
    return userNames.contains(v.name());
  }

  public String of(Expr e) {
    return text(e, 0);
  }

  /** {@code e} in Java; parenthesized when it binds less tightly than {@code precedence}. */
  private String text(Expr e, int precedence) {
    if (e instanceof Var v) {
      Expr def = definitions.get(v);
      return def != null && !isUsers(v) ? text(def, precedence) : v.name();
    } else if (e instanceof Const c) {
      return c.value() instanceof String s ? '"' + s + '"' : c.value() instanceof Float f ? f + "f" : c.toString();
    } else if (e instanceof Expr.Unary u) {
      return wrap(u.op().symbol + text(u.operand(), 14), 14, precedence);
    } else if (e instanceof Expr.Binary b) {
      int p = b.op().precedence;
      return wrap(text(b.left(), p) + " " + b.op().symbol + " " + text(b.right(), p + 1), p, precedence);
    } else if (e instanceof Expr.Cast c) {
      String type = c.type() instanceof Type.Ref r ? r.cls().simpleName() : c.type().toString();
      return wrap("(" + type + ") " + text(c.operand(), 14), 13, precedence);
    } else if (e instanceof Expr.Conditional c) {
      return wrap(text(c.cond(), 3) + " ? " + text(c.then(), 3) + " : " + text(c.otherwise(), 2), 2, precedence);
    } else if (e instanceof Expr.MathCall m) {
      return (m.strict() ? "StrictMath." : "Math.") + m.fn().javaName() + args(m.args());
    } else if (e instanceof Expr.Invoke i) {
      return invoke(i);
    } else if (e instanceof Expr.ArrayRead a) {
      return text(a.array(), 15) + "[" + text(a.index(), 0) + "]";
    } else if (e instanceof Expr.ArrayLength a) {
      return text(a.array(), 15) + ".length";
    } else if (e instanceof Expr.NewArray n) {
      if (n.elements() != null) {
        return "new " + n.type() + " {" + n.elements().stream().map(this::of).collect(Collectors.joining(", ")) + "}";
      }
      String type = n.type().toString();
      int dims = type.indexOf('[');
      return "new " + type.substring(0, dims) + "[" + text(n.length(), 0) + "]" + type.substring(dims + 2);
    } else if (e instanceof Expr.Construct c) {
      return "new " + c.type().cls().simpleName() + args(c.args());
    } else if (e instanceof Expr.Component c) {
      return text(c.record(), 15) + "." + c.name() + "()";
    } else if (e instanceof Expr.StaticField f) {
      return f.owner().simpleName() + "." + f.name();
    } else if (e instanceof Expr.InstanceOf i) {
      return wrap(text(i.operand(), 9) + " instanceof " + i.target(), 9, precedence);
    }
    return "(" + e.type() + " value)"; // lambdas and tape pops: never in a user's expression
  }

  private String invoke(Expr.Invoke i) {
    String receiver = i.receiver() == null ? "" : text(i.receiver(), 15) + ".";
    if (i.callee() instanceof Callee.Function f) {
      if (f.form() == Callee.Form.PRIMAL) {
        return f.ref().name() + args(i.args());
      }
      String generated = String.join("_", f.ref().owner().simpleNames()) + "Derivatives.";
      return generated + f.ref().name() + formSuffix(f.form()) + args(i.args());
    } else if (i.callee() instanceof Callee.Method m) {
      return (m.isStatic() ? m.owner().simpleName() + "." : receiver) + m.name() + args(i.args());
    } else if (i.callee() instanceof Callee.Constructor c) {
      return "new " + c.owner().simpleName() + args(i.args());
    } else if (i.callee() instanceof Callee.Apply) {
      return receiver + "applyAsDouble" + args(i.args());
    }
    String name = switch ((Callee.Special) i.callee()) {
      case STOP_GRADIENT -> "Leibniz.stopGradient";
      case DIFFERENTIABLE -> "Leibniz.differentiable";
      case FN_JVP -> receiver + "jvp";
      case FN_VJP -> receiver + "vjp";
      case FN_VJP_JVP -> receiver + "vjpJvp";
      case FN_JVP_JVP -> receiver + "jvpJvp";
    };
    return name + args(i.args());
  }

  private static String formSuffix(Callee.Form form) {
    return switch (form) {
      case JVP -> "Jvp";
      case JVP2 -> "JvpJvp";
      default -> "Vjp";
    };
  }

  private String args(List<Expr> args) {
    return args.stream().map(this::of).collect(Collectors.joining(", ", "(", ")"));
  }

  private static String wrap(String text, int own, int context) {
    return own < context ? "(" + text + ")" : text;
  }
}
