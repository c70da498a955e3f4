package dev.teak.tensor.cpu;

import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;

/**
 * Batched matmul: one {@link Gemm} call per batch entry, using the operands' strides directly
 * (broadcast batch axes have stride 0 and are never copied). Products big enough to split
 * across cores are run one after another, each using every core; a batch of small products
 * is instead spread over the cores one product per task, each product staying on one thread.
 * Either way every output element is computed by exactly one thread in a fixed order.
 */
final class CpuMatmul {
    private CpuMatmul() {}

    static void matmul(NdArray a, NdArray b, NdArray out) {
        int r = a.dim();
        int m = a.size(-2), k = a.size(-1), n = b.size(-1);
        int[] batchShape = java.util.Arrays.copyOf(out.shape(), r - 2);
        int batches = Shape.numel(batchShape);
        long fmas = (long) m * n * k;
        if (batches > 1 && fmas < Gemm.PARALLEL_FMAS && fmas * batches >= Gemm.PARALLEL_FMAS) {
            int grain = (int) Math.max(1, Gemm.PARALLEL_FMAS / Math.max(1, fmas) / 4);
            Parallel.forRange(batches, grain, (lo, hi) -> run(a, b, out, batchShape, lo, hi));
        } else {
            run(a, b, out, batchShape, 0, batches);
        }
    }

    /** Products {@code [lo, hi)} of the batch, in row-major order of the batch index. */
    private static void run(NdArray a, NdArray b, NdArray out, int[] batchShape, int lo, int hi) {
        int r = a.dim();
        int m = a.size(-2), k = a.size(-1), n = b.size(-1);
        int[] aStr = a.strides(), bStr = b.strides();
        CpuStorage as = (CpuStorage) a.storage(), bs = (CpuStorage) b.storage(), os = (CpuStorage) out.storage();
        if (lo >= hi) return;
        int[] idx = new int[r - 2];
        for (int d = idx.length - 1, rem = lo; d >= 0; d--) { idx[d] = rem % batchShape[d]; rem /= batchShape[d]; }
        for (int t = lo; t < hi; t++) {
            int ao = a.offset(), bo = b.offset();
            for (int d = 0; d < idx.length; d++) { ao += idx[d] * aStr[d]; bo += idx[d] * bStr[d]; }
            int co = out.offset() + t * m * n;
            if (os.f32 != null) {
                Gemm.sgemm(m, n, k, as.f32, ao, aStr[r - 2], aStr[r - 1], bs.f32, bo, bStr[r - 2], bStr[r - 1], os.f32, co, n, false);
            } else {
                Gemm.dgemm(m, n, k, as.f64, ao, aStr[r - 2], aStr[r - 1], bs.f64, bo, bStr[r - 2], bStr[r - 1], os.f64, co, n, false);
            }
            Shape.increment(idx, batchShape);
        }
    }
}
