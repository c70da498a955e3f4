package dev.teak.tensor.cpu;

import dev.teak.tensor.BinaryOp;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.ReduceOp;

/**
 * Softmax along the last axis of a contiguous float32 array, one row at a time while the row
 * sits in cache: the row's max, {@code exp(x - max)} written into the result with its sum
 * accumulated on the way ({@link Kernels#expShiftSum}), and one multiplication by the sum's
 * reciprocal. The composite ({@code x - max}, exp, sum, divide over whole arrays) makes four
 * passes through memory and three temporaries; this reads the input twice and the output once
 * more. Rows with NaN or infinities behave as the composite's (NaN wherever it has NaN).
 */
public final class CpuSoftmax {
    private CpuSoftmax() {}

    /** Whether {@link #lastAxis} applies: float32, contiguous, on this backend, at least one element. */
    public static boolean applies(NdArray x) {
        return x.dtype() == DType.FLOAT32 && x.isContiguous() && x.storage() instanceof CpuStorage && x.numel() > 0 && x.dim() > 0;
    }

    /** {@code softmax(x, -1)} for an array where {@link #applies} holds. */
    public static NdArray lastAxis(NdArray x) {
        int m = x.size(-1), rows = x.numel() / m, base = x.offset();
        float[] in = ((CpuStorage) x.storage()).f32;
        NdArray out = NdArray.zeros(x.backend(), DType.FLOAT32, x.shape());
        float[] o = ((CpuStorage) out.storage()).f32;
        Kernels k = KernelPath.active();
        Parallel.forRange(rows, Math.max(1, Parallel.GRAIN / m), (lo, hi) -> {
            float[] scalar = new float[1];
            for (int r = lo; r < hi; r++) {
                int xi = base + r * m, oi = r * m;
                float max = k.reduce(ReduceOp.MAX, in, xi, m);
                scalar[0] = 1f / k.expShiftSum(in, xi, max, o, oi, m);
                k.binary(BinaryOp.MUL, o, oi, 1, scalar, 0, 0, o, oi, m);
            }
        });
        return out;
    }
}
