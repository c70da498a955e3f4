package dev.teak.tensor.cpu;

import dev.teak.tensor.BinaryOp;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.ReduceOp;
import dev.teak.tensor.UnaryOp;

/**
 * Softmax along the last axis of a contiguous float32 array, one row at a time: the row's max,
 * {@code exp(x - max)} written once into the result, its sum, and a division, all while the row
 * sits in cache. The composite ({@code x - max}, exp, sum, divide over whole arrays) makes four
 * passes through memory and three temporaries; this makes one pass and none, with the same
 * kernels and so the same values (rows with NaN or infinities behave as the composite's).
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
                scalar[0] = k.reduce(ReduceOp.MAX, in, xi, m);
                k.binary(BinaryOp.SUB, in, xi, 1, scalar, 0, 0, o, oi, m);
                k.unary(UnaryOp.EXP, o, oi, o, oi, m);
                scalar[0] = k.reduce(ReduceOp.SUM, o, oi, m);
                k.binary(BinaryOp.DIV, o, oi, 1, scalar, 0, 0, o, oi, m);
            }
        });
        return out;
    }
}
