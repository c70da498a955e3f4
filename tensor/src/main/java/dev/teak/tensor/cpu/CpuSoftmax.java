package dev.teak.tensor.cpu;

import dev.teak.tensor.NdArray;
import dev.teak.tensor.ReduceOp;

/**
 * Softmax and log-softmax along the last axis of a contiguous float32 array, one row at a time
 * while the row sits in cache: the row's max m, {@code exp(x - m)} written into the result with
 * its sum s accumulated on the way ({@link Kernels#expShiftSum}), then one more pass: a
 * multiplication by {@code 1 / s}, or for log-softmax {@code x - (m + log s)}. The composites
 * (shift, exp, sum, divide or log and subtract over whole arrays) make four to six passes and
 * three temporaries. Rows with NaN or infinities come out as the composites': log-softmax, like
 * {@code logsumexp}, shifts by 0 when the max is infinite.
 */
final class CpuSoftmax {
    private CpuSoftmax() {}

    /** {@code out = softmax(x, -1)} or {@code logSoftmax(x, -1)} for a contiguous, non-empty float32 {@code x} and a contiguous {@code out} of its shape. */
    static void lastAxis(NdArray x, boolean log, NdArray out) {
        int m = x.size(-1), rows = x.numel() / m, base = x.offset();
        float[] in = ((CpuStorage) x.storage()).f32;
        float[] o = ((CpuStorage) out.storage()).f32;
        int outBase = out.offset();
        Kernels k = KernelPath.active();
        Parallel.forRange(rows, Math.max(1, Parallel.GRAIN / m), (lo, hi) -> {
            for (int r = lo; r < hi; r++) {
                int xi = base + r * m, oi = outBase + r * m;
                float max = k.reduce(ReduceOp.MAX, in, xi, m);
                if (log) {
                    float shift = Float.isInfinite(max) ? 0f : max;
                    float c = shift + (float) Math.log(k.expShiftSum(in, xi, shift, o, oi, m));
                    k.affine(in, xi, 1f, -c, o, oi, m);                     // x - c
                } else {
                    k.affine(o, oi, 1f / k.expShiftSum(in, xi, max, o, oi, m), 0f, o, oi, m); // e * (1/s)
                }
            }
        });
    }
}
