package dev.teak.tensor.cpu;

import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;

/** Batched matmul: one {@link Gemm} call per batch entry, using the operands' strides directly. */
final class CpuMatmul {
    private CpuMatmul() {}

    static void matmul(NdArray a, NdArray b, NdArray out) {
        int r = a.dim();
        int m = a.size(-2), k = a.size(-1), n = b.size(-1);
        int[] aStr = a.strides(), bStr = b.strides();
        int[] batchShape = java.util.Arrays.copyOf(out.shape(), r - 2);
        int batches = Shape.numel(batchShape);
        CpuStorage as = (CpuStorage) a.storage(), bs = (CpuStorage) b.storage(), os = (CpuStorage) out.storage();
        int[] idx = new int[r - 2];
        for (int t = 0; t < batches; t++) {
            int ao = a.offset(), bo = b.offset();
            for (int d = 0; d < idx.length; d++) { ao += idx[d] * aStr[d]; bo += idx[d] * bStr[d]; }
            int co = t * m * n;
            if (os.f32 != null) {
                Gemm.sgemm(m, n, k, as.f32, ao, aStr[r - 2], aStr[r - 1], bs.f32, bo, bStr[r - 2], bStr[r - 1], os.f32, co, n, false);
            } else {
                Gemm.dgemm(m, n, k, as.f64, ao, aStr[r - 2], aStr[r - 1], bs.f64, bo, bStr[r - 2], bStr[r - 1], os.f64, co, n, false);
            }
            Shape.increment(idx, batchShape);
        }
    }
}
