package dev.leibniz.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.it.Programs.Clazz;
import dev.leibniz.it.Programs.Method;
import dev.leibniz.runtime.DifferentiableUnaryOperator;
import dev.leibniz.runtime.Dual;
import dev.leibniz.runtime.Jvp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleUnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random programs ({@link Programs}) compiled at test time with the real processor (one javac
 * run per try, several classes per run, calls between them), then checked at random points:
 *
 * <ul>
 *   <li>the compiled method computes what {@link Interpreter} computes, bit for bit;
 *   <li>jvp, grad, valueAndGrad and vjp agree with each other, and the pullback is linear
 *       ({@link Checker});
 *   <li>the Jacobian equals the interpreter's dual-number Jacobian;
 *   <li>each partial derivative equals a finite difference of the compiled method wherever that
 *       is meaningful: no stopGradient on the path, the same branches/floors/choices all over the
 *       stencil, and a stencil that converges (the estimates at h and h/2 agree).
 * </ul>
 *
 * <p>An overloaded method is found, with its forms, by its parameter types, and its forms' nested types carry the
 * documented suffix of its place among the overloads ({@code M0Vjp2}).
 *
 * <p>The programs and their generated sources compile with {@code -Xlint:all -Werror}. Shrinking is
 * off (each step would run javac); a failure prints the program, the kinds it exercises ({@link
 * Programs.Kind}) and where its generated derivatives are, and the jqwik seed reproduces it.
 * CI runs {@code jqwik.tries.default} tries (junit-platform.properties); for more, e.g. {@code
 * mvn verify -Djqwik.tries.default=3000 -Dtest=RandomProgramTest}, and {@code
 * -Dleibniz.randomKinds=OVERLOADS,RECORD_ARRAY} (or {@code none}) keeps only some new kinds.
 */
class RandomProgramTest {
  private static final int CLASSES_PER_TRY = 6;
  private static final int POINTS_PER_METHOD = 2;

  private static final AtomicInteger METHODS = new AtomicInteger();
  private static final AtomicInteger CHECKED_METHODS = new AtomicInteger();
  private static final AtomicInteger POINTS = new AtomicInteger();
  private static final AtomicInteger FD_PARTIALS = new AtomicInteger();
  private static final AtomicInteger PARTIALS = new AtomicInteger();
  private static final AtomicInteger SECOND_ORDER = new AtomicInteger();
  private static final AtomicInteger HESSIAN_FD = new AtomicInteger();

  @Property(shrinking = ShrinkingMode.OFF)
  void generatedProgramsHaveCorrectDerivatives(@ForAll long seed) {
    Random r = new Random(seed);
    Programs.Generator generator = new Programs.Generator(r);
    List<Clazz> classes = new ArrayList<>();
    Map<String, String> sources = new LinkedHashMap<>();
    for (String[] support : Programs.support()) {
      sources.put(Programs.PACKAGE + "." + support[0], support[1]);
    }
    for (int i = 0; i < CLASSES_PER_TRY; i++) {
      Clazz c = generator.clazz("P" + i);
      classes.add(c);
      sources.put(Programs.PACKAGE + "." + c.name(), Programs.render(c));
    }
    TestCompiler.Result compiled = TestCompiler.compileOrFail(sources, List.of("-Xlint:all", "-Werror"));
    checkAll(compiled, classes, sources, r);
    // only a failing run's files are worth keeping
    compiled.delete();
  }

  private static void checkAll(TestCompiler.Result compiled, List<Clazz> classes, Map<String, String> sources,
      Random r) {
    for (Clazz c : classes) {
      Class<?> cls = compiled.load(Programs.PACKAGE + "." + c.name());
      for (Method m : c.methods()) {
        try {
          checkMethod(cls, m, r);
        } catch (AssertionError | RuntimeException e) {
          throw new AssertionError(c.name() + "." + m.name() + " (kinds " + m.kinds() + "): " + e.getMessage()
              + "\n\nprogram:\n"
              + sources.get(Programs.PACKAGE + "." + c.name()) + "\ngenerated derivatives in "
              + compiled.directory().resolve("generated"), e);
        }
      }
    }
  }

  private static void checkMethod(Class<?> cls, Method m, Random r) {
    METHODS.incrementAndGet();
    Class<?>[] types = parameterTypes(cls, m);
    Checker checker = Checker.of(cls, m.name(), m.floats() ? Checker.Precision.FLOAT : Checker.Precision.DOUBLE,
        types);
    // a double method that narrows to float somewhere computes some derivatives in float
    Checker.Precision narrowed = new Checker.Precision(Checker.Precision.DOUBLE.step(), true,
        Checker.Precision.DOUBLE.fdTolerance(), Checker.Precision.FLOAT.agreeTolerance(),
        Checker.Precision.DOUBLE.valueTolerance());
    // the nested types of the second, third... overload end with its number (docs/forms.md)
    String vjp = Character.toUpperCase(m.name().charAt(0)) + m.name().substring(1) + "Vjp"
        + (m.overload() > 1 ? m.overload() : "");
    assertEquals(vjp, checker.requiredForm("Vjp", false).getReturnType().getSimpleName(), m.name() + " overload "
        + m.overload() + ": the class its mVjp returns");
    int accepted = 0;
    for (int attempt = 0; attempt < 4 * POINTS_PER_METHOD && accepted < POINTS_PER_METHOD; attempt++) {
      Object[] args = randomArguments(cls, m, r);
      int n = m.intParam() ? (Integer) args[args.length - 1] : 0;
      int[][] lengths = new int[m.params().size()][];
      for (int p = 0; p < lengths.length; p++) {
        lengths[p] = shape(args[p], m.params().get(p));
      }
      double[] x = checker.leaves(args);
      Interpreter.Outcome expected = Interpreter.run(m, x, lengths, n);
      if (!expected.wellBehaved()) {
        continue; // values or derivatives out of range at this point: try another
      }
      accepted++;
      POINTS.incrementAndGet();
      String where = m.name() + Arrays.deepToString(args);

      double[] value = checker.output(args);
      List<Interpreter.D> outputs = expected.outputs();
      assertEquals(outputs.size(), value.length, where + ": result size");
      double termScale = 0;
      for (int k = 0; k < value.length; k++) {
        assertEquals(outputs.get(k).v(), value[k], 0,
            where + ": the compiled method disagrees with the interpreter in result " + k);
        for (double a : outputs.get(k).a()) {
          termScale += a;
        }
      }

      // the generated forms agree with each other
      boolean single = m.floats() || expected.narrowed();
      Checker forms = m.floats() || !expected.narrowed() ? checker : Checker.of(cls, m.name(), narrowed, types);
      forms.withScale(termScale).withoutFiniteDifferences().check(r, args);

      // and with the interpreter's dual numbers
      double[][] jacobian = checker.jacobian(args);
      double tolerance = single ? 1e-4 : 1e-10;
      for (int k = 0; k < value.length; k++) {
        Interpreter.D out = outputs.get(k);
        for (int i = 0; i < x.length; i++) {
          double allowed = tolerance * Math.max(1, Math.max(out.a()[i], Math.abs(out.d()[i])));
          assertTrue(Math.abs(jacobian[k][i] - out.d()[i]) <= allowed,
              where + ": d out" + k + " / d in" + i + " is " + jacobian[k][i] + ", the interpreter's dual numbers give "
                  + out.d()[i]);
        }
      }

      if (m.writesArrays()) {
        checkWrites(cls, checker, m, single, args, expected, r, where);
      }

      // and with finite differences, where those mean something
      for (int i = 0; i < x.length && !expected.stopped() && !expected.notGradient(); i++) {
        PARTIALS.incrementAndGet();
        checkFiniteDifference(checker, m, single, args, x, lengths, n, i, jacobian, expected, where);
      }

      if (m.order2()) {
        checkSecondOrder(cls, checker, m, single, args, x, lengths, n, expected, r, where);
      }
    }
    if (accepted > 0) {
      CHECKED_METHODS.incrementAndGet();
    }
  }

  /**
   * {@code mHessian} and {@code mHvp}: the Hvp is the Hessian times the vector; where no
   * stopGradient and no rule that is not a gradient is involved (JAX differentiates the gradient
   * program, in which a stopped value is a constant) the Hessian is symmetric and each column is a
   * finite difference of the compiled gradient wherever that means something (as for first
   * derivatives).
   */
  private static void checkSecondOrder(Class<?> cls, Checker checker, Method m, boolean single, Object[] args,
      double[] x, int[][] lengths, int n, Interpreter.Outcome expected, Random r, String where) {
    SECOND_ORDER.incrementAndGet();
    Object h = Checker.invoke(checker.requiredForm("Hessian", false), null, args);
    double[][] hessian = h instanceof double[][] matrix ? matrix : new double[][] {{((Number) h).doubleValue()}};
    int dim = x.length;
    assertEquals(dim, hessian.length, where + ": Hessian size");
    double size = 1;
    for (double[] row : hessian) {
      for (double v : row) {
        size = Math.max(size, Math.abs(v));
      }
    }
    // a double method narrowing to float rounds its tangents too (JAX's rule for the cast), so its Hvp is
    // linear in v only up to that rounding, which the callee's later steps may amplify
    double agree = m.floats() ? 1e-4 : expected.narrowed() ? 1e-3 : 1e-9;
    if (expected.singular() && !Arrays.stream(hessian).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite)) {
      // second derivatives of a value singular here: the interpreter has no JAX answer to compare with
      return;
    }

    // Hvp along a random vector
    double[] v = new double[dim];
    for (int i = 0; i < dim; i++) {
      // float-exact, so a float method's tangents are exactly v
      v[i] = (float) (r.nextDouble() * 2 - 1);
    }
    double[] hvp = checker.flattenGradient(Checker.invoke(checker.requiredForm("Hvp", true), null,
        checker.withTangents(args, v)));
    for (int i = 0; i < dim; i++) {
      double expectedHv = 0;
      for (int j = 0; j < dim; j++) {
        expectedHv += hessian[i][j] * v[j];
      }
      assertTrue(Math.abs(expectedHv - hvp[i]) <= agree * size * dim,
          where + ": Hvp[" + i + "] is " + hvp[i] + " but Hessian times v is " + expectedHv);
    }
    // A rule that is not a gradient (Rules.skew) makes jacfwd(jacrev f) not symmetric, and not a
    // finite difference of the gradient either: jacfwd differentiates the primal values the
    // gradient uses through the rule too (skew(x, x) moves by (sin x + x) dx, not 2x dx).
    if (expected.stopped() || expected.notGradient()) {
      return;
    }
    for (int i = 0; i < dim; i++) {
      for (int j = 0; j < i; j++) {
        assertTrue(Math.abs(hessian[i][j] - hessian[j][i]) <= agree * size,
            where + ": Hessian not symmetric: " + Arrays.deepToString(hessian));
      }
    }

    // columns against finite differences of the (already checked) gradient
    for (int j = 0; j < dim; j++) {
      double step = (single ? 0x1p-7 : 0x1p-10) * Math.max(1, Math.abs(x[j]));
      boolean sameTrace = true;
      for (int k = -4; k <= 4 && sameTrace; k++) {
        double[] shifted = x.clone();
        shifted[j] += k * step / 2;
        sameTrace = Interpreter.run(m, shifted, lengths, n).trace().equals(expected.trace());
      }
      if (!sameTrace) {
        continue;
      }
      double[] coarse = gradientDifference(checker, args, x, j, step);
      double[] fine = gradientDifference(checker, args, x, j, step / 2);
      double[] finer = gradientDifference(checker, args, x, j, step / 4);
      double converged = single ? 2e-3 : 1e-6;
      double fdSize = 1;
      for (int i = 0; i < dim; i++) {
        fdSize = Math.max(fdSize, Math.max(Math.abs(coarse[i]), Math.abs(fine[i])));
      }
      boolean usable = true;
      for (int i = 0; i < dim; i++) {
        usable &= Math.abs(coarse[i] - fine[i]) <= converged * fdSize
            && Math.abs(fine[i] - finer[i]) <= converged * fdSize;
      }
      if (!usable) {
        continue;
      }
      HESSIAN_FD.incrementAndGet();
      for (int i = 0; i < dim; i++) {
        assertTrue(Math.abs(hessian[i][j] - fine[i]) <= 4 * converged * fdSize,
            where + ": Hessian[" + i + "][" + j + "] is " + hessian[i][j] + " but the finite difference of the gradient is "
                + fine[i]);
      }
    }
  }

  /**
   * SPEC §5a for a method that writes into its array parameters: the plain call and every form
   * leave the arrays holding their final contents, and {@code mJvp} leaves each tangent array
   * holding the tangent of those contents.
   */
  private static void checkWrites(Class<?> cls, Checker checker, Method m, boolean single, Object[] args,
      Interpreter.Outcome expected, Random r, String where) {
    double[] contents = new double[expected.written().size()];
    for (int k = 0; k < contents.length; k++) {
      contents[k] = expected.written().get(k).v();
    }
    Object[] plain = copies(args);
    Checker.invokeOnOriginals(checker.primal(), null, plain);
    Checker.assertVectorClose(contents, arrays(plain), 0, where + ": the arrays after the call");
    double valueTolerance = single ? 1e-6 : 1e-12;
    List<String> forms = new ArrayList<>(List.of("Vjp"));
    if (m.result() == Programs.Ty.NUM) {
      forms.addAll(List.of("Grad", "ValueAndGrad"));
    }
    for (String form : forms) {
      Object[] given = copies(args);
      Checker.invokeOnOriginals(checker.requiredForm(form, false), null, given);
      Checker.assertVectorClose(contents, arrays(given), valueTolerance, where + ": the arrays after m" + form);
    }
    if (!checker.hasJvp()) {
      return;
    }
    int n = checker.leaves(args).length;
    double[] u = new double[n];
    for (int i = 0; i < n; i++) {
      // float-exact, so a float method's tangents are exactly u
      u[i] = (float) (r.nextDouble() * 2 - 1);
    }
    Object[] all = checker.withTangents(copies(args), u);
    Checker.invokeOnOriginals(checker.requiredForm("Jvp", true), null, all);
    Checker.assertVectorClose(contents, arrays(Arrays.copyOf(all, args.length)), valueTolerance,
        where + ": the arrays after mJvp");
    double[] tangents = arrays(Arrays.copyOfRange(all, args.length, all.length));
    assertEquals(contents.length, tangents.length, where + ": tangent arrays");
    for (int k = 0; k < tangents.length; k++) {
      Interpreter.D d = expected.written().get(k);
      double tangent = 0;
      double scale = 1;
      for (int i = 0; i < n; i++) {
        tangent += d.d()[i] * u[i];
        scale += d.a()[i] * Math.abs(u[i]);
      }
      assertTrue(Math.abs(tangents[k] - tangent) <= (single ? 1e-4 : 1e-10) * scale,
          where + ": tangent array element " + k + " after mJvp is " + tangents[k] + ", the interpreter gives " + tangent);
    }
  }

  /** {@code args} with each array copied (a matrix's rows too). */
  private static Object[] copies(Object[] args) {
    return Checker.copies(args);
  }

  /** The elements of the arrays and matrices among {@code values}, in order (a matrix row after row). */
  private static double[] arrays(Object[] values) {
    List<Double> out = new ArrayList<>();
    for (Object v : values) {
      if (v instanceof double[] || v instanceof float[] || v instanceof double[][] || v instanceof float[][]) {
        for (double d : Checker.flatten(v)) {
          out.add(d);
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double[] gradientDifference(Checker checker, Object[] args, double[] x, int j, double h) {
    double[][] g = new double[5][];
    for (int k = -2; k <= 2; k++) {
      double[] shifted = x.clone();
      shifted[j] += k * h;
      g[k + 2] = checker.gradient(checker.withLeaves(args, shifted));
    }
    double[] out = new double[g[0].length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (g[0][i] - 8 * g[1][i] + 8 * g[3][i] - g[4][i]) / (12 * h);
    }
    return out;
  }

  private static Object[] randomArguments(Class<?> cls, Method m, Random r) {
    List<Object> out = new ArrayList<>();
    // at a third of the points of a method with a singular value, most scalars are 0: where it is singular
    boolean zeros = m.kinds().contains(Programs.Kind.ONE_BRANCH_SINGULAR) && r.nextInt(3) == 0;
    for (Programs.Ty t : m.params()) {
      switch (t) {
        case NUM -> out.add(zeros && r.nextInt(3) != 0 ? (m.floats() ? (Object) 0f : (Object) 0.0) : scalar(m, r));
        case FN -> out.add(TEST_FUNCTION);
        case PAIR -> out.add(pair(cls, m, r));
        case SEG -> out.add(make(cls, m, Programs.Ty.SEG, pair(cls, m, r), scalar(m, r), r.nextInt(4)));
        case SAMPLES -> out.add(make(cls, m, Programs.Ty.SAMPLES, array(m, r), scalar(m, r)));
        case ARR -> out.add(array(m, r));
        case MAT -> {
          // 1 to 3 rows of 1 to 3 elements each: ragged
          Object[] rows = m.floats() ? new float[1 + r.nextInt(3)][] : new double[1 + r.nextInt(3)][];
          for (int i = 0; i < rows.length; i++) {
            rows[i] = array(m, r);
          }
          out.add(rows);
        }
      }
    }
    if (m.intParam()) {
      out.add(r.nextInt(4));
    }
    return out.toArray();
  }

  /** A {@code double[]} (a {@code float[]} in a float method) of 1 to 3 random elements. */
  private static Object array(Method m, Random r) {
    int length = 1 + r.nextInt(3);
    if (m.floats()) {
      float[] a = new float[length];
      for (int i = 0; i < length; i++) {
        a[i] = (Float) scalar(m, r);
      }
      return a;
    }
    double[] a = new double[length];
    for (int i = 0; i < length; i++) {
      a[i] = (Double) scalar(m, r);
    }
    return a;
  }

  private static Object pair(Class<?> cls, Method m, Random r) {
    return make(cls, m, Programs.Ty.PAIR, scalar(m, r), scalar(m, r));
  }

  /** A record of type {@code t} (of {@code m}'s precision) made of {@code components}. */
  private static Object make(Class<?> cls, Method m, Programs.Ty t, Object... components) {
    try {
      return type(cls, t, m.floats()).getDeclaredConstructors()[0].newInstance(components);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** The parameter types of {@code m} as compiled: what picks its overload. */
  private static Class<?>[] parameterTypes(Class<?> cls, Method m) {
    List<Class<?>> out = new ArrayList<>();
    for (Programs.Ty t : m.params()) {
      out.add(type(cls, t, m.floats()));
    }
    if (m.intParam()) {
      out.add(int.class);
    }
    return out.toArray(new Class<?>[0]);
  }

  /** The class of values of type {@code t}, loaded as {@code cls} was. */
  private static Class<?> type(Class<?> cls, Programs.Ty t, boolean floats) {
    return switch (t) {
      case NUM -> floats ? float.class : double.class;
      case ARR -> floats ? float[].class : double[].class;
      case MAT -> floats ? float[][].class : double[][].class;
      case FN -> DoubleUnaryOperator.class;
      case VOID -> void.class;
      case PAIR, SEG, SAMPLES -> {
        try {
          yield Class.forName(Programs.PACKAGE + "." + Programs.typeName(t, floats), true, cls.getClassLoader());
        } catch (ClassNotFoundException e) {
          throw new AssertionError(e);
        }
      }
    };
  }

  /**
   * What {@link Interpreter#run} needs of an argument's shape: an array's length, a matrix's row lengths, a Seg's k,
   * the length of a Samples' array.
   */
  private static int[] shape(Object arg, Programs.Ty type) {
    if (arg instanceof Object[] rows && type == Programs.Ty.MAT) {
      int[] out = new int[rows.length];
      for (int i = 0; i < rows.length; i++) {
        out[i] = java.lang.reflect.Array.getLength(rows[i]);
      }
      return out;
    }
    return new int[] {arg instanceof double[] a ? a.length : arg instanceof float[] a ? a.length
        : type == Programs.Ty.SEG ? (Integer) component(arg, "k")
        : type == Programs.Ty.SAMPLES ? java.lang.reflect.Array.getLength(component(arg, "xs")) : 0};
  }

  private static Object component(Object record, String name) {
    try {
      return record.getClass().getMethod(name).invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * {@code sin(v) + v / 2} with its derivatives, as a caller outside differentiated code passes a
   * function value (the interpreter has the same one).
   */
  private static final DifferentiableUnaryOperator TEST_FUNCTION = new DifferentiableUnaryOperator() {
    @Override
    public double applyAsDouble(double v) {
      return Math.sin(v) + v / 2;
    }

    @Override
    public Dual jvp(double v, double vDot) {
      return new Dual(applyAsDouble(v), (Math.cos(v) + 0.5) * vDot);
    }

    @Override
    public double vjp(double v, double g) {
      return (Math.cos(v) + 0.5) * g;
    }

    // second derivatives, for order-2 methods: f'' = -sin

    @Override
    public Dual vjpJvp(double v, double g, double vDot, double gDot) {
      return new Dual(vjp(v, g), -Math.sin(v) * vDot * g + (Math.cos(v) + 0.5) * gDot);
    }

    @Override
    public Jvp<Dual> jvpJvp(double v, double vDot, double vPrime, double vDotPrime) {
      return new Jvp<>(jvp(v, vDot),
          new Dual((Math.cos(v) + 0.5) * vPrime, -Math.sin(v) * vPrime * vDot + (Math.cos(v) + 0.5) * vDotPrime));
    }
  };

  private static Object scalar(Method m, Random r) {
    double v = r.nextDouble() * 4 - 2;
    return m.floats() ? (Object) (float) v : (Object) v;
  }

  /** {@code single}: the method computes in float somewhere, so its values are float-rounded. */
  private static void checkFiniteDifference(Checker checker, Method m, boolean single, Object[] args, double[] x,
      int[][] lengths, int n, int i, double[][] jacobian, Interpreter.Outcome expected, String where) {
    double h = m.floats() ? 0x1p-7 : (single ? 0x1p-7 : 0x1p-10) * Math.max(1, Math.abs(x[i]));
    for (int k = -4; k <= 4; k++) {
      double[] shifted = x.clone();
      shifted[i] += k * h / 2;
      if (!Interpreter.run(m, shifted, lengths, n).trace().equals(expected.trace())) {
        return; // a branch, floor or choice changes on the stencil: no single formula to difference
      }
    }
    double[] coarse = fivePoint(checker, args, x, i, h);
    double[] fine = fivePoint(checker, args, x, i, h / 2);
    double[] finer = fivePoint(checker, args, x, i, h / 4);
    double converged = single ? 2e-3 : 1e-6;
    // sizes come from the values and the estimates themselves, never from the derivative under test
    double[] size = new double[fine.length];
    for (int k = 0; k < fine.length; k++) {
      size[k] = Math.max(1, Math.max(Math.abs(expected.outputs().get(k).v()),
          Math.max(Math.abs(coarse[k]), Math.abs(fine[k]))));
      if (!(Math.abs(coarse[k] - fine[k]) <= converged * size[k])
          || !(Math.abs(fine[k] - finer[k]) <= converged * size[k])) {
        return; // the function wiggles on the scale of the stencil: the estimate is not trustworthy
      }
    }
    FD_PARTIALS.incrementAndGet();
    for (int k = 0; k < fine.length; k++) {
      assertTrue(Math.abs(jacobian[k][i] - fine[k]) <= 4 * converged * size[k],
          where + ": d out" + k + " / d in" + i + " is " + jacobian[k][i] + " but the finite difference is "
              + fine[k]);
    }
  }

  private static double[] fivePoint(Checker checker, Object[] args, double[] x, int i, double h) {
    double[][] f = new double[5][];
    for (int k = -2; k <= 2; k++) {
      double[] shifted = x.clone();
      shifted[i] += k * h;
      f[k + 2] = checker.output(checker.withLeaves(args, shifted));
    }
    double[] out = new double[f[0].length];
    for (int k = 0; k < out.length; k++) {
      out[k] = (f[0][k] - 8 * f[1][k] + 8 * f[3][k] - f[4][k]) / (12 * h);
    }
    return out;
  }

  /** Guards against a generator that drifts into programs the checks cannot use. */
  @AfterContainer
  static void enoughWasChecked() {
    if (METHODS.get() == 0) {
      return;
    }
    assertTrue(CHECKED_METHODS.get() >= 0.8 * METHODS.get(),
        CHECKED_METHODS + " of " + METHODS + " methods had a usable point");
    assertTrue(FD_PARTIALS.get() >= 0.5 * PARTIALS.get(),
        "finite differences were usable for only " + FD_PARTIALS + " of " + PARTIALS + " partials");
  }
}
