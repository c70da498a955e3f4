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

    /*
     * JDK 17 compiles a Vector API operation to machine instructions only when its operator is a
     * compile-time constant: passing VectorOperators.ADD around in a variable falls back to slow
     * boxed code. So every loop below names its operation directly.
     */

    /*
     * Both operands runs, or one a repeated scalar (stride 0) broadcast once before its loop:
     * one loop per case. A vector chosen per iteration between a load and a broadcast is a merge
     * of two vector values, which C2 (JDK 17) cannot keep in registers; it allocated a boxed
     * vector per iteration, half of a Transformer step's garbage.
     */
    @Override
    public void binary(BinaryOp op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] o, int oo, int n) {
        int bound = S.loopBound(n), i = 0;
        if (bound > 0) {   // (a run too short for a vector may be empty: no scalar to read then)
            if (as == 1 && bs == 1) i = runs(op, a, ao, b, bo, o, oo, bound);
            else if (as == 0 && bs == 1) i = scalarRun(op, a[ao], b, bo, o, oo, bound);
            else if (as == 1 && bs == 0) i = runScalar(op, a, ao, b[bo], o, oo, bound);
        }
        if (i < n) super.binary(op, a, ao + i * as, as, b, bo + i * bs, bs, o, oo + i, n - i);
    }

    private static int runs(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] o, int oo, int bound) {
        int i = 0;
        switch (op) {
            case ADD: for (; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).add(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i); break;
            case SUB: for (; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).sub(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i); break;
            case MUL: for (; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).mul(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i); break;
            case DIV: for (; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).div(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i); break;
            case MAX: for (; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).max(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i); break;
            case MIN: for (; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).min(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i); break;
            default: break;
        }
        return i;
    }

    private static int scalarRun(BinaryOp op, float a, float[] b, int bo, float[] o, int oo, int bound) {
        FloatVector va = FloatVector.broadcast(S, a);
        int i = 0;
        switch (op) {
            case ADD: for (; i < bound; i += L) va.add(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i); break;
            case SUB: for (; i < bound; i += L) va.sub(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i); break;
            case MUL: for (; i < bound; i += L) va.mul(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i); break;
            case DIV: for (; i < bound; i += L) va.div(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i); break;
            case MAX: for (; i < bound; i += L) va.max(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i); break;
            case MIN: for (; i < bound; i += L) va.min(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i); break;
            default: break;
        }
        return i;
    }

    private static int runScalar(BinaryOp op, float[] a, int ao, float b, float[] o, int oo, int bound) {
        FloatVector vb = FloatVector.broadcast(S, b);
        int i = 0;
        switch (op) {
            case ADD: for (; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).add(vb).intoArray(o, oo + i); break;
            case SUB: for (; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).sub(vb).intoArray(o, oo + i); break;
            case MUL: for (; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).mul(vb).intoArray(o, oo + i); break;
            case DIV: for (; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).div(vb).intoArray(o, oo + i); break;
            case MAX: for (; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).max(vb).intoArray(o, oo + i); break;
            case MIN: for (; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).min(vb).intoArray(o, oo + i); break;
            default: break;
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
            case GELU: i = geluLoop(x, xo, o, oo, bound, false); break;
            case GELU_GRAD: i = geluLoop(x, xo, o, oo, bound, true); break;
            case EXP: i = expLoop(x, xo, o, oo, bound); break;
            case LOG: i = logLoop(x, xo, o, oo, bound); break;
            case TANH: i = tanhLoop(x, xo, o, oo, bound); break;
            case SIGMOID: i = sigmoidLoop(x, xo, o, oo, bound); break;
            default: i = 0;
        }
        if (i < n && transcendental(op)) {
            // The tail goes through the same vector code, padded: the scalar Math functions round
            // differently, and an element's value must not depend on where its run ends.
            float[] t = new float[L];
            System.arraycopy(x, xo + i, t, 0, n - i);
            unary(op, t, 0, t, 0, L);
            System.arraycopy(t, 0, o, oo + i, n - i);
        } else if (i < n) {
            super.unary(op, x, xo + i, o, oo + i, n - i);
        }
    }

    private static boolean transcendental(UnaryOp op) {
        return op == UnaryOp.EXP || op == UnaryOp.LOG || op == UnaryOp.TANH || op == UnaryOp.SIGMOID || op == UnaryOp.ERF
                || op == UnaryOp.GELU || op == UnaryOp.GELU_GRAD;
    }

    /*
     * The transcendental loops live in methods of their own, for the reason given at erfLoop:
     * inside unary(), next to every other case, C2 stopped inlining VectorMath and boxed the vectors.
     */

    private static int expLoop(float[] x, int xo, float[] o, int oo, int bound) {
        for (int i = 0; i < bound; i += L) VectorMath.exp(FloatVector.fromArray(S, x, xo + i)).intoArray(o, oo + i);
        return bound;
    }

    private static int logLoop(float[] x, int xo, float[] o, int oo, int bound) {
        for (int i = 0; i < bound; i += L) VectorMath.log(FloatVector.fromArray(S, x, xo + i)).intoArray(o, oo + i);
        return bound;
    }

    private static int tanhLoop(float[] x, int xo, float[] o, int oo, int bound) {
        for (int i = 0; i < bound; i += L) VectorMath.tanh(FloatVector.fromArray(S, x, xo + i)).intoArray(o, oo + i);
        return bound;
    }

    private static int sigmoidLoop(float[] x, int xo, float[] o, int oo, int bound) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < bound; i += L) one.div(one.add(VectorMath.exp(FloatVector.fromArray(S, x, xo + i).neg()))).intoArray(o, oo + i);
        return bound;
    }

    /** Elements per pass of {@link #erfLoop}: its scratch stays in L1. */
    private static final int ERF_CHUNK = 512;

    /**
     * erf in three passes over chunks, each pass a loop in a method of its own: the exponent of
     * erfc, its exp, and the final blend. In one loop (or three loops in one method) the inlined
     * vector code passed C2's inlining budget, a vector crossed a call that was not inlined and
     * was boxed, and erf ran at 2.1 ns per element; only arrays cross these calls.
     */
    private static int erfLoop(float[] x, int xo, float[] o, int oo, int bound) {
        float[] t = new float[ERF_CHUNK];
        for (int c = 0; c < bound; c += ERF_CHUNK) {
            int len = Math.min(ERF_CHUNK, bound - c);
            erfcExponents(x, xo + c, t, len);
            expLoop(t, 0, t, 0, len);
            erfFinish(x, xo + c, t, o, oo + c, len);
        }
        return bound;
    }

    private static void erfcExponents(float[] x, int xo, float[] t, int len) {
        for (int i = 0; i < len; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            VectorMath.erfcExponent(v, VectorMath.erfcT(v)).intoArray(t, i);
        }
    }

    private static void erfFinish(float[] x, int xo, float[] t, float[] o, int oo, int len) {
        for (int i = 0; i < len; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            VectorMath.erfFinish(v, VectorMath.erfcT(v), FloatVector.fromArray(S, t, i)).intoArray(o, oo + i);
        }
    }

    /** Elements per pass of {@link #geluLoop}: its three scratch arrays (24 KB) stay in L1/L2. */
    private static final int GELU_CHUNK = 2048;

    /**
     * GELU or its derivative in passes over chunks, each pass a loop in a method of its own: t and
     * the exponents P(t) and -x^2/2, their exps, erfc's scale, the final blend
     * ({@link VectorMath#gelu}, {@link VectorMath#geluGrad}). The chunk loop calls the passes;
     * {@link JitDirectives} keeps C2 from inlining them into it (inlined, the six passes used up
     * its node budget before {@code VectorMath.exp}, every vector was boxed, and a Transformer
     * step took 42 ms instead of 34). Whole-array passes, the earlier way around that, allocated
     * three arrays the size of the input per call, most of a Transformer step's garbage.
     */
    private static int geluLoop(float[] x, int xo, float[] o, int oo, int bound, boolean grad) {
        int size = Math.min(bound, GELU_CHUNK);
        float[] t = new float[size], ep = new float[size], d = new float[size];
        for (int c = 0; c < bound; c += GELU_CHUNK) {
            int len = Math.min(GELU_CHUNK, bound - c);
            normalExponents(x, xo + c, t, ep, d, len);
            expLoop(ep, 0, ep, 0, len);
            expLoop(d, 0, d, 0, len);
            normalTailScales(x, xo + c, t, ep, len);
            if (grad) geluGradFinish(x, xo + c, ep, d, o, oo + c, len);
            else geluFinish(x, xo + c, ep, d, o, oo + c, len);
        }
        return bound;
    }

    private static void normalExponents(float[] x, int xo, float[] t, float[] ep, float[] d, int len) {
        for (int i = 0; i < len; i += L) {
            FloatVector xc = VectorMath.normalClamp(FloatVector.fromArray(S, x, xo + i)), ti = VectorMath.normalT(xc);
            ti.intoArray(t, i);
            VectorMath.erfcPolynomial(ti).intoArray(ep, i);
            VectorMath.densityExponent(xc).intoArray(d, i);
        }
    }

    /** ep becomes s = t exp(P(t)) (1 - l/2) / 2. */
    private static void normalTailScales(float[] x, int xo, float[] t, float[] ep, int len) {
        for (int i = 0; i < len; i += L) {
            FloatVector xc = VectorMath.normalClamp(FloatVector.fromArray(S, x, xo + i));
            VectorMath.normalTailScale(xc, FloatVector.fromArray(S, t, i), FloatVector.fromArray(S, ep, i)).intoArray(ep, i);
        }
    }

    private static void geluFinish(float[] x, int xo, float[] s, float[] d, float[] o, int oo, int len) {
        for (int i = 0; i < len; i += L) {
            VectorMath.gelu(FloatVector.fromArray(S, x, xo + i), FloatVector.fromArray(S, s, i), FloatVector.fromArray(S, d, i)).intoArray(o, oo + i);
        }
    }

    private static void geluGradFinish(float[] x, int xo, float[] s, float[] d, float[] o, int oo, int len) {
        for (int i = 0; i < len; i += L) {
            VectorMath.geluGrad(FloatVector.fromArray(S, x, xo + i), FloatVector.fromArray(S, s, i), FloatVector.fromArray(S, d, i)).intoArray(o, oo + i);
        }
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
        // Java's lanewise max is a compare-and-blend sequence with a long latency: four independent
        // accumulators keep the loop throughput-bound (max is exact, so the order cannot matter).
        FloatVector a0 = FloatVector.fromArray(S, x, off), a1 = FloatVector.fromArray(S, x, off + L);
        FloatVector a2 = FloatVector.fromArray(S, x, off + 2 * L), a3 = FloatVector.fromArray(S, x, off + 3 * L);
        int i = 4 * L, bound4 = n - n % (4 * L), bound = S.loopBound(n);
        float r;
        if (op == ReduceOp.MAX) {
            for (; i < bound4; i += 4 * L) {
                a0 = a0.max(FloatVector.fromArray(S, x, off + i));
                a1 = a1.max(FloatVector.fromArray(S, x, off + i + L));
                a2 = a2.max(FloatVector.fromArray(S, x, off + i + 2 * L));
                a3 = a3.max(FloatVector.fromArray(S, x, off + i + 3 * L));
            }
            for (; i < bound; i += L) a0 = a0.max(FloatVector.fromArray(S, x, off + i));
            r = a0.max(a1).max(a2.max(a3)).reduceLanes(VectorOperators.MAX);
        } else {
            for (; i < bound4; i += 4 * L) {
                a0 = a0.min(FloatVector.fromArray(S, x, off + i));
                a1 = a1.min(FloatVector.fromArray(S, x, off + i + L));
                a2 = a2.min(FloatVector.fromArray(S, x, off + i + 2 * L));
                a3 = a3.min(FloatVector.fromArray(S, x, off + i + 3 * L));
            }
            for (; i < bound; i += L) a0 = a0.min(FloatVector.fromArray(S, x, off + i));
            r = a0.min(a1).min(a2.min(a3)).reduceLanes(VectorOperators.MIN);
        }
        float tail = super.reduce(op, x, off + i, n - i);
        return (float) op.combine(r, tail);
    }

    @Override
    public float expShiftSum(float[] x, int xo, float shift, float[] o, int oo, int n) {
        // Three passes over the row (it sits in L1), each a kernel compiled on its own: with exp
        // inlined into a fused loop, C2 sometimes compiled this method with exp's vectors boxed
        // (softmax at 1e6 took 0.8 ms instead of 0.4 after other workloads had run first).
        int i = S.loopBound(n);
        runScalar(BinaryOp.SUB, x, xo, shift, o, oo, i);
        expLoop(o, oo, o, oo, i);
        float s = laneSum(o, oo, i);
        if (i < n) {
            // The tail padded through the same exp (see unary).
            float[] t = new float[L];
            for (int j = 0; j < n - i; j++) t[j] = x[xo + i + j] - shift;
            expLoop(t, 0, t, 0, L);
            for (int j = 0; j < n - i; j++) s += t[j];
            System.arraycopy(t, 0, o, oo + i, n - i);
        }
        return s;
    }

    /** One accumulator of lanes over whole vectors, then across the lanes (the order a softmax row's sum has always had). */
    private static float laneSum(float[] o, int oo, int bound) {
        FloatVector acc = FloatVector.zero(S);
        for (int i = 0; i < bound; i += L) acc = acc.add(FloatVector.fromArray(S, o, oo + i));
        return acc.reduceLanes(VectorOperators.ADD);
    }

    @Override
    public void affine(float[] x, int xo, float scale, float shift, float[] o, int oo, int n) {
        FloatVector a = FloatVector.broadcast(S, scale), b = FloatVector.broadcast(S, shift);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) FloatVector.fromArray(S, x, xo + i).fma(a, b).intoArray(o, oo + i);
        super.affine(x, xo + i, scale, shift, o, oo + i, n - i);
    }

    @Override
    public void accumulate(ReduceOp op, float[] x, int xo, float[] acc, int ao, int n) {
        int i = 0, bound = S.loopBound(n);
        switch (op) {
            case SUM: for (; i < bound; i += L) FloatVector.fromArray(S, acc, ao + i).add(FloatVector.fromArray(S, x, xo + i)).intoArray(acc, ao + i); break;
            case PROD: for (; i < bound; i += L) FloatVector.fromArray(S, acc, ao + i).mul(FloatVector.fromArray(S, x, xo + i)).intoArray(acc, ao + i); break;
            case MAX: for (; i < bound; i += L) FloatVector.fromArray(S, acc, ao + i).max(FloatVector.fromArray(S, x, xo + i)).intoArray(acc, ao + i); break;
            case MIN: for (; i < bound; i += L) FloatVector.fromArray(S, acc, ao + i).min(FloatVector.fromArray(S, x, xo + i)).intoArray(acc, ao + i); break;
            default: break;
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
