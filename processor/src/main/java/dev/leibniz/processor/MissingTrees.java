package dev.leibniz.processor;

import static dev.leibniz.processor.diagnostics.Diagnostic.NO_TREES_API;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * What Leibniz says under a compiler that does not give it method bodies (the {@code com.sun.source}
 * Trees API): Eclipse's compiler (ecj, also inside VS Code's Java extension), a wrapper around
 * javac's environment that hides it, or a class loader that cannot see {@code jdk.compiler}. One
 * error on each annotated method, where the user looks, since the generated class they call will be
 * missing. This class refers to no {@code com.sun.source} type, so it loads where those are absent.
 */
final class MissingTrees {
  private static final List<String> METHOD_ANNOTATIONS =
      List.of(LeibnizProcessor.DIFFERENTIABLE, LeibnizProcessor.CUSTOM_JVP, LeibnizProcessor.CUSTOM_VJP);

  private final String why;

  private MissingTrees(String why) {
    this.why = why;
  }

  /** Why {@code env} has no Trees API; {@code failure} is what {@code Trees.instance} threw. */
  static MissingTrees of(ProcessingEnvironment env, Throwable failure) {
    String compiler = env.getClass().getName();
    if (compiler.startsWith("org.eclipse.jdt.")) {
      return new MissingTrees("Eclipse's compiler (ecj, used by Eclipse and VS Code) does not give annotation"
          + " processors method bodies");
    }
    if (failure instanceof LinkageError) {
      return new MissingTrees("this compiler (" + compiler + ") does not let annotation processors see javac's"
          + " Trees API (" + failure + "), which gives them method bodies");
    }
    return new MissingTrees("this compiler wraps javac's ProcessingEnvironment (" + compiler + ") and hides"
        + " the Trees API, which gives annotation processors method bodies");
  }

  /** One error on each method of this round that carries a Leibniz method annotation. */
  void report(ProcessingEnvironment env, Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Set<ExecutableElement> methods = new LinkedHashSet<>();
    for (TypeElement annotation : annotations) {
      if (METHOD_ANNOTATIONS.contains(annotation.getQualifiedName().toString())) {
        methods.addAll(ElementFilter.methodsIn(round.getElementsAnnotatedWith(annotation)));
      }
    }
    for (ExecutableElement m : methods) {
      env.getMessager().printMessage(Diagnostic.Kind.ERROR, NO_TREES_API.of(why, m.getSimpleName()).text(), m);
    }
  }
}
