package dev.leibniz.processor;

import static dev.leibniz.processor.diagnostics.Diagnostic.CANNOT_WRITE;
import static dev.leibniz.processor.diagnostics.Diagnostic.INTERNAL_ERROR;
import static dev.leibniz.processor.diagnostics.Diagnostic.LOCAL_CLASS_METHOD;
import static dev.leibniz.processor.diagnostics.Diagnostic.RECORD_ARRAY_WRITTEN;
import static dev.leibniz.processor.diagnostics.Diagnostic.RULE_METHOD_WRITES_ARRAY;
import static dev.leibniz.processor.diagnostics.Diagnostic.VOID_WITHOUT_RESULT;

import com.google.auto.service.AutoService;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.leibniz.processor.codegen.DerivativesWriter;
import dev.leibniz.processor.codegen.vector.VectorizedWriter;
import dev.leibniz.processor.diagnostics.Message;
import dev.leibniz.processor.frontend.BodyParser;
import dev.leibniz.processor.frontend.TreeSource;
import dev.leibniz.processor.frontend.TypeMapper;
import dev.leibniz.processor.ir.ClassRef;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.plan.BatchedPlan;
import dev.leibniz.processor.plan.BatchedPlanner;
import dev.leibniz.processor.plan.FunctionPlan;
import dev.leibniz.processor.plan.Planner;
import dev.leibniz.processor.plan.Requests;
import dev.leibniz.processor.rules.FunctionInfo;
import dev.leibniz.processor.rules.GeneratedNames;
import dev.leibniz.processor.rules.FunctionTable;
import dev.leibniz.processor.rules.RuleSignatures;
import dev.leibniz.processor.transform.ArrayWrites;
import dev.leibniz.processor.transform.DistinctArrays;
import dev.leibniz.processor.transform.TransformException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * The Leibniz annotation processor: reads the bodies of {@code @Differentiable},
 * {@code @CustomJvp} and {@code @CustomVjp} methods and writes their derivatives as
 * {@code FooDerivatives}. It never throws out of {@link #process}: bad code gets an {@code error:}
 * on its line, and an unexpected failure one {@code leibniz: internal error} on the method.
 */
@AutoService(Processor.class)
public final class LeibnizProcessor extends AbstractProcessor {
  static final String DIFFERENTIABLE = "dev.leibniz.Differentiable";
  static final String CUSTOM_JVP = "dev.leibniz.CustomJvp";
  static final String CUSTOM_VJP = "dev.leibniz.CustomVjp";
  static final String NON_DIFF = "dev.leibniz.NonDiff";
  /** On the generated classes and forms: claimed too, so {@code -Xlint:processing} has nothing to warn about. */
  static final String GENERATED = "javax.annotation.processing.Generated";
  static final String PRIMAL = "dev.leibniz.runtime.Primal";

  private Trees trees;
  private MissingTrees missingTrees;
  private Deferral deferral;

  /** Made by the compiler, which finds the processor through its service file. */
  public LeibnizProcessor() {}

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(DIFFERENTIABLE, CUSTOM_JVP, CUSTOM_VJP, NON_DIFF, GENERATED, PRIMAL);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    try {
      trees = Trees.instance(unwrap(env));
      deferral = new Deferral(trees);
    } catch (IllegalArgumentException | LinkageError e) { // not javac's environment, or no jdk.compiler in sight
      missingTrees = MissingTrees.of(env, e);
    }
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (trees == null) {
      if (!annotations.isEmpty() && !round.processingOver()) {
        missingTrees.report(processingEnv, annotations, round);
      }
      return false;
    }
    if (round.processingOver()) {
      deferral.reportUnresolved(new TypeMapper(processingEnv.getElementUtils(), processingEnv.getTypeUtils()),
          processingEnv.getMessager());
      return false;
    }
    if (annotations.isEmpty() && deferral.isEmpty()) {
      return false;
    }
    Round r = new Round(processingEnv, trees, deferral);
    try {
      r.run(round);
    } catch (RuntimeException | Error e) {
      r.internalError(e);
    }
    return true; // the annotations are Leibniz's own
  }

  /**
   * Some IDE builds hand processors a proxy around javac's environment; the Trees API needs javac's
   * own, so look for it inside the wrapper.
   */
  static ProcessingEnvironment unwrap(ProcessingEnvironment env) {
    if (env.getClass().getName().startsWith("com.sun.tools.javac.")) {
      return env;
    }
    Object holder = Proxy.isProxyClass(env.getClass()) ? Proxy.getInvocationHandler(env) : env;
    for (Class<?> c = holder.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (!ProcessingEnvironment.class.isAssignableFrom(field.getType()) && field.getType() != Object.class) {
          continue;
        }
        try {
          field.setAccessible(true);
          Object value = field.get(holder);
          if (value instanceof ProcessingEnvironment inner && inner != env) {
            return unwrap(inner);
          }
        } catch (ReflectiveOperationException | RuntimeException e) {
          // not this field
        }
      }
    }
    return env;
  }

  /** One round: collect, describe, parse, check, then write everything or nothing. */
  private static final class Round {
    private final ProcessingEnvironment env;
    private final Trees trees;
    private final TypeMapper mapper;
    private final FunctionTable table;
    private final Declarations declarations;
    private final FunctionBodies bodies;
    private final CallAnalysis calls;
    private final Deferral deferral;
    private boolean failed;
    private Element current;

    Round(ProcessingEnvironment env, Trees trees, Deferral deferral) {
      this.env = env;
      this.trees = trees;
      this.deferral = deferral;
      this.mapper = new TypeMapper(env.getElementUtils(), env.getTypeUtils());
      this.declarations = new Declarations(env, mapper, this::error);
      this.table = new FunctionTable(new ExternalFunctions(env, mapper));
      this.bodies = new FunctionBodies(mapper, table);
      this.calls = new CallAnalysis(table);
    }

    void run(RoundEnvironment round) {
      checkLocalClasses(round);
      List<ExecutableElement> methods =
          deferral.ready(declarations.annotatedMethods(round, deferral.takeDeferred(env.getElementUtils())));
      declarations.checkNonDiffPlacement(round);
      BodyParser parser = new BodyParser(trees, env.getElementUtils(), env.getTypeUtils(), mapper, table,
          this::error);
      RuleSignatures signatures = new RuleSignatures(env.getElementUtils(), env.getTypeUtils());
      List<FunctionInfo> infos = new ArrayList<>();
      Map<FunctionInfo, ExecutableElement> elements = new LinkedHashMap<>();
      for (ExecutableElement m : methods) {
        current = m;
        FunctionInfo info = declarations.describe(m);
        if (info != null) {
          table.add(info);
          infos.add(info);
          elements.put(info, m);
        }
      }
      for (FunctionInfo info : infos) {
        current = elements.get(info);
        try {
          bodies.prepare(info, elements.get(info), parser, signatures);
        } catch (RuleSignatures.RuleException e) {
          error(e.element(), e.message());
        } catch (TransformException e) {
          error(e.source(), e.message());
        }
      }
      for (FunctionInfo info : infos) {
        current = elements.get(info);
        try {
          bodies.checkLinearity(info);
        } catch (TransformException e) {
          error(e.source(), e.message());
        }
      }
      if (failed) {
        return;
      }
      Requests requests = new Requests(table);
      try {
        requests.secondOrder(infos, f -> bodies.customVjpTangent(f, parser, infos, elements));
      } catch (RuleSignatures.RuleException e) {
        error(e.element(), e.message());
      } catch (TransformException e) {
        error(e.source(), e.message());
      }
      requests.forwardModes(infos);
      OverloadClashes clashes = new OverloadClashes();
      for (FunctionInfo info : infos) {
        Message clash = clashes.clash(info);
        if (clash != null && elements.containsKey(info)) {
          error(elements.get(info), clash);
        }
      }
      if (failed) {
        return;
      }
      calls.computeEffects(infos, new BodyParser(trees, env.getElementUtils(), env.getTypeUtils(), mapper, table,
          (at, message) -> { }), elements);
      for (FunctionInfo info : infos) {
        if (info.kind() != FunctionInfo.Kind.DERIVED && info.kind() != FunctionInfo.Kind.RULE
            && !info.inPlaceParams().isEmpty() && elements.containsKey(info)) {
          error(elements.get(info), RULE_METHOD_WRITES_ARRAY.of(info.name(),
              info.params().get(info.inPlaceParams().iterator().next()).name()));
        }
        if (!info.writtenRecordParams().isEmpty() && elements.containsKey(info)) {
          int k = info.writtenRecordParams().iterator().next();
          Message message = RECORD_ARRAY_WRITTEN.of(info.name(), info.params().get(k).name());
          Stmt write = info.ir() == null ? null : ArrayWrites.firstWriteThrough(info.ir(), table, k);
          if (write != null) {
            error(write.source(), message);
          } else {
            error(elements.get(info), message);
          }
        }
        if (info.isVoid() && info.inPlaceParams().isEmpty() && elements.containsKey(info)) {
          error(elements.get(info), VOID_WITHOUT_RESULT.of(info.name()));
        }
        current = elements.get(info);
        try {
          bodies.checkGeneratedFormCalls(info);
          if (info.kind() == FunctionInfo.Kind.DERIVED && info.ir() != null) {
            ArrayWrites.checkAliases(info.ir(), table);
          }
        } catch (TransformException e) {
          error(e.source(), e.message());
        }
      }
      if (failed) {
        return;
      }
      for (FunctionInfo info : infos) {
        if (info.kind() == FunctionInfo.Kind.DERIVED && info.ir() != null) {
          info.setIr(DistinctArrays.checked(info.ir(), info.writtenParams()));
        }
      }
      Map<ClassRef, List<FunctionInfo>> byClass = new LinkedHashMap<>();
      for (FunctionInfo info : infos) {
        byClass.computeIfAbsent(info.ref().owner(), c -> new ArrayList<>()).add(info);
      }
      Planner planner = new Planner(table);
      DerivativesWriter writer = new DerivativesWriter(table);
      Map<ClassRef, String> sources = new LinkedHashMap<>();
      Map<ClassRef, String> batched = new LinkedHashMap<>();
      boolean vectorApi = env.getElementUtils().getTypeElement("jdk.incubator.vector.DoubleVector") != null;
      BatchedPlanner batchedPlanner = new BatchedPlanner(table, new InlinedBodies(reporter -> new BodyParser(trees,
          env.getElementUtils(), env.getTypeUtils(), mapper, table, reporter), bodies, elements), vectorApi);
      VectorizedWriter vectorized = new VectorizedWriter(vectorApi,
          (info, message) -> env.getMessager().printMessage(Diagnostic.Kind.NOTE, message.text(), elements.get(info)));
      for (Map.Entry<ClassRef, List<FunctionInfo>> e : byClass.entrySet()) {
        List<FunctionPlan> plans = plan(planner, e.getValue(), elements);
        if (plans == null) {
          continue;
        }
        current = elements.get(e.getValue().get(0));
        String source = writer.write(e.getKey(), plans, (info, ex) -> {
          current = elements.get(info);
          internalError(ex);
        });
        if (source != null) {
          sources.put(e.getKey(), source);
          try {
            List<BatchedPlan> batchedPlans = new ArrayList<>();
            for (FunctionInfo info : e.getValue()) {
              BatchedPlan plan = batchedPlanner.plan(info);
              if (plan != null) {
                batchedPlans.add(plan);
              }
            }
            batched.put(e.getKey(), vectorized.write(e.getKey(), batchedPlans));
          } catch (RuntimeException ex) {
            internalError(ex);
          }
        }
      }
      if (failed) {
        return;
      }
      for (Map.Entry<ClassRef, String> e : sources.entrySet()) {
        List<Element> origins = new ArrayList<>();
        for (FunctionInfo info : byClass.get(e.getKey())) {
          if (elements.containsKey(info)) {
            origins.add(elements.get(info));
          }
        }
        create(GeneratedNames.derivativesClass(e.getKey()), e.getValue(), origins);
        if (batched.get(e.getKey()) != null) {
          create(GeneratedNames.vectorizedClass(e.getKey()), batched.get(e.getKey()), origins);
        }
      }
    }

    /**
     * The plans of one class's functions, or null when some cannot be derived (each reason reported
     * on the user's line).
     */
    private List<FunctionPlan> plan(Planner planner, List<FunctionInfo> functions,
        Map<FunctionInfo, ExecutableElement> elements) {
      List<FunctionPlan> plans = new ArrayList<>();
      boolean complete = true;
      for (FunctionInfo info : functions) {
        current = elements.get(info);
        try {
          plans.add(planner.plan(info));
        } catch (TransformException ex) {
          error(ex.source(), ex.message());
          complete = false;
        } catch (RuntimeException ex) {
          internalError(ex);
          complete = false;
        }
      }
      return complete ? plans : null;
    }

    private void create(ClassRef generated, String source, List<Element> origins) {
      try {
        JavaFileObject file = env.getFiler().createSourceFile(generated.canonicalName(),
            origins.toArray(new Element[0]));
        try (Writer w = file.openWriter()) {
          w.write(source);
        }
      } catch (IOException ex) {
        env.getMessager().printMessage(Diagnostic.Kind.ERROR, CANNOT_WRITE.of(generated.canonicalName(),
            ex.getMessage()).text());
      }
    }

    /**
     * javac does not show annotation processors the methods of local and anonymous classes, so
     * annotations there would be silently ignored: find them in the source instead.
     */
    private void checkLocalClasses(RoundEnvironment round) {
      for (Element root : round.getRootElements()) {
        TreePath path = trees.getPath(root);
        if (path == null) {
          continue;
        }
        new TreePathScanner<Void, Integer>() {
          @Override
          public Void visitMethod(MethodTree method, Integer depth) {
            if (depth > 0) {
              for (AnnotationTree a : method.getModifiers().getAnnotations()) {
                String name = a.getAnnotationType().toString();
                for (String ours : List.of("Differentiable", "CustomJvp", "CustomVjp")) {
                  if (name.equals(ours) || name.equals("dev.leibniz." + ours)) {
                    failed = true;
                    trees.printMessage(Diagnostic.Kind.ERROR, LOCAL_CLASS_METHOD.of(ours, method.getName()).text(), method,
                        path.getCompilationUnit());
                  }
                }
              }
            }
            return super.visitMethod(method, depth);
          }

          @Override
          public Void visitClass(ClassTree c, Integer depth) {
            return super.visitClass(c, getCurrentPath().getParentPath().getLeaf() instanceof ClassTree
                || getCurrentPath().getParentPath().getLeaf() instanceof CompilationUnitTree ? depth : depth + 1);
          }

          @Override
          public Void visitNewClass(NewClassTree n, Integer depth) {
            return super.visitNewClass(n, depth + 1);
          }
        }.scan(path, 0);
      }
    }

    void error(SourceRef at, Message message) {
      failed = true;
      if (at instanceof TreeSource t && t.tree() != null) {
        trees.printMessage(Diagnostic.Kind.ERROR, message.text(), t.tree(), t.unit());
      } else {
        env.getMessager().printMessage(Diagnostic.Kind.ERROR, message.text(), current);
      }
    }

    void error(Element at, Message message) {
      error(at, null, message);
    }

    void error(Element at, javax.lang.model.element.AnnotationMirror annotation, Message message) {
      failed = true;
      if (annotation != null) {
        env.getMessager().printMessage(Diagnostic.Kind.ERROR, message.text(), at, annotation);
      } else {
        env.getMessager().printMessage(Diagnostic.Kind.ERROR, message.text(), at);
      }
    }

    void internalError(Throwable e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      env.getMessager().printMessage(Diagnostic.Kind.ERROR, INTERNAL_ERROR.of(current == null ? "this round"
          : current.getSimpleName(), trace).text(), current);
    }
  }
}
