package dev.teak.tensor.cpu;

/**
 * The portable micro-kernel: a 4 x 16 tile kept in a local array whose inner loop over the
 * 16 columns the JIT's auto-vectoriser can turn into SIMD code. Used when the Vector API is
 * absent or {@code -Dteak.kernels=scalar}, and as the reference the vector kernel is tested
 * against.
 */
final class ScalarGemmKernel implements GemmKernel {
    static final int MR = 4, NR = 16;

    @Override public int mr() { return MR; }
    @Override public int nr() { return NR; }
    @Override public String describe() { return "scalar " + MR + "x" + NR; }

    @Override
    public void tile(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc, boolean overwrite) {
        float[] s = new float[MR * NR]; // a 256-byte scratch from the thread-local allocation buffer
        for (int p = 0; p < kc; p++) {
            int a = ao + p * MR, b = bo + p * NR;
            for (int i = 0; i < MR; i++) {
                float ai = ap[a + i];
                int row = i * NR;
                for (int j = 0; j < NR; j++) s[row + j] += ai * bp[b + j];
            }
        }
        for (int i = 0; i < MR; i++) {
            int ci = co + i * ldc, row = i * NR;
            if (overwrite) {
                System.arraycopy(s, row, c, ci, NR);
            } else {
                for (int j = 0; j < NR; j++) c[ci + j] += s[row + j];
            }
        }
    }
}
