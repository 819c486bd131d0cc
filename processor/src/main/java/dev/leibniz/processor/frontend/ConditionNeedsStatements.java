package dev.leibniz.processor.frontend;

import com.sun.source.tree.Tree;
import dev.leibniz.processor.diagnostics.Message;

/**
 * A loop condition holds what must run as statements (a call returning a record, an array copy):
 * {@link Loops} then parses the condition again as statements in the loop's body. Anywhere else it
 * is reported as it is.
 */
final class ConditionNeedsStatements extends FrontendException {
  private static final long serialVersionUID = 1L;

  ConditionNeedsStatements(Tree tree, Message message) {
    super(tree, message);
  }
}
