package dev.leibniz.it;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random differentiable programs: a small typed AST, a generator and a Java renderer.
 *
 * <p>Values are scalars ({@code double}, or {@code float} in a float class), the record
 * {@code Pair(a, b)}, the nested record {@code Seg(Pair p, double w, int k)}, the record holding an array {@code
 * Samples(double[] xs, double w)} (RECORD_ARRAY), arrays, matrices (MATRIX), and
 * {@code @NonDiff DoubleUnaryOperator} function values (lambdas, method references). Methods of a class may be
 * overloads of one name (OVERLOADS). Statements:
 * declarations, assignments and compound assignments (parameters too), array element writes,
 * if/else, for, while (optionally with a data-dependent guard), do, enhanced for, break and
 * continue (labeled or not), early returns; with the kinds of issue 8, array copies, switch statements and
 * expressions, assignments and increments inside expressions, void methods writing into their arrays, and
 * matrices ({@code double[][]}, ragged) read and written by element, by row and by callees.
 * Expressions: arithmetic, the {@code Math} functions, ?:, calls to earlier methods of the batch and to
 * {@code Rules}, stopGradient, narrowing to float.
 * A third of the scalar methods ask for {@code order = 2}.
 *
 * <p>Everything stays finite on inputs in [-2, 2]: {@code exp} of bounded values, {@code log}
 * and {@code sqrt} of {@code 1 + e*e}, division by {@code 1.5 + e*e} or {@code 2 + cos(e)}, loops
 * of at most a few trips, array indices reduced modulo the length. {@link Interpreter} runs the
 * same AST with dual numbers, so every program has an independent value and gradient.
 *
 * <p>The generator stays clear of what {@link ProcessorBugsTest} shows broken (each place says
 * which test), so one known bug does not hide the others.
 */
final class Programs {
  private Programs() {}

  static final String PACKAGE = "dev.leibniz.gen";

  /** STATIC_TABLE: the name and contents of every double class's {@code static final double[]} table. */
  static final String TABLE = "TABLE";

  static final double[] TABLE_VALUES = {0.5, -1.25, 2.0};

  /** STATIC_TABLE: the name of every double class's computed constant, {@code Math.sqrt(2.0)}. */
  static final String ROOT2 = "ROOT2";

  /**
   * The kinds of program issues 7 and 8 ask for, each a switch, so a failure names the kinds its
   * program exercises. All are on unless {@code -Dleibniz.randomKinds} lists the ones to keep
   * ({@code none} for none); with all off the generator draws exactly the programs it drew before
   * they existed.
   */
  enum Kind {
    /** {@code double s = Math.sqrt(x0 * x0 + x1 * x1);} (log, pow, cbrt, atan2) used only where {@code s > c}, at inputs that are sometimes 0. */
    ONE_BRANCH_SINGULAR,
    /** A differentiated variable updated in a {@code for} header: {@code for (int i = 0; i < 3; i++, t *= x)}. */
    FOR_HEADER_UPDATE,
    /** {@code DoubleUnaryOperator h = u -> u * u * c;} capturing a differentiated local, applied as {@code h.applyAsDouble(e)}. */
    LOCAL_LAMBDA,
    /** Methods writing into their array parameters (SPEC §5a), called by methods that then read the array. */
    ARRAY_WRITING_CALLEE,
    /** {@code Rules.skew}: an order-2 JVP rule that is not a gradient, so the Hessian is not symmetric. */
    ASYMMETRIC_RULE,
    /** {@code @CustomJvp} rules over {@code double[]}: {@code Rules.weigh(double[])}, {@code Rules.spread(double[], double)}. */
    ARRAY_RULE,
    /**
     * Array variables holding several arrays in turn: two swapped ({@code double[] t = a; a = b; b = t;}),
     * often in a loop writing one from the other, or given a new array ({@code a = b.clone()}), maybe on one branch.
     */
    BUFFER_SWAP,
    /**
     * Array copies: {@code a.clone()}, {@code Arrays.copyOf(a, n)}, {@code Arrays.copyOfRange(a, f, t)} (t past the
     * end too), {@code System.arraycopy} (within one array too, overlapping), {@code Arrays.fill} of a whole array or a
     * range with a differentiated value.
     */
    COPIES,
    /**
     * {@code switch} statements (colon form with fall-through and break, or arrow form) and expressions (arrow or
     * colon form, {@code yield} in blocks) on an int (a counter, {@code n}, a length, or {@code (int) Math.floor} of
     * a differentiated value), an enum or a String.
     */
    SWITCH,
    /**
     * Assignments and {@code ++}/{@code --} inside expressions and conditions: {@code while ((v = step) > c && k++ <
     * 3)}, {@code s += a[j++ % a.length]}, {@code y = x = e}, {@code t[i]++} on an element, {@code sin(x += e)}.
     */
    ASSIGN_IN_EXPR,
    /**
     * {@code @Differentiable static void} methods writing their results into all their array parameters (SPEC
     * §5a), called as statements (sometimes in a loop) by later methods, which then read the arrays.
     */
    VOID_CALLEE,
    /**
     * {@code double[][]}: matrix parameters (ragged), locals {@code new double[r][c]} and literals {@code new
     * double[][] {{...}, x.clone()}}, {@code a[i][j]} reads and writes (also in loops over {@code a.length} and
     * {@code a[i].length}), {@code a[i].length}, rows read into locals {@code double[] r = a[i]} (read, written
     * through when the matrix may be written, passed to callees reading them), rows passed to callees writing into
     * them, matrices passed to callees that read or write them; a matrix written after a callee looping over one of
     * its rows through a local was given it.
     */
    MATRIX,
    /**
     * Overloaded methods: a later method of a class takes the name of an earlier one with other parameter types
     * ({@code m0(double)}, {@code m0(double[], double)}, {@code m0(Samples)}, {@code m0(double, int n)}, void ones
     * too), each with its own forms ({@code M0Vjp2}: the documented suffix), called by later methods and classes
     * (exact argument types, or from another class an {@code int} where a {@code double} is taken, so that javac
     * may pick the overload taking {@code int n}: {@link Programs#resolve}), and named by method references.
     */
    OVERLOADS,
    /**
     * {@code Samples(double[] xs, double w)}, a record holding an array: parameters (also of order-2 methods),
     * locals, results, arguments; made from a new array, a copy, a call's result or an array in scope (then
     * sharing it, so later writes to the array show through the record); read as {@code s.xs()[i % s.xs().length]},
     * {@code s.xs().length}, {@code s.w()}, {@code f(..).xs()[0]}, in loops over {@code s.xs()}; the array of a
     * record made in the body (from a new array, or an array the method may write) written directly and by
     * callees, also after a callee looping over the record's array was given it (its pullback reads the array as
     * it was at the call: {@code Generator#callThenWrite}). Never a write into the array of a record parameter (an
     * error by design, RECORD_ARRAY_WRITTEN): so a callee writing arrays is given new records only.
     */
    RECORD_ARRAY,
    /**
     * {@code int[] b0 = {c};}, whose element {@code b0[0]} is an index from then on ({@code a[b0[0] % a.length]},
     * a switch selector, an int argument), and steps {@code b0[0] = (b0[0] + s) % 4;} later, also in loops: the
     * backward sweep of a read before a step needs the index as it was (an index buffer, a permutation).
     */
    INDEX_BUFFER,
    /**
     * {@code java.util.List<Double> w = new java.util.ArrayList<>(); w.add(1.5); ...} holding constants only, read
     * as a number: {@code w.get(i % w.size())} unboxed in arithmetic, in a comparison, or assigned to a {@code
     * double} (double classes only: a {@code Double} in float arithmetic makes a double).
     */
    CONSTANT_LIST,
    /**
     * Text made from differentiated values that only goes out: {@code String s = "v=" + (e);} never read, and guards
     * that never fire, {@code if (x > 1.0E300) { throw new IllegalStateException("overflow: " + x); }}, {@code if
     * (a.length != c.length) { throw new IllegalArgumentException("lengths " + a.length + ...); }}.
     */
    OUTGOING_TEXT,
    /**
     * The class's {@code static final double[] TABLE} read in a loop ({@code t += TABLE[i % TABLE.length] * e;})
     * and its computed {@code static final double ROOT2 = Math.sqrt(2.0);} (double classes only).
     */
    STATIC_TABLE
  }

  static final Set<Kind> KINDS = kinds(System.getProperty("leibniz.randomKinds"));

  private static Set<Kind> kinds(String names) {
    if (names == null || names.isBlank()) {
      return EnumSet.allOf(Kind.class);
    }
    Set<Kind> out = EnumSet.noneOf(Kind.class);
    for (String name : names.split(",")) {
      if (!name.isBlank() && !name.trim().equals("none")) {
        out.add(Kind.valueOf(name.trim()));
      }
    }
    return out;
  }

  static boolean enabled(Kind kind) {
    return KINDS.contains(kind);
  }

  /**
   * The value types; FN is a {@code @NonDiff DoubleUnaryOperator} parameter (double classes only), VOID the result
   * of a method writing its results into its arrays, SAMPLES the record {@code Samples(double[] xs, double w)}.
   */
  enum Ty { NUM, PAIR, ARR, FN, SEG, VOID, MAT, SAMPLES }

  // ---- expressions ----

  sealed interface Expr permits Num, Var, IntVar, Neg, Bin, Fn, Cond, Call, Stop, NewPair, Get, ArrRead, Len,
      NewArr, ToFloat, Rule, Apply, Lambda, MethodRef, NewSeg, SegGet, CloneArr, CopyOf, CopyOfRange, SwitchExpr,
      AssignExpr, Inc, ArrReadInc, NewMat, MatRead, Row, RowLen, NewSamples, First, IntArg, ListGet {}

  record Num(double value) implements Expr {}

  /** A variable of any type: parameter, local, enhanced-for element. */
  record Var(String name) implements Expr {}

  /** An int variable (loop counter, the int parameter) cast to the scalar type. */
  record IntVar(String name) implements Expr {}

  record Neg(Expr e) implements Expr {}

  /** {@code + - * / %}. */
  record Bin(char op, Expr a, Expr b) implements Expr {}

  /** {@code Math.name(args)}. */
  record Fn(String name, List<Expr> args) implements Expr {}

  record Cond(Cmp cmp, Expr then, Expr otherwise) implements Expr {}

  /** A call to a method generated earlier; {@code intArg} is its int argument, if any. */
  record Call(Method target, List<Expr> args, String intArg) implements Expr {}

  /** {@code Leibniz.stopGradient(e)}. */
  record Stop(Expr e) implements Expr {}

  /** {@code new Pair(a, b)}. */
  record NewPair(Expr a, Expr b) implements Expr {}

  /** {@code pair.a()} (component 0) or {@code pair.b()} (component 1). */
  record Get(Expr pair, int component) implements Expr {}

  /**
   * {@code new Seg(p, w, k)}: a record nesting a {@code Pair}, with a scalar and an int component
   * (not differentiable); k is an int literal.
   */
  record NewSeg(Expr p, Expr w, int k) implements Expr {}

  /**
   * {@code seg.p()} (a Pair), {@code seg.w()} (a scalar) or {@code (double) seg.k()}, by accessor name; on a
   * Samples {@code s.w()} or {@code s.xs()} (the record's own array).
   */
  record SegGet(Expr seg, String accessor) implements Expr {}

  /** RECORD_ARRAY: {@code new Samples(xs, w)}. */
  record NewSamples(Expr xs, Expr w) implements Expr {}

  /** {@code array[0]} of an array expression (every array has an element). */
  record First(Expr array) implements Expr {}

  /**
   * OVERLOADS: an int variable or literal as an argument where the callee takes a {@code double}, without a cast
   * (widened by javac, which may then pick another overload: {@link Programs#resolve}).
   */
  record IntArg(String name) implements Expr {}

  /**
   * {@code array[index % array.length]}; index is an int literal or int variable, never negative. Here and in the
   * other statements and expressions naming an array, the array is a variable or {@code s.xs()} of a Samples
   * variable s (RECORD_ARRAY).
   */
  record ArrRead(String array, String index) implements Expr {}

  /** {@code (double) array.length}. */
  record Len(String array) implements Expr {}

  /** {@code new double[] {elements}}. */
  record NewArr(List<Expr> elements) implements Expr {}

  /**
   * MATRIX: {@code new double[rows][cols]} ({@code literal} null), or {@code new double[][] {row, ...}} with each
   * row a {@link NewArr} or a {@link CloneArr} (never an array another variable holds: rows do not alias).
   */
  record NewMat(int rows, int cols, List<Expr> literal) implements Expr {}

  /** {@code matrix[i % matrix.length][j % matrix[i % matrix.length].length]}; i and j as {@link ArrRead}'s index. */
  record MatRead(String matrix, String i, String j) implements Expr {}

  /** {@code matrix[i % matrix.length]}: the row itself (an array value, the same array the matrix holds). */
  record Row(String matrix, String i) implements Expr {}

  /** {@code (double) matrix[i % matrix.length].length}. */
  record RowLen(String matrix, String i) implements Expr {}

  /** {@code array.clone()} of an array expression. */
  record CloneArr(Expr array) implements Expr {}

  /** {@code Arrays.copyOf(array, length)}. */
  record CopyOf(String array, IntE length) implements Expr {}

  /** {@code Arrays.copyOfRange(array, from, to)}. */
  record CopyOfRange(String array, IntE from, IntE to) implements Expr {}

  /** A switch expression: {@code switch (selector) { case ... -> e; ... }} (or colon form, each case yielding). */
  record SwitchExpr(Selector selector, List<Case> cases, boolean arrow) implements Expr {}

  /** {@code (name op e)} as an expression: its value is the value assigned. */
  record AssignExpr(String name, String op, Expr e) implements Expr {}

  /**
   * {@code name++}, {@code --name} (prefix), or with an {@code index} the element {@code name[index %
   * name.length]}: the old value (postfix) or the new one.
   */
  record Inc(String name, String index, boolean prefix, boolean up) implements Expr {}

  /** CONSTANT_LIST: {@code list.get(index % list.size())}, a {@code Double} unboxed. */
  record ListGet(String list, String index) implements Expr {}

  /** {@code array[counter++ % array.length]}. */
  record ArrReadInc(String array, String counter) implements Expr {}

  /** {@code ((double) (float) e)} inside a double expression: a narrowing that rounds. */
  record ToFloat(Expr e) implements Expr {}

  /** A call to a method of {@code Rules}: {@code smooth(x)}, {@code mix(x, y)} or {@code cube(x)}. */
  record Rule(String name, List<Expr> args) implements Expr {}

  /** {@code f.applyAsDouble(arg)} on a function-value parameter. */
  record Apply(String function, Expr arg) implements Expr {}

  /** {@code (param -> body)}, passed to a function-value parameter; the body captures nothing differentiated. */
  record Lambda(String param, Expr body) implements Expr {}

  /** {@code Math::sin}, {@code P0::m1}: {@code target} null for a Math function {@code name}. */
  record MethodRef(Method target, String name) implements Expr {}

  /** Int expressions (never differentiated): indices, lengths and switch selectors. */
  sealed interface IntE permits ILit, IVar, ILen, IBin, IFloor {}

  record ILit(int value) implements IntE {}

  /** An int variable: a counter, {@code n}, or an int local. */
  record IVar(String name) implements IntE {}

  record ILen(String array) implements IntE {}

  /** {@code a op b} with op one of {@code + - %}, or {@code Math.min(a, b)} for op {@code m}. */
  record IBin(char op, IntE a, IntE b) implements IntE {}

  /** {@code (int) Math.floor(e)} of a scalar (maybe differentiated): piecewise constant. */
  record IFloor(Expr e) implements IntE {}

  /**
   * What a switch is on: {@code value} itself ({@code wrap} null), {@code Modes.mode(value)} (an enum, labels {@code
   * A B C}) or {@code Modes.name(value)} (a String, labels {@code "a" "b" "c" "d"}).
   */
  record Selector(IntE value, String wrap) {}

  /**
   * A case: its labels (indices into the selector's constants for an enum or String, else ints; none for {@code
   * default}) and its statements (in a switch expression ending with a {@link Yield}; with only a yield in arrow
   * form it renders as {@code case 1 -> e;}).
   */
  record Case(List<Integer> labels, List<Stmt> body) {}

  /** {@code a op b} with op one of {@code < <= > >=}. */
  record Cmp(Expr a, String op, Expr b) {}

  // ---- statements ----

  sealed interface Stmt permits Decl, Assign, ArrWrite, If, For, While, DoWhile, ForEach, Break, Continue, Return,
      CallStmt, Switch, Yield, ArrayCopy, Fill, ExprStmt, AssignLoop, IntDecl, MatWrite, MatLoop, Braced, Unset,
      IndexBuffer, ConstList, Text, Guard {}

  /** {@code T name = init;}; for a fresh array, init is a {@link NewArr} or {@code new double[size]}. */
  record Decl(String name, Ty type, Expr init, int size) implements Stmt {}

  /** {@code name op e} with op one of {@code = += -= *= /= %=}. */
  record Assign(String name, String op, Expr e) implements Stmt {}

  /** {@code array[index % array.length] op e;} on a writable array, op {@code =}, {@code +=} or {@code *=}. */
  record ArrWrite(String array, String index, String op, Expr e) implements Stmt {}

  record If(Cmp cond, List<Stmt> then, List<Stmt> otherwise) implements Stmt {}

  /**
   * {@code for (int c = 0; c < bound; c++)}; bound is an int literal, {@code n} or {@code a.length}.
   * With an {@code update} (FOR_HEADER_UPDATE): {@code for (...; c++, update)}, or with {@code
   * counterInBody} {@code for (...; update) { body; c++; }}; either way c is incremented first.
   */
  record For(String counter, String bound, List<Stmt> body, String label, Assign update, boolean counterInBody)
      implements Stmt {}

  /** {@code int c = 0; while (c < bound && guard) { body; c++; }}; guard may be null. */
  record While(String counter, String bound, Cmp guard, List<Stmt> body, String label) implements Stmt {}

  /** {@code int c = 0; do { body; c++; } while (c < bound);}. */
  record DoWhile(String counter, String bound, List<Stmt> body, String label) implements Stmt {}

  /** {@code for (T element : array) { body }} over an array variable. */
  record ForEach(String array, String element, List<Stmt> body, String label) implements Stmt {}

  /** {@code break;} or {@code break label;}. */
  record Break(String label) implements Stmt {}

  /** {@code continue;} or {@code continue label;}. */
  record Continue(String label) implements Stmt {}

  /** {@code return e;}, or {@code return;} (e null) in a void method. */
  record Return(Expr e) implements Stmt {}

  /**
   * A switch statement; in colon form a case without a final {@code break} falls through into the next, and a
   * {@code break} without a label leaves the switch.
   */
  record Switch(Selector selector, List<Case> cases, boolean arrow) implements Stmt {}

  /** {@code yield e;} in a switch expression. */
  record Yield(Expr e) implements Stmt {}

  /** {@code { body }}: a case's statements in braces. */
  record Braced(List<Stmt> body) implements Stmt {}

  /** {@code double name;}: a local declared without a value, which every path assigns before it is read. */
  record Unset(String name) implements Stmt {}

  /** {@code System.arraycopy(src, srcPos, dst, dstPos, length);}. */
  record ArrayCopy(String src, IntE srcPos, String dst, IntE dstPos, IntE length) implements Stmt {}

  /** {@code Arrays.fill(array, v);} or, with {@code from}, {@code Arrays.fill(array, from, to, v);}. */
  record Fill(String array, IntE from, IntE to, Expr v) implements Stmt {}

  /** An expression as a statement: an {@link AssignExpr} or {@link Inc} for its effect. */
  record ExprStmt(Expr e) implements Stmt {}

  /** {@code int counter = 0; while ((target = step) > limit && counter++ < bound) { body }}. */
  record AssignLoop(String counter, int bound, String target, Expr step, Expr limit, List<Stmt> body, String label)
      implements Stmt {}

  /** {@code int name = init;}. */
  record IntDecl(String name, IntE init) implements Stmt {}

  /** INDEX_BUFFER: {@code int[] name = {value};} when {@code declare}, else {@code name[0] = (name[0] + value) % 4;}. */
  record IndexBuffer(String name, int value, boolean declare) implements Stmt {}

  /** CONSTANT_LIST: {@code java.util.List<Double> name = new java.util.ArrayList<>();} and {@code name.add(v);} each. */
  record ConstList(String name, List<Double> values) implements Stmt {}

  /** OUTGOING_TEXT: {@code String name = "v=" + (e);}, never read. */
  record Text(String name, Expr e) implements Stmt {}

  /**
   * OUTGOING_TEXT: {@code if (cond) { throw new exception("text" + (m0) + " and " + (m1)...); }}; a {@link Len} in
   * the message renders as {@code a.length}.
   */
  record Guard(Cmp cond, String exception, String text, List<Expr> message) implements Stmt {}

  /** MATRIX: {@code matrix[i % ..][j % ..] op e;} on a writable matrix, op {@code =}, {@code +=} or {@code *=}. */
  record MatWrite(String matrix, String i, String j, String op, Expr e) implements Stmt {}

  /**
   * MATRIX: {@code for (int i = 0; i < matrix.length; i++) { for (int j = 0; j < matrix[i].length; j++) { body } }}
   * (no break or continue in the body).
   */
  record MatLoop(String matrix, String i, String j, List<Stmt> body) implements Stmt {}

  /** {@code call;}: a call for its writes into array arguments (ARRAY_WRITING_CALLEE). */
  record CallStmt(Call call) implements Stmt {}

  // ---- methods and classes ----

  /**
   * {@code static R name(P0 x0, ..., [int n])}. {@code order2}: annotated {@code
   * @Differentiable(order = 2)}; {@code reverseOnly}: reaches a custom VJP rule, so it has no
   * forward mode; {@code writesArrays}: may write into its array parameters, so callers pass it
   * arrays of their own; {@code kinds}: the kinds it exercises, through its callees too; {@code fallThrough}: a
   * switch case falls through (so the method suppresses javac's warning); {@code overload}: 1 for the first
   * method of its name in its class, 2 for the second... (OVERLOADS).
   */
  record Method(String owner, String name, List<Ty> params, boolean intParam, Ty result, boolean floats,
      boolean order2, boolean reverseOnly, boolean writesArrays, Set<Kind> kinds, List<Stmt> body,
      boolean fallThrough, int overload) {}

  record Clazz(String name, boolean floats, List<Method> methods) {}

  /** A method of {@code Rules}: name, parameter and result types, whether it is reverse-only (a VJP rule), its kind if new. */
  record RuleInfo(String name, List<Ty> params, Ty result, boolean reverseOnly, Kind kind) {}

  static final List<RuleInfo> RULES = List.of(
      new RuleInfo("smooth", List.of(Ty.NUM), Ty.NUM, false, null),
      new RuleInfo("mix", List.of(Ty.NUM, Ty.NUM), Ty.NUM, false, null),
      new RuleInfo("cube", List.of(Ty.NUM), Ty.NUM, true, null),
      new RuleInfo("skew", List.of(Ty.NUM, Ty.NUM), Ty.NUM, false, Kind.ASYMMETRIC_RULE),
      new RuleInfo("weigh", List.of(Ty.ARR), Ty.NUM, false, Kind.ARRAY_RULE),
      new RuleInfo("spread", List.of(Ty.ARR, Ty.NUM), Ty.ARR, false, Kind.ARRAY_RULE));

  /** The rules of enabled kinds returning {@code result}. */
  static List<RuleInfo> rules(Ty result) {
    return RULES.stream().filter(x -> x.result() == result && (x.kind() == null || enabled(x.kind()))).toList();
  }

  /**
   * OVERLOADS: the method javac calls among {@code overloads} (the methods of one name of a class) for arguments of
   * {@code types} ({@code null} for an int): of those applicable by strict invocation (each argument of the
   * parameter's type, or an int where a scalar is taken), the most specific (its parameters convertible to each
   * other's); null when none is applicable or no one is most specific (javac's ambiguity error).
   */
  static Method resolve(List<Method> overloads, List<Ty> types) {
    List<Method> applicable = overloads.stream()
        .filter(m -> convertible(types, Generator.signature(m.params(), m.intParam()))).toList();
    for (Method m : applicable) {
      List<Ty> own = Generator.signature(m.params(), m.intParam());
      if (applicable.stream().allMatch(o -> convertible(own, Generator.signature(o.params(), o.intParam())))) {
        return m;
      }
    }
    return null;
  }

  /** Whether values of {@code from} pass as {@code to} by identity or widening ({@code null}, an int, to a scalar). */
  private static boolean convertible(List<Ty> from, List<Ty> to) {
    if (from.size() != to.size()) {
      return false;
    }
    for (int i = 0; i < from.size(); i++) {
      if (!(from.get(i) == to.get(i) || (from.get(i) == null && to.get(i) == Ty.NUM))) {
        return false;
      }
    }
    return true;
  }

  // ---- generation ----

  /** Generates classes; later methods and classes may call earlier ones of the same scalar type. */
  static final class Generator {
    private final Random r;
    private final List<Method> earlier = new ArrayList<>();
    private boolean floats;
    private String owner;

    /** A variable in scope. */
    private record Local(String name, Ty type, boolean writable) {}

    // per method
    private List<List<Local>> scopes;
    private List<String> ints;
    private int names;
    private int loopDepth;
    /** The enclosing loops, innermost last: label and whether {@code continue} may target it. */
    private final List<String> loopLabels = new ArrayList<>();
    private final List<Boolean> loopContinuable = new ArrayList<>();
    private final java.util.Set<String> usedLabels = new java.util.HashSet<>();
    /**
     * The arrays enhanced {@code for} loops around the statement being generated iterate over: not
     * reassigned (the processor's loop reads the variable again, where Java iterates the array it
     * found on entry).
     */
    private final java.util.Set<String> iterated = new java.util.HashSet<>();
    /** MATRIX: row locals ({@code double[] r = a[i]}), never assigned again (the processor's reverse mode says why). */
    private final java.util.Set<String> rowLocals = new java.util.HashSet<>();
    /**
     * RECORD_ARRAY: Samples locals made here from a new array or one this method may write, never assigned again:
     * their arrays may be written, also after a callee was given the record (whose pullback must see the array as
     * it was at the call). Their arrays are not taken as arrays elsewhere ({@link #sharedRecords}).
     */
    private final java.util.Set<String> writableRecords = new java.util.HashSet<>();
    private boolean hasN;
    private boolean order2;
    private boolean rightOfAnd;
    private boolean reverseOnly;
    private boolean writes;
    /** Int locals that expressions may increment ({@code a[j++ % a.length]}): none inside a lambda. */
    private List<String> incremented = new ArrayList<>();
    /** Inside a lambda body: no assignments in expressions (what it captures is effectively final). */
    private boolean inLambda;
    /** The innermost enclosing loop or switch is a switch: a break for a loop must name it. */
    private boolean inSwitch;
    private boolean fallThrough;
    private Set<Kind> kinds;
    private Ty result;
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
        // OVERLOADS: half the later methods take the name of an earlier one (of one without function parameters:
        // see method)
        List<Method> named = methods.stream().filter(m -> !m.params().contains(Ty.FN)).toList();
        String reused = enabled(Kind.OVERLOADS) && !named.isEmpty() && r.nextBoolean() ? pick(named).name() : null;
        Method m = method(reused != null ? reused : "m" + i, methods);
        methods.add(m);
        earlier.add(m);
      }
      return new Clazz(name, floats, methods);
    }

    /**
     * PAIR with {@code pair}% (a third of them a nested SEG, with RECORD_ARRAY another third a SAMPLES), ARR with
     * {@code arr}%, else NUM.
     */
    private Ty randomType(int pair, int arr) {
      int k = r.nextInt(100);
      if (k < pair) {
        return k % 3 == 0 ? Ty.SEG : k % 3 == 1 && enabled(Kind.RECORD_ARRAY) ? Ty.SAMPLES : Ty.PAIR;
      }
      return k < pair + arr ? Ty.ARR : Ty.NUM;
    }

    /**
     * The parameter types and whether there is an {@code int n} of a method: as one list, {@code null} standing
     * for {@code int n}.
     */
    private static List<Ty> signature(List<Ty> params, boolean intParam) {
      List<Ty> out = new ArrayList<>(params);
      if (intParam) {
        out.add(null);
      }
      return out;
    }

    /** A method named {@code name}, an overload of those of {@code classMethods} of that name (OVERLOADS). */
    private Method method(String name, List<Method> classMethods) {
      // VOID_CALLEE: a void method writing into all its array parameters (drawn only with the kind on)
      boolean isVoid = enabled(Kind.VOID_CALLEE) && r.nextInt(5) == 0;
      // (two arrays at least: callers pass the first a constant array, see callTo)
      int arity = isVoid ? 2 + r.nextInt(2) : 1 + r.nextInt(3);
      List<Ty> params = new ArrayList<>();
      hasN = r.nextInt(3) == 0;
      scopes = new ArrayList<>();
      scopes.add(new ArrayList<>());
      ints = new ArrayList<>();
      for (int i = 0; i < arity; i++) {
        Ty t = randomType(15, 15);
        // a function value, but never as the only parameter: a method needs something to differentiate
        if (!floats && i > 0 && r.nextInt(6) == 0) {
          t = Ty.FN;
        }
        params.add(t);
      }
      if (isVoid) {
        params.set(0, Ty.ARR);
        params.set(1, Ty.ARR);
      } else if (enabled(Kind.MATRIX) && r.nextInt(4) == 0) {
        params.set(r.nextInt(arity), Ty.MAT);
      } else if (enabled(Kind.RECORD_ARRAY) && r.nextInt(5) == 0) {
        params.set(r.nextInt(arity), Ty.SAMPLES);
      }
      List<Method> others = classMethods.stream().filter(m -> m.name().equals(name)).toList();
      // a third of the overloads pair f(.., double y) with f(.., int n): which one a call f(.., i) runs is javac's
      // choice (see widened)
      Method paired = others.isEmpty() || isVoid || r.nextInt(3) != 0 ? null : pick(others);
      boolean pairs = paired != null && paired.result() != Ty.VOID && (paired.intParam()
          || paired.params().size() > 1 && paired.params().get(paired.params().size() - 1) == Ty.NUM);
      if (pairs) {
        params.clear();
        params.addAll(paired.params());
        if (paired.intParam()) {
          params.add(Ty.NUM);
        } else {
          params.remove(params.size() - 1);
        }
        hasN = !paired.intParam();
        arity = params.size();
      }
      if (!others.isEmpty()) {
        // no function parameters in overloads: the processor does not resolve a call passing a lambda or method
        // reference among overloads of the same arity (OverloadsTest shows what works)
        params.replaceAll(t -> t == Ty.FN ? Ty.NUM : t);
      }
      // an overload's parameter types differ from the others': one more scalar parameter until they do
      while (others.stream().anyMatch(m -> signature(m.params(), m.intParam()).equals(signature(params, hasN)))) {
        params.add(Ty.NUM);
        arity++;
      }
      // parameters may be reassigned; parameter arrays are written only by a method that says so
      writes = isVoid || enabled(Kind.ARRAY_WRITING_CALLEE) && (params.contains(Ty.ARR) || params.contains(Ty.MAT))
          && r.nextBoolean();
      for (int i = 0; i < arity; i++) {
        Ty t = params.get(i);
        scopes.get(0).add(new Local("x" + i, t, t == Ty.ARR || t == Ty.MAT ? writes : t != Ty.FN));
      }
      if (hasN) {
        ints.add("n");
      }
      result = isVoid ? Ty.VOID : pairs ? paired.result() : randomType(15, 5);
      // mHessian and mHvp are for scalar results
      order2 = result == Ty.NUM && r.nextInt(3) == 0;
      reverseOnly = false;
      kinds = EnumSet.noneOf(Kind.class);
      if (params.contains(Ty.MAT)) {
        kinds.add(Kind.MATRIX);
      }
      if (params.contains(Ty.SAMPLES) || result == Ty.SAMPLES) {
        kinds.add(Kind.RECORD_ARRAY);
      }
      if (!others.isEmpty()) {
        kinds.add(Kind.OVERLOADS);
        others.forEach(m -> m.kinds().add(Kind.OVERLOADS));
      }
      rowLocals.clear();
      writableRecords.clear();
      usedLabels.clear();
      names = 0;
      loopDepth = 0;
      fallThrough = false;
      budget = 8 + r.nextInt(10);
      List<Stmt> body = new ArrayList<>();
      if (isVoid) {
        // each array parameter written, so the Jacobian's rows are all of them (see Checker)
        kinds.add(Kind.VOID_CALLEE);
        for (int i = 0; i < arity; i++) {
          if (params.get(i) == Ty.ARR) {
            body.add(new ArrWrite("x" + i, index(), r.nextBoolean() ? "=" : "*=", expr(Ty.NUM, 2)));
          }
        }
      } else if (writes) {
        kinds.add(Kind.ARRAY_WRITING_CALLEE);
        String op = r.nextBoolean() ? "=" : "*=";
        body.add(params.contains(Ty.ARR) ? new ArrWrite("x" + params.indexOf(Ty.ARR), index(), op, expr(Ty.NUM, 2))
            : new MatWrite("x" + params.indexOf(Ty.MAT), index(), index(), op, expr(Ty.NUM, 2)));
      }
      if (enabled(Kind.ONE_BRANCH_SINGULAR) && params.contains(Ty.NUM) && r.nextInt(3) == 0) {
        body.addAll(singularOnOneBranch(params));
      }
      String looped = null;
      if (result == Ty.NUM && (enabled(Kind.RECORD_ARRAY) && params.contains(Ty.SAMPLES)
          || enabled(Kind.MATRIX) && params.contains(Ty.MAT)) && r.nextBoolean()) {
        looped = "v" + names++;
        body.addAll(loopThrough(params, looped));
      }
      body.addAll(block(0));
      if (!isVoid) {
        Expr returned = returned(3);
        if (looped != null) {
          returned = new Bin('+', returned, new Var(looped));
        }
        if (order2 && enabled(Kind.ASYMMETRIC_RULE) && !floats && r.nextBoolean()) {
          // a Hessian through a rule that is not a gradient: not symmetric
          kinds.add(Kind.ASYMMETRIC_RULE);
          returned = new Bin('+', returned, new Rule("skew", List.of(num(1), num(1))));
        }
        body.add(new Return(returned));
      }
      return new Method(owner, name, params, hasN, result, floats, order2, reverseOnly, writes, kinds, body,
          fallThrough, others.size() + 1);
    }

    /**
     * RECORD_ARRAY, MATRIX: {@code double v = e; for (int i = 0; i < x0.xs().length; i++) { v += x0.xs()[i % ..] *
     * tanh(v); }} (or an enhanced for) over the array of a Samples parameter, or over a row of a matrix parameter read
     * into a local ({@code double[] r = x0[i % x0.length];}); the method adds {@code v} to its result. Its pullback
     * reads the array again, which must then hold what it held at the call (see {@link #callThenWrite}).
     */
    private List<Stmt> loopThrough(List<Ty> params, String v) {
      List<Integer> holders = new ArrayList<>();
      for (int i = 0; i < params.size(); i++) {
        Ty t = params.get(i);
        if (t == Ty.SAMPLES && enabled(Kind.RECORD_ARRAY) || t == Ty.MAT && enabled(Kind.MATRIX)) {
          holders.add(i);
        }
      }
      int p = pick(holders);
      List<Stmt> out = new ArrayList<>();
      String array = params.get(p) == Ty.MAT ? rowLocal("x" + p, out) : xs("x" + p);
      out.add(new Decl(v, Ty.NUM, expr(Ty.NUM, 2), 0));
      String[] smooth = {"tanh", "sin", "atan"};
      Expr step = fn(smooth[r.nextInt(smooth.length)], new Var(v));
      if (r.nextBoolean()) {
        String i = "i" + names++;
        out.add(new For(i, array + ".length", List.of(new Assign(v, "+=", new Bin('*', new ArrRead(array, i), step))),
            null, null, false));
      } else {
        String e = "e" + names++;
        out.add(new ForEach(array, e, List.of(new Assign(v, "+=", new Bin('*', new Var(e), step))), null));
      }
      declare(v, Ty.NUM, true);
      return out;
    }

    /**
     * ONE_BRANCH_SINGULAR: {@code double s = f(x...);} with f singular where its operands (scalar
     * parameters, so always differentiated) are 0, then {@code s} used only where {@code s > c},
     * which is false there: the derivative of {@code s} is infinite or NaN at those points, and
     * the result's derivative does not depend on it (JAX: the adjoint of {@code s} stays a
     * structural zero).
     */
    private List<Stmt> singularOnOneBranch(List<Ty> params) {
      kinds.add(Kind.ONE_BRANCH_SINGULAR);
      List<Expr> nums = new ArrayList<>();
      for (int i = 0; i < params.size(); i++) {
        if (params.get(i) == Ty.NUM) {
          nums.add(new Var("x" + i));
        }
      }
      Expr p = pick(nums);
      Expr q = pick(nums);
      Expr pp = new Bin('*', p, p);
      double c = 0.5;
      Expr value = switch (r.nextInt(6)) {
        case 0 -> fn("sqrt", new Bin('+', pp, new Bin('*', q, q)));
        case 1 -> fn("pow", pp, new Num(0.25));
        case 2 -> fn("cbrt", p);
        case 3 -> fn("atan2", p, q);
        case 4 -> fn("pow", pp, q); // pow at base 0 with a varying exponent
        default -> {
          c = -1;
          yield fn("log", pp);
        }
      };
      String s = "s" + names++;
      List<Stmt> out = new ArrayList<>(List.of(new Decl(s, Ty.NUM, value, 0)));
      Cmp guard = new Cmp(new Var(s), ">", new Num(c));
      scopes.add(new ArrayList<>(List.of(new Local(s, Ty.NUM, false))));
      if (result == Ty.NUM && r.nextBoolean()) {
        out.add(new If(guard, List.of(new Return(new Bin('*', new Var(s), expr(Ty.NUM, 2)))), List.of()));
        scopes.remove(scopes.size() - 1);
        return out;
      }
      String w = "w" + names++;
      Expr used = new Bin('+', new Var(s), expr(Ty.NUM, 2));
      scopes.remove(scopes.size() - 1);
      out.add(new Decl(w, Ty.NUM, expr(Ty.NUM, 2), 0));
      out.add(new If(guard, List.of(new Assign(w, "=", used)), List.of()));
      scopes.get(0).add(new Local(w, Ty.NUM, true));
      return out;
    }

    private List<Stmt> block(int nesting) {
      List<Stmt> out = new ArrayList<>();
      int size = nesting == 0 ? 1 + r.nextInt(6) : 1 + r.nextInt(3);
      scopes.add(new ArrayList<>());
      int intCount = ints.size();
      int incrementedCount = incremented.size();
      for (int i = 0; i < size && budget > 0; i++) {
        budget--;
        List<Stmt> kind = newKind(nesting);
        if (kind.isEmpty()) {
          out.add(statement(nesting));
        } else {
          out.addAll(kind);
        }
      }
      scopes.remove(scopes.size() - 1); // the block's locals go out of scope
      ints.subList(intCount, ints.size()).clear();
      incremented.subList(incrementedCount, incremented.size()).clear();
      return out;
    }

    private List<Local> visible(Ty type, boolean writableOnly) {
      List<Local> out = new ArrayList<>();
      for (List<Local> scope : scopes) {
        for (Local l : scope) {
          if (l.type() == type && (!writableOnly || l.writable())) {
            out.add(l);
          }
        }
      }
      return out;
    }

    private <T> T pick(List<T> list) {
      return list.get(r.nextInt(list.size()));
    }

    private void declare(String name, Ty type, boolean writable) {
      scopes.get(scopes.size() - 1).add(new Local(name, type, writable));
    }

    private Stmt statement(int nesting) {
      int k = r.nextInt(100);
      if (k < 26) {
        String v = "v" + names++;
        Ty t = randomType(12, 10);
        if (t == Ty.ARR) {
          Decl d = r.nextBoolean() ? new Decl(v, t, null, 1 + r.nextInt(3)) : new Decl(v, t, newArr(2), 0);
          declare(v, t, true);
          return d;
        }
        Decl d = new Decl(v, t, expr(t, 2 + r.nextInt(2)), 0);
        declare(v, t, true);
        return d;
      }
      if (k < 52) {
        List<Local> pairs = visible(Ty.PAIR, true);
        pairs.addAll(visible(Ty.SEG, true));
        pairs.addAll(visible(Ty.SAMPLES, true));
        if (!pairs.isEmpty() && r.nextInt(5) == 0) {
          Local target = pick(pairs);
          return new Assign(target.name(), "=", expr(target.type(), 2));
        }
        List<Local> nums = visible(Ty.NUM, true);
        if (nums.isEmpty()) {
          String v = "v" + names++;
          Decl d = new Decl(v, Ty.NUM, expr(Ty.NUM, 2), 0);
          declare(v, Ty.NUM, true);
          return d;
        }
        return numAssign(pick(nums).name());
      }
      if (k < 58) {
        List<Local> arrays = visible(Ty.ARR, true);
        if (!arrays.isEmpty()) {
          return new ArrWrite(pick(arrays).name(), index(), r.nextBoolean() ? "=" : "+=", expr(Ty.NUM, 2));
        }
      }
      if (k < 68 && nesting < 3) {
        Cmp c = cmp(2);
        List<Stmt> then = block(nesting + 1);
        List<Stmt> otherwise = r.nextBoolean() ? block(nesting + 1) : List.of();
        return new If(c, then, otherwise);
      }
      if (k < 82 && loopDepth < 2 && nesting < 3) {
        return loop(nesting);
      }
      if (k < 88 && loopDepth > 0) {
        // break out of any enclosing loop; continue only loops without a counter increment to skip
        boolean cont = r.nextBoolean() && loopContinuable.contains(true);
        List<Integer> targets = new ArrayList<>();
        for (int i = 0; i < loopLabels.size(); i++) {
          if (!cont || loopContinuable.get(i)) {
            targets.add(i);
          }
        }
        int t = pick(targets);
        String label = null;
        // inside a switch, a break without a label would leave the switch
        if (t != loopLabels.size() - 1 || r.nextInt(4) == 0 || (inSwitch && !cont)) {
          label = loopLabels.get(t);
          usedLabels.add(label);
        }
        return new If(cmp(2), List.of(cont ? new Continue(label) : new Break(label)), List.of());
      }
      if (k < 92) {
        return new If(cmp(2), List.of(new Return(result == Ty.VOID ? null : returned(2))), List.of());
      }
      List<Local> nums = visible(Ty.NUM, true);
      if (nums.isEmpty()) {
        String v = "v" + names++;
        Decl d = new Decl(v, Ty.NUM, expr(Ty.NUM, 2), 0);
        declare(v, Ty.NUM, true);
        return d;
      }
      return new Assign(pick(nums).name(), "+=", expr(Ty.NUM, 2));
    }

    /**
     * A value to return: a row of a matrix returned as a copy, as the processor asks (a method returns another
     * array elsewhere, and one cotangent cannot be both a matrix's row and another array's).
     */
    private Expr returned(int depth) {
      Expr e = expr(result, depth);
      return e instanceof Row || e instanceof Var v && rowLocals.contains(v.name()) ? new CloneArr(e) : e;
    }

    /** {@code target op e} for a scalar target: =, +=, -=, *=, %= or /=, each kept bounded. */
    private Assign numAssign(String target) {
      return switch (r.nextInt(7)) {
        case 0, 1 -> new Assign(target, "=", expr(Ty.NUM, 3));
        case 2 -> new Assign(target, "+=", expr(Ty.NUM, 2));
        case 3 -> new Assign(target, "-=", expr(Ty.NUM, 2));
        case 4 -> new Assign(target, "*=", new Fn(r.nextBoolean() ? "cos" : "tanh", List.of(expr(Ty.NUM, 2))));
        case 5 -> new Assign(target, "%=", new Num(1.75));
        default -> new Assign(target, "/=", new Bin('+', new Num(2), new Fn("sin", List.of(expr(Ty.NUM, 2)))));
      };
    }

    private String index() {
      List<String> choices = new ArrayList<>(ints);
      choices.add(Integer.toString(r.nextInt(3)));
      return pick(choices);
    }

    private Stmt loop(int nesting) {
      List<Local> arrays = visible(Ty.ARR, false);
      String bound;
      int b = r.nextInt(5);
      if (b == 0 && hasN) {
        bound = "n";
      } else if (b == 1 && !arrays.isEmpty()) {
        bound = pick(arrays).name() + ".length";
      } else {
        bound = Integer.toString(1 + r.nextInt(3));
      }
      int kind = r.nextInt(arrays.isEmpty() ? 3 : 4);
      String label = "L" + names++;
      loopDepth++;
      loopLabels.add(label);
      boolean outerSwitch = inSwitch;
      inSwitch = false;
      // FOR_HEADER_UPDATE: a differentiated variable updated in the header, after the counter
      boolean header = kind == 0 && enabled(Kind.FOR_HEADER_UPDATE) && !visible(Ty.NUM, true).isEmpty()
          && r.nextInt(3) == 0;
      boolean counterInBody = header && r.nextBoolean();
      // a continue would skip a counter incremented at the end of the body
      loopContinuable.add((kind == 0 && !counterInBody) || kind == 3);
      Stmt s;
      if (kind == 3) {
        String element = "e" + names++;
        // (drawn first only with BUFFER_SWAP, so that without it the programs are those drawn before)
        String array = enabled(Kind.BUFFER_SWAP) ? pick(arrays).name() : null;
        boolean added = array != null && iterated.add(array);
        scopes.add(new ArrayList<>(List.of(new Local(element, Ty.NUM, false))));
        List<Stmt> body = block(nesting + 1);
        scopes.remove(scopes.size() - 1);
        if (added) {
          iterated.remove(array);
        }
        s = new ForEach(array != null ? array : pick(arrays).name(), element, body,
            usedLabels.contains(label) ? label : null);
      } else {
        String counter = (kind == 0 ? "i" : "k") + names++;
        // a data-dependent guard makes the trip count depend on the inputs
        // (no calls returning records there: a loop condition has no place for the record, and the
        // processor says so)
        Cmp guard = null;
        if (kind == 1 && r.nextBoolean()) {
          rightOfAnd = true;
          guard = cmp(1);
          rightOfAnd = false;
        }
        ints.add(counter);
        Assign update = null;
        if (header) {
          kinds.add(Kind.FOR_HEADER_UPDATE);
          update = numAssign(pick(visible(Ty.NUM, true)).name());
        }
        List<Stmt> body = block(nesting + 1);
        ints.remove(counter);
        String used = usedLabels.contains(label) ? label : null;
        s = kind == 0 ? new For(counter, bound, body, used, update, counterInBody)
            : kind == 1 ? new While(counter, bound, guard, body, used) : new DoWhile(counter, bound, body, used);
      }
      inSwitch = outerSwitch;
      loopDepth--;
      loopLabels.remove(loopLabels.size() - 1);
      loopContinuable.remove(loopContinuable.size() - 1);
      return s;
    }

    private Cmp cmp(int depth) {
      String[] ops = {"<", "<=", ">", ">="};
      return new Cmp(expr(Ty.NUM, depth), ops[r.nextInt(ops.length)], expr(Ty.NUM, depth));
    }

    private NewArr newArr(int depth) {
      List<Expr> elements = new ArrayList<>();
      int count = 1 + r.nextInt(3);
      for (int i = 0; i < count; i++) {
        elements.add(expr(Ty.NUM, depth));
      }
      return new NewArr(elements);
    }

    /** A record of {@code type}: a call a quarter of the time, else a variable half the time, else {@code made}. */
    private Expr record(Ty type, int depth, java.util.function.Supplier<Expr> made) {
      List<Local> records = visible(type, false);
      Expr call = r.nextInt(4) == 0 ? call(type, depth) : null;
      if (call != null) {
        return call;
      }
      if (!records.isEmpty() && r.nextBoolean()) {
        return new Var(pick(records).name());
      }
      return made.get();
    }

    Expr expr(Ty type, int depth) {
      if (type == Ty.SAMPLES) {
        kinds.add(Kind.RECORD_ARRAY);
        return record(type, depth, () -> new NewSamples(recordArray(depth - 1), expr(Ty.NUM, depth - 1)));
      }
      if (type == Ty.SEG) {
        return record(type, depth,
            () -> new NewSeg(expr(Ty.PAIR, depth - 1), expr(Ty.NUM, depth - 1), r.nextInt(4)));
      }
      if (type == Ty.PAIR) {
        List<Local> segs = visible(Ty.SEG, false);
        if (!segs.isEmpty() && r.nextInt(4) == 0) {
          return new SegGet(new Var(pick(segs).name()), "p");
        }
        return record(type, depth, () -> new NewPair(expr(Ty.NUM, depth - 1), expr(Ty.NUM, depth - 1)));
      }
      if (type == Ty.ARR) {
        List<Local> arrays = visible(Ty.ARR, false);
        Expr call = r.nextInt(4) == 0 ? call(Ty.ARR, depth) : null;
        if (call != null) {
          return call;
        }
        if (!floats && enabled(Kind.ARRAY_RULE) && r.nextInt(5) == 0) {
          return rule(pick(rules(Ty.ARR)), depth);
        }
        List<Local> records = sharedRecords();
        if (enabled(Kind.RECORD_ARRAY) && !records.isEmpty() && r.nextInt(5) == 0) {
          kinds.add(Kind.RECORD_ARRAY);
          return new SegGet(new Var(pick(records).name()), "xs"); // the record's own array
        }
        List<Local> matrices = visible(Ty.MAT, false);
        if (enabled(Kind.MATRIX) && !matrices.isEmpty() && r.nextInt(5) == 0) {
          return new Row(pick(matrices).name(), index()); // a row, the matrix's own array
        }
        if (!arrays.isEmpty() && r.nextBoolean()) {
          return new Var(pick(arrays).name());
        }
        return newArr(Math.max(0, depth - 1));
      }
      if (type == Ty.FN) {
        return function();
      }
      if (type == Ty.MAT) {
        List<Local> matrices = visible(Ty.MAT, false);
        return !matrices.isEmpty() && r.nextBoolean() ? new Var(pick(matrices).name()) : matrixLiteral();
      }
      return num(depth);
    }

    /** A lambda's body: no assignments, no increments (what a lambda captures is effectively final). */
    private Expr lambdaBody(java.util.function.Supplier<Expr> body) {
      boolean outer = inLambda;
      List<String> outerIncremented = incremented;
      inLambda = true;
      incremented = new ArrayList<>();
      Expr out = body.get();
      inLambda = outer;
      incremented = outerIncremented;
      return out;
    }

    /** A function value: a lambda, a method reference, or this method's own function parameter. */
    private Expr function() {
      // a local lambda may capture differentiated values: never passed on (SPEC §6)
      List<Local> own = visible(Ty.FN, false).stream().filter(l -> l.name().startsWith("x")).toList();
      int k = r.nextInt(100);
      if (k < 15 && !own.isEmpty()) {
        return new Var(pick(own).name());
      }
      if (k < 30) {
        String[] math = {"sin", "tanh", "atan", "cos"};
        return new MethodRef(null, math[r.nextInt(math.length)]);
      }
      if (k < 45) {
        List<Method> unary = earlier.stream().filter(m -> !m.floats() && m.result() == Ty.NUM && !m.intParam()
            && m.params().equals(List.of(Ty.NUM))).toList();
        if (!unary.isEmpty()) {
          Method t = pick(unary);
          reverseOnly |= t.reverseOnly();
          return new MethodRef(t, t.name());
        }
      }
      // a lambda over its own parameter (and the int parameter, never differentiated)
      List<List<Local>> outerScopes = scopes;
      List<String> outerInts = ints;
      String u = "u" + names++;
      scopes = new ArrayList<>();
      scopes.add(new ArrayList<>(List.of(new Local(u, Ty.NUM, false))));
      ints = hasN ? new ArrayList<>(List.of("n")) : new ArrayList<>();
      Expr body = lambdaBody(() -> num(2));
      scopes = outerScopes;
      ints = outerInts;
      return new Lambda(u, body);
    }

    private Expr num(int depth) {
      if (depth <= 0 || r.nextInt(10) < 3) {
        return leaf();
      }
      // no switch expression in a lambda: the processor refuses one applied in a loop condition ("a switch
      // expression cannot run here"), as in u -> switch (..) {..} applied in while (s < h.applyAsDouble(x))
      if (enabled(Kind.SWITCH) && r.nextInt(40) == 0 && !inLambda) {
        return switchExpression(depth - 1);
      }
      if (enabled(Kind.ASSIGN_IN_EXPR) && r.nextInt(12) == 0) {
        Expr e = sideEffect();
        if (e != null) {
          // an argument assigning: Math.sin(x += e)
          return r.nextBoolean() ? unary(e) : e;
        }
      }
      int k = r.nextInt(100);
      int d = depth - 1;
      if (k < 28) {
        char[] ops = {'+', '-', '*'};
        return new Bin(ops[r.nextInt(3)], num(d), num(d));
      }
      if (k < 31) {
        return new Neg(num(d));
      }
      if (k < 38) {
        Expr b = num(Math.min(d, 1));
        Expr denominator = r.nextBoolean() ? onePlusSquare(1.5, b)
            : new Bin('+', new Num(2), new Fn("cos", List.of(b)));
        return new Bin('/', num(d), denominator);
      }
      if (k < 41) {
        double[] m = {0.75, 1.25, 2.5};
        return new Bin('%', num(d), new Num(m[r.nextInt(m.length)]));
      }
      if (k < 64) {
        return unary(num(d));
      }
      if (k < 72) {
        return binary(d);
      }
      if (k < 77) {
        return new Cond(cmp(d), num(d), num(d));
      }
      if (k < 85) {
        Expr call = call(Ty.NUM, d);
        return call != null ? call : unary(num(d));
      }
      if (k < 89) {
        List<Local> functions = visible(Ty.FN, false);
        if (!functions.isEmpty() && r.nextBoolean()) {
          return new Apply(pick(functions).name(), num(d));
        }
        if (enabled(Kind.RECORD_ARRAY) && r.nextInt(4) == 0) {
          // a component of any record expression (a call's result too): s.w(), f(x).xs()[0]
          Expr record = expr(Ty.SAMPLES, d);
          return r.nextBoolean() ? new SegGet(record, "w") : new First(new SegGet(record, "xs"));
        }
        if (r.nextInt(3) == 0) {
          return new SegGet(expr(Ty.SEG, d), r.nextInt(3) == 0 ? "k" : "w");
        }
        return new Get(expr(Ty.PAIR, d), r.nextInt(2));
      }
      if (k < 93 && !floats) {
        return rule(pick(rules(Ty.NUM)), d);
      }
      if (k < 95 && !floats) {
        return new ToFloat(num(d));
      }
      if (k < 99) {
        return unary(num(d));
      }
      return new Stop(num(d));
    }

    private Rule rule(RuleInfo rule, int d) {
      reverseOnly |= rule.reverseOnly();
      if (rule.kind() != null) {
        kinds.add(rule.kind());
      }
      List<Expr> args = new ArrayList<>();
      for (Ty p : rule.params()) {
        args.add(p == Ty.NUM ? num(Math.min(d, 1)) : expr(p, Math.min(d, 1)));
      }
      return new Rule(rule.name(), args);
    }

    /** A call to an earlier method of this scalar type returning {@code type}, or null if none. */
    private Expr call(Ty type, int depth) {
      if (rightOfAnd && type != Ty.NUM) {
        return null;
      }
      List<Method> targets = earlier.stream()
          .filter(m -> m.floats() == floats && m.result() == type).toList();
      if (targets.isEmpty()) {
        return null;
      }
      if (enabled(Kind.OVERLOADS) && r.nextBoolean()) {
        // OVERLOADS: an overloaded method when there is one
        List<Method> overloaded = targets.stream().filter(m -> overloads(m).size() > 1).toList();
        targets = overloaded.isEmpty() ? targets : overloaded;
      }
      return callTo(pick(targets), depth);
    }

    /** The methods so far of {@code m}'s class and name, {@code m} among them. */
    private List<Method> overloads(Method m) {
      return earlier.stream().filter(o -> o.owner().equals(m.owner()) && o.name().equals(m.name())).toList();
    }

    /**
     * OVERLOADS: {@code c} with an int variable or literal for one of its scalar arguments, when the callee's
     * class is complete (all its overloads known) and javac then calls a method of the same result that writes
     * into arrays only if {@code c}'s does (its arguments were chosen for it): that method ({@link Programs#resolve}),
     * maybe the one taking {@code int n}. Else {@code c}.
     */
    private Call widened(Call c) {
      Method t = c.target();
      List<Integer> scalars = new ArrayList<>();
      for (int i = 0; i < t.params().size(); i++) {
        if (t.params().get(i) == Ty.NUM) {
          scalars.add(i);
        }
      }
      if (t.owner().equals(owner) || scalars.isEmpty()) {
        return c;
      }
      int widened = pick(scalars);
      // the arguments, the int one (if any) last, and their types (null for an int)
      List<Expr> args = new ArrayList<>(c.args());
      args.set(widened, new IntArg(index()));
      List<Ty> types = new ArrayList<>(t.params());
      types.set(widened, null);
      if (c.intArg() != null) {
        args.add(new IntArg(c.intArg()));
        types.add(null);
      }
      Method m = resolve(overloads(t), types);
      if (m == null || m.result() != t.result() || (m.writesArrays() && !t.writesArrays())) {
        return c;
      }
      kinds.add(Kind.OVERLOADS);
      kinds.addAll(m.kinds());
      reverseOnly |= m.reverseOnly();
      int n = m.params().size();
      return new Call(m, args.subList(0, n), m.intParam() ? ((IntArg) args.get(n)).name() : null);
    }

    /**
     * A call to {@code t}, or null. A method that writes into its array parameters gets arrays
     * this method may write (its own locals, or its parameters if it writes them too), each once,
     * or new arrays.
     */
    private Call callTo(Method t, int depth) {
      List<Local> writable = t.writesArrays() ? visible(Ty.ARR, true) : List.of();
      List<Local> writableMatrices = t.writesArrays() ? visible(Ty.MAT, true) : List.of();
      List<Expr> args = new ArrayList<>();
      for (Ty p : t.params()) {
        Expr arg;
        if (p == Ty.ARR && t.writesArrays()) {
          Local mine = writable.isEmpty() || r.nextInt(4) == 0 ? null : pick(writable);
          writable = writable.stream().filter(l -> l != mine).toList();
          arg = mine == null ? newArr(Math.min(depth, 1)) : new Var(mine.name());
        } else if (p == Ty.MAT && t.writesArrays()) {
          // a matrix this method may write, each once, or a new one
          Local mine = writableMatrices.isEmpty() || r.nextInt(4) == 0 ? null : pick(writableMatrices);
          writableMatrices = writableMatrices.stream().filter(l -> l != mine).toList();
          arg = mine == null ? matrixLiteral() : new Var(mine.name());
        } else if (p == Ty.SAMPLES && t.writesArrays()) {
          arg = newRecord(); // sharing no array with the arrays it writes
        } else {
          arg = expr(p, Math.min(depth, 1));
        }
        if (arg == null) {
          return null;
        }
        args.add(arg);
      }
      String intArg = t.intParam() ? (hasN && r.nextBoolean() ? "n" : Integer.toString(r.nextInt(3))) : null;
      reverseOnly |= t.reverseOnly();
      kinds.addAll(t.kinds());
      Call call = new Call(t, args, intArg);
      return enabled(Kind.OVERLOADS) && overloads(t).size() > 1 && r.nextInt(3) == 0 ? widened(call) : call;
    }

    /** Now and then the statements of a new kind (several statements each); else none. */
    private List<Stmt> newKind(int nesting) {
      if (enabled(Kind.LOCAL_LAMBDA) && !floats && r.nextInt(12) == 0) {
        return localLambda();
      }
      if (enabled(Kind.ARRAY_WRITING_CALLEE) && r.nextInt(6) == 0) {
        return writingCall();
      }
      if (enabled(Kind.BUFFER_SWAP) && r.nextInt(5) == 0) {
        return arrayReassignment();
      }
      if (enabled(Kind.COPIES) && r.nextInt(5) == 0) {
        return copies();
      }
      if (enabled(Kind.SWITCH) && nesting < 3 && r.nextInt(6) == 0) {
        return switchStatement(nesting);
      }
      if (enabled(Kind.ASSIGN_IN_EXPR) && r.nextInt(5) == 0) {
        return assignInExpression(nesting);
      }
      if (enabled(Kind.VOID_CALLEE) && r.nextInt(4) == 0) {
        return voidCall();
      }
      if ((enabled(Kind.RECORD_ARRAY) || enabled(Kind.MATRIX)) && r.nextInt(5) == 0) {
        return callThenWrite();
      }
      if (enabled(Kind.MATRIX) && r.nextInt(4) == 0) {
        return matrix();
      }
      if (enabled(Kind.RECORD_ARRAY) && r.nextInt(5) == 0) {
        return recordArrays();
      }
      if (enabled(Kind.INDEX_BUFFER) && r.nextInt(5) == 0) {
        return indexBuffer();
      }
      if (enabled(Kind.CONSTANT_LIST) && !floats && r.nextInt(5) == 0) {
        return constantList();
      }
      if (enabled(Kind.OUTGOING_TEXT) && r.nextInt(5) == 0) {
        return outgoingText();
      }
      if (enabled(Kind.STATIC_TABLE) && !floats && r.nextInt(5) == 0) {
        return staticTable();
      }
      return List.of();
    }

    /**
     * INDEX_BUFFER: a new buffer, its element one of the {@link #ints} (an index) while in scope; or a step of one
     * in scope, which the reads before it, going backwards, must not see.
     */
    private List<Stmt> indexBuffer() {
      kinds.add(Kind.INDEX_BUFFER);
      List<String> buffers = ints.stream().filter(i -> i.endsWith("[0]")).toList();
      if (buffers.isEmpty() || r.nextInt(3) == 0) {
        String b = "b" + names++;
        ints.add(b + "[0]");
        return List.of(new IndexBuffer(b, r.nextInt(3), true));
      }
      String b = pick(buffers);
      return List.of(new IndexBuffer(b.substring(0, b.length() - "[0]".length()), 1 + r.nextInt(2), false));
    }

    /**
     * CONSTANT_LIST: a list of two or three constants and a new local reading it: {@code v = e op w.get(i %
     * w.size())}, {@code v = w.get(..) > e ? e1 : e2}, or {@code double c = w.get(..); v = e op c;}.
     */
    private List<Stmt> constantList() {
      kinds.add(Kind.CONSTANT_LIST);
      String w = "w" + names++;
      List<Double> values = new ArrayList<>();
      for (int i = 0, count = 2 + r.nextInt(2); i < count; i++) {
        values.add((r.nextInt(9) - 4) / 2.0);
      }
      List<Stmt> out = new ArrayList<>(List.of(new ConstList(w, values)));
      Expr get = new ListGet(w, index());
      int k = r.nextInt(3);
      if (k == 2) {
        // the element in a local of its own, which later statements may read too (narrowed to float: the
        // Double is unboxed first; ProcessorBugsTest.listElementNarrowedToFloat)
        String c = "c" + names++;
        out.add(new Decl(c, Ty.NUM, get, 0));
        declare(c, Ty.NUM, true);
        get = new Var(c);
      }
      Expr read = k == 1 ? new Cond(new Cmp(get, r.nextBoolean() ? ">" : "<=", expr(Ty.NUM, 1)), expr(Ty.NUM, 1),
          expr(Ty.NUM, 1)) : new Bin("+-*".charAt(r.nextInt(3)), expr(Ty.NUM, 2), get);
      String v = "v" + names++;
      out.add(new Decl(v, Ty.NUM, read, 0));
      declare(v, Ty.NUM, true);
      return out;
    }

    /**
     * OUTGOING_TEXT: a String local made from a differentiated expression, an overflow guard on a scalar, or a
     * length guard on an array and its new clone (declared, so later statements may write it).
     */
    private List<Stmt> outgoingText() {
      kinds.add(Kind.OUTGOING_TEXT);
      // a guard may name any scalar, a plain copy of another too (ProcessorBugsTest.copyNamedInAThrowMessage); a
      // point where it fires is not used, as one with huge values
      List<Local> scalars = visible(Ty.NUM, false);
      List<Local> arrays = visible(Ty.ARR, false);
      int k = r.nextInt(3);
      if (k == 0 && !arrays.isEmpty()) {
        String a = pick(arrays).name();
        String c = "c" + names++;
        List<Stmt> out = List.of(new Decl(c, Ty.ARR, new CloneArr(new Var(a)), 0),
            new Guard(new Cmp(new Len(a), "!=", new Len(c)), "IllegalArgumentException", "lengths ",
                List.of(new Len(a), new Len(c))));
        declare(c, Ty.ARR, true);
        return out;
      }
      if (k == 1 && !scalars.isEmpty()) {
        Var x = new Var(pick(scalars).name());
        // 1e30: a float literal too; no value of the programs comes near
        return List.of(new Guard(new Cmp(x, ">", new Num(1e30)), "IllegalStateException", "overflow: ", List.of(x)));
      }
      return List.of(new Text("s" + names++, expr(Ty.NUM, 2)));
    }

    /** STATIC_TABLE: {@code double t = 0.0; for (..; i < TABLE.length; ..) { t += TABLE[i % TABLE.length] * e; }}. */
    private List<Stmt> staticTable() {
      kinds.add(Kind.STATIC_TABLE);
      String t = "t" + names++;
      String i = "i" + names++;
      ints.add(i);
      Expr term = new Bin('*', new ArrRead(TABLE, i), expr(Ty.NUM, 1));
      ints.remove(i);
      Expr init = r.nextBoolean() ? new Num(0) : new Var(ROOT2);
      List<Stmt> out = List.of(new Decl(t, Ty.NUM, init, 0),
          new For(i, TABLE + ".length", List.of(new Assign(t, "+=", term)), null, null, false));
      declare(t, Ty.NUM, true);
      return out;
    }

    /** {@code s.xs()}: the array of Samples variable s, as the name of an array ({@link ArrRead}...). */
    private static String xs(String record) {
      return record + ".xs()";
    }

    /** The Samples variables in scope but {@link #writableRecords}. */
    private List<Local> sharedRecords() {
      return visible(Ty.SAMPLES, false).stream().filter(l -> !writableRecords.contains(l.name())).toList();
    }

    /**
     * RECORD_ARRAY: the array of a new record: a new array, a copy (of a call's result too), or an array in scope
     * (not a matrix's row; another record's), which the record then shares, and sees written.
     */
    private Expr recordArray(int depth) {
      List<Local> arrays = visible(Ty.ARR, false);
      List<Local> held = arrays.stream().filter(l -> !rowLocals.contains(l.name())).toList();
      List<Local> records = sharedRecords();
      int k = r.nextInt(6);
      if (k == 0 && !held.isEmpty()) {
        return new Var(pick(held).name());
      }
      if (k == 1 && !records.isEmpty()) {
        return new SegGet(new Var(pick(records).name()), "xs");
      }
      if (k == 2 && !arrays.isEmpty()) {
        return new CloneArr(new Var(pick(arrays).name()));
      }
      Expr call = k == 3 ? call(Ty.ARR, depth) : null;
      return call != null ? new CloneArr(call) : newArr(Math.max(0, depth));
    }

    /** {@code new Samples(new double[] {...}, e)}: a record sharing no array, for callees that write arrays. */
    private Expr newRecord() {
      kinds.add(Kind.RECORD_ARRAY);
      return new NewSamples(newArr(1), expr(Ty.NUM, 1));
    }

    /**
     * RECORD_ARRAY statements: a record made of a new array or one this method may write (its array then written,
     * directly or by a callee writing arrays, and maybe later); a loop over a record's array summing its elements
     * into a scalar, or writing them when it may; an enhanced for over it. Nothing when there is nothing to loop
     * over or sum into.
     */
    private List<Stmt> recordArrays() {
      List<Local> records = visible(Ty.SAMPLES, false);
      List<Local> own = records.stream().filter(l -> writableRecords.contains(l.name())).toList();
      String target = writableNum();
      int k = r.nextInt(records.isEmpty() ? 1 : 4);
      kinds.add(Kind.RECORD_ARRAY);
      if (k == 0) {
        List<Local> writable = visible(Ty.ARR, true);
        Expr array = !writable.isEmpty() && r.nextBoolean() ? new Var(pick(writable).name()) : newArr(1);
        String v = "v" + names++;
        Stmt decl = new Decl(v, Ty.SAMPLES, new NewSamples(array, expr(Ty.NUM, 2)), 0);
        declare(v, Ty.SAMPLES, false);
        writableRecords.add(v);
        List<Stmt> out = new ArrayList<>(List.of(decl));
        if (r.nextBoolean()) {
          out.add(new ArrWrite(xs(v), index(), r.nextBoolean() ? "=" : "*=", expr(Ty.NUM, 2)));
        } else {
          writerCall(() -> new SegGet(new Var(v), "xs"), out);
        }
        return out;
      }
      if (k == 3 || target == null) {
        if (own.isEmpty()) {
          return List.of();
        }
        String s = pick(own).name();
        String i = "i" + names++;
        ints.add(i);
        Stmt write = new ArrWrite(xs(s), i, r.nextBoolean() ? "*=" : "+=", expr(Ty.NUM, 1));
        ints.remove(i);
        return List.of(new For(i, xs(s) + ".length", List.of(write), null, null, false));
      }
      String s = pick(records).name();
      if (k == 1) {
        String i = "i" + names++;
        ints.add(i);
        Stmt sum = new Assign(target, "+=", new Bin('*', new ArrRead(xs(s), i), num(1)));
        ints.remove(i);
        return List.of(new For(i, xs(s) + ".length", List.of(sum), null, null, false));
      }
      String e = "e" + names++;
      scopes.add(new ArrayList<>(List.of(new Local(e, Ty.NUM, false))));
      Stmt sum = new Assign(target, r.nextBoolean() ? "+=" : "-=", new Bin('*', new Var(e), num(1)));
      scopes.remove(scopes.size() - 1);
      return List.of(new ForEach(xs(s), e, List.of(sum), null));
    }

    /**
     * RECORD_ARRAY, MATRIX: an array written after a callee was given it in a record or as a matrix's row, the
     * callee's pullback reading it again ({@link #loopThrough}): {@code double[] a = {..}; double t = f(new Samples(a,
     * e), ..); a[i] += t; s += a[i] * t;}, the record maybe a local ({@code v.xs()[i] *= t}), the array maybe one this
     * method already had, or a matrix ({@code m[i][j] += t}); written directly, through the record, or by a callee
     * writing arrays. (The VJP object kept the caller's array, and the pullback, run in this method's backward sweep,
     * read what was written after the call: fixed in c96ceda.) Nothing when no earlier method reads such an argument.
     */
    private List<Stmt> callThenWrite() {
      boolean matrix = enabled(Kind.MATRIX) && !(enabled(Kind.RECORD_ARRAY) && r.nextBoolean());
      Ty held = matrix ? Ty.MAT : Ty.SAMPLES;
      Ty arrayType = matrix ? Ty.MAT : Ty.ARR;
      List<Method> readers = earlier.stream().filter(m -> m.floats() == floats && !m.writesArrays()
          && m.result() == Ty.NUM && m.params().contains(held)).toList();
      if (readers.isEmpty()) {
        return List.of();
      }
      kinds.add(matrix ? Kind.MATRIX : Kind.RECORD_ARRAY);
      List<Stmt> out = new ArrayList<>();
      List<Local> mine = visible(arrayType, true);
      String a = !mine.isEmpty() && r.nextBoolean() ? pick(mine).name() : "v" + names++;
      if (mine.stream().noneMatch(l -> l.name().equals(a))) {
        out.add(new Decl(a, arrayType, matrix ? matrixLiteral() : newArr(2), 0));
        declare(a, arrayType, true);
      }
      Expr holder = matrix ? new Var(a) : new NewSamples(new Var(a), expr(Ty.NUM, 1));
      String record = !matrix && r.nextBoolean() ? "v" + names++ : null;
      if (record != null) {
        out.add(new Decl(record, Ty.SAMPLES, holder, 0));
        declare(record, Ty.SAMPLES, false);
        writableRecords.add(record);
        holder = new Var(record);
      }
      Method target = pick(readers);
      List<Expr> args = new ArrayList<>();
      boolean passed = false;
      for (Ty p : target.params()) {
        args.add(p == held && !passed ? holder : expr(p, 1));
        passed |= p == held;
      }
      String intArg = target.intParam() ? (hasN && r.nextBoolean() ? "n" : Integer.toString(r.nextInt(3))) : null;
      reverseOnly |= target.reverseOnly();
      kinds.addAll(target.kinds());
      String t = "v" + names++;
      out.add(new Decl(t, Ty.NUM, new Call(target, args, intArg), 0));
      declare(t, Ty.NUM, true);
      // after the call: written, then read (with t, so the callee's pullback has something to do)
      String i = index();
      String j = index();
      boolean viaRecord = record != null && r.nextBoolean();
      String through = viaRecord ? xs(record) : a;
      boolean written = r.nextInt(3) == 0
          && writerCall(() -> matrix ? new Row(a, i) : viaRecord ? new SegGet(new Var(record), "xs") : new Var(a), out);
      Expr step = r.nextBoolean() ? new Var(t) : new Bin('*', new Var(t), num(1));
      String op = r.nextBoolean() ? "+=" : "*=";
      if (!written) {
        out.add(matrix ? new MatWrite(a, i, j, op, step) : new ArrWrite(through, i, op, step));
      }
      Expr read = new Bin('*', matrix ? new MatRead(a, i, j) : new ArrRead(a, i), new Var(t));
      String sum = writableNum();
      if (sum != null && r.nextBoolean()) {
        out.add(new Assign(sum, "+=", read));
      } else {
        String v = "v" + names++;
        out.add(new Decl(v, Ty.NUM, read, 0));
        declare(v, Ty.NUM, true);
      }
      return out;
    }

    /** {@code c % (bound + 1)} with c an int variable or literal (never negative): an index in [0, bound]. */
    private IntE upTo(IntE bound) {
      List<IntE> choices = new ArrayList<>();
      ints.forEach(i -> choices.add(new IVar(i)));
      choices.add(new ILit(r.nextInt(4)));
      return new IBin('%', pick(choices), new IBin('+', bound, new ILit(1)));
    }

    /** A scalar local or parameter to assign to, or null. */
    private String writableNum() {
      List<Local> nums = visible(Ty.NUM, true);
      return nums.isEmpty() ? null : pick(nums).name();
    }

    /** {@code double v = array[i];}, or {@code target += array[i];} ({@code [i][j]} of a matrix): what a copy made is read on. */
    private Stmt readBack(String array) {
      boolean matrix = visible(Ty.MAT, false).stream().anyMatch(l -> l.name().equals(array));
      Expr read = matrix ? new MatRead(array, index(), index()) : new ArrRead(array, index());
      String target = writableNum();
      if (target != null && r.nextBoolean()) {
        return new Assign(target, "+=", read);
      }
      String v = "v" + names++;
      declare(v, Ty.NUM, true);
      return new Decl(v, Ty.NUM, read, 0);
    }

    /**
     * COPIES: a new array copied from one in scope ({@code clone}, {@code copyOf} to a length of 1 or more, {@code
     * copyOfRange} from an index up to the length to one past it, maybe past the end), {@code System.arraycopy}
     * between writable arrays or within one (overlapping), or {@code Arrays.fill} of a writable array or a range of
     * it; then an element read. Every array made has at least one element (indices are reduced modulo lengths).
     */
    private List<Stmt> copies() {
      List<Local> arrays = visible(Ty.ARR, false);
      List<Local> writable = visible(Ty.ARR, true);
      if (arrays.isEmpty()) {
        return List.of();
      }
      kinds.add(Kind.COPIES);
      List<Stmt> out = new ArrayList<>();
      int k = r.nextInt(writable.isEmpty() ? 3 : 5);
      if (k < 3) {
        String src = pick(arrays).name();
        Expr copy = switch (k) {
          case 0 -> new CloneArr(new Var(src));
          case 1 -> new CopyOf(src, r.nextBoolean() ? new ILit(1 + r.nextInt(4))
              : new IBin('+', new ILen(src), new ILit(r.nextInt(3))));
          default -> {
            String from = "f" + names++;
            out.add(new IntDecl(from, upTo(new ILen(src))));
            yield new CopyOfRange(src, new IVar(from), new IBin('+', new IVar(from), new ILit(1 + r.nextInt(3))));
          }
        };
        String v = "v" + names++;
        out.add(new Decl(v, Ty.ARR, copy, 0));
        declare(v, Ty.ARR, true);
        out.add(readBack(v));
        return out;
      }
      String dst = pick(writable).name();
      if (k == 3) {
        String src = r.nextInt(3) == 0 ? dst : pick(arrays).name();
        String len = "n" + names++;
        IntE shortest = new IBin('m', new ILen(src), new ILen(dst));
        out.add(new IntDecl(len, new IBin('m', new ILit(r.nextInt(4)), shortest)));
        out.add(new ArrayCopy(src, upTo(new IBin('-', new ILen(src), new IVar(len))), dst,
            upTo(new IBin('-', new ILen(dst), new IVar(len))), new IVar(len)));
      } else if (r.nextBoolean()) {
        out.add(new Fill(dst, null, null, expr(Ty.NUM, 2)));
      } else {
        String from = "f" + names++;
        out.add(new IntDecl(from, upTo(new ILen(dst))));
        IntE to = new IBin('+', new IVar(from), upTo(new IBin('-', new ILen(dst), new IVar(from))));
        out.add(new Fill(dst, new IVar(from), to, expr(Ty.NUM, 2)));
      }
      out.add(readBack(dst));
      return out;
    }

    /** The selector of a switch: an int from data or {@code (int) Math.floor} of a value, maybe as an enum or String. */
    private Selector selector() {
      IntE value;
      int k = r.nextInt(4);
      List<Local> arrays = visible(Ty.ARR, false);
      if (k == 0 && !ints.isEmpty()) {
        value = r.nextBoolean() ? new IVar(pick(ints)) : new IBin('%', new IVar(pick(ints)), new ILit(3));
      } else if (k == 1 && !arrays.isEmpty()) {
        value = new ILen(pick(arrays).name());
      } else {
        // piecewise constant in the inputs: the checks difference only where it is the same on the stencil
        value = new IFloor(new Bin('*', new Num(1.5), num(2)));
      }
      int w = r.nextInt(4);
      return new Selector(value, w == 0 ? "mode" : w == 1 ? "name" : null);
    }

    /** Labels of a switch on {@code s}: distinct constants, 1 or 2 per case; the enum's three constants are 0..2. */
    private List<List<Integer>> labels(Selector s, int cases) {
      List<Integer> pool = new ArrayList<>();
      int count = "mode".equals(s.wrap()) ? 3 : "name".equals(s.wrap()) ? 4 : 5;
      for (int i = 0; i < count; i++) {
        pool.add(s.wrap() == null ? i - 1 : i);
      }
      java.util.Collections.shuffle(pool, r);
      List<List<Integer>> out = new ArrayList<>();
      for (int c = 0; c < cases && !pool.isEmpty(); c++) {
        List<Integer> labels = new ArrayList<>();
        labels.add(pool.remove(pool.size() - 1));
        if (!pool.isEmpty() && r.nextInt(3) == 0) {
          labels.add(pool.remove(pool.size() - 1));
        }
        out.add(labels);
      }
      return out;
    }

    /**
     * SWITCH statement: 2 to 4 cases of statements, maybe a default anywhere; in colon form a case ends with {@code
     * break} (or an if/else breaking on both branches) or falls through, may leave early with {@code if (c) break;},
     * and may be in braces. With a default, maybe a local declared before without a value, which every case assigns
     * (before each break too) and code after the switch reads.
     */
    private List<Stmt> switchStatement(int nesting) {
      kinds.add(Kind.SWITCH);
      Selector s = selector();
      boolean arrow = r.nextBoolean();
      List<Case> cases = new ArrayList<>();
      boolean outerSwitch = inSwitch;
      inSwitch = true;
      List<List<Integer>> labels = labels(s, 2 + r.nextInt(3));
      if (r.nextInt(3) != 0) {
        labels.add(r.nextInt(labels.size() + 1), List.of());
      }
      String unset = labels.contains(List.of()) && r.nextInt(3) == 0 ? "s" + names++ : null;
      for (int c = 0; c < labels.size(); c++) {
        List<Stmt> body = new ArrayList<>(block(nesting + 1));
        if (unset != null) {
          body.add(new Assign(unset, "=", expr(Ty.NUM, 2)));
        }
        if (r.nextInt(4) == 0) {
          List<Stmt> leave = unset == null ? List.of(new Break(null))
              : List.of(new Assign(unset, "=", expr(Ty.NUM, 2)), new Break(null));
          body.add(r.nextInt(body.size() + 1), new If(cmp(2), leave, List.of()));
        }
        boolean last = c == labels.size() - 1;
        if (!arrow && !last) {
          int end = r.nextInt(6);
          if (end < 2) {
            fallThrough = true;
          } else if (end == 2) {
            body.add(new If(cmp(2), List.of(new Break(null)), List.of(new Break(null))));
          } else {
            body.add(new Break(null));
          }
        }
        cases.add(new Case(labels.get(c), !arrow && r.nextInt(4) == 0 ? List.of(new Braced(body)) : body));
      }
      inSwitch = outerSwitch;
      Switch sw = new Switch(s, cases, arrow);
      if (unset == null) {
        return List.of(sw);
      }
      declare(unset, Ty.NUM, true);
      return List.of(new Unset(unset), sw);
    }

    /**
     * SWITCH expression: arrow cases with a value or a block (a local, maybe a yield under an if, a yield), or colon
     * cases each a block ending in a yield; a default, or all of the enum's constants.
     */
    private Expr switchExpression(int d) {
      kinds.add(Kind.SWITCH);
      Selector s = selector();
      boolean arrow = r.nextInt(3) != 0;
      List<List<Integer>> labels = labels(s, 1 + r.nextInt(3));
      boolean exhaustive = "mode".equals(s.wrap()) && labels.stream().mapToInt(List::size).sum() == 3;
      if (!exhaustive || r.nextBoolean()) {
        labels.add(r.nextInt(labels.size() + 1), List.of());
      }
      List<Case> cases = new ArrayList<>();
      for (List<Integer> l : labels) {
        List<Stmt> body = new ArrayList<>();
        if (!arrow || r.nextInt(3) == 0) {
          String t = "t" + names++;
          body.add(new Decl(t, Ty.NUM, num(d), 0));
          scopes.add(new ArrayList<>(List.of(new Local(t, Ty.NUM, false))));
          if (r.nextBoolean()) {
            body.add(new If(cmp(Math.min(d, 1)), yielding(num(d)), List.of()));
          }
          body.addAll(yielding(num(d)));
          scopes.remove(scopes.size() - 1);
        } else {
          body.add(new Yield(num(d)));
        }
        cases.add(new Case(l, body));
      }
      return new SwitchExpr(s, cases, arrow);
    }

    /**
     * {@code yield v;}, through a local {@code double y = e; yield y;} unless e is a variable: javac takes some
     * {@code yield (...)} for a call of a method named yield.
     */
    private List<Stmt> yielding(Expr e) {
      if (e instanceof Var) {
        return List.of(new Yield(e));
      }
      String y = "y" + names++;
      return List.of(new Decl(y, Ty.NUM, e, 0), new Yield(new Var(y)));
    }

    /**
     * ASSIGN_IN_EXPR statements: a loop whose condition assigns ({@code while ((v = step) > c && k++ < 3)}); an int
     * local incremented where it indexes ({@code int j = 0; s += a[j++ % a.length] * e;}, j then also available to
     * later expressions); {@code y = x = e}; {@code t[i]++} or {@code --x} as a statement.
     */
    private List<Stmt> assignInExpression(int nesting) {
      String target = writableNum();
      List<Local> arrays = visible(Ty.ARR, false);
      List<Local> writableArrays = visible(Ty.ARR, true);
      int k = r.nextInt(4);
      if (k == 0 && target != null && loopDepth < 2 && nesting < 3) {
        kinds.add(Kind.ASSIGN_IN_EXPR);
        String counter = "k" + names++;
        String label = "L" + names++;
        // a contraction, so the trip count is the bound or a data-dependent smaller one
        Expr step = r.nextBoolean() ? new Bin('*', new Num(0.75), fn("sin", new Var(target)))
            : new Bin('+', new Bin('*', new Num(0.5), new Var(target)), new Bin('*', new Num(0.25), fn("cos", num(1))));
        loopDepth++;
        loopLabels.add(label);
        loopContinuable.add(true);
        boolean outerSwitch = inSwitch;
        inSwitch = false;
        ints.add(counter);
        List<Stmt> body = block(nesting + 1);
        ints.remove(counter);
        inSwitch = outerSwitch;
        loopDepth--;
        loopLabels.remove(loopLabels.size() - 1);
        loopContinuable.remove(loopContinuable.size() - 1);
        return List.of(new AssignLoop(counter, 1 + r.nextInt(3), target, step, new Num(r.nextBoolean() ? 0.25 : -0.5),
            body, usedLabels.contains(label) ? label : null));
      }
      if (k == 1 && target != null && !arrays.isEmpty()) {
        kinds.add(Kind.ASSIGN_IN_EXPR);
        String j = "j" + names++;
        Stmt decl = new IntDecl(j, new ILit(r.nextInt(3)));
        Stmt sum = new Assign(target, r.nextBoolean() ? "+=" : "-=",
            new Bin('*', new ArrReadInc(pick(arrays).name(), j), num(1)));
        ints.add(j);
        incremented.add(j);
        return List.of(decl, sum);
      }
      if (k == 2 && target != null) {
        kinds.add(Kind.ASSIGN_IN_EXPR);
        List<Local> others = visible(Ty.NUM, true).stream().filter(l -> !l.name().equals(target)).toList();
        Expr inner = assignExpr(target);
        if (others.isEmpty() || r.nextBoolean()) {
          String y = "v" + names++;
          declare(y, Ty.NUM, true);
          return List.of(new Decl(y, Ty.NUM, inner, 0));
        }
        return List.of(new Assign(pick(others).name(), "=", inner));
      }
      if (!writableArrays.isEmpty() && r.nextBoolean()) {
        kinds.add(Kind.ASSIGN_IN_EXPR);
        return List.of(new ExprStmt(new Inc(pick(writableArrays).name(), index(), r.nextBoolean(), r.nextBoolean())));
      }
      if (target != null) {
        kinds.add(Kind.ASSIGN_IN_EXPR);
        return List.of(new ExprStmt(new Inc(target, null, r.nextBoolean(), r.nextBoolean())));
      }
      return List.of();
    }

    /** {@code (target op e)} as an expression, kept bounded as {@link #numAssign} keeps it. */
    private Expr assignExpr(String target) {
      Assign a = numAssign(target);
      return new AssignExpr(a.name(), a.op(), a.e());
    }

    /**
     * ASSIGN_IN_EXPR inside an expression: an assignment, compound assignment or increment of a scalar, or an
     * increment of an array element; null when there is nothing to assign.
     */
    private Expr sideEffect() {
      String target = writableNum();
      List<Local> arrays = visible(Ty.ARR, true);
      if (inLambda || (target == null && arrays.isEmpty())) {
        return null;
      }
      kinds.add(Kind.ASSIGN_IN_EXPR);
      if (target == null || (!arrays.isEmpty() && r.nextInt(4) == 0)) {
        return new Inc(pick(arrays).name(), index(), r.nextBoolean(), r.nextBoolean());
      }
      return r.nextInt(3) == 0 ? new Inc(target, null, r.nextBoolean(), r.nextBoolean()) : assignExpr(target);
    }

    /**
     * VOID_CALLEE: {@code m(a, ...);} of an earlier void method, maybe in a loop of 1 to 3 trips, then an element of
     * an array it wrote read; nothing if there is no such method or no writable array to pass it.
     */
    private List<Stmt> voidCall() {
      List<Method> targets = earlier.stream().filter(m -> m.floats() == floats && m.result() == Ty.VOID).toList();
      if (targets.isEmpty() || visible(Ty.ARR, true).isEmpty()) {
        return List.of();
      }
      Call call = callTo(pick(targets), 1);
      String array = null;
      for (int i = 0; call != null && i < call.args().size(); i++) {
        if (call.target().params().get(i) == Ty.ARR && call.args().get(i) instanceof Var a) {
          array = a.name();
        }
      }
      if (array == null) {
        return List.of();
      }
      Stmt stmt = new CallStmt(call);
      if (loopDepth < 2 && r.nextBoolean()) {
        stmt = new For("i" + names++, Integer.toString(1 + r.nextInt(3)), List.of(stmt), null, null, false);
      }
      return List.of(stmt, readBack(array));
    }

    /**
     * LOCAL_LAMBDA: {@code double c = e; DoubleUnaryOperator h = (u -> body); double v =
     * h.applyAsDouble(e2);}, the body over u and c (and other effectively final scalars), so the
     * lambda captures a differentiated local; h may be applied again later, or through another local
     * naming it ({@code DoubleUnaryOperator g = h;}).
     */
    private List<Stmt> localLambda() {
      kinds.add(Kind.LOCAL_LAMBDA);
      String c = "c" + names++;
      Decl captured = new Decl(c, Ty.NUM, expr(Ty.NUM, 2), 0);
      declare(c, Ty.NUM, false);
      List<Local> finals = new ArrayList<>();
      for (Local l : visible(Ty.NUM, false)) {
        if (!l.writable()) {
          finals.add(l);
        }
      }
      List<List<Local>> outerScopes = scopes;
      List<String> outerInts = ints;
      String u = "u" + names++;
      scopes = new ArrayList<>(List.of(finals, new ArrayList<>(List.of(new Local(u, Ty.NUM, false)))));
      // loop counters change, so only n may be captured
      ints = hasN ? new ArrayList<>(List.of("n")) : new ArrayList<>();
      Expr body = new Bin(r.nextBoolean() ? '*' : '+', lambdaBody(() -> num(2)), new Var(c));
      scopes = outerScopes;
      ints = outerInts;
      String h = "h" + names++;
      Decl lambda = new Decl(h, Ty.FN, new Lambda(u, body), 0);
      declare(h, Ty.FN, false);
      List<Stmt> out = new ArrayList<>(List.of(captured, lambda));
      if (r.nextInt(3) == 0) {
        // another local naming the lambda (g = h): inlined as h is
        String g = "g" + names++;
        out.add(new Decl(g, Ty.FN, new Var(h), 0));
        declare(g, Ty.FN, false);
        h = g;
      }
      String v = "v" + names++;
      out.add(new Decl(v, Ty.NUM, new Apply(h, expr(Ty.NUM, 2)), 0));
      declare(v, Ty.NUM, true);
      return out;
    }

    /**
     * BUFFER_SWAP: a variable given a new array ({@code a = new double[] {...}}, {@code a =
     * e.clone()}), maybe on one branch; two writable arrays swapped; or a loop writing one array
     * from the other and swapping them each step. The swap's temporary is not writable, so no
     * writing callee is passed the same array twice.
     */
    private List<Stmt> arrayReassignment() {
      List<Local> writable = visible(Ty.ARR, true).stream().filter(l -> !iterated.contains(l.name())).toList();
      int k = r.nextInt(3);
      if (k == 0 || writable.isEmpty()) {
        List<Local> targets = visible(Ty.ARR, false).stream()
            .filter(l -> !iterated.contains(l.name()) && !rowLocals.contains(l.name())).toList();
        if (targets.isEmpty()) {
          return List.of();
        }
        kinds.add(Kind.BUFFER_SWAP);
        Local target = pick(targets);
        Expr value = r.nextBoolean() ? newArr(1) : new CloneArr(expr(Ty.ARR, 1));
        Stmt assign = new Assign(target.name(), "=", value);
        return r.nextBoolean() ? List.of(assign) : List.of(new If(cmp(2), List.of(assign), List.of()));
      }
      kinds.add(Kind.BUFFER_SWAP);
      List<Stmt> out = new ArrayList<>();
      String a = pick(writable).name();
      List<Local> others = writable.stream().filter(l -> !l.name().equals(a)).toList();
      String b;
      if (others.isEmpty()) {
        b = "v" + names++;
        out.add(new Decl(b, Ty.ARR, newArr(2), 0));
        declare(b, Ty.ARR, true);
      } else {
        b = pick(others).name();
      }
      String t = "v" + names++;
      List<Stmt> swap = List.of(new Decl(t, Ty.ARR, new Var(a), 0), new Assign(a, "=", new Var(b)),
          new Assign(b, "=", new Var(t)));
      if (k == 1 || loopDepth >= 2) {
        out.addAll(swap);
        declare(t, Ty.ARR, false);
        return out;
      }
      // a time step: b from a, then b is the current state
      String counter = "i" + names++;
      String bound = hasN && r.nextBoolean() ? "n" : Integer.toString(1 + r.nextInt(3));
      ints.add(counter);
      List<Stmt> body = new ArrayList<>();
      body.add(new ArrWrite(b, index(), "=", new Bin('+', new ArrRead(a, index()),
          new Bin('*', new Num(0.5), expr(Ty.NUM, 1)))));
      body.addAll(swap);
      ints.remove(counter);
      out.add(new For(counter, bound, body, null, null, false));
      List<Local> nums = visible(Ty.NUM, true);
      if (!nums.isEmpty()) {
        out.add(new Assign(pick(nums).name(), "+=", new ArrRead(a, index()))); // the state read on
      }
      return out;
    }

    /**
     * MATRIX: {@code new double[r][c]} (filled in a loop over it, or element by element), or a literal of new rows,
     * some cloned from an array in scope (rows made here never alias another variable's array).
     */
    private NewMat matrixLiteral() {
      List<Local> arrays = visible(Ty.ARR, false);
      List<Expr> rows = new ArrayList<>();
      int count = 1 + r.nextInt(3);
      for (int i = 0; i < count; i++) {
        rows.add(!arrays.isEmpty() && r.nextInt(3) == 0 ? new CloneArr(new Var(pick(arrays).name())) : newArr(1));
      }
      return new NewMat(count, 0, rows);
    }

    /**
     * MATRIX statements: a new local matrix, filled; a loop over a matrix's rows and columns reading (into a
     * scalar) or writing its elements; a row read into a local, read, written through when the matrix may be
     * written; a row passed to an earlier method writing into its array, then the matrix read; an element written,
     * then read; a scalar updated from an element. Nothing if no matrix is in scope and none is made.
     */
    private List<Stmt> matrix() {
      kinds.add(Kind.MATRIX);
      List<Local> matrices = visible(Ty.MAT, false);
      List<Local> writable = visible(Ty.MAT, true);
      List<Stmt> out = new ArrayList<>();
      int k = matrices.isEmpty() ? 0 : r.nextInt(6);
      if (k == 0) {
        String v = "v" + names++;
        boolean shaped = r.nextBoolean();
        out.add(new Decl(v, Ty.MAT, shaped ? new NewMat(1 + r.nextInt(3), 1 + r.nextInt(3), null) : matrixLiteral(),
            0));
        declare(v, Ty.MAT, true);
        if (shaped || r.nextBoolean()) {
          out.add(loopDepth == 0 ? matrixLoop(v, true) : new MatWrite(v, index(), index(), "=", expr(Ty.NUM, 2)));
        }
        return out;
      }
      String m = pick(k == 3 || k == 4 ? (writable.isEmpty() ? matrices : writable) : matrices).name();
      boolean mayWrite = writable.stream().anyMatch(l -> l.name().equals(m));
      String row = k == 2 ? rowLocal(m, out) : null;
      if (k == 1 && loopDepth == 0) {
        out.add(matrixLoop(m, mayWrite && r.nextBoolean()));
      } else if (row != null) {
        if (mayWrite && r.nextBoolean()) {
          out.add(new ArrWrite(row, index(), r.nextBoolean() ? "=" : "+=", expr(Ty.NUM, 2)));
        }
        out.add(readBack(row));
      } else if (k == 3 && mayWrite && writerCall(() -> new Row(m, index()), out)) {
        out.add(readBack(m));
      } else if (k == 4 && mayWrite) {
        out.add(new MatWrite(m, index(), index(), r.nextBoolean() ? "=" : "+=", expr(Ty.NUM, 2)));
        out.add(readBack(m));
      } else {
        out.add(readBack(m));
      }
      return out;
    }

    /**
     * {@code double[] r = m[i % m.length];} into {@code out}: a row local, never assigned again; its name. The matrix
     * may be written after it, through the matrix, where a loop read the row.
     */
    private String rowLocal(String m, List<Stmt> out) {
      String row = "r" + names++;
      out.add(new Decl(row, Ty.ARR, new Row(m, index()), 0));
      declare(row, Ty.ARR, false);
      rowLocals.add(row);
      return row;
    }

    /**
     * {@code for (i ...) for (j ...)} over matrix {@code m}: its elements written ({@code =}, {@code +=} or {@code
     * *=}) when {@code write}, else read into a scalar ({@code s += m[i][j] * e}, or a new one in the loop).
     */
    private Stmt matrixLoop(String m, boolean write) {
      String i = "i" + names++;
      String j = "i" + names++;
      ints.add(i);
      ints.add(j);
      loopDepth += 2;
      List<Stmt> body = new ArrayList<>();
      String target = writableNum();
      if (write) {
        String[] ops = {"=", "+=", "*="};
        Expr e = expr(Ty.NUM, 2);
        body.add(new MatWrite(m, i, j, ops[r.nextInt(ops.length)], e));
      } else if (target == null) {
        // not a write: a method that may not write m has callers passing m with its rows
        body.add(new Decl("v" + names++, Ty.NUM, new Bin('*', new MatRead(m, i, j), num(1)), 0));
      } else {
        body.add(new Assign(target, r.nextBoolean() ? "+=" : "-=", new Bin('*', new MatRead(m, i, j), num(1))));
      }
      loopDepth -= 2;
      ints.remove(j);
      ints.remove(i);
      return new MatLoop(m, i, j, body);
    }

    /**
     * {@code w(array, ...);}: {@code array} (a row of a writable matrix, the array of a record made here) passed to
     * an earlier method writing into its first array parameter (new arrays, matrices and records for its other
     * ones); false if there is no such method.
     */
    private boolean writerCall(java.util.function.Supplier<Expr> array, List<Stmt> out) {
      List<Method> writers = earlier.stream()
          .filter(t -> t.floats() == floats && t.writesArrays() && t.params().contains(Ty.ARR)).toList();
      if (writers.isEmpty()) {
        return false;
      }
      Method t = pick(writers);
      List<Expr> args = new ArrayList<>();
      boolean passed = false;
      for (Ty p : t.params()) {
        if (p == Ty.ARR && !passed) {
          args.add(array.get());
          passed = true;
        } else {
          args.add(p == Ty.ARR ? newArr(1) : p == Ty.MAT ? matrixLiteral()
              : p == Ty.SAMPLES ? newRecord() : expr(p, 1));
        }
      }
      String intArg = t.intParam() ? (hasN && r.nextBoolean() ? "n" : Integer.toString(r.nextInt(3))) : null;
      reverseOnly |= t.reverseOnly();
      kinds.addAll(t.kinds());
      out.add(new CallStmt(new Call(t, args, intArg)));
      return true;
    }

    /**
     * ARRAY_WRITING_CALLEE: {@code m(a, ...);} for its writes into this method's array {@code a},
     * then {@code double v = a[i];}; nothing if there is no such callee or array.
     */
    private List<Stmt> writingCall() {
      List<Method> writers = earlier.stream().filter(m -> m.floats() == floats && m.writesArrays()).toList();
      if (writers.isEmpty() || visible(Ty.ARR, true).isEmpty()) {
        return List.of();
      }
      Call call = callTo(pick(writers), 1);
      String array = null;
      for (int i = 0; call != null && i < call.args().size(); i++) {
        if (call.target().params().get(i) == Ty.ARR && call.args().get(i) instanceof Var a) {
          array = a.name();
        }
      }
      if (array == null) {
        return List.of();
      }
      String v = "v" + names++;
      Decl read = new Decl(v, Ty.NUM, new ArrRead(array, index()), 0);
      declare(v, Ty.NUM, true);
      return List.of(new CallStmt(call), read);
    }

    private Expr leaf() {
      int k = r.nextInt(100);
      if (k < 14) {
        double[] c = {0.5, 1.5, 2.0, -0.75, 3.0, 0.25, 1.0};
        return new Num(c[r.nextInt(c.length)]);
      }
      if (k < 20 && !ints.isEmpty()) {
        return new IntVar(pick(ints));
      }
      List<Local> records = enabled(Kind.RECORD_ARRAY) ? visible(Ty.SAMPLES, false) : List.of();
      if (k < 34 && !records.isEmpty() && r.nextInt(3) == 0) {
        kinds.add(Kind.RECORD_ARRAY);
        String s = pick(records).name();
        int c = r.nextInt(5);
        return c < 3 ? new ArrRead(xs(s), index()) : c == 3 ? new Len(xs(s)) : new SegGet(new Var(s), "w");
      }
      List<Local> arrays = visible(Ty.ARR, false);
      if (enabled(Kind.ASSIGN_IN_EXPR) && !incremented.isEmpty() && !arrays.isEmpty() && r.nextInt(5) == 0) {
        return new ArrReadInc(pick(arrays).name(), pick(incremented));
      }
      if (k < 28 && !arrays.isEmpty()) {
        String a = pick(arrays).name();
        return r.nextInt(4) == 0 ? new Len(a) : new ArrRead(a, index());
      }
      List<Local> matrices = visible(Ty.MAT, false);
      if (enabled(Kind.MATRIX) && k < 40 && !matrices.isEmpty()) {
        String a = pick(matrices).name();
        return r.nextInt(5) == 0 ? new RowLen(a, index()) : new MatRead(a, index(), index());
      }
      List<Local> pairs = visible(Ty.PAIR, false);
      if (k < 34 && !pairs.isEmpty()) {
        return new Get(new Var(pick(pairs).name()), r.nextInt(2));
      }
      List<Local> nums = visible(Ty.NUM, false);
      if (!nums.isEmpty()) {
        return new Var(pick(nums).name());
      }
      // no scalar in scope: a component of a record, an element of an array, or a constant
      if (!pairs.isEmpty()) {
        return new Get(new Var(pick(pairs).name()), r.nextInt(2));
      }
      if (!arrays.isEmpty()) {
        return new ArrRead(pick(arrays).name(), index());
      }
      return new Num(1.5);
    }

    private static Expr fn(String name, Expr... args) {
      return new Fn(name, List.of(args));
    }

    /** {@code c + e * e}, with {@link #square}. */
    private static Expr onePlusSquare(double c, Expr e) {
      return new Bin('+', new Num(c), square(e));
    }

    /**
     * {@code e * e}; {@code abs(e * e)} when {@code e} assigns (ASSIGN_IN_EXPR), whose two evaluations then
     * differ: {@code sqrt(1 + (x *= t) * (x *= t))} was the root of a negative number, {@code log1p((v *= t) * (v *=
     * t))} of a number below -1: NaN values in the program that forward and reverse mode carry differently.
     */
    private static Expr square(Expr e) {
      Expr square = new Bin('*', e, e);
      return assigns(e) ? fn("abs", square) : square;
    }

    /** Whether {@code e} assigns or increments something: an {@link AssignExpr}, {@link Inc} or {@link ArrReadInc} in it. */
    private static boolean assigns(Object e) {
      if (e instanceof AssignExpr || e instanceof Inc || e instanceof ArrReadInc) {
        return true;
      }
      if (e instanceof Method) {
        return false; // a callee: what it assigns is its own
      }
      if (e instanceof List<?> list) {
        return list.stream().anyMatch(Generator::assigns);
      }
      if (e instanceof Record record) {
        for (java.lang.reflect.RecordComponent c : record.getClass().getRecordComponents()) {
          try {
            if (assigns(c.getAccessor().invoke(record))) {
              return true;
            }
          } catch (ReflectiveOperationException x) {
            throw new IllegalStateException(x);
          }
        }
      }
      return false;
    }

    /** Unary functions in forms that are finite and smooth (or piecewise smooth) everywhere, of moderate slope. */
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
        case 11 -> fn("log1p", square(e));
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
        // scaled back to below one: 57 degrees a radian, accumulated in loops, made the programs chaotic (float
        // rounding of their values amplified past what the interpreter's double dual numbers can be compared with)
        case 24 -> new Bin('/', fn("toDegrees", fn("sin", e)), new Num(90));
        default -> fn("toRadians", e);
      };
    }

    private Expr binary(int d) {
      Expr a = num(d);
      Expr b = num(Math.min(d, 1));
      return switch (r.nextInt(8)) {
        case 0 -> fn("min", a, b);
        case 1 -> fn("max", a, b);
        case 2 -> fn("hypot", a, onePlusSquare(0.5, b));
        case 3 -> fn("atan2", a, new Bin('+', new Num(2), fn("cos", b)));
        case 4 -> fn("copySign", a, b);
        case 5 -> fn("fma", a, b, num(Math.min(d, 1)));
        case 6 -> fn("pow", fn("exp", fn("sin", a)), b);
        default -> fn("IEEEremainder", a, new Num(1.75));
      };
    }
  }

  // ---- rendering ----

  /** The functions with a float overload in {@code Math} returning float. */
  private static final List<String> FLOAT_NATIVE = List.of("abs", "min", "max", "copySign", "signum", "fma");

  static String typeName(Ty t, boolean floats) {
    return switch (t) {
      case NUM -> floats ? "float" : "double";
      case PAIR -> floats ? "FPair" : "Pair";
      case SEG -> floats ? "FSeg" : "Seg";
      case ARR -> floats ? "float[]" : "double[]";
      case FN -> "DoubleUnaryOperator";
      case VOID -> "void";
      case MAT -> floats ? "float[][]" : "double[][]";
      case SAMPLES -> floats ? "FSamples" : "Samples";
    };
  }

  /** The records and the rules (those of enabled kinds) every batch shares. */
  static List<String[]> support() {
    return List.of(
        new String[] {"Pair", "package " + PACKAGE + ";\n\npublic record Pair(double a, double b) {}\n"},
        new String[] {"FPair", "package " + PACKAGE + ";\n\npublic record FPair(float a, float b) {}\n"},
        new String[] {"Seg", "package " + PACKAGE + ";\n\npublic record Seg(Pair p, double w, int k) {}\n"},
        new String[] {"FSeg", "package " + PACKAGE + ";\n\npublic record FSeg(FPair p, float w, int k) {}\n"},
        new String[] {"Samples", "package " + PACKAGE + ";\n\npublic record Samples(double[] xs, double w) {}\n"},
        new String[] {"FSamples", "package " + PACKAGE + ";\n\npublic record FSamples(float[] xs, float w) {}\n"},
        new String[] {"Rules", """
            package dev.leibniz.gen;

            import dev.leibniz.CustomJvp;
            import dev.leibniz.CustomVjp;
            import dev.leibniz.runtime.Dual;
            import dev.leibniz.runtime.Fwd;
            """ + (enabled(Kind.ARRAY_RULE) ? "import dev.leibniz.runtime.Jvp;\n" : "") + """

            /** Methods with custom rules; each rule but skew's is the true derivative. */
            public final class Rules {
              private Rules() {}

              @CustomJvp("smoothJvp")
              public static double smooth(double x) {
                return x * Math.tanh(x);
              }

              static Dual smoothJvp(double x, double xDot) {
                double t = Math.tanh(x);
                return new Dual(x * t, (t + x * (1 - t * t)) * xDot);
              }

              @CustomJvp(perArgument = {"mixX", "mixY"})
              public static double mix(double x, double y) {
                return x * Math.sin(y);
              }

              static double mixX(double xDot, double out, double x, double y) {
                return Math.sin(y) * xDot;
              }

              static double mixY(double yDot, double out, double x, double y) {
                return x * Math.cos(y) * yDot;
              }

              @CustomVjp(fwd = "cubeFwd", bwd = "cubeBwd")
              public static double cube(double x) {
                return x * x * x;
              }

              static Fwd<Double, Double> cubeFwd(double x) {
                return new Fwd<>(x * x * x, x);
              }

              static double cubeBwd(Double x, double g) {
                return 3 * x * x * g;
              }
            """ + (enabled(Kind.ASYMMETRIC_RULE) ? SKEW : "") + (enabled(Kind.ARRAY_RULE) ? ARRAY_RULES : "") + "}\n"},
        new String[] {"Modes", MODES});
  }

  /** SWITCH: what a switch on an enum or a String is on; not differentiable, called with an int. */
  private static final String MODES = """
      package dev.leibniz.gen;

      public final class Modes {
        private Modes() {}

        public enum Mode { A, B, C }

        public static Mode mode(int k) {
          return Mode.values()[Math.floorMod(k, 3)];
        }

        public static String name(int k) {
          return new String[] {"a", "b", "c", "d"}[Math.floorMod(k, 4)];
        }
      }
      """;

  /** ASYMMETRIC_RULE (issue 7): H = jacfwd(jacrev(skew)) = [[0, cos y], [1, 0]]. */
  private static final String SKEW = """

        /** x y, with a JVP rule that is not its derivative (JAX allows it). */
        @CustomJvp(value = "skewJvp", order = 2)
        public static double skew(double x, double y) {
          return x * y;
        }

        static Dual skewJvp(double x, double y, double xDot, double yDot) {
          return new Dual(skew(x, y), Math.sin(y) * xDot + x * yDot);
        }
      """;

  /** ARRAY_RULE: JVP rules with array parameters, one with an array result. */
  private static final String ARRAY_RULES = """

        /** The sum of (i + 1) x[i]^2. */
        @CustomJvp("weighJvp")
        public static double weigh(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += (i + 1) * x[i] * x[i];
          }
          return s;
        }

        static Dual weighJvp(double[] x, double[] xDot) {
          double t = 0;
          for (int i = 0; i < x.length; i++) {
            t += 2 * (i + 1) * x[i] * xDot[i];
          }
          return new Dual(weigh(x), t);
        }

        /** A new array: x[i] s + i. */
        @CustomJvp("spreadJvp")
        public static double[] spread(double[] x, double s) {
          double[] out = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * s + i;
          }
          return out;
        }

        static Jvp<double[]> spreadJvp(double[] x, double s, double[] xDot, double sDot) {
          double[] t = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            t[i] = xDot[i] * s + x[i] * sDot;
          }
          return new Jvp<>(spread(x, s), t);
        }
      """;

  static String render(Clazz c) {
    StringBuilder s = new StringBuilder();
    s.append("package ").append(PACKAGE).append(";\n\n");
    s.append("import dev.leibniz.Differentiable;\n");
    s.append("import dev.leibniz.NonDiff;\n");
    s.append("import dev.leibniz.runtime.Leibniz;\n");
    if (enabled(Kind.COPIES)) {
      s.append("import java.util.Arrays;\n");
    }
    s.append("import java.util.function.DoubleUnaryOperator;\n\n");
    s.append("public final class ").append(c.name()).append(" {\n");
    s.append("  private ").append(c.name()).append("() {}\n");
    if (enabled(Kind.STATIC_TABLE) && !c.floats()) {
      // package-private: the generated derivative class reads them (a private one is refused with a leibniz: error)
      s.append("\n  static final double[] ").append(TABLE).append(" = ")
          .append(java.util.Arrays.toString(TABLE_VALUES).replace('[', '{').replace(']', '}')).append(";\n");
      s.append("  static final double ").append(ROOT2).append(" = Math.sqrt(2.0);\n");
    }
    for (Method m : c.methods()) {
      if (m.fallThrough()) {
        s.append("\n  @SuppressWarnings(\"fallthrough\")");
      }
      s.append(m.order2() ? "\n  @Differentiable(order = 2)\n  public static " : "\n  @Differentiable\n  public static ").append(typeName(m.result(), m.floats())).append(' ')
          .append(m.name()).append('(');
      List<String> params = new ArrayList<>();
      for (int i = 0; i < m.params().size(); i++) {
        Ty t = m.params().get(i);
        params.add((t == Ty.FN ? "@NonDiff " : "") + typeName(t, m.floats()) + " x" + i);
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
    boolean fl = m.floats();
    indent(s, level);
    if (st instanceof Decl d) {
      s.append(typeName(d.type(), fl)).append(' ').append(d.name()).append(" = ");
      if (d.init() == null) {
        s.append("new ").append(fl ? "float" : "double").append('[').append(d.size()).append(']');
      } else {
        s.append(expr(d.init(), m, cls));
      }
      s.append(";\n");
    } else if (st instanceof Assign a) {
      s.append(assignment(a, m, cls)).append(";\n");
    } else if (st instanceof CallStmt c) {
      s.append(expr(c.call(), m, cls)).append(";\n");
    } else if (st instanceof ArrWrite w) {
      s.append(w.array()).append('[').append(w.index()).append(" % ").append(w.array()).append(".length] ")
          .append(w.op()).append(' ').append(expr(w.e(), m, cls)).append(";\n");
    } else if (st instanceof If i) {
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
      label(s, f.label(), level);
      String c = f.counter();
      String update = f.update() == null ? c + "++"
          : f.counterInBody() ? assignment(f.update(), m, cls) : c + "++, " + assignment(f.update(), m, cls);
      s.append("for (int ").append(c).append(" = 0; ").append(c).append(" < ").append(f.bound()).append("; ")
          .append(update).append(") {\n");
      f.body().forEach(x -> stmt(s, x, m, cls, level + 1));
      if (f.counterInBody()) {
        indent(s, level + 1);
        s.append(c).append("++;\n");
      }
      indent(s, level);
      s.append("}\n");
    } else if (st instanceof While w) {
      s.append("int ").append(w.counter()).append(" = 0;\n");
      indent(s, level);
      label(s, w.label(), level);
      s.append("while (").append(w.counter()).append(" < ").append(w.bound());
      if (w.guard() != null) {
        s.append(" && ").append(cmp(w.guard(), m, cls));
      }
      s.append(") {\n");
      w.body().forEach(x -> stmt(s, x, m, cls, level + 1));
      indent(s, level + 1);
      s.append(w.counter()).append("++;\n");
      indent(s, level);
      s.append("}\n");
    } else if (st instanceof DoWhile w) {
      s.append("int ").append(w.counter()).append(" = 0;\n");
      indent(s, level);
      label(s, w.label(), level);
      s.append("do {\n");
      w.body().forEach(x -> stmt(s, x, m, cls, level + 1));
      indent(s, level + 1);
      s.append(w.counter()).append("++;\n");
      indent(s, level);
      s.append("} while (").append(w.counter()).append(" < ").append(w.bound()).append(");\n");
    } else if (st instanceof ForEach f) {
      label(s, f.label(), level);
      s.append("for (").append(typeName(Ty.NUM, fl)).append(' ').append(f.element()).append(" : ")
          .append(f.array()).append(") {\n");
      f.body().forEach(x -> stmt(s, x, m, cls, level + 1));
      indent(s, level);
      s.append("}\n");
    } else if (st instanceof Break b) {
      s.append(b.label() == null ? "break;\n" : "break " + b.label() + ";\n");
    } else if (st instanceof Continue c) {
      s.append(c.label() == null ? "continue;\n" : "continue " + c.label() + ";\n");
    } else if (st instanceof Return ret) {
      s.append(ret.e() == null ? "return;\n" : "return " + expr(ret.e(), m, cls) + ";\n");
    } else if (st instanceof Switch sw) {
      s.append("switch (").append(selector(sw.selector(), m, cls)).append(") {\n");
      for (Case c : sw.cases()) {
        indent(s, level + 1);
        s.append(caseLabel(sw.selector(), c)).append(sw.arrow() ? " -> {\n" : ":\n");
        c.body().forEach(x -> stmt(s, x, m, cls, level + 2));
        if (sw.arrow()) {
          indent(s, level + 1);
          s.append("}\n");
        }
      }
      indent(s, level);
      s.append("}\n");
    } else if (st instanceof Yield y) {
      s.append("yield ").append(expr(y.e(), m, cls)).append(";\n");
    } else if (st instanceof Braced b) {
      s.append("{\n");
      b.body().forEach(x -> stmt(s, x, m, cls, level + 1));
      indent(s, level);
      s.append("}\n");
    } else if (st instanceof Unset u) {
      s.append(typeName(Ty.NUM, fl)).append(' ').append(u.name()).append(";\n");
    } else if (st instanceof ArrayCopy c) {
      s.append("System.arraycopy(").append(c.src()).append(", ").append(intExpr(c.srcPos(), m, cls)).append(", ")
          .append(c.dst()).append(", ").append(intExpr(c.dstPos(), m, cls)).append(", ")
          .append(intExpr(c.length(), m, cls)).append(");\n");
    } else if (st instanceof Fill f) {
      s.append("Arrays.fill(").append(f.array()).append(", ");
      if (f.from() != null) {
        s.append(intExpr(f.from(), m, cls)).append(", ").append(intExpr(f.to(), m, cls)).append(", ");
      }
      s.append(expr(f.v(), m, cls)).append(");\n");
    } else if (st instanceof ExprStmt e) {
      s.append(sideEffect(e.e(), m, cls)).append(";\n");
    } else if (st instanceof AssignLoop l) {
      s.append("int ").append(l.counter()).append(" = 0;\n");
      indent(s, level);
      label(s, l.label(), level);
      s.append("while ((").append(l.target()).append(" = ").append(expr(l.step(), m, cls)).append(") > ")
          .append(expr(l.limit(), m, cls)).append(" && ").append(l.counter()).append("++ < ").append(l.bound())
          .append(") {\n");
      l.body().forEach(x -> stmt(s, x, m, cls, level + 1));
      indent(s, level);
      s.append("}\n");
    } else if (st instanceof IntDecl d) {
      s.append("int ").append(d.name()).append(" = ").append(intExpr(d.init(), m, cls)).append(";\n");
    } else if (st instanceof ConstList l) {
      s.append("java.util.List<Double> ").append(l.name()).append(" = new java.util.ArrayList<>();\n");
      for (double v : l.values()) {
        indent(s, level);
        s.append(l.name()).append(".add(").append(num(v, false)).append(");\n");
      }
    } else if (st instanceof Text t) {
      s.append("String ").append(t.name()).append(" = \"v=\" + (").append(expr(t.e(), m, cls)).append(");\n");
    } else if (st instanceof Guard g) {
      List<String> parts = new ArrayList<>();
      for (Expr e : g.message()) {
        parts.add(e instanceof Len l ? l.array() + ".length" : "(" + expr(e, m, cls) + ")");
      }
      s.append("if (").append(cmp(g.cond(), m, cls)).append(") {\n");
      indent(s, level + 1);
      s.append("throw new ").append(g.exception()).append("(\"").append(g.text()).append("\" + ")
          .append(String.join(" + \" and \" + ", parts)).append(");\n");
      indent(s, level);
      s.append("}\n");
    } else if (st instanceof IndexBuffer b) {
      String element = b.name() + "[0]";
      s.append(b.declare() ? "int[] " + b.name() + " = {" + b.value() + "};\n"
          : element + " = (" + element + " + " + b.value() + ") % 4;\n");
    } else if (st instanceof MatWrite w) {
      s.append(element(w.matrix(), w.i(), w.j())).append(' ').append(w.op()).append(' ').append(expr(w.e(), m, cls))
          .append(";\n");
    } else if (st instanceof MatLoop l) {
      String a = l.matrix();
      s.append("for (int ").append(l.i()).append(" = 0; ").append(l.i()).append(" < ").append(a).append(".length; ")
          .append(l.i()).append("++) {\n");
      indent(s, level + 1);
      s.append("for (int ").append(l.j()).append(" = 0; ").append(l.j()).append(" < ").append(a).append('[')
          .append(l.i()).append("].length; ").append(l.j()).append("++) {\n");
      l.body().forEach(x -> stmt(s, x, m, cls, level + 2));
      indent(s, level + 1);
      s.append("}\n");
      indent(s, level);
      s.append("}\n");
    } else {
      throw new IllegalArgumentException(st.toString());
    }
  }

  /** {@code a[i % a.length]}: a row of matrix {@code a}. */
  private static String row(String a, String i) {
    return a + "[" + i + " % " + a + ".length]";
  }

  /** {@code a[i % a.length][j % a[i % a.length].length]}. */
  private static String element(String a, String i, String j) {
    return row(a, i) + "[" + j + " % " + row(a, i) + ".length]";
  }

  private static String intExpr(IntE e, Method m, String cls) {
    if (e instanceof ILit l) {
      return l.value() < 0 ? "(" + l.value() + ")" : Integer.toString(l.value());
    } else if (e instanceof IVar v) {
      return v.name();
    } else if (e instanceof ILen l) {
      return l.array() + ".length";
    } else if (e instanceof IBin b) {
      String a = intExpr(b.a(), m, cls);
      String c = intExpr(b.b(), m, cls);
      return b.op() == 'm' ? "Math.min(" + a + ", " + c + ")" : "(" + a + " " + b.op() + " " + c + ")";
    }
    return "((int) Math.floor(" + expr(((IFloor) e).e(), m, cls) + "))";
  }

  private static String selector(Selector s, Method m, String cls) {
    String value = intExpr(s.value(), m, cls);
    return s.wrap() == null ? value : "Modes." + s.wrap() + "(" + value + ")";
  }

  private static String caseLabel(Selector s, Case c) {
    if (c.labels().isEmpty()) {
      return "default";
    }
    List<String> labels = new ArrayList<>();
    for (int l : c.labels()) {
      labels.add("mode".equals(s.wrap()) ? String.valueOf((char) ('A' + l))
          : "name".equals(s.wrap()) ? "\"" + (char) ('a' + l) + "\"" : Integer.toString(l));
    }
    return "case " + String.join(", ", labels);
  }

  /** An assignment or increment, without the parentheses it takes inside an expression. */
  private static String sideEffect(Expr e, Method m, String cls) {
    if (e instanceof AssignExpr a) {
      return a.name() + " " + a.op() + " " + expr(a.e(), m, cls);
    }
    Inc i = (Inc) e;
    String target = i.index() == null ? i.name() : i.name() + "[" + i.index() + " % " + i.name() + ".length]";
    String op = i.up() ? "++" : "--";
    return i.prefix() ? op + target : target + op;
  }

  private static String assignment(Assign a, Method m, String cls) {
    return a.name() + " " + a.op() + " " + expr(a.e(), m, cls);
  }

  /** {@code label:} on a line of its own, then the loop at the same indentation. */
  private static void label(StringBuilder s, String label, int level) {
    if (label != null) {
      s.append(label).append(":\n");
      indent(s, level);
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
    } else if (e instanceof NewPair p) {
      return "new " + typeName(Ty.PAIR, fl) + "(" + expr(p.a(), m, cls) + ", " + expr(p.b(), m, cls) + ")";
    } else if (e instanceof NewSeg g) {
      return "new " + typeName(Ty.SEG, fl) + "(" + expr(g.p(), m, cls) + ", " + expr(g.w(), m, cls) + ", " + g.k() + ")";
    } else if (e instanceof NewSamples g) {
      return "new " + typeName(Ty.SAMPLES, fl) + "(" + expr(g.xs(), m, cls) + ", " + expr(g.w(), m, cls) + ")";
    } else if (e instanceof First a) {
      return expr(a.array(), m, cls) + "[0]";
    } else if (e instanceof IntArg a) {
      return a.name();
    } else if (e instanceof SegGet g) {
      String get = expr(g.seg(), m, cls) + "." + g.accessor() + "()";
      return g.accessor().equals("k") ? "(" + t + ") " + get : get;
    } else if (e instanceof Get g) {
      return expr(g.pair(), m, cls) + (g.component() == 0 ? ".a()" : ".b()");
    } else if (e instanceof ArrRead a) {
      return a.array() + "[" + a.index() + " % " + a.array() + ".length]";
    } else if (e instanceof ListGet g) {
      return g.list() + ".get(" + g.index() + " % " + g.list() + ".size())";
    } else if (e instanceof Len l) {
      return "(" + t + ") " + l.array() + ".length";
    } else if (e instanceof CloneArr c) {
      return expr(c.array(), m, cls) + ".clone()";
    } else if (e instanceof CopyOf c) {
      return "Arrays.copyOf(" + c.array() + ", " + intExpr(c.length(), m, cls) + ")";
    } else if (e instanceof CopyOfRange c) {
      return "Arrays.copyOfRange(" + c.array() + ", " + intExpr(c.from(), m, cls) + ", " + intExpr(c.to(), m, cls)
          + ")";
    } else if (e instanceof AssignExpr || e instanceof Inc) {
      return "(" + sideEffect(e, m, cls) + ")";
    } else if (e instanceof ArrReadInc a) {
      return a.array() + "[" + a.counter() + "++ % " + a.array() + ".length]";
    } else if (e instanceof SwitchExpr sw) {
      StringBuilder out = new StringBuilder("switch (" + selector(sw.selector(), m, cls) + ") {");
      for (Case c : sw.cases()) {
        out.append(' ').append(caseLabel(sw.selector(), c));
        if (sw.arrow() && c.body().size() == 1) {
          out.append(" -> ").append(expr(((Yield) c.body().get(0)).e(), m, cls)).append(';');
          continue;
        }
        StringBuilder block = new StringBuilder();
        c.body().forEach(x -> stmt(block, x, m, cls, 0));
        String statements = block.toString().replace('\n', ' ').trim();
        out.append(sw.arrow() ? " -> { " + statements + " }" : ": " + statements);
      }
      return "(" + out.append(" })");
    } else if (e instanceof NewArr a) {
      List<String> elements = new ArrayList<>();
      a.elements().forEach(x -> elements.add(expr(x, m, cls)));
      return "new " + t + "[] {" + String.join(", ", elements) + "}";
    } else if (e instanceof NewMat a) {
      if (a.literal() == null) {
        return "new " + t + "[" + a.rows() + "][" + a.cols() + "]";
      }
      List<String> rows = new ArrayList<>();
      a.literal().forEach(x -> rows.add(expr(x, m, cls)));
      return "new " + t + "[][] {" + String.join(", ", rows) + "}";
    } else if (e instanceof MatRead a) {
      return element(a.matrix(), a.i(), a.j());
    } else if (e instanceof Row a) {
      return row(a.matrix(), a.i());
    } else if (e instanceof RowLen a) {
      return "(" + t + ") " + row(a.matrix(), a.i()) + ".length";
    } else if (e instanceof ToFloat f) {
      // widened back at once, so no arithmetic happens in float
      return "((double) (float) " + expr(f.e(), m, cls) + ")";
    } else if (e instanceof Apply a) {
      return a.function() + ".applyAsDouble(" + expr(a.arg(), m, cls) + ")";
    } else if (e instanceof Lambda l) {
      return "(" + l.param() + " -> " + expr(l.body(), m, cls) + ")";
    } else if (e instanceof MethodRef ref) {
      return (ref.target() == null ? "Math" : ref.target().owner()) + "::" + ref.name();
    } else if (e instanceof Rule rule) {
      List<String> args = new ArrayList<>();
      rule.args().forEach(a -> args.add(expr(a, m, cls)));
      return "Rules." + rule.name() + "(" + String.join(", ", args) + ")";
    }
    throw new IllegalArgumentException(e.toString());
  }
}
