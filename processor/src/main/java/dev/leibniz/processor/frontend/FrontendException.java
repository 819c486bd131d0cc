package dev.leibniz.processor.frontend;

import com.sun.source.tree.Tree;
import dev.leibniz.processor.diagnostics.Message;

/** A construct outside the differentiable subset: reported on {@code tree}, then parsing goes on. */
class FrontendException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Tree tree;
  private final transient Message message;

  FrontendException(Tree tree, Message message) {
    super(message.text(), null, false, false);
    this.tree = tree;
    this.message = message;
  }

  Message message() {
    return message;
  }

  Tree tree() {
    return tree;
  }
}
