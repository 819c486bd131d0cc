package dev.leibniz.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random differentiable programs: a small AST, a generator and a Java renderer. The programs use
 * only what §4 of the spec allows, in forms that keep values finite on inputs in [-2, 2]:
 * {@code exp} of bounded values, {@code log}/{@code sqrt} of {@code 1 + e*e}, division by
 * {@code 1.5 + e*e} or {@code 2 + cos(e)}, bounded loops. {@link Interpreter} runs the same AST
 * with dual numbers, so every program has an independent value and gradient.
 */
final class Programs {
  private Programs() {}

  // ---- expressions (all of the class's floating type) ----

  sealed interface Expr permits Num, Var, IntVar, Neg, Bin, Fn, Cond, Call, Stop {}

  record Num(double value) implements Expr {}

  /** A floating variable: parameter, local, or enhanced-for element. */
  record Var(String name) implements Expr {}

  /** An int variable (loop counter, the int parameter) cast to the floating type. */
  record IntVar(String name) implements Expr {}

  record Neg(Expr e) implements Expr {}

  /** {@code + - * / %}. */
  record Bin(char op, Expr a, Expr b) implements Expr {}

  /** {@code Math.name(args)}. */
  record Fn(String name, List<Expr> args) implements Expr {}

  record Cond(Cmp cmp, Expr then, Expr otherwise) implements Expr {}

  /** A call to an annotated method generated earlier; {@code intArg} is its int argument, if any. */
  record Call(Method target, List<Expr> args, String intArg) implements Expr {}

  /** {@code Leibniz.stopGradient(e)}. */
  record Stop(Expr e) implements Expr {}

  /** {@code a op b}, op one of {@code < <= > >=}. */
  record Cmp(Expr a, String op, Expr b) {}

  // ---- statements ----

  sealed interface Stmt permits Decl, Assign, If, For, While, DoWhile, ForEach, Break, Continue, Return {}

  record Decl(String name, Expr init) implements Stmt {}

  /** {@code name op e} with op one of {@code = += -= *= /=}. */
  record Assign(String name, String op, Expr e) implements Stmt {}

  record If(Cmp cond, List<Stmt> then, List<Stmt> otherwise) implements Stmt {}

  /** {@code for (int c = 0; c < bound; c++)}; bound is an int literal or the int parameter. */
  record For(String counter, String bound, List<Stmt> body) implements Stmt {}

  /** {@code int c = 0; while (c < bound) { body; c++; }}. */
  record While(String counter, String bound, List<Stmt> body) implements Stmt {}

  /** {@code int c = 0; do { body; c++; } while (c < bound);}. */
  record DoWhile(String counter, String bound, List<Stmt> body) implements Stmt {}

  /** {@code T[] array = {elements}; for (T element : array) { body }}. */
  record ForEach(String array, List<Expr> elements, String element, List<Stmt> body) implements Stmt {}

  record Break() implements Stmt {}

  record Continue() implements Stmt {}

  record Return(Expr e) implements Stmt {}

  // ---- methods and classes ----

  /** {@code static T name(T x0, ..., [int n])}. */
  record Method(String owner, String name, int arity, boolean intParam, boolean floats, List<Stmt> body) {
    List<String> params() {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < arity; i++) {
        out.add("x" + i);
      }
      return out;
    }
  }

  record Clazz(String name, boolean floats, List<Method> methods) {}

  static final String PACKAGE = "dev.leibniz.gen";

  // ---- generation ----

  /** Generates classes; later methods and classes may call earlier ones of the same floating type. */
  static final class Generator {
    private final Random r;
    private final List<Method> earlier = new ArrayList<>();
    private boolean floats;
    private String owner;
    // per method
    private List<List<String>> scopes;
    private List<String> ints;
    private int names;
    private int loopDepth;
    private boolean inWhile;
    private boolean inLoop;
    private boolean hasN;
    private int budget;

    Generator(Random r) {
      this.r = r;
    }

    Clazz clazz(String name) {
      floats = r.nextInt(4) == 0;
      owner = name;
      List<Method> methods = new ArrayList<>();
      int count = 1 + r.nextInt(3);
      for (int i = 0; i < count; i++) {
        Method m = method("m" + i);
        methods.add(m);
        earlier.add(m);
      }
      return new Clazz(name, floats, methods);
    }

    private Method method(String name) {
      int arity = 1 + r.nextInt(3);
      hasN = r.nextInt(3) == 0;
      scopes = new ArrayList<>();
      scopes.add(new ArrayList<>());
      ints = new ArrayList<>();
      for (int i = 0; i < arity; i++) {
        scopes.get(0).add("x" + i);
      }
      if (hasN) {
        ints.add("n");
      }
      names = 0;
      loopDepth = 0;
      inWhile = false;
      inLoop = false;
      budget = 8 + r.nextInt(10);
      List<Stmt> body = block(0);
      body.add(new Return(expr(3)));
      return new Method(owner, name, arity, hasN, floats, body);
    }

    private List<Stmt> block(int nesting) {
      List<Stmt> out = new ArrayList<>();
      int size = nesting == 0 ? 1 + r.nextInt(6) : 1 + r.nextInt(3);
      scopes.add(new ArrayList<>());
      for (int i = 0; i < size && budget > 0; i++) {
        budget--;
        out.add(statement(nesting));
      }
      // locals of the block go out of scope
      scopes.remove(scopes.size() - 1);
      return out;
    }

    private Stmt statement(int nesting) {
      int k = r.nextInt(100);
      if (k < 30) {
        String v = "v" + names++;
        Decl d = new Decl(v, expr(2 + r.nextInt(2)));
        scopes.get(scopes.size() - 1).add(v);
        return d;
      }
      if (k < 58) {
        String target = assignable();
        return switch (r.nextInt(6)) {
          case 0, 1 -> new Assign(target, "=", expr(3));
          case 2 -> new Assign(target, "+=", expr(2));
          case 3 -> new Assign(target, "-=", expr(2));
          case 4 -> new Assign(target, "*=", new Fn(r.nextBoolean() ? "cos" : "tanh", List.of(expr(2))));
          default -> new Assign(target, "/=", new Bin('+', new Num(2), new Fn("sin", List.of(expr(2)))));
        };
      }
      if (k < 70 && nesting < 3) {
        Cmp c = cmp(2);
        List<Stmt> then = block(nesting + 1);
        List<Stmt> otherwise = r.nextBoolean() ? block(nesting + 1) : List.of();
        return new If(c, then, otherwise);
      }
      if (k < 84 && loopDepth < 2 && nesting < 3) {
        return loop(nesting);
      }
      if (k < 90 && inLoop) {
        // break anywhere in a loop; continue only where it cannot skip a counter increment
        boolean cont = !inWhile && r.nextBoolean();
        return new If(cmp(2), List.of(cont ? new Continue() : new Break()), List.of());
      }
      if (k < 94) {
        return new If(cmp(2), List.of(new Return(expr(2))), List.of());
      }
      return new Assign(assignable(), "+=", expr(2));
    }

    /** A parameter or local; enhanced-for elements ({@code e...}) are left alone. */
    private String assignable() {
      List<String> vars = new ArrayList<>();
      scopes.forEach(scope -> scope.stream().filter(v -> !v.startsWith("e")).forEach(vars::add));
      return vars.get(r.nextInt(vars.size()));
    }

    private Stmt loop(int nesting) {
      String bound = hasN && r.nextInt(3) == 0 ? "n" : Integer.toString(1 + r.nextInt(3));
      // arrays that carry derivatives are rejected inside loops (ProcessorBugsTest.arrayCreatedInLoop),
      // so the enhanced for over a fresh array only appears outside loops
      int kind = r.nextInt(loopDepth == 0 ? 4 : 3);
      boolean outerWhile = inWhile;
      boolean outerLoop = inLoop;
      loopDepth++;
      inLoop = true;
      Stmt s;
      if (kind == 3) {
        List<Expr> elements = new ArrayList<>();
        int count = 1 + r.nextInt(3);
        for (int i = 0; i < count; i++) {
          elements.add(expr(2));
        }
        String array = "a" + names++;
        String element = "e" + names++;
        inWhile = false;
        scopes.add(new ArrayList<>(List.of(element)));
        List<Stmt> body = block(nesting + 1);
        scopes.remove(scopes.size() - 1);
        s = new ForEach(array, elements, element, body);
      } else {
        String counter = (kind == 0 ? "i" : "k") + names++;
        inWhile = kind != 0;
        ints.add(counter);
        List<Stmt> body = block(nesting + 1);
        ints.remove(counter);
        s = kind == 0 ? new For(counter, bound, body)
            : kind == 1 ? new While(counter, bound, body) : new DoWhile(counter, bound, body);
      }
      loopDepth--;
      inWhile = outerWhile;
      inLoop = outerLoop;
      return s;
    }

    private Cmp cmp(int depth) {
      String[] ops = {"<", "<=", ">", ">="};
      return new Cmp(expr(depth), ops[r.nextInt(ops.length)], expr(depth));
    }

    Expr expr(int depth) {
      if (depth <= 0 || r.nextInt(10) < 3) {
        return leaf();
      }
      int k = r.nextInt(100);
      int d = depth - 1;
      if (k < 30) {
        char[] ops = {'+', '-', '*'};
        return new Bin(ops[r.nextInt(3)], expr(d), expr(d));
      }
      if (k < 34) {
        return new Neg(expr(d));
      }
      if (k < 42) {
        Expr b = expr(Math.min(d, 1));
        Expr denominator = r.nextBoolean() ? new Bin('+', new Num(1.5), new Bin('*', b, b))
            : new Bin('+', new Num(2), new Fn("cos", List.of(b)));
        return new Bin('/', expr(d), denominator);
      }
      if (k < 45) {
        double[] m = {0.75, 1.25, 2.5};
        return new Bin('%', expr(d), new Num(m[r.nextInt(m.length)]));
      }
      if (k < 72) {
        return unary(expr(d));
      }
      if (k < 82) {
        return binary(d);
      }
      if (k < 88) {
        return new Cond(cmp(d), expr(d), expr(d));
      }
      if (k < 99) {
        List<Method> targets = earlier.stream().filter(m -> m.floats() == floats).toList();
        if (!targets.isEmpty()) {
          Method t = targets.get(r.nextInt(targets.size()));
          List<Expr> args = new ArrayList<>();
          for (int i = 0; i < t.arity(); i++) {
            args.add(expr(Math.min(d, 1)));
          }
          String intArg = t.intParam() ? (hasN && r.nextBoolean() ? "n" : Integer.toString(r.nextInt(3))) : null;
          return new Call(t, args, intArg);
        }
        return unary(expr(d));
      }
      return new Stop(expr(d));
    }

    private Expr leaf() {
      int k = r.nextInt(100);
      if (k < 15) {
        double[] c = {0.5, 1.5, 2.0, -0.75, 3.0, 0.25, 1.0};
        return new Num(c[r.nextInt(c.length)]);
      }
      if (k < 22 && !ints.isEmpty()) {
        return new IntVar(ints.get(r.nextInt(ints.size())));
      }
      List<String> vars = new ArrayList<>();
      scopes.forEach(vars::addAll);
      return new Var(vars.get(r.nextInt(vars.size())));
    }

    private static Expr fn(String name, Expr... args) {
      return new Fn(name, List.of(args));
    }

    private static Expr onePlusSquare(double c, Expr e) {
      return new Bin('+', new Num(c), new Bin('*', e, e));
    }

    /** Unary functions in forms that are finite and smooth (or piecewise smooth) everywhere. */
    private Expr unary(Expr e) {
      return switch (r.nextInt(26)) {
        case 0 -> fn("sin", e);
        case 1 -> fn("cos", e);
        case 2 -> fn("tanh", e);
        case 3 -> fn("atan", e);
        case 4 -> fn("abs", e);
        case 5 -> fn("exp", fn("sin", e));
        case 6 -> fn("exp", fn("tanh", e));
        case 7 -> fn("expm1", fn("cos", e));
        case 8 -> fn("sinh", fn("sin", e));
        case 9 -> fn("cosh", fn("tanh", e));
        case 10 -> fn("log", onePlusSquare(1, e));
        case 11 -> fn("log1p", new Bin('*', e, e));
        case 12 -> fn("log10", new Bin('+', new Num(2), fn("sin", e)));
        case 13 -> fn("sqrt", onePlusSquare(1, e));
        case 14 -> fn("cbrt", new Bin('+', new Num(2), fn("cos", e)));
        case 15 -> fn("asin", new Bin('*', new Num(0.5), fn("sin", e)));
        case 16 -> fn("acos", new Bin('*', new Num(0.5), fn("cos", e)));
        case 17 -> fn("tan", new Bin('*', new Num(0.5), fn("atan", e)));
        case 18 -> fn("pow", e, new Num(r.nextBoolean() ? 2 : 3));
        case 19 -> fn("pow", onePlusSquare(1, e), new Num(r.nextBoolean() ? 0.5 : -1.5));
        case 20 -> fn("floor", e);
        case 21 -> fn("signum", e);
        case 22 -> fn("rint", e);
        case 23 -> fn("ceil", e);
        case 24 -> fn("toDegrees", fn("sin", e));
        default -> fn("toRadians", e);
      };
    }

    private Expr binary(int d) {
      Expr a = expr(d);
      Expr b = expr(Math.min(d, 1));
      return switch (r.nextInt(8)) {
        case 0 -> fn("min", a, b);
        case 1 -> fn("max", a, b);
        case 2 -> fn("hypot", a, onePlusSquare(0.5, b));
        case 3 -> fn("atan2", a, new Bin('+', new Num(2), fn("cos", b)));
        case 4 -> fn("copySign", a, b);
        case 5 -> fn("fma", a, b, expr(Math.min(d, 1)));
        case 6 -> fn("pow", fn("exp", fn("sin", a)), b);
        default -> fn("IEEEremainder", a, new Num(1.75));
      };
    }
  }

  // ---- rendering ----

  /** The functions with a float overload in {@code Math} returning float. */
  private static final List<String> FLOAT_NATIVE = List.of("abs", "min", "max", "copySign", "signum", "fma");

  static String render(Clazz c) {
    StringBuilder s = new StringBuilder();
    s.append("package ").append(PACKAGE).append(";\n\n");
    s.append("import dev.leibniz.Differentiable;\n");
    s.append("import dev.leibniz.runtime.Leibniz;\n\n");
    s.append("public final class ").append(c.name()).append(" {\n");
    s.append("  private ").append(c.name()).append("() {}\n");
    for (Method m : c.methods()) {
      String t = m.floats() ? "float" : "double";
      s.append("\n  @Differentiable\n  public static ").append(t).append(' ').append(m.name()).append('(');
      List<String> params = new ArrayList<>();
      for (String p : m.params()) {
        params.add(t + " " + p);
      }
      if (m.intParam()) {
        params.add("int n");
      }
      s.append(String.join(", ", params)).append(") {\n");
      for (Stmt st : m.body()) {
        stmt(s, st, m, c.name(), 2);
      }
      s.append("  }\n");
    }
    s.append("}\n");
    return s.toString();
  }

  private static void indent(StringBuilder s, int level) {
    s.append("  ".repeat(level));
  }

  private static void stmt(StringBuilder s, Stmt st, Method m, String cls, int level) {
    String t = m.floats() ? "float" : "double";
    if (st instanceof Decl d) {
      indent(s, level);
      s.append(t).append(' ').append(d.name()).append(" = ").append(expr(d.init(), m, cls)).append(";\n");
    } else if (st instanceof Assign a) {
      indent(s, level);
      s.append(a.name()).append(' ').append(a.op()).append(' ').append(expr(a.e(), m, cls)).append(";\n");
    } else if (st instanceof If i) {
      indent(s, level);
      s.append("if (").append(cmp(i.cond(), m, cls)).append(") {\n");
      i.then().forEach(x -> stmt(s, x, m, cls, level + 1));
      indent(s, level);
      if (i.otherwise().isEmpty()) {
        s.append("}\n");
      } else {
        s.append("} else {\n");
        i.otherwise().forEach(x -> stmt(s, x, m, cls, level + 1));
        indent(s, level);
        s.append("}\n");
      }
    } else if (st instanceof For f) {
      indent(s, level);
      s.append("for (int ").append(f.counter()).append(" = 0; ").append(f.counter()).append(" < ")
          .append(f.bound()).append("; ").append(f.counter()).append("++) {\n");
      f.body().forEach(x -> stmt(s, x, m, cls, level + 1));
      indent(s, level);
      s.append("}\n");
    } else if (st instanceof While w) {
      indent(s, level);
      s.append("int ").append(w.counter()).append(" = 0;\n");
      indent(s, level);
      s.append("while (").append(w.counter()).append(" < ").append(w.bound()).append(") {\n");
      w.body().forEach(x -> stmt(s, x, m, cls, level + 1));
      indent(s, level + 1);
      s.append(w.counter()).append("++;\n");
      indent(s, level);
      s.append("}\n");
    } else if (st instanceof DoWhile w) {
      indent(s, level);
      s.append("int ").append(w.counter()).append(" = 0;\n");
      indent(s, level);
      s.append("do {\n");
      w.body().forEach(x -> stmt(s, x, m, cls, level + 1));
      indent(s, level + 1);
      s.append(w.counter()).append("++;\n");
      indent(s, level);
      s.append("} while (").append(w.counter()).append(" < ").append(w.bound()).append(");\n");
    } else if (st instanceof ForEach f) {
      indent(s, level);
      List<String> elements = new ArrayList<>();
      f.elements().forEach(e -> elements.add(expr(e, m, cls)));
      s.append(t).append("[] ").append(f.array()).append(" = {").append(String.join(", ", elements)).append("};\n");
      indent(s, level);
      s.append("for (").append(t).append(' ').append(f.element()).append(" : ").append(f.array()).append(") {\n");
      f.body().forEach(x -> stmt(s, x, m, cls, level + 1));
      indent(s, level);
      s.append("}\n");
    } else if (st instanceof Break) {
      indent(s, level);
      s.append("break;\n");
    } else if (st instanceof Continue) {
      indent(s, level);
      s.append("continue;\n");
    } else if (st instanceof Return ret) {
      indent(s, level);
      s.append("return ").append(expr(ret.e(), m, cls)).append(";\n");
    } else {
      throw new IllegalArgumentException(st.toString());
    }
  }

  private static String cmp(Cmp c, Method m, String cls) {
    return expr(c.a(), m, cls) + " " + c.op() + " " + expr(c.b(), m, cls);
  }

  static String num(double v, boolean floats) {
    String text = floats ? Float.toString((float) v) + "f" : Double.toString(v);
    return v < 0 ? "(" + text + ")" : text;
  }

  private static String expr(Expr e, Method m, String cls) {
    boolean fl = m.floats();
    String t = fl ? "float" : "double";
    if (e instanceof Num n) {
      return num(n.value(), fl);
    } else if (e instanceof Var v) {
      return v.name();
    } else if (e instanceof IntVar i) {
      return "(" + t + ") " + i.name();
    } else if (e instanceof Neg n) {
      return "-(" + expr(n.e(), m, cls) + ")";
    } else if (e instanceof Bin b) {
      return "(" + expr(b.a(), m, cls) + " " + b.op() + " " + expr(b.b(), m, cls) + ")";
    } else if (e instanceof Fn f) {
      List<String> args = new ArrayList<>();
      for (int i = 0; i < f.args().size(); i++) {
        Expr a = f.args().get(i);
        // constant exponents stay double literals, as a user would write them
        args.add(a instanceof Num n && f.name().equals("pow") && i == 1 ? num(n.value(), false) : expr(a, m, cls));
      }
      String call = "Math." + f.name() + "(" + String.join(", ", args) + ")";
      return fl && !FLOAT_NATIVE.contains(f.name()) ? "((float) " + call + ")" : call;
    } else if (e instanceof Cond c) {
      return "(" + cmp(c.cmp(), m, cls) + " ? " + expr(c.then(), m, cls) + " : " + expr(c.otherwise(), m, cls) + ")";
    } else if (e instanceof Call c) {
      List<String> args = new ArrayList<>();
      c.args().forEach(a -> args.add(expr(a, m, cls)));
      if (c.intArg() != null) {
        args.add(c.intArg());
      }
      String prefix = c.target().owner().equals(cls) ? "" : c.target().owner() + ".";
      return prefix + c.target().name() + "(" + String.join(", ", args) + ")";
    } else if (e instanceof Stop st) {
      return "Leibniz.stopGradient(" + expr(st.e(), m, cls) + ")";
    }
    throw new IllegalArgumentException(e.toString());
  }
}
