package dev.leibniz.processor.frontend;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import dev.leibniz.processor.diagnostics.Message;
import dev.leibniz.processor.ir.Block;
import dev.leibniz.processor.ir.Namer;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import dev.leibniz.processor.rules.FunctionTable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The body being parsed: the compiler's services, the state of the method (scope, the block being
 * written, names taken, errors reported), and the parts that lower it, which share this state.
 */
final class BodyContext {

  final Trees trees;
  final Elements elements;
  final Types types;
  final TypeMapper mapper;
  final FunctionTable table;
  final BodyParser.Reporter reporter;

  // The parts that lower a body, each reaching the others through this context.
  final Statements stmts = new Statements(this);
  final Assignments assigns = new Assignments(this);
  final Loops loops = new Loops(this);
  final Switches switches = new Switches(this);
  final Expressions exprs = new Expressions(this);
  final NameLookup lookup = new NameLookup(this);
  final Calls calls = new Calls(this);
  final Overloads overloads = new Overloads(this);
  final FunctionValues functions = new FunctionValues(this);
  final Constructions constructions = new Constructions(this);
  final Values values = new Values(this);

  BodyContext(Trees trees, Elements elements, Types types, TypeMapper mapper, FunctionTable table,
      BodyParser.Reporter reporter) {
    this.trees = trees;
    this.elements = elements;
    this.types = types;
    this.mapper = mapper;
    this.table = table;
    this.reporter = reporter;
  }

  // State of the method being parsed.
  CompilationUnitTree unit;
  TypeNames names;
  TypeElement enclosingClass;
  Namer namer;
  Set<String> reserved;
  Scope scope;
  Block.Builder out;
  Type resultType;
  boolean failed;
  /** Whether a JVP rule is being parsed: it may call other methods' generated forms. */
  boolean inJvpRule;
  /** The statement being parsed: where errors without a tree of their own go. */
  StatementTree currentStatement;
  /** Above zero inside subexpressions that may not run (loop conditions, {@code &&}, {@code ?:}). */
  int lazyDepth;
  /** The outer variables the lambda being parsed reads. */
  Set<Var> captures;
  /** Names assigned somewhere in the method (after their declaration). */
  Set<String> reassigned;
  /** Operands a later operand of the same expression assigns: their values are copied first. */
  Set<Tree> readBeforeEffects;
  /** The errors reported in this method, each once. */
  Set<java.util.Map.Entry<Tree, Message>> reported = new HashSet<>();

  /** Members of classes, looked up once: bodies ask for the same few classes again and again. */
  final java.util.Map<TypeElement, List<? extends Element>> members = new java.util.HashMap<>();

  List<? extends Element> members(TypeElement owner) {
    return members.computeIfAbsent(owner, elements::getAllMembers);
  }

  <T> T lazily(java.util.function.Supplier<T> body) {
    lazyDepth++;
    try {
      return body.get();
    } finally {
      lazyDepth--;
    }
  }

  final java.util.ArrayDeque<JumpTarget> jumpTargets = new java.util.ArrayDeque<>();

  SourceRef src(Tree tree) {
    return new TreeSource(tree, unit);
  }

  void report(Tree tree, Message message) {
    failed = true;
    if (tree == null) {
      tree = currentStatement;
    }
    if (!reported.add(new java.util.AbstractMap.SimpleEntry<>(tree, message))) {
      return; // code after a case that falls through is parsed once per case entering it
    }
    reporter.error(new TreeSource(tree, unit), message);
  }
}
