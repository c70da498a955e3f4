package dev.teak.tensor.cpu;

import dev.teak.tensor.BinaryOp;
import dev.teak.tensor.ReduceOp;
import dev.teak.tensor.UnaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 loops on the Vector API ({@code jdk.incubator.vector}) at the machine's preferred
 * width. Loaded only through {@link KernelPath} when the module is present; ops without a
 * vector form here fall back to {@link ScalarKernels}.
 */
final class VectorKernels extends ScalarKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override public String describe() { return "vector (" + S.vectorBitSize() + "-bit, " + L + " floats)"; }

    @Override
    public void binary(BinaryOp op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] o, int oo, int n) {
        if (n < L || !(as == 1 || bs == 1)) { super.binary(op, a, ao, as, b, bo, bs, o, oo, n); return; }
        // C2 intrinsifies a vector op only when the operator is a compile-time constant: one loop
        // over a variable operator ran the Java fallback, boxing a vector per step (5-10x slower).
        int i;
        switch (op) {
            case ADD: i = addLoop(a, ao, as, b, bo, bs, o, oo, n); break;
            case SUB: i = subLoop(a, ao, as, b, bo, bs, o, oo, n); break;
            case MUL: i = mulLoop(a, ao, as, b, bo, bs, o, oo, n); break;
            case DIV: i = divLoop(a, ao, as, b, bo, bs, o, oo, n); break;
            case MAX: i = maxLoop(a, ao, as, b, bo, bs, o, oo, n); break;
            case MIN: i = minLoop(a, ao, as, b, bo, bs, o, oo, n); break;
            default: i = 0;
        }
        if (i < n) super.binary(op, a, ao + i * as, as, b, bo + i * bs, bs, o, oo + i, n - i);
    }

    // One method per operator with the operator spelled out (add, sub, ...): a loop compiled on its
    // own (on-stack replacement of a long run) never sees a constant passed in as an argument.
    private static int addLoop(float[] a, int ao, int as, float[] b, int bo, int bs, float[] o, int oo, int n) {
        int i = 0, bound = S.loopBound(n);
        if (as == 1 && bs == 1) {
            for (; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).add(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
        } else if (as == 1) {
            FloatVector vb = FloatVector.broadcast(S, b[bo]);
            for (; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).add(vb).intoArray(o, oo + i);
        } else {
            FloatVector va = FloatVector.broadcast(S, a[ao]);
            for (; i < bound; i += L) va.add(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
        }
        return i;
    }

    private static int subLoop(float[] a, int ao, int as, float[] b, int bo, int bs, float[] o, int oo, int n) {
        int i = 0, bound = S.loopBound(n);
        if (as == 1 && bs == 1) {
            for (; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).sub(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
        } else if (as == 1) {
            FloatVector vb = FloatVector.broadcast(S, b[bo]);
            for (; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).sub(vb).intoArray(o, oo + i);
        } else {
            FloatVector va = FloatVector.broadcast(S, a[ao]);
            for (; i < bound; i += L) va.sub(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
        }
        return i;
    }

    private static int mulLoop(float[] a, int ao, int as, float[] b, int bo, int bs, float[] o, int oo, int n) {
        int i = 0, bound = S.loopBound(n);
        if (as == 1 && bs == 1) {
            for (; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).mul(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
        } else if (as == 1) {
            FloatVector vb = FloatVector.broadcast(S, b[bo]);
            for (; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).mul(vb).intoArray(o, oo + i);
        } else {
            FloatVector va = FloatVector.broadcast(S, a[ao]);
            for (; i < bound; i += L) va.mul(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
        }
        return i;
    }

    private static int divLoop(float[] a, int ao, int as, float[] b, int bo, int bs, float[] o, int oo, int n) {
        int i = 0, bound = S.loopBound(n);
        if (as == 1 && bs == 1) {
            for (; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).div(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
        } else if (as == 1) {
            FloatVector vb = FloatVector.broadcast(S, b[bo]);
            for (; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).div(vb).intoArray(o, oo + i);
        } else {
            FloatVector va = FloatVector.broadcast(S, a[ao]);
            for (; i < bound; i += L) va.div(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
        }
        return i;
    }

    private static int maxLoop(float[] a, int ao, int as, float[] b, int bo, int bs, float[] o, int oo, int n) {
        int i = 0, bound = S.loopBound(n);
        if (as == 1 && bs == 1) {
            for (; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).max(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
        } else if (as == 1) {
            FloatVector vb = FloatVector.broadcast(S, b[bo]);
            for (; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).max(vb).intoArray(o, oo + i);
        } else {
            FloatVector va = FloatVector.broadcast(S, a[ao]);
            for (; i < bound; i += L) va.max(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
        }
        return i;
    }

    private static int minLoop(float[] a, int ao, int as, float[] b, int bo, int bs, float[] o, int oo, int n) {
        int i = 0, bound = S.loopBound(n);
        if (as == 1 && bs == 1) {
            for (; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).min(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
        } else if (as == 1) {
            FloatVector vb = FloatVector.broadcast(S, b[bo]);
            for (; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).min(vb).intoArray(o, oo + i);
        } else {
            FloatVector va = FloatVector.broadcast(S, a[ao]);
            for (; i < bound; i += L) va.min(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
        }
        return i;
    }

    @Override
    public void unary(UnaryOp op, float[] x, int xo, float[] o, int oo, int n) {
        int i = 0, bound = S.loopBound(n);
        switch (op) {
            case NEG: for (; i < bound; i += L) FloatVector.fromArray(S, x, xo + i).neg().intoArray(o, oo + i); break;
            case ABS: for (; i < bound; i += L) FloatVector.fromArray(S, x, xo + i).abs().intoArray(o, oo + i); break;
            case SQUARE:
                for (; i < bound; i += L) { FloatVector v = FloatVector.fromArray(S, x, xo + i); v.mul(v).intoArray(o, oo + i); }
                break;
            case RELU: {
                // x > 0 ? x : 0, as UnaryOp.RELU defines it; a lanewise max would let NaN through
                FloatVector zero = FloatVector.zero(S);
                for (; i < bound; i += L) {
                    FloatVector v = FloatVector.fromArray(S, x, xo + i);
                    zero.blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(o, oo + i);
                }
                break;
            }
            case STEP: {
                FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
                for (; i < bound; i += L) {
                    VectorMask<Float> pos = FloatVector.fromArray(S, x, xo + i).compare(VectorOperators.GT, 0f);
                    zero.blend(one, pos).intoArray(o, oo + i);
                }
                break;
            }
            case RECIPROCAL: {
                FloatVector one = FloatVector.broadcast(S, 1f);
                for (; i < bound; i += L) one.div(FloatVector.fromArray(S, x, xo + i)).intoArray(o, oo + i);
                break;
            }
            case SQRT: for (; i < bound; i += L) FloatVector.fromArray(S, x, xo + i).sqrt().intoArray(o, oo + i); break;
            case ERF: i = erfLoop(x, xo, o, oo, bound); break;
            case EXP: for (; i < bound; i += L) VectorMath.exp(FloatVector.fromArray(S, x, xo + i)).intoArray(o, oo + i); break;
            // operators spelled out (see binary()): a variable one is never intrinsified
            case LOG: for (; i < bound; i += L) FloatVector.fromArray(S, x, xo + i).lanewise(VectorOperators.LOG).intoArray(o, oo + i); break;
            case TANH: for (; i < bound; i += L) FloatVector.fromArray(S, x, xo + i).lanewise(VectorOperators.TANH).intoArray(o, oo + i); break;
            case SIGMOID: {
                FloatVector one = FloatVector.broadcast(S, 1f);
                for (; i < bound; i += L) {
                    FloatVector e = VectorMath.exp(FloatVector.fromArray(S, x, xo + i).neg());
                    one.div(one.add(e)).intoArray(o, oo + i);
                }
                break;
            }
            default: i = 0;
        }
        if (i < n) super.unary(op, x, xo + i, o, oo + i, n - i);
    }

    /**
     * erf's loop in a method of its own: inside unary(), with every other case's vector code in
     * the same compilation, C2 ran out of inlining budget and left erf's vectors boxed (10-100x
     * slower than exp).
     */
    private static int erfLoop(float[] x, int xo, float[] o, int oo, int bound) {
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i), t = VectorMath.erfcT(v);
            VectorMath.erfFinish(v, t, VectorMath.exp(VectorMath.erfcExponent(v, t))).intoArray(o, oo + i);
        }
        return i;
    }

    @Override
    public float reduce(ReduceOp op, float[] x, int off, int n) {
        if (n < 4 * L || (op != ReduceOp.SUM && op != ReduceOp.MAX && op != ReduceOp.MIN)) return super.reduce(op, x, off, n);
        if (op == ReduceOp.SUM) {
            FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
            int i = 0, bound4 = n - n % (4 * L);
            for (; i < bound4; i += 4 * L) {
                a0 = a0.add(FloatVector.fromArray(S, x, off + i));
                a1 = a1.add(FloatVector.fromArray(S, x, off + i + L));
                a2 = a2.add(FloatVector.fromArray(S, x, off + i + 2 * L));
                a3 = a3.add(FloatVector.fromArray(S, x, off + i + 3 * L));
            }
            float s = a0.add(a2).add(a1.add(a3)).reduceLanes(VectorOperators.ADD);
            return s + super.reduce(op, x, off + i, n - i);
        }
        // MAX/MIN: NaN must win, which lanewise max/min do (IEEE-754 2019 maximum/minimum semantics).
        FloatVector acc = FloatVector.fromArray(S, x, off);
        int i = L, bound = S.loopBound(n);
        float r;
        if (op == ReduceOp.MAX) {          // constant operators, as in binary()
            for (; i < bound; i += L) acc = acc.max(FloatVector.fromArray(S, x, off + i));
            r = acc.reduceLanes(VectorOperators.MAX);
        } else {
            for (; i < bound; i += L) acc = acc.min(FloatVector.fromArray(S, x, off + i));
            r = acc.reduceLanes(VectorOperators.MIN);
        }
        float tail = super.reduce(op, x, off + i, n - i);
        return (float) op.combine(r, tail);
    }

    @Override
    public void accumulate(ReduceOp op, float[] x, int xo, float[] acc, int ao, int n) {
        int i = 0, bound = S.loopBound(n);
        switch (op) {     // operators spelled out, as in binary()
            case SUM:
                for (; i < bound; i += L) FloatVector.fromArray(S, acc, ao + i).add(FloatVector.fromArray(S, x, xo + i)).intoArray(acc, ao + i);
                break;
            case PROD:
                for (; i < bound; i += L) FloatVector.fromArray(S, acc, ao + i).mul(FloatVector.fromArray(S, x, xo + i)).intoArray(acc, ao + i);
                break;
            case MAX:
                for (; i < bound; i += L) FloatVector.fromArray(S, acc, ao + i).max(FloatVector.fromArray(S, x, xo + i)).intoArray(acc, ao + i);
                break;
            case MIN:
                for (; i < bound; i += L) FloatVector.fromArray(S, acc, ao + i).min(FloatVector.fromArray(S, x, xo + i)).intoArray(acc, ao + i);
                break;
            default:
        }
        if (i < n) super.accumulate(op, x, xo + i, acc, ao + i, n - i);
    }

    @Override
    public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xo + i).fma(va, FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        if (i < n) super.axpy(alpha, x, xo + i, y, yo + i, n - i);
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            acc = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD) + super.dot(a, ao + i, b, bo + i, n - i);
    }
}
