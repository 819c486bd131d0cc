package dev.leibniz.processor.frontend;

import com.sun.source.tree.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where an unlabeled {@code break}, {@code continue} or {@code yield} goes: a loop, or a switch
 * being lowered. A switch with a {@code break} or {@code yield} before the end of its case runs
 * in a one-trip loop ({@code do { ... } while (false)}) that the jump leaves; a plain
 * {@code continue} inside it must then name the loop it continues.
 */
final class JumpTarget {
  final boolean isLoop;
  /** The loop's label (made up when a continue must name it), or the one-trip loop's. */
  String label;
  final boolean wrapped;
  /** The trailing {@code break}/{@code yield} of each case: where the case ends anyway. */
  final Set<Tree> trailing;
  /** A switch expression's result, one name per leaf, and the values yielded so far. */
  final List<String> resultNames;
  final List<Value> yielded = new ArrayList<>();

  JumpTarget(boolean isLoop, String label, boolean wrapped, Set<Tree> trailing, List<String> resultNames) {
    this.isLoop = isLoop;
    this.label = label;
    this.wrapped = wrapped;
    this.trailing = trailing;
    this.resultNames = resultNames;
  }
}
