package dev.teak.tensor.cpu;

import dev.teak.tensor.BinaryOp;
import dev.teak.tensor.ReduceOp;
import dev.teak.tensor.UnaryOp;

/**
 * The float32 inner loops on unit-stride runs, in two implementations chosen once at start-up
 * ({@link KernelPath}): {@link ScalarKernels} and, when the JVM has {@code jdk.incubator.vector},
 * {@code VectorKernels}. Both must give the same results (within float rounding for
 * transcendental functions); the tests run them side by side.
 */
public interface Kernels {
    /** {@code scalar}, or {@code vector} with the register width. */
    String describe();

    /**
     * {@code o[oo+i] = op(a[ao + i*as], b[bo + i*bs])} for {@code i < n}, where each of
     * {@code as}, {@code bs} is 1 (a run) or 0 (a repeated scalar). Arithmetic ops only.
     */
    void binary(BinaryOp op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] o, int oo, int n);

    /** {@code o[oo+i] = op(x[xo+i])}; predicate ops are not handled here. */
    void unary(UnaryOp op, float[] x, int xo, float[] o, int oo, int n);

    /**
     * Reduces a run into one value. Sums accumulate in lanes and combine them in a fixed
     * order, so the result depends only on the data and {@code n}.
     */
    float reduce(ReduceOp op, float[] x, int off, int n);

    /**
     * {@code o[oo+i] = exp(x[xo+i] - shift)} for {@code i < n}, returning the sum of the values
     * written: the middle of a softmax row in one pass instead of three.
     */
    float expShiftSum(float[] x, int xo, float shift, float[] o, int oo, int n);

    /**
     * {@code o[oo+i] = fma(x[xo+i], scale, shift)} (one rounding), the last pass of a softmax
     * row ({@code x / s} as {@code x * (1/s) + 0}) or a log-softmax row ({@code x * 1 - c}).
     * Its own small loop rather than {@link #binary} with a broadcast scalar: binary's one
     * compiled body serves every op and stride, and once add, mul and exp had run through it
     * a 1000 x 1000 softmax took 1.37 ms of CPU instead of 0.65 (one thread).
     */
    void affine(float[] x, int xo, float scale, float shift, float[] o, int oo, int n);

    /** {@code acc[ao+i] = op(acc[ao+i], x[xo+i])} for SUM, PROD, MAX, MIN. */
    void accumulate(ReduceOp op, float[] x, int xo, float[] acc, int ao, int n);

    /** {@code y[yo+i] += alpha * x[xo+i]}. */
    void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n);

    /** {@code sum_i a[ao+i] * b[bo+i]}. */
    float dot(float[] a, int ao, float[] b, int bo, int n);
}
