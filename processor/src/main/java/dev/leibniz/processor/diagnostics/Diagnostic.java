package dev.leibniz.processor.diagnostics;

import java.util.ArrayList;
import java.util.List;

/**
 * Every message the processor prints, in one catalogue: its text as a {@link String#format}
 * template ({@code %s} for each argument) and a short fix for the user guide. {@link Message}
 * adds the {@code leibniz: } prefix; where a message is reported decides its source position.
 * {@code docs/diagnostics.md} is generated from this file, and {@code DiagnosticCatalogueTest}
 * compiles an example for each entry. An entry that no program can trigger (a guard, or one that
 * needs a compiler other than javac) says why in its {@link #internalReason()}.
 *
 * <p>One list on purpose, even past 600 lines: splitting it would defeat its purpose.
 */
public enum Diagnostic {
  // Declarations: the annotations and signatures of annotated methods.
  NON_DIFF_PLACEMENT(
      "@NonDiff marks a parameter of a @Differentiable, @CustomJvp or @CustomVjp method; %s has none of "
      + "these",
      "Remove @NonDiff, or annotate the method."),
  CONFLICTING_ANNOTATIONS(
      "method %s has more than one of @Differentiable, @CustomJvp, @CustomVjp: keep one",
      "Keep one of the annotations."),
  METHOD_NOT_STATIC(
      "%s method %s must be static: Leibniz differentiates static methods (make it static, passing what "
      + "it reads from the instance as parameters)",
      "Make the method static, passing what it reads from the instance as parameters."),
  METHOD_PRIVATE(
      "%s method %s must not be private: the generated %s calls it (make it package-private)",
      "Make the method package-private."),
  METHOD_GENERIC(
      "%s method %s must not be generic: remove its type parameters and use concrete types (double, "
      + "float, arrays of them, records)",
      "Remove the type parameters and use concrete types."),
  METHOD_IN_LOCAL_CLASS_ELEMENT(
      "%s methods must be in a top-level or static nested class, not a local class",
      "Move the method to a top-level or static nested class.",
      internal("javac never shows annotation processors the methods of local classes; LOCAL_CLASS_METHOD reports "
      + "them from the source instead")),
  METHOD_IN_PRIVATE_CLASS(
      "%s method %s is in private class %s, which the generated code cannot reach: make it "
      + "package-private",
      "Make the class package-private."),
  GENERATED_NAME_CLASH(
      "%s methods %s and %s would both generate %sGradient, %sVjp and %sValueAndGrad: rename one of "
      + "them",
      "Rename one of the methods."),
  RULE_METHOD_VOID(
      "%s method %s returns void: a rule gives no derivative of what a method writes into its arrays; "
      + "make it @Differentiable, or return the result",
      "Make the method @Differentiable, or return the result."),
  RESULT_NOT_DIFFERENTIABLE(
      "%s method %s returns %s, which carries no derivative: it must return double, float, an array of "
      + "them or a record (or void, writing its results into its array parameters)",
      "Return double, float, an array of them or a record."),
  NO_DIFFERENTIABLE_PARAMETER(
      "%s method %s has no differentiable parameter (double, float, arrays of them, records), so it has "
      + "no derivative: remove the annotation",
      "Remove the annotation, or take a double, float, array or record parameter."),
  UNSUPPORTED_ORDER(
      "%s(order = %s) is not supported: order is 1 (first derivatives) or 2 (also mHessian and mHvp)",
      "Use order = 1 or order = 2."),
  SECOND_ORDER_PARAMETER(
      "%s(order = 2) method %s: second-order forms need differentiable parameters of double, float, "
      + "arrays or matrices of them, or records of those (flattened), and %s is %s: pass its parts as "
      + "separate parameters, or use order = 1",
      "Pass the parts as separate parameters, or use order = 1."),
  SECOND_ORDER_RESULT(
      "%s(order = 2) method %s must return double or float",
      "Return a double or float, or use order = 1."),
  CUSTOM_JVP_RULES(
      "@CustomJvp on %s needs either a rule, @CustomJvp(\"%sJvp\"), or one rule per differentiable "
      + "parameter, @CustomJvp(perArgument = {...}), not %s",
      "Name one rule, or one rule per differentiable parameter, not both."),
  PER_ARGUMENT_COUNT(
      "@CustomJvp(perArgument) on %s lists %s rules, but %s has %s differentiable parameters: give one "
      + "per parameter (\"\" for a zero contribution)",
      "Give one rule per differentiable parameter (\"\" for a zero contribution)."),
  METHOD_IN_INNER_CLASS(
      "%s method %s is in inner class %s: make the class static",
      "Make the class static."),
  OVERLOAD_CLASH(
      "overloads %s and %s would both generate %s in %s: rename one of them, or change its parameter "
      + "types",
      "Rename one of the overloads, or change its parameter types."),
  RULE_METHOD_WRITES_ARRAY(
      "%s writes into its array parameter %s: a method with a custom rule may not write into its "
      + "differentiable arrays (a rule gives no derivative of what is written); make it @Differentiable, "
      + "or copy the array first",
      "Make the method @Differentiable, or copy the array before writing into it."),
  RECORD_ARRAY_WRITTEN(
      "%s writes into an array held by its record parameter %s: not supported (a caller's derivative "
      + "would not follow the write); pass the array as a parameter of its own",
      "Pass the array as a parameter of its own, or write into a copy."),
  VOID_WITHOUT_RESULT(
      "@Differentiable method %s returns void and writes into none of its differentiable array "
      + "parameters, so it has no result to differentiate: write its results into a double[] or float[] "
      + "parameter, or return them",
      "Write the results into a double[] or float[] parameter, or return them."),
  LOCAL_CLASS_METHOD(
      "@%s method %s is in a local or anonymous class, which annotation processors never see: move it "
      + "to a top-level or static nested class",
      "Move the method to a top-level or static nested class."),
  // Custom rules: @CustomJvp and @CustomVjp rule methods.
  RULE_NOT_FOUND(
      "%s %s not found in %s: declare %s",
      "Declare the rule method with the signature shown."),
  RULE_NOT_STATIC(
      "%s %s must be static: %s",
      "Make the rule method static."),
  RULE_PRIVATE(
      "%s %s must not be private (the generated class calls it): %s",
      "Make the rule method package-private."),
  RULE_SIGNATURE(
      "%s %s has the wrong signature: expected %s, found %s",
      "Declare the rule with exactly the expected signature."),
  JVP_RULE_RECURSION(
      "the JVP rule of %s calls %sJvp, which runs this rule again, without end: compute the tangent in "
      + "the rule",
      "Compute the tangent in the rule itself."),
  JVP_RULE_CALLS_VJP_ONLY(
      "%s has no %sJvp: a @CustomVjp rule on the way has no forward mode (JAX: can't apply forward-mode "
      + "autodiff (jvp) to a custom_vjp function)",
      "Give the method on the way a @CustomJvp rule, or call it without its Jvp form."),
  SECOND_ORDER_VJP_RESULT(
      "second-order forms through @CustomVjp method %s need a double or float result",
      "Return a double or float from the @CustomVjp method, or differentiate once."),
  SECOND_ORDER_VJP_PARAMETER(
      "second-order forms through @CustomVjp method %s need double or float differentiable parameters; "
      + "%s is %s",
      "Give the @CustomVjp method double or float parameters, or differentiate once."),
  SECOND_ORDER_VJP_BACKWARD(
      "second-order forms through @CustomVjp method %s need a backward rule returning double[] or "
      + "float[]",
      "Return the cotangents as a double[] or float[] from the backward rule."),
  TRANSPOSED_RULE_MATRIX(
      "reverse mode of a JVP rule over %s is not supported yet (reverse mode does not go through arrays "
      + "of arrays): pass the rows as separate double[] parameters",
      "Pass the rows as separate double[] parameters."),
  JVP_RULE_NOT_LINEAR(
      "this JVP rule %s: the tangent output must be linear in the tangents, so that reverse mode can "
      + "transpose the rule",
      "Make the tangent output a linear combination of the tangents, with coefficients computed from "
      + "the primals only."),
  // Bodies: what a differentiable method may contain.
  LABEL_NOT_ON_LOOP(
      "a label on anything but a loop is not supported in a differentiable method",
      "Remove the label, or put it on a loop."),
  UNSUPPORTED_STATEMENT(
      "%s is not supported in a differentiable method: the differentiable subset has locals, "
      + "assignments, if, loops, break, continue and return (see docs/bodies.md); move this code into a "
      + "method the differentiable one calls with no differentiated arguments",
      "Move the statement into a helper method that receives no differentiated argument, or rewrite it "
      + "with locals, if and loops."),
  VAR_WITHOUT_INITIALIZER(
      "var needs an initializer",
      "Give the local an initializer, or write its type.",
      internal("javac itself rejects the program (its own error names the problem); the processor checks it only "
      + "to stay safe")),
  CANNOT_INFER_LOCAL_TYPE(
      "cannot infer the type of %s",
      "Write the type of the local instead of var.",
      internal("javac itself rejects the program (its own error names the problem); the processor checks it only "
      + "to stay safe")),
  RETURN_WITHOUT_VALUE(
      "a differentiable method must return a value",
      "Return the result."),
  CONDITION_NOT_BOOLEAN(
      "condition %s is not a boolean",
      "Write a boolean condition.",
      internal("javac itself rejects the program (its own error names the problem); the processor checks it only "
      + "to stay safe")),
  CANNOT_RESOLVE_METHOD(
      "cannot resolve method %s",
      "Fix the method name or its import.",
      internal("javac itself rejects the program (its own error names the problem); the processor checks it only "
      + "to stay safe")),
  CANNOT_RESOLVE(
      "cannot resolve %s",
      "Fix the name or its import.",
      internal("javac itself rejects the program (its own error names the problem); the processor checks it only "
      + "to stay safe")),
  GENERATED_MEMBER_NOT_CALLABLE(
      "%s.%s cannot be called here: a JVP rule may call another method's generated form mJvp, mGrad or "
      + "mValueAndGrad",
      "Call one of the generated forms mJvp, mGrad or mValueAndGrad, or the method itself."),
  GENERATED_FORM_ARITY(
      "%s takes %s arguments",
      "Pass the arguments the generated form declares.",
      internal("javac itself rejects the program (its own error names the problem); the processor checks it only "
      + "to stay safe")),
  GENERATED_FORM_OUTSIDE_RULE(
      "the generated %s may be called in a @CustomJvp rule only: a derivative inside a differentiable "
      + "method (jax.grad inside jax.grad) is not supported; call %s itself where its value is meant, "
      + "and Leibniz differentiates through it",
      "Call the method itself where its value is meant; Leibniz differentiates through the call. A "
      + "derivative used inside a differentiated method is not supported."),
  GENERATED_FORM_NEEDS_SCALAR(
      "%s returns %s, so it has no %s: call %sJvp",
      "Call the method's Jvp form, which every result type has."),
  GENERATED_FORM_OVERLOAD_AMBIGUOUS(
      "cannot tell which overload of %s is called: pass arguments of exactly its parameter types",
      "Pass arguments of exactly the parameter types of the overload meant (cast them)."),
  INSTANCE_METHOD_CALL(
      "instance method %s cannot be called from a static differentiable method",
      "Make the called method static.",
      internal("javac itself rejects the program (its own error names the problem); the processor checks it only "
      + "to stay safe")),
  PRIVATE_METHOD_CALL(
      "private method %s cannot be called from the generated derivative class: make it package-private",
      "Make the called method package-private."),
  DIFFERENTIABLE_WRAPPER_ARGUMENT(
      "Leibniz.differentiable takes a DoubleUnaryOperator or DoubleBinaryOperator",
      "Pass a DoubleUnaryOperator or DoubleBinaryOperator.",
      internal("javac itself rejects the program (its own error names the problem); the processor checks it only "
      + "to stay safe")),
  YIELD_OUTSIDE_SWITCH(
      "yield outside of a switch expression",
      "Use yield only inside a switch expression.",
      internal("javac itself rejects the program (its own error names the problem); the processor checks it only "
      + "to stay safe")),
  SWITCH_ARMS_DIFFER(
      "the arms of this switch expression yield values of different types",
      "Make every arm yield a value of the same type (cast where needed)."),
  SWITCH_EXPRESSION_PLACE(
      "a switch expression cannot run here: compute it into a local first",
      "Compute the switch expression into a local first."),
  SWITCH_YIELDS_NOTHING(
      "this switch expression yields no value",
      "Make at least one arm yield a value.",
      internal("javac itself rejects the program (its own error names the problem); the processor checks it only "
      + "to stay safe")),
  SWITCH_SELECTOR_TYPE(
      "a switch on %s of type %s is not supported in a differentiable method: switch on an int, char, "
      + "short, byte, enum or String value, or use if/else",
      "Switch on an int, char, short, byte, enum or String value, or use if/else."),
  CASE_NOT_CONSTANT(
      "case %s is not a constant of %s",
      "Name a constant of the enum in the case label.",
      internal("javac itself rejects the program (its own error names the problem); the processor checks it only "
      + "to stay safe")),
  INSTANCE_FIELD_READ(
      "instance field %s is not available in a static differentiable method",
      "Pass the field's value as a parameter, or make the field static.",
      internal("javac itself rejects the program (its own error names the problem); the processor checks it only "
      + "to stay safe")),
  MUTABLE_FIELD_READ(
      "static field %s is not final: a call may change it while the method runs, and derivative code reads "
      + "it at other times than the method does; make it final, or pass %s as a (@NonDiff) parameter",
      "Make the field final, or pass its value as a parameter."),
  PRIVATE_FIELD_READ(
      "private field %s cannot be read from the generated derivative class: make it package-private",
      "Make the field package-private."),
  FUNCTION_FIELD(
      "function value %s is read from a field, so Leibniz cannot see its body to differentiate it: "
      + "write the lambda as a local (or a static final field of this class), or pass it as a @NonDiff "
      + "parameter",
      "Write the lambda as a local (or a static final field of this class), or pass it as a @NonDiff "
      + "parameter."),
  FIELD_ACCESS(
      "field access %s is not supported in a differentiable method (records are read through their "
      + "accessors, as p.x())",
      "Read records through their accessors, as p.x()."),
  TYPE_MISMATCH(
      "expected %s, found %s",
      "Pass a value of the expected type.",
      internal("javac itself rejects the program (its own error names the problem); the processor checks it only "
      + "to stay safe")),
  VOID_VALUE(
      "a void method has no value",
      "Use a method that returns a value.",
      internal("javac itself rejects the program (its own error names the problem); the processor checks it only "
      + "to stay safe")),
  CLASS_NOT_VALUE(
      "class %s is not a value",
      "Use a value, not a class name.",
      internal("javac itself rejects the program (its own error names the problem); the processor checks it only "
      + "to stay safe")),
  ENHANCED_FOR_NOT_ARRAY(
      "enhanced for over %s is not supported: only arrays",
      "Iterate over an array, or loop with an index."),
  JUMP_OUTSIDE_LOOP(
      "continue outside of a loop",
      "Use continue only inside a loop.",
      internal("javac itself rejects the program (its own error names the problem); the processor checks it only "
      + "to stay safe")),
  ANONYMOUS_CLASS(
      "anonymous classes are not supported in a differentiable method",
      "Use a lambda, or a named class outside the method."),
  RECORD_ARITY(
      "record %s has %s components",
      "Pass one argument per record component.",
      internal("javac itself rejects the program (its own error names the problem); the processor checks it only "
      + "to stay safe")),
  RECORD_TYPE_ARGUMENTS(
      "cannot infer the type arguments of %s: write them out",
      "Write the type arguments out: new Pair<Double>(a, b)."),
  ARRAY_TYPE_UNKNOWN(
      "cannot infer the array type",
      "Write the array type: new double[] {...}.",
      internal("javac itself rejects the program (its own error names the problem); the processor checks it only "
      + "to stay safe")),
  ARRAY_DIMENSIONS(
      "arrays of more than two dimensions are not supported in a differentiable method: use a "
      + "double[][] or a one-dimensional array with computed indices",
      "Use a double[][] or a one-dimensional array with computed indices."),
  MATRIX_ELEMENT_TYPE(
      "new %s[..][..] is not supported in a differentiable method: two-dimensional arrays are made of "
      + "double or float",
      "Make two-dimensional arrays of double or float."),
  NOT_AN_ARRAY(
      "%s is not an array",
      "Index only arrays.",
      internal("javac itself rejects the program (its own error names the problem); the processor checks it only "
      + "to stay safe")),
  INSTANCEOF_PATTERN(
      "instanceof with a pattern variable is not supported in a differentiable method: test with a "
      + "plain instanceof, then cast",
      "Test with a plain instanceof, then cast."),
  UNSUPPORTED_EXPRESSION(
      "%s is not supported in a differentiable method: compute the value with if/else and locals, or "
      + "move it into a method the differentiable one calls with no differentiated argument",
      "Compute the value with if/else and locals, or move it into a helper method that receives no "
      + "differentiated argument."),
  OPERATOR_NEEDS_INTEGRAL(
      "operator %s needs integral operands",
      "Apply bitwise and shift operators to integral values only.",
      internal("javac itself rejects the program (its own error names the problem); the processor checks it only "
      + "to stay safe")),
  OPERATOR_OPERANDS(
      "operator %s on %s and %s is not supported",
      "Compare or combine values of supported types (numbers, booleans, references with == and !=)."),
  UNARY_OPERAND(
      "unary minus needs a number",
      "Negate a number.",
      internal("javac itself rejects the program (its own error names the problem); the processor checks it only "
      + "to stay safe")),
  UNARY_OPERATOR(
      "operator %s is not supported",
      "Rewrite the expression without this operator.",
      internal("every unary operator of Java is lowered; this is a guard for operators a later Java adds")),
  CAST_TARGET(
      "cast to %s is not supported",
      "Cast only between numeric types, or to a class or array type."),
  CAST_CONVERSION(
      "cast of %s to %s is not supported",
      "Cast only between numeric types, or between reference types."),
  ARRAY_ELEMENT_TARGET(
      "only elements of local arrays may be assigned",
      "Copy the array into a local first, then assign its elements."),
  LAMBDA_ASSIGNS(
      "a lambda may not assign %s",
      "Compute the value inside the lambda and return it instead of assigning a captured variable.",
      internal("javac itself rejects the program (its own error names the problem); the processor checks it only "
      + "to stay safe")),
  ASSIGNMENT_TARGET(
      "assignment to %s is not supported: a differentiable method may assign its locals, its parameters "
      + "and elements of its local arrays, not fields",
      "Assign a local instead of a field, and return what the caller needs."),
  RECORD_COMPOUND_ASSIGNMENT(
      "compound assignment to a record is not supported",
      "Build a new record from the components.",
      internal("javac itself rejects the program (its own error names the problem); the processor checks it only "
      + "to stay safe")),
  INCREMENT_TARGET(
      "++ and -- apply to numeric locals and elements of local arrays",
      "Increment a local, or an element of a local array."),
  ASSIGNMENT_IN_CONDITION(
      "%s cannot run here: a differentiable method assigns inside a condition or an operand of && || ?: "
      + "only where it can evaluate that operand as statements; write the assignment as a statement of "
      + "its own",
      "Write the assignment as a statement of its own."),
  ARRAY_ASSIGNMENT_IN_EXPRESSION(
      "assigning array variable %s inside an expression is not supported: write the assignment as a "
      + "statement of its own",
      "Write the assignment as a statement of its own."),
  LAMBDA_ARITY(
      "%s passes %s arguments to a lambda of %s parameters",
      "Pass one argument per lambda parameter.",
      internal("javac itself rejects the program (its own error names the problem); the processor checks it only "
      + "to stay safe")),
  LAMBDA_EARLY_RETURN(
      "a lambda applied in a differentiable method may return only as its last statement: compute the "
      + "result into a local and return it at the end",
      "Compute the result into a local and return it at the end of the lambda."),
  LAMBDA_PLACE(
      "a lambda in a differentiable method must be passed to a DoubleUnaryOperator or "
      + "DoubleBinaryOperator parameter of a differentiable method",
      "Pass the lambda to a DoubleUnaryOperator or DoubleBinaryOperator parameter of a differentiable "
      + "method."),
  FUNCTION_TYPE_ARITY(
      "a %s takes %s parameters",
      "Give the lambda as many parameters as its function type.",
      internal("javac itself rejects the program (its own error names the problem); the processor checks it only "
      + "to stay safe")),
  METHOD_REFERENCE_PLACE(
      "a method reference in a differentiable method must be passed to a DoubleUnaryOperator or "
      + "DoubleBinaryOperator parameter of a differentiable method",
      "Pass the method reference to a DoubleUnaryOperator or DoubleBinaryOperator parameter of a "
      + "differentiable method."),
  METHOD_REFERENCE_NOT_STATIC(
      "only references to static methods are supported",
      "Refer to a static method: Foo::g."),
  METHOD_REFERENCE_NOT_DIFFERENTIABLE(
      "method reference %s::%s is not differentiable: mark it @Differentiable or give it a "
      + "@CustomJvp/@CustomVjp rule",
      "Mark the referenced method @Differentiable, or give it a @CustomJvp/@CustomVjp rule."),
  UNSUPPORTED_TYPE(
      "type %s is not supported",
      "Use double, float, integral types, arrays, records or classes.",
      internal("every type javac can name in a body is a primitive, array, declared type or type variable; a "
      + "guard for the others")),
  WILDCARD_TYPE(
      "wildcard type %s is not supported",
      "Write a concrete type argument instead of ?."),
  RECURSIVE_RECORD(
      "record %s contains itself",
      "Flatten the record, or use arrays instead of nesting a record in itself."),
  BODY_FROM_CLASS_FILE(
      "cannot read the body of %s: class %s was read from a class file, and Leibniz derives methods "
      + "from their source: compile its source file in the same run",
      "Compile the source file of the class in the same javac run."),
  NO_BODY(
      "method %s has no body to differentiate: give it a body, or a @CustomJvp/@CustomVjp rule",
      "Give the method a body, or a @CustomJvp/@CustomVjp rule."),
  UNSUPPORTED_EXPRESSION_STATEMENT(
      "expression statement %s is not supported",
      "Assign the value to a local, or move the call into a helper method.",
      internal("Java allows only assignments, ++/--, calls and new as expression statements, and each is "
      + "lowered; a guard")),
  OVERLOAD_AMBIGUOUS(
      "cannot resolve which overload of %s is called",
      "Cast the arguments to the parameter types of the overload meant.",
      internal("javac itself rejects the program (its own error names the problem); the processor checks it only "
      + "to stay safe")),
  RECORD_CALL_IN_LOOP_CONDITION(
      "a call returning a record in a loop condition is not supported: assign it to a local before the "
      + "loop and again at the end of each iteration",
      "Assign the record to a local before the loop and again at the end of each iteration.",
      internal("a loop condition that needs statements is parsed again as statements, and an && or ?: operand "
      + "that does elsewhere runs as statements; a guard")),
  ARRAY_COPY_IN_LOOP_CONDITION(
      "a copy of an array in a loop condition is not supported: make the copy in a statement of its "
      + "own, before the loop and at the end of each iteration",
      "Make the copy in a statement of its own, before the loop and at the end of each iteration.",
      internal("a loop condition that needs statements is parsed again as statements, and an && or ?: operand "
      + "that does elsewhere runs as statements; a guard")),
  // Differentiation: what forward and reverse mode cannot go through.
  THIRD_ORDER_FUNCTION_VALUE(
      "third-order derivatives of function values are not supported",
      "Differentiate at most twice through a function value.",
      internal("order is at most 2, so no form differentiates a function value three times; a guard")),
  FORWARD_THROUGH_VJP(
      "forward mode through %s is not possible: it has a @CustomVjp rule on the way (JAX: can't apply "
      + "forward-mode autodiff (jvp) to a custom_vjp function)",
      "Give the method a @CustomJvp rule too, or use only reverse-mode forms."),
  CALL_NOT_DIFFERENTIABLE(
      "call to %s is not differentiable: mark it @Differentiable, give it a @CustomJvp/@CustomVjp rule, "
      + "or wrap the argument in Leibniz.stopGradient(...)",
      "Mark the called method @Differentiable, give it a @CustomJvp/@CustomVjp rule, or wrap the "
      + "argument in Leibniz.stopGradient(...)."),
  JDK_CALL_NOT_DIFFERENTIABLE(
      "call to %s is not differentiable: Leibniz has no derivative for this JDK method (it could keep or "
      + "change the differentiated value); write the computation in the method's own code (loops over "
      + "arrays, Math functions), or wrap the argument in Leibniz.stopGradient(...)",
      "Write the computation with loops, arrays and Math functions, or wrap the argument in "
      + "Leibniz.stopGradient(...)."),
  CONSTRUCTOR_NOT_DIFFERENTIABLE(
      "a differentiated value is passed to new %s(...), which has no derivative: wrap it in "
      + "Leibniz.stopGradient(...) if that is intended",
      "Wrap the argument in Leibniz.stopGradient(...) if that is intended, or use a record."),
  LAMBDA_CAPTURES_DIFFERENTIATED(
      "the lambda passed to parameter %s of %s captures the differentiated value %s: a "
      + "non-differentiable argument may not depend on what is differentiated (JAX raises an "
      + "UnexpectedTracerError); pass %s to %s as an ordinary argument instead",
      "Pass the captured value to the method as an ordinary argument instead."),
  NUMBER_AS_OBJECT(
      "%s is held as %s, an object, which keeps no derivative (read back, the number has lost it): keep "
      + "differentiated numbers in double or float variables and arrays",
      "Keep differentiated numbers in double or float variables and arrays, not in Double or Object."),
  RESULT_SHARES_ARRAY(
      "the result holds one array twice (%s and %s): the derivatives give each part of a result a tangent "
      + "of its own, so a caller writing one would not change the other; return a copy, %s.clone()",
      "Return a copy of the array for one of the two parts: a.clone()."),
  STATIC_ARRAY_WRITTEN(
      "the array of static field %s is written here: derivative code reads static fields at other times than "
      + "the method does; write into a local copy (%s.clone(), row by row for a matrix)",
      "Write into a local copy of the field's array (FIELD.clone(), row by row for a matrix)."),
  NON_DIFF_ARRAY_WRITTEN(
      "a differentiated value is written into @NonDiff array %s, which has no derivative: make %s an "
      + "ordinary (differentiable) parameter, or write into a local array",
      "Remove @NonDiff from the array (its gradient is zero where it is overwritten), or write into a "
      + "local array."),
  DIFFERENTIATED_TO_NON_DIFF(
      "the differentiated value %s is passed to %s parameter %s of %s: pass it as an ordinary "
      + "(differentiable) argument instead",
      "Pass the value as an ordinary (differentiable) argument instead, or wrap it in "
      + "Leibniz.stopGradient(...)."),
  MATRIX_REASSIGNED(
      "a two-dimensional array variable assigned again (%s) is not supported in reverse mode: declare a "
      + "new variable, or copy into the matrix's rows",
      "Declare a new variable, or copy into the matrix's rows."),
  MATRIX_ROW_REASSIGNED(
      "a row variable of a two-dimensional array assigned again (%s) is not supported in reverse mode: "
      + "declare the row variable where it is read (double[] r = m[i])",
      "Declare the row variable where it is read: double[] r = m[i]."),
  MATRIX_ROW_AMONG_ARRAYS(
      "a row of a two-dimensional array (%s) in a variable, return value or ?: that may hold another array is "
      + "not supported in reverse mode: declare the variable where the row is read (double[] r = m[i]), or "
      + "use a copy, %s.clone()",
      "Declare the row variable where it is read (double[] r = m[i]), or use a copy of the row: m[i].clone()."),
  MATRIX_ROW_SHARED(
      "the row %s of a new two-dimensional array is an array held elsewhere, which the matrix would share: "
      + "use a copy, %s.clone()",
      "Give the matrix a copy of the row: new double[][] {r.clone()}."),
  RETURNS_PARAMETER_ARRAY(
      "%s may return the array of its parameter %s, and the array or the result is written after the call: "
      + "Leibniz would differentiate them as two arrays; make the method return a copy of that array (clone())",
      "Return a copy of the parameter's array from the called method: a.clone()."),
  SAME_ARRAY_TWICE(
      "the same array is passed to %s's parameters %s and %s, and %s writes into %s: Leibniz would "
      + "differentiate them as different arrays; pass a copy to one of them (.clone())",
      "Pass a copy of the array to one of the parameters."),
  MATRIX_CLONE(
      "clone() of a two-dimensional array copies its row references only, so the copy's rows are the "
      + "original's rows: make a new array and copy each row into it with System.arraycopy",
      "Make a new array (new double[n][k]) and copy each row into it with System.arraycopy."),
  MATRIX_ROW_REPLACED(
      "replacing a row of a two-dimensional array is not supported in reverse mode: write its elements, "
      + "or System.arraycopy into the row",
      "Write the row's elements, or System.arraycopy into the row."),
  REVERSE_THROUGH_CALL(
      "reverse mode through %s is not supported",
      "Call a @Differentiable method or one with a custom rule instead.",
      internal("the activity analysis rejects every call without a derivative first (CALL_NOT_DIFFERENTIABLE); a "
      + "guard")),
  REVERSE_THROUGH_JVP_PRIMALS(
      "reverse mode through the primal arguments of %sJvp(...) is not supported: only its tangent "
      + "arguments may carry a derivative",
      "Pass only non-differentiated values as the primal arguments of the Jvp call.",
      internal("the linearity check of JVP rules rejects a tangent passed as a primal argument first "
      + "(JVP_RULE_NOT_LINEAR), and only rules may call generated forms; a guard")),
  REVERSE_THROUGH_FUNCTION_JVP_PRIMALS(
      "reverse mode through the primal arguments of df.jvp(...) is not supported",
      "Pass only constants or non-differentiated values as the primal arguments of df.jvp(...).",
      internal("the linearity check of JVP rules rejects a tangent passed as a primal argument first "
      + "(JVP_RULE_NOT_LINEAR), and only rules may call generated forms; a guard")),
  // The processor itself: missing types, compilers, files, notes.
  CANNOT_WRITE(
      "cannot write %s: %s",
      "Check the generated-sources directory: it must be writable, and no other file may have the name.",
      internal("the Filer fails only when the output directory cannot be written or another processor made the "
      + "file; not reproducible from a source file")),
  INTERNAL_ERROR(
      "internal error while processing %s; please report it with this trace:\n%s",
      "Report it, with the trace, and the method it names.",
      internal("a bug in Leibniz: every program Leibniz cannot differentiate has its own diagnostic")),
  MISSING_TYPE(
      "%s uses type %s, which does not exist: no annotation processor generated it; check its name and "
      + "imports",
      "Check the type's name and imports."),
  MISSING_OWN_GENERATED_TYPE(
      "%s uses type %s, which does not exist: %s is generated from this class, so its own methods "
      + "cannot use its types; move the method whose form it is to another class",
      "Move the method whose form the type is to another class."),
  ELEMENTWISE_BATCH(
      Severity.NOTE,
      "%s.%s runs %s element by element, not on the Vector API: %s",
      "Nothing to fix: the batched form is correct; to run it on the Vector API, keep the method's body "
      + "to the operations the Vector API has (see the note's reason)."),
  NO_TREES_API(
      "%s, so Leibniz cannot derive %s: build with javac, e.g. let the IDE delegate the build to Maven "
      + "or Gradle (IntelliJ IDEA compiles with javac and works)",
      "Build with javac, e.g. let the IDE delegate the build to Maven or Gradle.",
      internal("printed only under a compiler that hides javac's Trees API (Eclipse's ecj, an IDE wrapping "
      + "javac's environment): EclipseCompilerTest and RobustnessTest check it; javac alone never prints "
      + "it")),
  FORM_NAME_CLASH(
      "%s methods %s and %s would both generate members named %s (a method m has the forms mJvp, mJvpJvp, "
      + "mGrad, mValueAndGrad..., and m, mGrad and mJvp in FooVectorized): rename one of them",
      "Rename one of the methods."),
  FUNCTION_VALUE_CAPTURES_DIFFERENTIATED(
      "function value %s captures the differentiated value %s, and it is applied without its lambda in "
      + "sight (through an array, a ?:, another variable or a local assigned again), so the derivative "
      + "through %s would be lost: declare the lambda in its own local, assigned once, and apply that local",
      "Declare the lambda in its own local, assigned once, and apply that local (or pass the captured "
      + "value as an argument of the lambda)."),
  FUNCTION_VALUE_NOT_DIFFERENTIABLE(
      "function value %s is applied to the differentiated value %s, but it comes from %s, not from a "
      + "lambda or method reference written in differentiated code, so it has no derivative: write the "
      + "function as a lambda here",
      "Write the function as a lambda (or a method reference) in the @Differentiable method.");


  /** Errors stop the build; notes inform. */
  public enum Severity { ERROR, NOTE }

  private final Severity severity;
  private final String template;
  private final String fix;
  private final String internalReason;

  Diagnostic(String template, String fix) {
    this(Severity.ERROR, template, fix, null);
  }

  Diagnostic(Severity severity, String template, String fix) {
    this(severity, template, fix, null);
  }

  Diagnostic(String template, String fix, Internal internal) {
    this(Severity.ERROR, template, fix, internal.reason());
  }

  Diagnostic(Severity severity, String template, String fix, String internalReason) {
    this.severity = severity;
    this.template = template;
    this.fix = fix;
    this.internalReason = internalReason;
  }

  /** Why no program triggers this entry, for one that is a guard. */
  private record Internal(String reason) {}

  private static Internal internal(String reason) {
    return new Internal(reason);
  }

  /** This diagnostic with its arguments, one for each {@code %s} of the template, in order. */
  public Message of(Object... args) {
    if (args.length != placeholders()) {
      throw new IllegalArgumentException(name() + " takes " + placeholders() + " arguments, not " + args.length);
    }
    List<String> strings = new ArrayList<>();
    for (Object a : args) {
      strings.add(String.valueOf(a));
    }
    return new Message(this, strings);
  }

  /** The number of {@code %s} in the template. */
  public int placeholders() {
    return template.split("%s", -1).length - 1;
  }

  public Severity severity() {
    return severity;
  }

  public String template() {
    return template;
  }

  public String fix() {
    return fix;
  }

  /** Why this entry cannot be triggered from source, or null when an example triggers it. */
  public String internalReason() {
    return internalReason;
  }
}
