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
 * without the Leibniz processor, and (the floor for any processor writing the same API) javac on
 * the class together with the sources Leibniz generates for it, without running the processor.
 * Single shots in fresh JVMs, as a build runs javac; the second iteration of each fork shows javac
 * warmed up.
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
  /** The sources Leibniz writes for {@link #source}. */
  List<File> generated;

  @Setup(Level.Trial)
  public void write() throws IOException {
    dir = Files.createTempDirectory("leibniz-compile");
    source = dir.resolve("test/Many.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, source(methods, 7));
    Path sources = Files.createTempDirectory(dir, "generated");
    generate(sources);
    try (Stream<Path> files = Files.walk(sources)) {
      generated = files.filter(f -> f.toString().endsWith(".java")).map(Path::toFile).sorted().toList();
    }
  }

  @TearDown(Level.Trial)
  public void delete() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }

  /**
   * {@code methods} methods of about 50 operations each: locals computed from random expressions
   * over the parameters and earlier locals, all of them used in the result.
   */
  static String source(int methods, long seed) {
    Random random = new Random(seed);
    StringBuilder out = new StringBuilder("package test;\n\nimport dev.leibniz.Differentiable;\n\n"
        + "public final class Many {\n");
    for (int m = 0; m < methods; m++) {
      out.append("  @Differentiable\n  public static double f").append(m).append("(double x, double y) {\n");
      List<String> vars = new ArrayList<>(List.of("x", "y"));
      int operations = 0;
      StringBuilder result = new StringBuilder();
      for (int k = 0; operations < 44; k++) {
        String e = expression(random, vars, 3);
        operations += operations(e);
        out.append("    double v").append(k).append(" = ").append(e).append(";\n");
        vars.add("v" + k);
        result.append(k == 0 ? "" : " + ").append("v").append(k);
        operations++;
      }
      out.append("    return ").append(result).append(";\n  }\n\n");
    }
    return out.append("}\n").toString();
  }

  /** Runs the processor in a javac process of its own, so that this JVM's javac stays cold. */
  private void generate(Path into) throws IOException {
    String classpath = System.getProperty("java.class.path");
    Process javac = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
        "-proc:only", "-s", into.toString(), "-classpath", classpath, "-processorpath", classpath,
        "-processor", LeibnizProcessor.class.getName(), source.toString())
        .inheritIO().start();
    try {
      if (javac.waitFor() != 0) {
        throw new IllegalStateException("generating the sources failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** The arithmetic operations and Math calls in an expression. */
  static int operations(String expression) {
    int n = 0;
    for (String token : expression.split("[^A-Za-z+*-]+")) {
      n += token.isEmpty() ? 0 : token.startsWith("Math") || "+-*".contains(token) ? 1 : 0;
    }
    return n;
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
    Path classes = Files.createTempDirectory(dir, "classes");
    List<String> options = new ArrayList<>(List.of("-d", classes.toString(), "-s", classes.toString()));
    if (!withProcessor) {
      options.add("-proc:none");
    }
    return run(options, List.of(source.toFile()), withProcessor);
  }

  private static boolean run(List<String> options, List<File> sources, boolean withProcessor) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromFiles(sources);
      List<String> all = new ArrayList<>(options);
      all.addAll(List.of("-classpath", System.getProperty("java.class.path")));
      JavaCompiler.CompilationTask task = javac.getTask(null, files, null, all, null, units);
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

  /** javac compiling the class and its generated sources, the processor not run. */
  @Benchmark
  public boolean javacOnGeneratedSources() throws IOException {
    Path classes = Files.createTempDirectory(dir, "classes");
    List<File> all = new ArrayList<>(generated);
    all.add(source.toFile());
    return run(List.of("-d", classes.toString(), "-proc:none"), all, false);
  }
}
