package dev.leibniz.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Run by surefire's {@code no-vector-module} execution: javac in a JVM without {@code
 * jdk.incubator.vector} (in process, javac resolves the modules of the JVM it runs in).
 */
class VectorizedCompileFallbackTest {
  /** Compiled without the module: scalar loops, no kernels, -Xlint:all -Werror clean. */
  @Test
  void withoutTheModuleScalarLoops() throws Exception {
    TestCompiler.Result r = TestCompiler.compileOrFail(
        Map.of("dev.leibniz.it.copy.Batches", VectorizedCompileTest.batches()), List.of("-Xlint:all", "-Werror"));
    try {
      Class<?> vectorized = r.load("dev.leibniz.it.copy.BatchesVectorized");
      assertThrows(ClassNotFoundException.class,
          () -> Class.forName(vectorized.getName() + "$Kernels", false, r.loader()));
      Method grad = vectorized.getMethod("mixedGrad", double[].class, double[].class);
      Method scalar = r.load("dev.leibniz.it.copy.BatchesDerivatives").getMethod("mixedGrad", double.class);
      double[] x = {-2, -0.5, 0, 0.75, 3, Double.NaN, Double.POSITIVE_INFINITY};
      double[] g = new double[x.length];
      grad.invoke(null, x, g);
      for (int i = 0; i < x.length; i++) {
        assertEquals((double) scalar.invoke(null, x[i]), g[i], "x=" + x[i]);
      }
    } finally {
      r.delete();
    }
  }
}
