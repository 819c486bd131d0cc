package dev.leibniz.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.leibniz.runtime.Dual;
import dev.leibniz.runtime.Jvp;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;

/**
 * Checks every generated form of one annotated method against the others and against finite
 * differences, through reflection, so one checker serves the fixed classes and the programs
 * compiled at test time.
 *
 * <p>Differentiable values (double, float, double[], float[], records of those) are flattened to
 * a vector of their floating leaves; non-differentiable leaves (ints, ...) are copied from the
 * primal value whenever a tangent or cotangent of the same shape is built. With {@code x} the
 * flattened differentiable parameters and {@code J} the Jacobian of the flattened result, the
 * checks are:
 *
 * <ul>
 *   <li>{@code mJvp}, {@code mVjp}, {@code mValueAndGrad} return the primal value;
 *   <li>{@code <v, J u>} from {@code mJvp} equals {@code <J^T v, u>} from the pullback (random u, v);
 *   <li>the pullback is linear: {@code pullback(a v) = a pullback(v)}, and can be called twice;
 *   <li>for a scalar result, {@code mGrad} and {@code mValueAndGrad} equal {@code pullback(1)};
 *   <li>each column {@code J e_i} equals a five-point central difference of the primal method.
 * </ul>
 *
 * <p>A {@code void} method (SPEC §5a) computes the final contents of the arrays it writes into: its result here is
 * the final contents of all its array parameters (so it must write into each, and the checks say so if its
 * pullback does not take all their cotangents); its {@code mJvp} updates their tangents in place, its pullback takes
 * their cotangents, and every form must leave them as the plain call does.
 */
final class Checker {
  /** Step and tolerances for one floating precision. */
  record Precision(double step, boolean relativeStep, double fdTolerance, double agreeTolerance,
      double valueTolerance) {
    /** The step is scaled to |x|; 2^-10 balances the stencil's h^4 error against rounding. */
    static final Precision DOUBLE = new Precision(0x1p-10, true, 1e-6, 1e-10, 1e-12);
    /** A fixed power-of-two step keeps {@code x ± h} and {@code x ± 2h} exact in float for |x| < 2^17. */
    static final Precision FLOAT = new Precision(0x1p-7, false, 2e-3, 2e-4, 1e-6);

    Precision withFd(double tolerance) {
      return new Precision(step, relativeStep, tolerance, agreeTolerance, valueTolerance);
    }
  }

  private final Class<?> owner;
  private final Class<?> derivatives;
  private final Method primal;
  private final Precision precision;
  private final boolean[] differentiable;
  /** A void method: its result is its array parameters' final contents. */
  private final boolean isVoid;
  private boolean finiteDifferences = true;
  private double termScale = 1;
  private boolean linearPullback = true;

  private Checker(Method primal, Precision precision) {
    Class<?> owner = primal.getDeclaringClass();
    this.owner = owner;
    this.primal = primal;
    primal.setAccessible(true);
    this.precision = precision;
    this.derivatives = derivativesOf(owner);
    this.isVoid = primal.getReturnType() == void.class;
    Class<?>[] types = primal.getParameterTypes();
    differentiable = new boolean[types.length];
    for (int i = 0; i < types.length; i++) {
      differentiable[i] = isDifferentiable(types[i]);
    }
  }

  /** The generated {@code FooDerivatives} of {@code owner}, from the same class loader. */
  static Class<?> derivativesOf(Class<?> owner) {
    try {
      return Class.forName(owner.getName() + "Derivatives", true, owner.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new AssertionError("no derivatives class for " + owner.getName(), e);
    }
  }

  /** A checker in double precision, or float precision when the method's result is a float. */
  static Checker of(Class<?> owner, String name) {
    return of(method(owner, name));
  }

  /** The checker of one overload, picked by its parameter types. */
  static Checker of(Class<?> owner, String name, Class<?>... parameterTypes) {
    return of(overload(owner, name, parameterTypes));
  }

  /** The method {@code name} of {@code owner} taking {@code parameterTypes}: one overload. */
  static Method overload(Class<?> owner, String name, Class<?>... parameterTypes) {
    try {
      return owner.getDeclaredMethod(name, parameterTypes);
    } catch (NoSuchMethodException e) {
      throw new AssertionError("no method " + owner.getName() + "." + name + Arrays.toString(parameterTypes), e);
    }
  }

  private static Checker of(Method m) {
    boolean usesFloat = m.getReturnType() == float.class
        || Arrays.stream(m.getParameterTypes()).anyMatch(t -> t == float.class || t == float[].class);
    return new Checker(m, usesFloat ? Precision.FLOAT : Precision.DOUBLE);
  }

  /** With {@code precision}; {@code parameterTypes} pick an overload, none the only method of that name. */
  static Checker of(Class<?> owner, String name, Precision precision, Class<?>... parameterTypes) {
    return new Checker(parameterTypes.length == 0 ? method(owner, name) : overload(owner, name, parameterTypes),
        precision);
  }

  /** The method checked. */
  Method primal() {
    return primal;
  }

  /**
   * The generated form {@code mSuffix} of this method (of this overload: its parameters are the
   * method's, then with {@code tangents} one per differentiable parameter), or null.
   */
  Method form(String suffix, boolean tangents) {
    List<Class<?>> types = new ArrayList<>(Arrays.asList(primal.getParameterTypes()));
    if (tangents) {
      for (int i = 0; i < differentiable.length; i++) {
        if (differentiable[i]) {
          types.add(primal.getParameterTypes()[i]);
        }
      }
    }
    try {
      Method m = derivatives.getDeclaredMethod(primal.getName() + suffix, types.toArray(new Class<?>[0]));
      m.setAccessible(true);
      return m;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  /** {@link #form} that must exist. */
  Method requiredForm(String suffix, boolean tangents) {
    Method m = form(suffix, tangents);
    if (m == null) {
      throw new AssertionError("no method " + derivatives.getName() + "." + primal.getName() + suffix);
    }
    return m;
  }

  /** Skip the finite-difference columns (for points where the primal is not smooth on the stencil). */
  Checker withoutFiniteDifferences() {
    finiteDifferences = false;
    return this;
  }

  /** For a custom VJP rule that is deliberately not linear (JAX allows it), e.g. gradient clipping. */
  Checker withNonlinearPullback() {
    linearPullback = false;
    return this;
  }

  /**
   * The magnitude of the terms that make up the derivatives, when known (see {@link Interpreter}):
   * where they cancel, two correct computations differ by rounding relative to this, not to the
   * result.
   */
  Checker withScale(double magnitude) {
    termScale = Math.max(1, magnitude);
    return this;
  }

  /** Runs all checks at {@code args}, with random directions from {@code random}. */
  void check(Random random, Object... args) {
    String where = owner.getSimpleName() + "." + primal.getName() + Arrays.deepToString(args);
    Object value = invoke(primal, null, args);
    double[] y = result(args);
    double[] x = flattenParams(args);
    int n = x.length;
    int m = y.length;
    assertTrue(n > 0, where + ": no differentiable parameter");

    // Reverse mode along a random cotangent.
    Object vjp;
    if (isVoid) {
      // the value of a void method is what mVjp writes into the arrays
      Object[] given = copies(args);
      vjp = invokeOnOriginals(requiredForm("Vjp", false), null, given);
      assertVectorClose(y, arrayContents(given), precision.valueTolerance, where + ": the arrays after mVjp");
    } else {
      vjp = invoke(requiredForm("Vjp", false), null, args);
      assertVectorClose(y, flatten(invoke(method(vjp.getClass(), "value"), vjp)), precision.valueTolerance,
          where + ": vjp value");
    }
    double[] v = randomVector(random, m);
    double[] jtv = pullback(vjp, value, args, v);
    assertEquals(n, jtv.length, where + ": pullback size");

    // Forward mode along a random direction, unless a reverse-only (custom VJP) rule forbids it.
    if (hasJvp()) {
      double[] u = randomVector(random, n);
      double[][] jvp = forward(args, u);
      assertVectorClose(y, jvp[0], precision.valueTolerance, where + ": jvp value");
      double[] ju = jvp[1];
      assertEquals(m, ju.length, where + ": jvp tangent size");
      double forward = dot(v, ju);
      double reverse = dot(jtv, u);
      if (Double.isNaN(forward) || Double.isNaN(reverse)) {
        // e.g. the gradient of a norm at the origin: both modes must say so
        assertEquals(Double.isNaN(forward), Double.isNaN(reverse),
            where + ": <v, J u> (forward) = " + forward + " vs <J^T v, u> (reverse) = " + reverse);
      } else {
        double magnitude = Math.max(termScale, Math.max(absDot(v, ju), absDot(jtv, u)));
        assertEquals(forward, reverse, precision.agreeTolerance * magnitude,
            where + ": <v, J u> (forward) vs <J^T v, u> (reverse)");
      }
    }

    // The pullback is linear and may be called again.
    double a = -1.75;
    if (linearPullback) {
      double[] scaled = pullback(vjp, value, args, scale(a, v));
      assertVectorClose(scale(a, jtv), scaled, precision.agreeTolerance * 2 * termScale,
          where + ": pullback(a v) = a pullback(v)");
    }
    assertVectorClose(jtv, pullback(vjp, value, args, v), 0, where + ": pullback called twice");

    if (m == 1 && isScalar(primal.getReturnType())) {
      double[] grad = flattenGradient(invoke(requiredForm("Grad", false), null, args));
      double[] pulledOne = pullback(vjp, value, args, new double[] {1});
      assertVectorClose(pulledOne, grad, precision.agreeTolerance * termScale, where + ": grad vs pullback(1)");
      Object vg = invoke(requiredForm("ValueAndGrad", false), null, args);
      assertVectorClose(y, flatten(invoke(method(vg.getClass(), "value"), vg)), precision.valueTolerance,
          where + ": valueAndGrad value");
      assertVectorClose(grad, flattenGradient(invoke(method(vg.getClass(), "gradient"), vg)), 0,
          where + ": valueAndGrad gradient");
    }

    // mJacobian, for a result other than one scalar: the Jacobian of the other forms, and the same writes
    double[][] jacobian = jacobian(args);
    Method jacobianForm = form("Jacobian", false);
    Class<?> result = primal.getReturnType();
    assertEquals(isVoid || (!isScalar(result) && isDifferentiable(result)), jacobianForm != null,
        where + ": mJacobian generated exactly for non-scalar and void results");
    if (jacobianForm != null) {
      Object[] copies = copies(args);
      Object[] plain = copies(args);
      invokeOnOriginals(primal, null, plain);
      double[][] generated = (double[][]) invokeOnOriginals(jacobianForm, null, copies);
      assertEquals(m, generated.length, where + ": mJacobian rows");
      for (int k = 0; k < m; k++) {
        assertVectorClose(jacobian[k], generated[k], precision.agreeTolerance * termScale,
            where + ": mJacobian row " + k);
      }
      assertEquals(Arrays.deepToString(plain), Arrays.deepToString(copies),
          where + ": mJacobian writes what the plain call writes, once");
    }

    // Each Jacobian column against a five-point central difference of the primal method.
    if (finiteDifferences) {
      for (int i = 0; i < n; i++) {
        double[] fd = finiteDifference(args, x, i);
        for (int k = 0; k < m; k++) {
          double tolerance = precision.fdTolerance * Math.max(1, Math.max(Math.abs(fd[k]), Math.abs(y[k])));
          if (!(Math.abs(fd[k] - jacobian[k][i]) <= tolerance)) {
            fail(where + ": d out[" + k + "] / d in[" + i + "]: finite difference " + fd[k] + " but "
                + (hasJvp() ? "jvp" : "vjp") + " gives " + jacobian[k][i]);
          }
        }
      }
    }
  }

  Class<?> derivatives() {
    return derivatives;
  }

  /** Whether the method has forward mode: not when it needs a custom VJP rule. */
  boolean hasJvp() {
    return form("Jvp", true) != null;
  }

  /** The Jacobian of the flattened result w.r.t. the flattened differentiable parameters: columns from jvp, else rows from the pullback. */
  double[][] jacobian(Object... args) {
    double[] x = flattenParams(args);
    Object value = invoke(primal, null, args);
    int m = result(args).length;
    double[][] out = new double[m][x.length];
    if (hasJvp()) {
      for (int i = 0; i < x.length; i++) {
        double[] e = new double[x.length];
        e[i] = 1;
        double[] column = forward(args, e)[1];
        for (int k = 0; k < m; k++) {
          out[k][i] = column[k];
        }
      }
    } else {
      Object vjp = invoke(requiredForm("Vjp", false), null, args);
      for (int k = 0; k < m; k++) {
        double[] e = new double[m];
        e[k] = 1;
        out[k] = pullback(vjp, value, args, e);
      }
    }
    return out;
  }

  /** The flattened differentiable parameters. */
  double[] leaves(Object... args) {
    return flattenParams(args);
  }

  /** {@code args} with its differentiable leaves replaced. */
  Object[] withLeaves(Object[] args, double[] leaves) {
    return unflattenParams(args, leaves);
  }

  /** The primal method's flattened result. */
  double[] output(Object... args) {
    return result(args);
  }

  /** The flattened result at {@code args}: for a void method, its array parameters' final contents. */
  private double[] result(Object[] args) {
    if (!isVoid) {
      return flatten(invoke(primal, null, args));
    }
    Object[] given = copies(args);
    invokeOnOriginals(primal, null, given);
    return arrayContents(given);
  }

  /** The elements of the arrays among {@code values}, in order. */
  private static double[] arrayContents(Object[] values) {
    List<Double> out = new ArrayList<>();
    for (Object v : values) {
      if (v instanceof double[] || v instanceof float[]) {
        for (double d : flatten(v)) {
          out.add(d);
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Runs the checks at fixed points with a fixed seed. */
  void checkAll(Object[]... points) {
    Random random = new Random(42);
    for (Object[] p : points) {
      check(random, p);
    }
  }

  /** The gradient ({@code mGrad}) of a scalar method, flattened. */
  double[] gradient(Object... args) {
    return flattenGradient(invoke(requiredForm("Grad", false), null, args));
  }

  /** The column {@code J u} from {@code mJvp}, flattened. */
  double[] jvpTangent(double[] u, Object... args) {
    return forward(args, u)[1];
  }

  /** {@code J^T v} from {@code mVjp}, flattened. */
  double[] pullback(double[] v, Object... args) {
    Object vjp = invoke(requiredForm("Vjp", false), null, args);
    return pullback(vjp, invoke(primal, null, args), args, v);
  }

  /**
   * Whether {@code piece} (e.g. which branch is taken, a floor, a trip count) is the same at every
   * point of every finite-difference stencil around {@code args}, sampled at half steps: then the
   * primal is one smooth formula over the stencil.
   */
  boolean samePieceOnStencil(Object[] args, Function<Object[], ?> piece) {
    Object here = piece.apply(args);
    double[] x = flattenParams(args);
    for (int i = 0; i < x.length; i++) {
      double h = step(x, i);
      for (int k = -4; k <= 4; k++) {
        double[] shifted = x.clone();
        shifted[i] += k * h / 2;
        if (!Objects.equals(here, piece.apply(unflattenParams(args, shifted)))) {
          return false;
        }
      }
    }
    return true;
  }

  private double step(double[] x, int i) {
    return precision.step * (precision.relativeStep ? Math.max(1, Math.abs(x[i])) : 1);
  }

  private double[] finiteDifference(Object[] args, double[] x, int i) {
    double h = step(x, i);
    double[] fp2 = evalShifted(args, x, i, 2 * h);
    double[] fp1 = evalShifted(args, x, i, h);
    double[] fm1 = evalShifted(args, x, i, -h);
    double[] fm2 = evalShifted(args, x, i, -2 * h);
    double[] out = new double[fp1.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = (-fp2[k] + 8 * fp1[k] - 8 * fm1[k] + fm2[k]) / (12 * h);
    }
    return out;
  }

  private double[] evalShifted(Object[] args, double[] x, int i, double delta) {
    double[] shifted = x.clone();
    shifted[i] += delta;
    return result(unflattenParams(args, shifted));
  }

  /**
   * {@code mJvp} along {@code u}: the flattened value and tangent; for a void method, the array parameters' contents
   * and their tangents after the call.
   */
  private double[][] forward(Object[] args, double[] u) {
    Method jvp = form("Jvp", true);
    if (!isVoid) {
      Object out = invoke(jvp, null, withTangents(args, u));
      return new double[][] {flatten(jvpPart(out, true)), flatten(jvpPart(out, false))};
    }
    Object[] all = withTangents(copies(args), u); // the tangent arrays are new, updated in place
    invokeOnOriginals(jvp, null, all);
    return new double[][] {arrayContents(Arrays.copyOf(all, args.length)),
        arrayContents(Arrays.copyOfRange(all, args.length, all.length))};
  }

  /** {@code args} followed by one tangent per differentiable parameter, shaped like it, from {@code u}. */
  Object[] withTangents(Object[] args, double[] u) {
    Object[] tangents = unflattenParams(args, u);
    List<Object> all = new ArrayList<>(Arrays.asList(args));
    for (int i = 0; i < args.length; i++) {
      if (differentiable[i]) {
        all.add(tangents[i]);
      }
    }
    return all.toArray();
  }

  private static Object jvpPart(Object jvp, boolean value) {
    if (jvp instanceof Dual d) {
      return value ? d.value() : d.tangent();
    }
    if (jvp instanceof Jvp<?> j) {
      return value ? j.value() : j.tangent();
    }
    throw new AssertionError("jvp returned " + jvp);
  }

  /** {@code J^T v} from the pullback of {@code vjp}; a void method's takes one cotangent per array parameter. */
  private double[] pullback(Object vjp, Object value, Object[] args, double[] v) {
    if (!isVoid) {
      Object cotangent = unflatten(value, primal.getReturnType(), v, new int[] {0});
      return flattenGradient(invoke(method(vjp.getClass(), "pullback"), vjp, cotangent));
    }
    List<Object> bars = new ArrayList<>();
    int[] offset = {0};
    for (Object a : args) {
      if (a instanceof double[] || a instanceof float[]) {
        bars.add(unflatten(a, a.getClass(), v, offset));
      }
    }
    assertEquals(v.length, offset[0]);
    Method pullback = method(vjp.getClass(), "pullback");
    assertEquals(bars.size(), pullback.getParameterCount(), primal.getName()
        + ": the pullback takes the cotangents of the arrays written; the checks need a void method to write all");
    return flattenGradient(invoke(pullback, vjp, bars.toArray()));
  }

  /** A gradient is the parameter's own type for one differentiable parameter, else a record of them. */
  double[] flattenGradient(Object gradient) {
    int count = 0;
    for (boolean d : differentiable) {
      count += d ? 1 : 0;
    }
    if (count == 1) {
      return flatten(gradient);
    }
    RecordComponent[] components = gradient.getClass().getRecordComponents();
    assertEquals(count, components.length, "gradient components of " + gradient.getClass());
    List<Double> out = new ArrayList<>();
    for (RecordComponent c : components) {
      for (double d : flatten(accessor(gradient, c))) {
        out.add(d);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private double[] flattenParams(Object[] args) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (differentiable[i]) {
        for (double d : flatten(args[i])) {
          out.add(d);
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private Object[] unflattenParams(Object[] args, double[] leaves) {
    Class<?>[] types = primal.getParameterTypes();
    Object[] out = args.clone();
    int[] offset = {0};
    for (int i = 0; i < args.length; i++) {
      if (differentiable[i]) {
        out[i] = unflatten(args[i], types[i], leaves, offset);
      }
    }
    assertEquals(leaves.length, offset[0]);
    return out;
  }

  static boolean isDifferentiable(Class<?> t) {
    return t == double.class || t == float.class || t == double[].class || t == float[].class
        || t == double[][].class || t == float[][].class || t == Double.class || t == Float.class || t.isRecord();
  }

  private static boolean isScalar(Class<?> t) {
    return t == double.class || t == float.class;
  }

  /** The floating leaves of a differentiable value, in declaration order. */
  static double[] flatten(Object value) {
    List<Double> out = new ArrayList<>();
    flattenInto(value, out);
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static void flattenInto(Object value, List<Double> out) {
    if (value instanceof Double d) {
      out.add(d);
    } else if (value instanceof Float f) {
      out.add((double) f);
    } else if (value instanceof double[] a) {
      for (double d : a) {
        out.add(d);
      }
    } else if (value instanceof float[] a) {
      for (float f : a) {
        out.add((double) f);
      }
    } else if (value instanceof Object[] rows) { // a matrix, row after row
      for (Object row : rows) {
        flattenInto(row, out);
      }
    } else if (value != null && value.getClass().isRecord()) {
      for (RecordComponent c : value.getClass().getRecordComponents()) {
        if (isDifferentiable(c.getType())) {
          flattenInto(accessor(value, c), out);
        }
      }
    }
    // anything else is not differentiable: no leaves
  }

  /** A value shaped like {@code template} with its floating leaves taken from {@code leaves}. */
  static Object unflatten(Object template, Class<?> type, double[] leaves, int[] offset) {
    if (type == double.class || type == Double.class) {
      return leaves[offset[0]++];
    }
    if (type == float.class || type == Float.class) {
      return (float) leaves[offset[0]++];
    }
    if (type == double[].class) {
      double[] out = new double[((double[]) template).length];
      for (int i = 0; i < out.length; i++) {
        out[i] = leaves[offset[0]++];
      }
      return out;
    }
    if (type == float[].class) {
      float[] out = new float[((float[]) template).length];
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) leaves[offset[0]++];
      }
      return out;
    }
    if (type == double[][].class || type == float[][].class) {
      Object[] rows = (Object[]) template;
      Object[] out = (Object[]) java.lang.reflect.Array.newInstance(type.getComponentType(), rows.length);
      for (int i = 0; i < rows.length; i++) {
        out[i] = unflatten(rows[i], type.getComponentType(), leaves, offset);
      }
      return out;
    }
    if (type.isRecord()) {
      RecordComponent[] components = type.getRecordComponents();
      Object[] values = new Object[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        Object old = accessor(template, components[i]);
        values[i] = isDifferentiable(types[i]) ? unflatten(old, types[i], leaves, offset) : old;
      }
      try {
        Constructor<?> c = type.getDeclaredConstructor(types);
        c.setAccessible(true);
        return c.newInstance(values);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
    return template;
  }

  private static Object accessor(Object record, RecordComponent c) {
    Method m = c.getAccessor();
    m.setAccessible(true);
    return invoke(m, record);
  }

  /**
   * At {@code args}, the derivative of the one-input method {@code name} of {@code owner} along its
   * differentiated scalar is {@code first} and its Hessian {@code second}; then every form agrees
   * ({@link #check}).
   */
  static void checkFirstAndSecond(Class<?> owner, String name, double first, double second, Object... args) {
    String what = name + Arrays.toString(args);
    Checker c = of(owner, name);
    Numeric.assertClose(first, c.gradient(args)[0], 1e-12, what + " d/dx");
    Numeric.assertClose(second, (double) invoke(method(derivativesOf(owner), name + "Hessian"), null, args), 1e-12,
        what + " d2/dx2");
    c.check(new Random(1), args);
  }

  static Method method(Class<?> owner, String name) {
    Method found = null;
    for (Method m : owner.getDeclaredMethods()) {
      if (m.getName().equals(name) && !m.isSynthetic()) {
        if (name.equals("pullback") && m.getParameterCount() > 1 && hasValue(owner)) {
          continue; // the pullback of a method writing into arrays that also takes their cotangents
        }
        if (found != null) {
          throw new AssertionError("overloaded " + owner.getName() + "." + name);
        }
        found = m;
      }
    }
    if (found == null) {
      throw new AssertionError("no method " + owner.getName() + "." + name);
    }
    found.setAccessible(true);
    return found;
  }

  /**
   * Calls {@code m} on copies of the array arguments: a method may write into its array
   * parameters (SPEC §5a), and each call must see the arguments as given.
   */
  static Object invoke(Method m, Object target, Object... args) {
    return invokeOnOriginals(m, target, copies(args));
  }

  /** {@code args} with their arrays copied. */
  static Object[] copies(Object... args) {
    Object[] copies = args.clone();
    for (int i = 0; i < copies.length; i++) {
      if (copies[i] instanceof double[] a) {
        copies[i] = a.clone();
      } else if (copies[i] instanceof float[] a) {
        copies[i] = a.clone();
      } else if (copies[i] instanceof Object[] rows && rows.getClass().getComponentType().isArray()) {
        copies[i] = copies(rows); // a matrix: its rows copied too
      }
    }
    return copies;
  }

  /** Whether a VJP class has {@code value()}: a void method's has not, and its only pullback takes the arrays'. */
  private static boolean hasValue(Class<?> vjpClass) {
    return optionalMethod(vjpClass, "value") != null;
  }

  /** The method of {@code owner} named {@code name}, or null. */
  static Method optionalMethod(Class<?> owner, String name) {
    for (Method m : owner.getDeclaredMethods()) {
      if (m.getName().equals(name)) {
        return m;
      }
    }
    return null;
  }

  /** Calls {@code m} on {@code args} themselves, to see what it writes into them. */
  static Object invokeOnOriginals(Method m, Object target, Object... args) {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw new AssertionError(m + " threw " + e.getCause(), e.getCause());
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  private static double[] randomVector(Random random, int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = random.nextDouble() * 2 - 1;
    }
    return out;
  }

  private static double[] scale(double a, double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = a * v[i];
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double absDot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += Math.abs(a[i] * b[i]);
    }
    return s;
  }

  static void assertVectorClose(double[] expected, double[] actual, double relative, String what) {
    assertEquals(expected.length, actual.length, what + ": size");
    for (int i = 0; i < expected.length; i++) {
      Numeric.assertClose(expected[i], actual[i], relative, what + " [" + i + "]");
    }
  }
}
