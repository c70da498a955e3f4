package dev.teak.tensor.cpu;

/**
 * The portable micro-kernel: a 4 x 4 tile held in sixteen local variables, which the JIT keeps
 * in registers, so each step of k costs eight loads for sixteen multiply-adds. Used when the
 * Vector API is absent or {@code -Dteak.kernels=scalar}, and as the reference the vector kernel
 * is tested against. Products and sums round separately (no fused multiply-add, which is slow
 * in software on machines without it).
 */
final class ScalarGemmKernel implements GemmKernel {
    static final int MR = 4, NR = 4;

    @Override public int mr() { return MR; }
    @Override public int nr() { return NR; }
    @Override public String describe() { return "scalar " + MR + "x" + NR; }

    @Override
    public void tile(int kc, float[] a, int ao, int lda, float[] bp, int bo, int ldb, float[] c, int co, int ldc, boolean overwrite) {
        strided(kc, a, ao, lda, 1, bp, bo, ldb, c, co, ldc, overwrite);
    }

    @Override
    public void tileColumns(int kc, float[] a, int ao, int lda, float[] bp, int bo, int ldb, float[] c, int co, int ldc, boolean overwrite) {
        strided(kc, a, ao, 1, lda, bp, bo, ldb, c, co, ldc, overwrite);
    }

    /** The tile with {@code A[i][p] = a[ao + i*rs + p*cs]}. */
    private static void strided(int kc, float[] a, int ao, int rs, int cs, float[] bp, int bo, int ldb, float[] c, int co, int ldc, boolean overwrite) {
        final int a0 = ao, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
        float s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        float s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
        for (int p = 0; p < kc; p++) {
            int b = bo + p * ldb;
            float b0 = bp[b], b1 = bp[b + 1], b2 = bp[b + 2], b3 = bp[b + 3];
            int q = p * cs;
            float x = a[a0 + q];
            s00 += x * b0; s01 += x * b1; s02 += x * b2; s03 += x * b3;
            x = a[a1 + q];
            s10 += x * b0; s11 += x * b1; s12 += x * b2; s13 += x * b3;
            x = a[a2 + q];
            s20 += x * b0; s21 += x * b1; s22 += x * b2; s23 += x * b3;
            x = a[a3 + q];
            s30 += x * b0; s31 += x * b1; s32 += x * b2; s33 += x * b3;
        }
        store(c, co, s00, s01, s02, s03, overwrite);
        store(c, co + ldc, s10, s11, s12, s13, overwrite);
        store(c, co + 2 * ldc, s20, s21, s22, s23, overwrite);
        store(c, co + 3 * ldc, s30, s31, s32, s33, overwrite);
    }

    private static void store(float[] c, int i, float s0, float s1, float s2, float s3, boolean overwrite) {
        if (overwrite) {
            c[i] = s0; c[i + 1] = s1; c[i + 2] = s2; c[i + 3] = s3;
        } else {
            c[i] += s0; c[i + 1] += s1; c[i + 2] += s2; c[i + 3] += s3;
        }
    }
}
