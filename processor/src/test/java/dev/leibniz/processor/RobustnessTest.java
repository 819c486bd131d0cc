package dev.leibniz.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.leibniz.processor.Compilations.call;
import static dev.leibniz.processor.Compilations.describe;
import static dev.leibniz.processor.Compilations.errorMessages;
import static dev.leibniz.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.leibniz.processor.Compilations.Source;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/**
 * SPEC §7: the processor never throws out of {@code process()}; an unexpected failure is one
 * {@code leibniz: internal error} on the method. And it works behind a wrapped
 * ProcessingEnvironment, as some IDE builds hand processors.
 */
class RobustnessTest {

  private static final Source FOO = source("test.Foo", """
      package test;
      import dev.leibniz.Differentiable;
      class Foo {
        @Differentiable
        static double f(double x, double y) {
          return Math.sin(x) * y;
        }
      }
      """);

  private static final Source BAR = source("test.Bar", """
      package test;
      import dev.leibniz.Differentiable;
      class Bar {
        @Differentiable
        static double g(double x) {
          return x * x;
        }
        @Differentiable
        static double h(double x) {
          return x * x * x;
        }
      }
      """);

  /** Runs LeibnizProcessor with its environment and rounds passed through {@code wrapEnv} and {@code wrapRound}. */
  static final class WrappingProcessor extends AbstractProcessor {
    private final LeibnizProcessor inner = new LeibnizProcessor();
    private final UnaryOperator<ProcessingEnvironment> wrapEnv;
    private final UnaryOperator<RoundEnvironment> wrapRound;

    WrappingProcessor(UnaryOperator<ProcessingEnvironment> wrapEnv, UnaryOperator<RoundEnvironment> wrapRound) {
      this.wrapEnv = wrapEnv;
      this.wrapRound = wrapRound;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return inner.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return inner.getSupportedSourceVersion();
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      inner.init(wrapEnv.apply(env));
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return inner.process(annotations, wrapRound.apply(round));
    }
  }

  /** An invocation handler that forwards to the object it holds, as an IDE's wrapper would. */
  private static final class Forwarding implements InvocationHandler {
    private final Object delegate;
    private final Map<String, Object> overrides;

    Forwarding(Object delegate, Map<String, Object> overrides) {
      this.delegate = delegate;
      this.overrides = overrides;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (overrides.containsKey(method.getName())) {
        return overrides.get(method.getName());
      }
      try {
        return method.invoke(delegate, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return type.cast(Proxy.newProxyInstance(RobustnessTest.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private static ProcessingEnvironment wrapped(ProcessingEnvironment env) {
    return proxy(ProcessingEnvironment.class, new Forwarding(env, Map.of()));
  }

  private static double component(Object record, String name) {
    try {
      return (double) record.getClass().getMethod(name).invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Compilation compileWith(WrappingProcessor processor, Source... sources) {
    javax.tools.JavaFileObject[] files = new javax.tools.JavaFileObject[sources.length];
    for (int i = 0; i < sources.length; i++) {
      files[i] = sources[i].file();
    }
    return Compiler.javac().withProcessors(processor).compile(files);
  }

  @Test
  void worksBehindAProxiedEnvironment() {
    Compilation c = compileWith(new WrappingProcessor(RobustnessTest::wrapped, r -> r), FOO);
    assertThat(c).succeeded();
    assertThat(c).generatedSourceFile("test.FooDerivatives");
    // d/dx sin(x) y = cos(x) y
    Object gradient = call(c, "test.FooDerivatives", "fGrad", 0.3, 2.0);
    assertThat(component(gradient, "x")).isWithin(1e-15).of(Math.cos(0.3) * 2.0);
    assertThat(component(gradient, "y")).isWithin(1e-15).of(Math.sin(0.3));
  }

  @Test
  void worksBehindAProxyInsideAProxy() {
    Compilation c = compileWith(new WrappingProcessor(env -> wrapped(wrapped(env)), r -> r), FOO);
    assertThat(c).succeeded();
    assertThat(c).generatedSourceFile("test.FooDerivatives");
  }

  /**
   * A wrapper that holds only the parts of javac's environment (its Elements, Types, Messager,
   * Filer), not the environment itself: the Trees API cannot be had, so one error on each annotated
   * method says so (where the user looks, as under ecj: EclipseCompilerTest), and nothing is thrown.
   */
  @Test
  void oneClearErrorWhenTheProxyDoesNotHoldJavacsEnvironment() {
    Compilation c = compileWith(new WrappingProcessor(env -> {
      Map<String, Object> parts = new HashMap<>();
      parts.put("getElementUtils", env.getElementUtils());
      parts.put("getTypeUtils", env.getTypeUtils());
      parts.put("getMessager", env.getMessager());
      parts.put("getFiler", env.getFiler());
      parts.put("getOptions", env.getOptions());
      parts.put("getSourceVersion", env.getSourceVersion());
      parts.put("getLocale", env.getLocale());
      parts.put("isPreviewEnabled", env.isPreviewEnabled());
      parts.put("toString", "PartsOnlyEnvironment");
      parts.put("hashCode", 1);
      return proxy(ProcessingEnvironment.class, new Forwarding(new Object(), parts));
    }, r -> r), FOO, BAR);
    assertWithMessage("errors:\n%s", describe(c)).that(c.errors()).hasSize(3);
    assertWrapperError(c, FOO, "f");
    assertWrapperError(c, BAR, "g");
    assertWrapperError(c, BAR, "h");
  }

  private static void assertWrapperError(Compilation c, Source source, String method) {
    Compilations.assertError(c, source, source.line("static double " + method + "("),
        "leibniz: this compiler wraps javac's ProcessingEnvironment (", "$Proxy",
        ") and hides the Trees API, which gives annotation processors method bodies, so Leibniz cannot derive "
            + method + ": build with javac, e.g. let the IDE delegate the build to Maven or Gradle");
  }

  /**
   * Provokes a failure the processor cannot expect: the Filer throws. It must come out as one
   * {@code leibniz: internal error} on the method, with the stack trace, not as an exception out
   * of javac.
   */
  @Test
  void unexpectedFailureIsOneInternalErrorOnTheMethod() {
    Filer exploding = proxy(Filer.class, (p, m, args) -> {
      throw new IllegalStateException("the filer exploded");
    });
    Compilation c = compileWith(new WrappingProcessor(
        env -> proxy(ProcessingEnvironment.class, new Forwarding(env, Map.of("getFiler", exploding))), r -> r), FOO);
    assertThat(c).failed();
    assertWithMessage("errors:\n%s", describe(c)).that(c.errors()).hasSize(1);
    assertThat(c).hadErrorContaining("leibniz: internal error while processing f; please report it with this trace:")
        .inFile(FOO.file()).onLine(FOO.line("static double f("));
    String message = errorMessages(c).get(0);
    assertThat(message).contains("java.lang.IllegalStateException: the filer exploded");
    assertThat(message).contains("at dev.leibniz.processor.LeibnizProcessor");
  }

  /** Even a round that fails before any method is known gives one error, not an exception. */
  @Test
  void failingRoundIsOneInternalError() {
    Compilation c = compileWith(new WrappingProcessor(env -> env, round -> proxy(RoundEnvironment.class,
        (p, m, args) -> {
          if (m.getName().equals("getElementsAnnotatedWith")) {
            throw new UnsupportedOperationException("the round exploded");
          }
          try {
            return m.invoke(round, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        })), FOO, BAR);
    assertThat(c).failed();
    assertWithMessage("errors:\n%s", describe(c)).that(c.errors()).hasSize(1);
    assertThat(c).hadErrorContaining("leibniz: internal error while processing this round");
    assertThat(c).hadErrorContaining("java.lang.UnsupportedOperationException: the round exploded");
  }
}
