package dev.leibniz.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A body far too large for one JIT-compiled method: every generated method must stay under
 * HotSpot's 8000-byte limit, and the split code must still compute the right derivatives.
 */
class LargeMethodsTest {
  private static final int HOTSPOT_LIMIT = 8000;

  /**
   * A long random chain of contracting updates of {@code a} and {@code b} (so derivatives stay
   * moderate and finite differences meaningful), with a loop in the middle.
   */
  static String source(int statements, long seed) {
    Random random = new Random(seed);
    StringBuilder body = new StringBuilder("    double a = x;\n    double b = y;\n");
    String[] forms = {
      "a = 0.4 * Math.sin(a) * b + 0.3 * a;", "b = 0.5 * b + 0.3 * Math.cos(a - b);",
      "a = a * 0.5 + 0.3 * Math.tanh(b);", "b = 0.4 * Math.exp(-a * a) + b * 0.3;",
      "a = 0.5 * a + 0.3 * b / (1.0 + b * b);", "b = 0.3 * Math.atan(a) + 0.5 * b;",
    };
    for (int i = 0; i < statements; i++) {
      body.append("    ").append(forms[random.nextInt(forms.length)]).append('\n');
      if (i == statements / 2) {
        body.append("    for (int i = 0; i < 3; i++) {\n      a = a * 0.5 + Math.sin(b);\n    }\n");
      }
    }
    return "package test;\n"
        + "import dev.leibniz.Differentiable;\n"
        + "public final class Big {\n"
        + "  @Differentiable\n"
        + "  public static double big(double x, double y) {\n"
        + body
        + "    return a * b;\n"
        + "  }\n"
        + "}\n";
  }

  @Test
  void everyGeneratedMethodStaysUnderTheJitLimitAndIsRight() throws Exception {
    String code = source(1200, 42);
    Compilation compilation = Compiler.javac().withProcessors(new LeibnizProcessor())
        .withOptions("-Xlint:all", "-Werror")
        .compile(JavaFileObjects.forSourceString("test.Big", code));
    assertThat(compilation).succeeded();
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        try (InputStream in = file.openInputStream()) {
          byte[] bytes = in.readAllBytes();
          String name = file.getName().replaceFirst("^.*?/test/", "test/").replace(".class", "").replace('/', '.');
          classes.put(name, bytes);
        }
      }
    }
    int checked = 0;
    for (Map.Entry<String, byte[]> c : classes.entrySet()) {
      if (c.getKey().startsWith("test.BigDerivatives")) {
        for (Map.Entry<String, Integer> m : ClassFiles.codeLengths(c.getValue()).entrySet()) {
          assertTrue(m.getValue() < HOTSPOT_LIMIT, c.getKey() + "." + m.getKey() + " has " + m.getValue() + " bytes");
          checked++;
        }
      }
    }
    assertTrue(checked > 10, "generated methods found: " + checked);

    ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
      }
    };
    Class<?> big = loader.loadClass("test.Big");
    Class<?> derivatives = loader.loadClass("test.BigDerivatives");
    Method f = big.getMethod("big", double.class, double.class);
    Method grad = derivatives.getMethod("bigGrad", double.class, double.class);
    Method jvp = derivatives.getMethod("bigJvp", double.class, double.class, double.class, double.class);
    Method vjp = derivatives.getMethod("bigVjp", double.class, double.class);
    double x = 0.3;
    double y = -0.4;
    Object g = grad.invoke(null, x, y);
    double gx = (double) g.getClass().getMethod("x").invoke(g);
    double gy = (double) g.getClass().getMethod("y").invoke(g);
    Object dx = jvp.invoke(null, x, y, 1.0, 0.0);
    double tangent = (double) dx.getClass().getMethod("tangent").invoke(dx);
    assertEquals(tangent, gx, 1e-9 * Math.max(1, Math.abs(gx)), "forward and reverse agree");
    Object dy = jvp.invoke(null, x, y, 0.0, 1.0);
    assertEquals((double) dy.getClass().getMethod("tangent").invoke(dy), gy, 1e-9 * Math.max(1, Math.abs(gy)),
        "forward and reverse agree along y");
    double h = 1e-6;
    double fd = ((double) f.invoke(null, x, y + h) - (double) f.invoke(null, x, y - h)) / (2 * h);
    assertEquals(fd, gy, 1e-6 * Math.max(1, Math.abs(gy)), "reverse agrees with finite differences");
    Object pullbacks = vjp.invoke(null, x, y);
    Method pullback = pullbacks.getClass().getMethod("pullback", double.class);
    pullback.setAccessible(true);
    Object twice = pullback.invoke(pullbacks, 2.0);
    pullback.invoke(pullbacks, 5.0);
    assertEquals(2 * gx, (double) twice.getClass().getMethod("x").invoke(twice), 1e-9 * Math.max(1, Math.abs(gx)),
        "the pullback runs again on its own copy of the frame");
  }
}
