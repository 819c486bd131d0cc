package dev.leibniz.processor.frontend;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import dev.leibniz.processor.ir.SourceRef;

/** A position in the user's source: a tree of a compilation unit. */
public record TreeSource(Tree tree, CompilationUnitTree unit) implements SourceRef {
  @Override
  public String toString() {
    return String.valueOf(tree);
  }
}
