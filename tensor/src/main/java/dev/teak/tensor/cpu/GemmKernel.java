package dev.teak.tensor.cpu;

/**
 * The float32 register-blocked micro-kernel of {@link Gemm}: one {@code mr() x nr()} tile of C
 * from {@code mr()} rows of A and {@code nr()} columns of B,
 * <pre>  C[i][j] (+)= sum_{p < kc} A[ao + i*lda + p] * B[bo + p*ldb + j]</pre>
 * Both are read where they lie: a row-major operand in place, or a packed copy ({@code lda =
 * kc} for A, {@code ldb = nr} for a B micro-panel). The driver hands partial tiles over as
 * zero-padded copies, so the kernel always computes a full tile. Implementations: {@link ScalarGemmKernel} (any JVM) and
 * {@code VectorGemmKernel} (when {@code jdk.incubator.vector} is present), chosen once by
 * {@link Gemm#kernel()}.
 */
interface GemmKernel {
    /** Tile height: rows of C per call. */
    int mr();

    /** Tile width: columns of C per call (the width of a B micro-panel). */
    int nr();

    /** e.g. {@code vector 6x32}. */
    String describe();

    /**
     * Computes the tile's k-block sum {@code S[i][j] = sum_p A[ao + i*lda + p] * B[bo + p*ldb + j]}
     * in ascending {@code p}, starting from zero, then stores {@code C = S} ({@code overwrite})
     * or {@code C = C + S}. C's tile starts at {@code co}, rows {@code ldc} apart, unit columns.
     * Summing from zero before adding keeps full and edge tiles bit-identical.
     */
    void tile(int kc, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc, boolean overwrite);

    /**
     * {@link #tile} with A stored by columns, {@code A[i][p] = a[ao + p*lda + i]}: a transposed
     * operand (a weight gradient's {@code dY^T}) read in place instead of packed. The same sums
     * in the same order, so the two give identical tiles.
     */
    void tileColumns(int kc, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc, boolean overwrite);

    /**
     * The kernel for products at most {@code nr() / 2} columns wide, where this one would spend
     * half of every tile on padding; this kernel itself when it has no narrower variant. Any
     * kernel sums each element of C in the same order, so the choice never changes a result.
     */
    default GemmKernel narrow() { return this; }
}
