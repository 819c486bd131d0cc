package dev.leibniz.processor.frontend;

import com.sun.source.tree.Tree;
import dev.leibniz.processor.diagnostics.Diagnostic;
import dev.leibniz.processor.ir.Expr;
import dev.leibniz.processor.ir.Leaves;
import dev.leibniz.processor.ir.Known;
import dev.leibniz.processor.ir.Ops;
import dev.leibniz.processor.ir.Stmt;
import dev.leibniz.processor.ir.Type;
import dev.leibniz.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * Values as the front end holds them: their types, conversions, and records taken apart into leaves
 * or built whole; plus the numeric type rules of Java.
 */
final class Values {

  private final BodyContext cx;

  Values(BodyContext cx) {
    this.cx = cx;
  }

  /** A record value from its leaves in order. */
  Value rebuild(Type.Record type, List<Expr> leaves) {
    int[] next = {0};
    return rebuildFrom(type, leaves, next);
  }

  private Value rebuildFrom(Type.Record type, List<Expr> leaves, int[] next) {
    List<Value> components = new ArrayList<>();
    for (Type.Component c : type.components()) {
      if (c.type() instanceof Type.Record inner) {
        components.add(rebuildFrom(inner, leaves, next));
      } else {
        components.add(new Value.Scalar(leaves.get(next[0]++)));
      }
    }
    return new Value.Aggregate(type, components);
  }

  Value componentsOf(Expr whole, Type.Record r) {
    List<Value> components = new ArrayList<>();
    for (Type.Component c : r.components()) {
      Expr part = new Expr.Component(whole, c.name(), c.type());
      components.add(c.type() instanceof Type.Record inner ? componentsOf(part, inner) : new Value.Scalar(part));
    }
    return new Value.Aggregate(r, components);
  }

  Type typeOf(Value v) {
    if (v instanceof Value.Scalar s) {
      return s.expr().type();
    } else if (v instanceof Value.Aggregate a) {
      return a.type();
    } else if (v instanceof Value.LocalLambda fn) {
      return fn.type();
    } else if (v instanceof Value.Done) {
      return Type.Prim.VOID;
    }
    throw new IllegalStateException("a class name is not a value");
  }

  /** {@code v} converted to {@code type} as an assignment would (widening, literals, records). */
  Value convert(Value v, Type type, Tree at) {
    if (v instanceof Value.TypeName || v instanceof Value.PackageName) {
      throw new FrontendException(at, Diagnostic.CANNOT_RESOLVE.of(at));
    }
    Type from = typeOf(v);
    if (from.equals(type) || type == null) {
      return v;
    }
    if (type instanceof Type.Record r) {
      if (from instanceof Type.Record fr && fr.cls().equals(r.cls())) {
        // same record, other type arguments (inferred): convert component-wise
        List<Expr> ls = leaves(v, at);
        List<Expr> converted = new ArrayList<>();
        List<Type> targets = Leaves.types(r);
        for (int i = 0; i < ls.size(); i++) {
          converted.add(Ops.convert(ls.get(i), targets.get(i)));
        }
        return rebuild(r, converted);
      }
      throw new FrontendException(at, Diagnostic.TYPE_MISMATCH.of(type, from));
    }
    Expr x = materialize(v);
    if (type instanceof Type.Prim && TypeMapper.unboxed(from) instanceof Type.Prim unboxed && from instanceof Type.Ref) {
      x = new Expr.Cast(unboxed, x); // double y = list.get(0): the Double's value, a double from here on
      from = unboxed;
    }
    if (type instanceof Type.Prim p && from instanceof Type.Prim fp && p.isNumeric() && fp.isNumeric()) {
      return new Value.Scalar(Ops.convert(x, type));
    }
    return new Value.Scalar(x);
  }

  /** One expression for {@code v}: a record value is constructed whole. */
  Expr materialize(Value v) {
    Expr e = materializeQuiet(v);
    if (v instanceof Value.Done) {
      throw new FrontendException(null, Diagnostic.VOID_VALUE.of());
    }
    if (e == null) {
      throw new IllegalStateException("not a value: " + v);
    }
    return e;
  }

  Expr materializeQuiet(Value v) {
    if (v instanceof Value.Scalar s) {
      return s.expr();
    } else if (v instanceof Value.Aggregate a) {
      List<Expr> args = new ArrayList<>();
      for (Value c : a.components()) {
        args.add(materialize(c));
      }
      return new Expr.Construct(a.type(), args);
    } else if (v instanceof Value.LocalLambda fn) {
      Scope saved = cx.scope;
      cx.scope = fn.scope();
      try {
        return cx.functions.lambda(fn.tree(), fn.type()); // a function value, as where it was written
      } finally {
        cx.scope = saved;
      }
    } else if (v instanceof Value.TypeName t) {
      throw new FrontendException(null, Diagnostic.CLASS_NOT_VALUE.of(t.element().getSimpleName()));
    } else if (v instanceof Value.PackageName p) {
      throw new FrontendException(null, Diagnostic.CANNOT_RESOLVE.of("symbol " + p.name()));
    }
    return null;
  }

  /** The leaves of a value, records flattened in component order. */
  List<Expr> leaves(Value v, Tree at) {
    List<Expr> out = new ArrayList<>();
    if (v instanceof Value.Aggregate a) {
      for (Value c : a.components()) {
        out.addAll(leaves(c, at));
      }
    } else {
      Expr e = materialize(v);
      if (e.type() instanceof Type.Record r) {
        Expr whole = e instanceof Var || e instanceof Expr.Component ? e : spillExpr(e, at);
        out.addAll(leaves(componentsOf(whole, r), at));
      } else {
        out.add(e);
      }
    }
    return out;
  }

  List<Expr> leavesNoSpill(Value v) {
    List<Expr> out = new ArrayList<>();
    if (v instanceof Value.Aggregate a) {
      for (Value c : a.components()) {
        out.addAll(leavesNoSpill(c));
      }
    } else if (v instanceof Value.Scalar s) {
      out.add(s.expr());
    }
    return out;
  }

  Expr spillExpr(Expr e, Tree at) {
    Var t = cx.namer.temp(e.type());
    cx.out.add(new Stmt.Declare(t, e, cx.src(at)));
    return t;
  }

  static boolean isString(Type t) {
    return t instanceof Type.Ref r && r.cls().equals(Known.STRING);
  }

  static boolean isNumeric(Type t) {
    return t instanceof Type.Prim p && p.isNumeric();
  }

  static boolean isIntegral(Type t) {
    return t instanceof Type.Prim p && p.isIntegral();
  }

  /** Binary numeric promotion (JLS 5.6.2). */
  static Type promote(Type a, Type b) {
    if (a == Type.Prim.DOUBLE || b == Type.Prim.DOUBLE) {
      return Type.Prim.DOUBLE;
    } else if (a == Type.Prim.FLOAT || b == Type.Prim.FLOAT) {
      return Type.Prim.FLOAT;
    } else if (a == Type.Prim.LONG || b == Type.Prim.LONG) {
      return Type.Prim.LONG;
    }
    return Type.Prim.INT;
  }
}
