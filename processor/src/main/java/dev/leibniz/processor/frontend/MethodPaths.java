package dev.leibniz.processor.frontend;

import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.HashMap;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * The source paths of methods, found in one scan of each top-level class: {@code Trees.getPath}
 * scans the compilation unit from its root on every call, which is quadratic over a class of many
 * annotated methods.
 */
final class MethodPaths {
  private final Trees trees;
  private final Map<Element, Map<Element, TreePath>> byTopLevelClass = new HashMap<>();

  MethodPaths(Trees trees) {
    this.trees = trees;
  }

  /** {@code method}'s path, or null when javac read its class from a class file. */
  TreePath of(ExecutableElement method) {
    return byTopLevelClass.computeIfAbsent(topLevel(method), this::scan).get(method);
  }

  private static Element topLevel(Element e) {
    while (e.getEnclosingElement() instanceof TypeElement outer) {
      e = outer;
    }
    return e;
  }

  private Map<Element, TreePath> scan(Element topLevelClass) {
    Map<Element, TreePath> paths = new HashMap<>();
    TreePath root = trees.getPath(topLevelClass);
    if (root != null) {
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitMethod(MethodTree tree, Void unused) {
          Element method = trees.getElement(getCurrentPath());
          if (method != null) {
            paths.put(method, getCurrentPath());
          }
          return super.visitMethod(tree, unused);
        }
      }.scan(root, null);
    }
    return paths;
  }
}
