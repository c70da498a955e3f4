package dev.teak.tensor.cpu;

/**
 * Float32 products with a single row or column of C (vector-matrix and matrix-vector), done
 * without packing: there every operand element is used once, so packing would double the
 * memory traffic and the kernel would spend most of a tile on zero padding. Measured on two
 * busy cores: 1 x 1024 @ 1024 x 1024 in about 140 us instead of 340, 1024 x 1024 @ 1024 x 1 in
 * about 100 us instead of 800.
 * Only layouts with a unit-stride inner loop are taken; the rest go the packed way. Work is
 * split across threads by output element, each summed in ascending k by one thread.
 */
final class GemmSkinny {
    private GemmSkinny() {}

    /** Columns per run of the vector-matrix product: a multiple of every vector width, and
     *  short enough (1 KiB of C) to stay in L1 while the rows of B stream past. */
    private static final int AXPY_BLOCK = 256;

    /**
     * Computes the product and returns true, or returns false (having written nothing) when
     * the shape or layout is not one handled here.
     */
    static boolean sgemm(Kernels kern, int m, int n, int k,
                         float[] a, int aOff, int aRow, int aCol,
                         float[] b, int bOff, int bRow, int bCol,
                         float[] c, int cOff, int ldc, boolean accumulate) {
        int grain = (int) Math.max(1, Gemm.PARALLEL_FMAS / k);
        if (m == 1 && bCol == 1) {
            // c[0, :] (+)= sum_p a[0, p] * B[p, :]: k scaled rows of B added in ascending p, over
            // fixed column blocks (a vector axpy rounds its tail lanes differently from its body,
            // so the run boundaries must not move with the thread count).
            int blocks = (n + AXPY_BLOCK - 1) / AXPY_BLOCK;
            Parallel.forRange(blocks, Math.max(1, grain / AXPY_BLOCK), (lo, hi) -> {
                for (int t = lo; t < hi; t++) {
                    int j0 = t * AXPY_BLOCK, w = Math.min(AXPY_BLOCK, n - j0);
                    if (!accumulate) java.util.Arrays.fill(c, cOff + j0, cOff + j0 + w, 0f);
                    for (int p = 0; p < k; p++) kern.axpy(a[aOff + p * aCol], b, bOff + p * bRow + j0, c, cOff + j0, w);
                }
            });
            return true;
        }
        if (m == 1 && aCol == 1 && bRow == 1) {
            // c[0, j] (+)= dot(a[0, :], B[:, j]), B's columns contiguous (a transposed view).
            Parallel.forRange(n, grain, (lo, hi) -> {
                for (int j = lo; j < hi; j++) store(c, cOff + j, kern.dot(a, aOff, b, bOff + j * bCol, k), accumulate);
            });
            return true;
        }
        if (n == 1 && aCol == 1 && bRow == 1) {
            // c[i, 0] (+)= dot(A[i, :], b[:, 0]).
            Parallel.forRange(m, grain, (lo, hi) -> {
                for (int i = lo; i < hi; i++) store(c, cOff + i * ldc, kern.dot(a, aOff + i * aRow, b, bOff, k), accumulate);
            });
            return true;
        }
        return false;
    }

    private static void store(float[] c, int i, float v, boolean accumulate) {
        c[i] = accumulate ? c[i] + v : v;
    }
}
