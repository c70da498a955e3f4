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
        VectorOperators.Binary vop = binaryOp(op);
        if (vop == null || n < L) { super.binary(op, a, ao, as, b, bo, bs, o, oo, n); return; }
        int i = 0, bound = S.loopBound(n);
        if (as == 1 && bs == 1) {
            for (; i < bound; i += L) {
                FloatVector.fromArray(S, a, ao + i).lanewise(vop, FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
            }
        } else if (as == 1) {
            FloatVector vb = FloatVector.broadcast(S, b[bo]);
            for (; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).lanewise(vop, vb).intoArray(o, oo + i);
        } else if (bs == 1) {
            FloatVector va = FloatVector.broadcast(S, a[ao]);
            for (; i < bound; i += L) va.lanewise(vop, FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
        } else {
            i = 0; bound = 0;
        }
        if (i < n) super.binary(op, a, ao + i * as, as, b, bo + i * bs, bs, o, oo + i, n - i);
    }

    private static VectorOperators.Binary binaryOp(BinaryOp op) {
        switch (op) {
            case ADD: return VectorOperators.ADD;
            case SUB: return VectorOperators.SUB;
            case MUL: return VectorOperators.MUL;
            case DIV: return VectorOperators.DIV;
            case MAX: return VectorOperators.MAX;
            case MIN: return VectorOperators.MIN;
            default: return null;
        }
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
            case EXP: for (; i < bound; i += L) VectorMath.exp(FloatVector.fromArray(S, x, xo + i)).intoArray(o, oo + i); break;
            case LOG: lanewise(VectorOperators.LOG, x, xo, o, oo, bound); i = bound; break;
            case TANH: lanewise(VectorOperators.TANH, x, xo, o, oo, bound); i = bound; break;
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

    private static void lanewise(VectorOperators.Unary vop, float[] x, int xo, float[] o, int oo, int bound) {
        for (int i = 0; i < bound; i += L) FloatVector.fromArray(S, x, xo + i).lanewise(vop).intoArray(o, oo + i);
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
        VectorOperators.Binary vop = op == ReduceOp.MAX ? VectorOperators.MAX : VectorOperators.MIN;
        FloatVector acc = FloatVector.fromArray(S, x, off);
        int i = L, bound = S.loopBound(n);
        for (; i < bound; i += L) acc = acc.lanewise(vop, FloatVector.fromArray(S, x, off + i));
        float r = acc.reduceLanes(op == ReduceOp.MAX ? VectorOperators.MAX : VectorOperators.MIN);
        float tail = super.reduce(op, x, off + i, n - i);
        return (float) op.combine(r, tail);
    }

    @Override
    public void accumulate(ReduceOp op, float[] x, int xo, float[] acc, int ao, int n) {
        VectorOperators.Binary vop = op == ReduceOp.SUM ? VectorOperators.ADD : op == ReduceOp.PROD ? VectorOperators.MUL
                : op == ReduceOp.MAX ? VectorOperators.MAX : op == ReduceOp.MIN ? VectorOperators.MIN : null;
        int i = 0;
        if (vop != null) {
            for (int bound = S.loopBound(n); i < bound; i += L) {
                FloatVector.fromArray(S, acc, ao + i).lanewise(vop, FloatVector.fromArray(S, x, xo + i)).intoArray(acc, ao + i);
            }
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
