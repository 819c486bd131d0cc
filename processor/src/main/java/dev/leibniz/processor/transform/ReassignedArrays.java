package dev.leibniz.processor.transform;

import dev.leibniz.processor.ir.Callee;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.SourceRef;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Array variables that hold several arrays in turn in reverse mode: assigned again (buffers swapped
 * in a loop, {@code y = y.clone()}, a branch choosing an array), or holding the same array as such a
 * variable. Each array has one cotangent array, shared by every variable holding it, so these
 * variables' cotangents follow the arrays: the forward sweep numbers each array they receive on the
 * tape ({@code Tape.number}), and the backward sweep points a variable's cotangent back at the
 * cotangent of the array it held before each assignment ({@code Tape.doubles}).
 */
final class ReassignedArrays {
  private ReassignedArrays() {}

  /**
   * The variables among {@code arrays} that {@code reassigned} accepts, and every array variable
   * linked to one by an assignment of one to the other ({@code links}, both ways).
   */
  static Set<Var> of(Set<Var> arrays, Predicate<Var> reassigned, Map<Var, Set<Var>> links) {
    Set<Var> out = new HashSet<>();
    Deque<Var> work = new ArrayDeque<>();
    for (Var v : arrays) {
      if (reassigned.test(v)) {
        work.add(v);
      }
    }
    while (!work.isEmpty()) {
      Var v = work.pop();
      if (out.add(v)) {
        work.addAll(links.getOrDefault(v, Set.of()));
      }
    }
    return out;
  }

  /** {@code tape.number(array)}: the number of the array a variable now holds. */
  static Expr number(Var tape, Var array) {
    return new Expr.Invoke(new Callee.Method(Known.TAPE, "number", false, List.of(Type.Ref.of(Known.OBJECT))), tape,
        List.of(array), Type.Prim.INT);
  }

  /** {@code tape.doubles(number)} (or {@code floats}): the cotangent of a numbered array of {@code type}. */
  static Expr cotangent(Var tape, Type type, Expr number) {
    String name = ((Type.Array) type).element() == Type.Prim.FLOAT ? "floats" : "doubles";
    return new Expr.Invoke(new Callee.Method(Known.TAPE, name, false, List.of(Type.Prim.INT)), tape,
        List.of(number), type);
  }

  /** The numbered array whose cotangent {@code e} reads, when it is {@code tape.doubles(number)}; else null. */
  static Expr.Invoke cotangentRead(Expr e) {
    return e instanceof Expr.Invoke call && call.callee() instanceof Callee.Method m && m.owner().equals(Known.TAPE)
        && (m.name().equals("doubles") || m.name().equals("floats")) ? call : null;
  }

  /** {@code tape.isSet(number)} for the array {@code read} ({@link #cotangentRead}) reads the cotangent of. */
  static Expr isSet(Expr.Invoke read) {
    return new Expr.Invoke(new Callee.Method(Known.TAPE, "isSet", false, List.of(Type.Prim.INT)), read.receiver(),
        read.args(), Type.Prim.BOOLEAN);
  }

  /** {@code tape.set(number)}: something was added to the cotangent {@code read} reads. */
  static Stmt set(Expr.Invoke read) {
    return new Stmt.Eval(new Expr.Invoke(new Callee.Method(Known.TAPE, "set", false, List.of(Type.Prim.INT)),
        read.receiver(), read.args(), Type.Prim.VOID), SourceRef.NONE);
  }

  /** {@code tape.release(number)}: the array is not made yet, going backwards. */
  static Stmt release(Var tape, Expr number) {
    return new Stmt.Eval(new Expr.Invoke(new Callee.Method(Known.TAPE, "release", false, List.of(Type.Prim.INT)),
        tape, List.of(number), Type.Prim.VOID), SourceRef.NONE);
  }

  /** {@code tape.seed(number, bar)}: a caller's cotangent of the final contents of a parameter's array. */
  static Stmt seed(Var tape, Expr number, Var bar) {
    return new Stmt.Eval(new Expr.Invoke(new Callee.Method(Known.TAPE, "seed", false,
        List.of(Type.Prim.INT, Type.Ref.of(Known.OBJECT))), tape, List.of(number, bar), Type.Prim.VOID),
        SourceRef.NONE);
  }
}
