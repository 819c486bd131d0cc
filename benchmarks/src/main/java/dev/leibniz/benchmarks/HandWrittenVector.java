package dev.leibniz.benchmarks;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The batched gradients written by hand on the Vector API, with a scalar tail: what generated kernels are held to. */
final class HandWrittenVector {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

  private HandWrittenVector() {}

  static void stableLog1pexpGrad(double[] x, double[] g) {
    int i = 0;
    for (int end = S.loopBound(x.length); i < end; i += S.length()) {
      DoubleVector v = DoubleVector.fromArray(S, x, i);
      DoubleVector one = DoubleVector.broadcast(S, 1.0);
      one.sub(one.div(v.lanewise(VectorOperators.EXP).add(1.0))).intoArray(g, i);
    }
    for (; i < x.length; i++) {
      g[i] = HandWritten.stableLog1pexpGrad(x[i]);
    }
  }

  /** The gradient of log(1 + exp(sin(x) y)) with the stable rule's 1 - 1 / (1 + exp(u)). */
  static void softplusOfSinTimesGrad(double[] x, double[] y, double[] gx, double[] gy) {
    int i = 0;
    for (int end = S.loopBound(x.length); i < end; i += S.length()) {
      DoubleVector v = DoubleVector.fromArray(S, x, i);
      DoubleVector w = DoubleVector.fromArray(S, y, i);
      DoubleVector s = v.lanewise(VectorOperators.SIN);
      DoubleVector one = DoubleVector.broadcast(S, 1.0);
      DoubleVector sigmoid = one.sub(one.div(s.mul(w).lanewise(VectorOperators.EXP).add(1.0)));
      sigmoid.mul(w).mul(v.lanewise(VectorOperators.COS)).intoArray(gx, i);
      sigmoid.mul(s).intoArray(gy, i);
    }
    for (; i < x.length; i++) {
      double s = Math.sin(x[i]);
      double sigmoid = HandWritten.stableLog1pexpGrad(s * y[i]);
      gx[i] = sigmoid * y[i] * Math.cos(x[i]);
      gy[i] = sigmoid * s;
    }
  }

  static void sinTimesGrad(double[] x, double[] y, double[] gx, double[] gy) {
    int i = 0;
    for (int end = S.loopBound(x.length); i < end; i += S.length()) {
      DoubleVector v = DoubleVector.fromArray(S, x, i);
      DoubleVector w = DoubleVector.fromArray(S, y, i);
      v.lanewise(VectorOperators.COS).mul(w).intoArray(gx, i);
      v.lanewise(VectorOperators.SIN).intoArray(gy, i);
    }
    for (; i < x.length; i++) {
      gx[i] = HandWritten.sinTimesGradX(x[i], y[i]);
      gy[i] = HandWritten.sinTimesGradY(x[i]);
    }
  }

  static void mixedGrad(double[] x, double[] g) {
    int i = 0;
    for (int end = S.loopBound(x.length); i < end; i += S.length()) {
      DoubleVector v = DoubleVector.fromArray(S, x, i);
      DoubleVector xx = v.mul(v);
      DoubleVector e = xx.neg().lanewise(VectorOperators.EXP);
      DoubleVector v3 = v.mul(3.0);
      DoubleVector c = v3.lanewise(VectorOperators.COS);
      DoubleVector s = v3.lanewise(VectorOperators.SIN);
      DoubleVector q = xx.add(1.0);
      DoubleVector l = xx.lanewise(VectorOperators.LOG1P);
      DoubleVector x2 = v.mul(2.0);
      x2.neg().mul(e).mul(c).sub(e.mul(s).mul(3.0)).add(x2.div(q).div(q)).sub(l.mul(x2).div(q.mul(q)))
          .intoArray(g, i);
    }
    for (; i < x.length; i++) {
      g[i] = HandWritten.mixedGrad(x[i]);
    }
  }

  static void hornerGrad(double[] x, double[] g) {
    int i = 0;
    for (int end = S.loopBound(x.length); i < end; i += S.length()) {
      DoubleVector v = DoubleVector.fromArray(S, x, i);
      DoubleVector r = DoubleVector.broadcast(S, 0.5);
      DoubleVector d = r;
      r = r.mul(v).sub(1.25);
      d = d.mul(v).add(r);
      r = r.mul(v).add(0.75);
      d = d.mul(v).add(r);
      r = r.mul(v).add(2.0);
      d = d.mul(v).add(r);
      r = r.mul(v).sub(0.3);
      d = d.mul(v).add(r);
      r = r.mul(v).add(1.1);
      d = d.mul(v).add(r);
      r = r.mul(v).sub(0.9);
      d = d.mul(v).add(r);
      r = r.mul(v).add(0.05);
      d.mul(v).add(r).intoArray(g, i);
    }
    for (; i < x.length; i++) {
      g[i] = HandWritten.hornerGrad(x[i]);
    }
  }
}
