package dev.teak.tensor.cpu;

import dev.teak.tensor.NdArray;
import dev.teak.tensor.sparse.CsrMatrix;

/**
 * Sparse (CSR) times dense, parallel over output rows: row i of the result is
 * {@code sum_k values[k] * dense[colIdx[k], :]} over the row's entries, summed in entry order.
 * Rows are independent, so threads never share an output element and the result does not
 * depend on the thread count.
 *
 * <p>The row loops come in two implementations chosen with the float32 kernels
 * ({@link KernelPath}): {@link VectorSparse}, which keeps a block of the output row in vector
 * registers across all of the row's entries (measured 2.5-4x faster than an axpy per entry for
 * 16-128 dense columns), and the scalar {@link #SCALAR}, an axpy per entry.
 */
final class CpuSparse {
    private CpuSparse() {}

    /** Row loops: {@code y[i, :] = sum_k v[k] x[ci[k], :]} for rows {@code [lo, hi)}, y zeroed on entry. */
    interface Rows {
        void f32(int lo, int hi, int[] rp, int[] ci, float[] v, int vOff, float[] x, int xOff, float[] y, int yOff, int n);

        void f64(int lo, int hi, int[] rp, int[] ci, double[] v, int vOff, double[] x, int xOff, double[] y, int yOff, int n);
    }

    static final Rows SCALAR = new Rows() {
        @Override
        public void f32(int lo, int hi, int[] rp, int[] ci, float[] v, int vOff, float[] x, int xOff, float[] y, int yOff, int n) {
            for (int i = lo; i < hi; i++) {
                int yo = yOff + i * n;
                for (int k = rp[i]; k < rp[i + 1]; k++) {
                    float a = v[vOff + k];
                    int xo = xOff + ci[k] * n;
                    for (int j = 0; j < n; j++) y[yo + j] += a * x[xo + j];
                }
            }
        }

        @Override
        public void f64(int lo, int hi, int[] rp, int[] ci, double[] v, int vOff, double[] x, int xOff, double[] y, int yOff, int n) {
            for (int i = lo; i < hi; i++) {
                int yo = yOff + i * n;
                for (int k = rp[i]; k < rp[i + 1]; k++) {
                    double a = v[vOff + k];
                    int xo = xOff + ci[k] * n;
                    for (int j = 0; j < n; j++) y[yo + j] += a * x[xo + j];
                }
            }
        }
    };

    private static final Rows ACTIVE = choose();

    /** The vector loops when the float32 kernels are the vector ones (same switch, same module test). */
    private static Rows choose() {
        if (KernelPath.active() == KernelPath.scalar()) return SCALAR;
        return vectorOrNull() != null ? vectorOrNull() : SCALAR;
    }

    /** The Vector API loops, or null when the module is absent (loaded reflectively, as in {@link KernelPath}). */
    static Rows vectorOrNull() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return null;
        try {
            return (Rows) Class.forName("dev.teak.tensor.cpu.VectorSparse").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    static void spmm(CsrMatrix a, NdArray dense, NdArray out) { spmm(a, dense, out, ACTIVE); }

    /** {@code out = a @ dense} with the given row loops; {@code out} is zeroed, contiguous, of out's dtype. */
    static void spmm(CsrMatrix a, NdArray dense, NdArray out, Rows rows) {
        NdArray d = dense.to(out.dtype()).contiguous();
        NdArray vals = a.values().to(out.dtype()).contiguous();
        CpuStorage ds = (CpuStorage) d.storage(), vs = (CpuStorage) vals.storage(), os = (CpuStorage) out.storage();
        int[] rp = a.rowPtr(), ci = a.colIdx();
        int n = d.size(1), dOff = d.offset(), vOff = vals.offset(), oOff = out.offset();
        if (n == 0) return;
        // A row costs about n * (nnz / rows) multiply-adds; chunks of about GRAIN of them.
        long perRow = (long) n * Math.max(1, a.nnz() / Math.max(1, a.rows()));
        int grain = (int) Math.max(1, Parallel.GRAIN / perRow);
        if (os.f32 != null) {
            float[] x = ds.f32, v = vs.f32, y = os.f32;
            Parallel.forRange(a.rows(), grain, (lo, hi) -> rows.f32(lo, hi, rp, ci, v, vOff, x, dOff, y, oOff, n));
        } else {
            double[] x = ds.f64, v = vs.f64, y = os.f64;
            Parallel.forRange(a.rows(), grain, (lo, hi) -> rows.f64(lo, hi, rp, ci, v, vOff, x, dOff, y, oOff, n));
        }
    }
}
