package dev.leibniz.benchmarks;

import dev.leibniz.processor.LeibnizProcessor;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * javac on one class of 200 {@code @Differentiable} methods of about 50 operations each, with and
 * without the Leibniz processor. Single shots in fresh JVMs, as a build runs javac; the second
 * iteration of each fork shows javac warmed up.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 2)
@Fork(5)
@State(Scope.Benchmark)
public class CompileTimeBenchmark {
  @Param({"200"})
  int methods;

  Path dir;
  Path source;

  @Setup(Level.Trial)
  public void write() throws IOException {
    dir = Files.createTempDirectory("leibniz-compile");
    source = dir.resolve("test/Many.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, source(methods, 7));
  }

  @TearDown(Level.Trial)
  public void delete() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }

  /** {@code methods} methods, each about 50 operations: six locals of random expressions and a result. */
  static String source(int methods, long seed) {
    Random random = new Random(seed);
    StringBuilder out = new StringBuilder("package test;\n\nimport dev.leibniz.Differentiable;\n\n"
        + "public final class Many {\n");
    for (int m = 0; m < methods; m++) {
      out.append("  @Differentiable\n  public static double f").append(m).append("(double x, double y) {\n");
      List<String> vars = new ArrayList<>(List.of("x", "y"));
      for (int k = 0; k < 6; k++) {
        out.append("    double v").append(k).append(" = ").append(expression(random, vars, 3)).append(";\n");
        vars.add("v" + k);
      }
      out.append("    return ").append(expression(random, vars, 2)).append(";\n  }\n\n");
    }
    return out.append("}\n").toString();
  }

  private static final String[] UNARY = {
    "Math.sin(%s)", "Math.cos(%s)", "Math.exp(-%1$s * %1$s)", "Math.log1p(%1$s * %1$s)",
    "Math.sqrt(1.0 + %1$s * %1$s)", "Math.tanh(%s)", "Math.atan(%s)",
  };

  private static String expression(Random random, List<String> vars, int depth) {
    if (depth == 0 || random.nextDouble() < 0.2) {
      return random.nextDouble() < 0.8 ? vars.get(random.nextInt(vars.size()))
          : Double.toString(Math.round(random.nextDouble() * 2000) / 1000.0 + 0.1);
    }
    if (random.nextDouble() < 0.35) {
      return String.format(UNARY[random.nextInt(UNARY.length)], "(" + expression(random, vars, depth - 1) + ")");
    }
    String op = new String[] {"+", "-", "*"}[random.nextInt(3)];
    return "(" + expression(random, vars, depth - 1) + " " + op + " " + expression(random, vars, depth - 1) + ")";
  }

  private boolean compile(boolean withProcessor) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Path classes = Files.createTempDirectory(dir, "classes");
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjects(source.toFile());
      List<String> options = new ArrayList<>(List.of("-d", classes.toString(), "-s", classes.toString(),
          "-classpath", System.getProperty("java.class.path")));
      if (!withProcessor) {
        options.add("-proc:none");
      }
      JavaCompiler.CompilationTask task = javac.getTask(null, files, null, options, null, units);
      if (withProcessor) {
        task.setProcessors(List.of(new LeibnizProcessor()));
      }
      if (!task.call()) {
        throw new IllegalStateException("compilation failed");
      }
    }
    return true;
  }

  @Benchmark
  public boolean javacWithoutProcessor() throws IOException {
    return compile(false);
  }

  @Benchmark
  public boolean javacWithLeibniz() throws IOException {
    return compile(true);
  }
}
