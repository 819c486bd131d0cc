package dev.leibniz.processor.frontend;

import com.sun.source.tree.Tree;

/** A construct outside the differentiable subset: reported on {@code tree}, then parsing goes on. */
class FrontendException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Tree tree;

  FrontendException(Tree tree, String message) {
    super(message, null, false, false);
    this.tree = tree;
  }

  Tree tree() {
    return tree;
  }
}
