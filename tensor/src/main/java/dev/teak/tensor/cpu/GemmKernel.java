package dev.teak.tensor.cpu;

/**
 * The float32 register-blocked micro-kernel of {@link Gemm}: one {@code mr() x nr()} tile of C
 * from a packed micro-panel of A and one of B,
 * <pre>  C[i][j] (+)= sum_{p < kc} Ap[p*mr + i] * Bp[p*nr + j]</pre>
 * Both panels are zero-padded to full height and width, so the kernel always computes a full
 * tile; the driver handles partial tiles at the edges of C. Implementations: {@link
 * ScalarGemmKernel} (any JVM) and {@code VectorGemmKernel} (when {@code jdk.incubator.vector}
 * is present), chosen once by {@link Gemm#kernel()}.
 */
interface GemmKernel {
    /** Tile height: rows of C per call (the height of an A micro-panel). */
    int mr();

    /** Tile width: columns of C per call (the width of a B micro-panel). */
    int nr();

    /** e.g. {@code vector 6x32}. */
    String describe();

    /**
     * Computes the tile's k-block sum {@code S[i][j] = sum_p Ap[ao + p*mr + i] * Bp[bo + p*nr + j]}
     * in ascending {@code p}, starting from zero, then stores {@code C = S} ({@code overwrite})
     * or {@code C = C + S}. C's tile starts at {@code co}, rows {@code ldc} apart, unit columns.
     * Summing from zero before adding keeps full and edge tiles bit-identical.
     */
    void tile(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc, boolean overwrite);
}
