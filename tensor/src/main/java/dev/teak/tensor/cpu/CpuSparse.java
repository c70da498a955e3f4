package dev.teak.tensor.cpu;

import dev.teak.tensor.NdArray;
import dev.teak.tensor.sparse.CsrMatrix;

/** Sparse (CSR) times dense, parallel over rows: each output row is a sum of scaled dense rows. */
final class CpuSparse {
    private CpuSparse() {}

    static void spmm(CsrMatrix a, NdArray dense, NdArray out) {
        NdArray d = dense.contiguous();
        NdArray vals = a.values().contiguous();
        CpuStorage ds = (CpuStorage) d.storage(), vs = (CpuStorage) vals.storage(), os = (CpuStorage) out.storage();
        int[] rp = a.rowPtr(), ci = a.colIdx();
        int n = d.size(1), dOff = d.offset(), vOff = vals.offset();
        int grain = Math.max(1, Parallel.GRAIN / Math.max(1, n * Math.max(1, a.nnz() / Math.max(1, a.rows()))));
        Kernels kern = KernelPath.active();
        Parallel.forRange(a.rows(), grain, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                for (int k = rp[i]; k < rp[i + 1]; k++) {
                    int src = dOff + ci[k] * n;
                    if (os.f32 != null) {
                        kern.axpy(vs.f32[vOff + k], ds.f32, src, os.f32, i * n, n);
                    } else {
                        double v = vs.f64[vOff + k];
                        for (int j = 0; j < n; j++) os.f64[i * n + j] += v * ds.f64[src + j];
                    }
                }
            }
        });
    }
}
