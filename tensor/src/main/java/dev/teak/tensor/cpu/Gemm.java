package dev.teak.tensor.cpu;

/**
 * General matrix multiply on heap arrays with arbitrary row and column strides:
 * {@code C[m x n] (+)= A[m x k] * B[k x n]}, {@code C} row-major with leading dimension
 * {@code ldc}. Strides let transposed and broadcast views be multiplied without a copy.
 */
public final class Gemm {
    private Gemm() {}

    /** float32 product; {@code accumulate} adds into C instead of overwriting it. */
    public static void sgemm(int m, int n, int k,
                             float[] a, int aOff, int aRow, int aCol,
                             float[] b, int bOff, int bRow, int bCol,
                             float[] c, int cOff, int ldc, boolean accumulate) {
        // Make B's rows unit-stride so each C row is a sum of scaled B rows (axpy).
        float[] bb = b;
        int bo = bOff, br = bRow;
        if (bCol != 1) {
            bb = new float[k * n];
            for (int p = 0; p < k; p++) for (int j = 0; j < n; j++) bb[p * n + j] = b[bOff + p * bRow + j * bCol];
            bo = 0;
            br = n;
        }
        final float[] B = bb;
        final int B0 = bo, BR = br;
        Kernels kern = KernelPath.active();
        Parallel.forRange(m, Math.max(1, Parallel.GRAIN / Math.max(1, n * Math.max(k, 1) / 64)), (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                int ci = cOff + i * ldc;
                if (!accumulate) java.util.Arrays.fill(c, ci, ci + n, 0f);
                for (int p = 0; p < k; p++) {
                    float av = a[aOff + i * aRow + p * aCol];
                    kern.axpy(av, B, B0 + p * BR, c, ci, n);
                }
            }
        });
    }

    /** float64 product (the precision used by gradient checks). */
    public static void dgemm(int m, int n, int k,
                             double[] a, int aOff, int aRow, int aCol,
                             double[] b, int bOff, int bRow, int bCol,
                             double[] c, int cOff, int ldc, boolean accumulate) {
        Parallel.forRange(m, Math.max(1, Parallel.GRAIN / Math.max(1, n * Math.max(k, 1) / 64)), (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                int ci = cOff + i * ldc;
                if (!accumulate) java.util.Arrays.fill(c, ci, ci + n, 0.0);
                for (int p = 0; p < k; p++) {
                    double av = a[aOff + i * aRow + p * aCol];
                    int bp = bOff + p * bRow;
                    for (int j = 0; j < n; j++) c[ci + j] += av * b[bp + j * bCol];
                }
            }
        });
    }
}
