package dev.teak.tensor.cpu;

/**
 * The float64 product behind {@link Gemm#dgemm}: the same cache blocking as float32 (a shared
 * packed {@code KC x NC} panel of B, per-thread packed {@code MC x KC} blocks of A) with a
 * portable 4 x 4 micro-kernel. It serves gradient checks and float64 models, where
 * correctness for any strides matters more than peak speed. As for float32, each element of
 * C is summed by one thread in a fixed k order, so the thread count does not change results.
 */
final class GemmDouble {
    private GemmDouble() {}

    static final int MR = 4, NR = 4, KC = 256, MC = 128, NC = 2048;

    static void dgemm(int m, int n, int k,
                      double[] a, int aOff, int aRow, int aCol,
                      double[] b, int bOff, int bRow, int bCol,
                      double[] c, int cOff, int ldc, boolean accumulate) {
        Gemm.checkSizes("dgemm", m, n, k, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0) {
            if (!accumulate) for (int i = 0; i < m; i++) java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0.0);
            return;
        }
        final boolean parallel = Parallel.threads() > 1 && (long) m * n * k >= Gemm.PARALLEL_FMAS;
        GemmWorkspace ws = GemmWorkspace.acquireDriver();
        try {
            for (int jc = 0; jc < n; jc += NC) {
                final int nc = Math.min(NC, n - jc);
                for (int pc = 0; pc < k; pc += KC) {
                    final int kc = Math.min(KC, k - pc);
                    final boolean overwrite = !accumulate && pc == 0;
                    final double[] bp = ws.db(((nc + NR - 1) / NR) * NR * kc);
                    packB(kc, nc, b, bOff + pc * bRow + jc * bCol, bRow, bCol, bp);
                    final int blocks = (m + MC - 1) / MC;
                    final int aBase = aOff + pc * aCol, cBase = cOff + jc;
                    Parallel.forRange(blocks, parallel ? 1 : blocks, (lo, hi) -> {
                        GemmWorkspace tw = GemmWorkspace.acquireTask();
                        try {
                            for (int t = lo; t < hi; t++) {
                                int ic = t * MC, mc = Math.min(MC, m - ic);
                                double[] ap = tw.da(((mc + MR - 1) / MR) * MR * kc);
                                packA(mc, kc, a, aBase + ic * aRow, aRow, aCol, ap);
                                macro(mc, nc, kc, ap, bp, c, cBase + ic * ldc, ldc, overwrite, tw.dtile(MR * NR));
                            }
                        } finally {
                            tw.release();
                        }
                    });
                }
            }
        } finally {
            ws.release();
        }
    }

    /** Element (i, p) of the block goes to {@code ap[(i/MR)*MR*kc + p*MR + i%MR]}, zero-padded. */
    private static void packA(int mc, int kc, double[] a, int off, int rs, int cs, double[] ap) {
        int d = 0;
        for (int ir = 0; ir < mc; ir += MR) {
            int h = Math.min(MR, mc - ir), base = off + ir * rs;
            for (int p = 0; p < kc; p++) {
                int src = base + p * cs, dp = d + p * MR;
                for (int i = 0; i < h; i++) ap[dp + i] = a[src + i * rs];
                for (int i = h; i < MR; i++) ap[dp + i] = 0.0;
            }
            d += MR * kc;
        }
    }

    /** Element (p, j) of the panel goes to {@code bp[(j/NR)*NR*kc + p*NR + j%NR]}, zero-padded. */
    private static void packB(int kc, int nc, double[] b, int off, int rs, int cs, double[] bp) {
        int d = 0;
        for (int jr = 0; jr < nc; jr += NR) {
            int w = Math.min(NR, nc - jr), base = off + jr * cs;
            for (int p = 0; p < kc; p++) {
                int src = base + p * rs, dp = d + p * NR;
                for (int j = 0; j < w; j++) bp[dp + j] = b[src + j * cs];
                for (int j = w; j < NR; j++) bp[dp + j] = 0.0;
            }
            d += NR * kc;
        }
    }

    private static void macro(int mc, int nc, int kc, double[] ap, double[] bp,
                              double[] c, int co, int ldc, boolean overwrite, double[] tile) {
        for (int jr = 0; jr < nc; jr += NR) {
            int w = Math.min(NR, nc - jr);
            for (int ir = 0; ir < mc; ir += MR) {
                int h = Math.min(MR, mc - ir), cpos = co + ir * ldc + jr;
                if (h == MR && w == NR) {
                    tile(kc, ap, ir * kc, bp, jr * kc, c, cpos, ldc, overwrite);
                } else {
                    tile(kc, ap, ir * kc, bp, jr * kc, tile, 0, NR, true);
                    for (int i = 0; i < h; i++) {
                        int ci = cpos + i * ldc, ti = i * NR;
                        if (overwrite) System.arraycopy(tile, ti, c, ci, w);
                        else for (int j = 0; j < w; j++) c[ci + j] += tile[ti + j];
                    }
                }
            }
        }
    }

    /**
     * A 4 x 4 tile in sixteen locals (kept in registers): its k-block sum from zero, then
     * C = S or C += S, as the float32 kernels do.
     */
    private static void tile(int kc, double[] ap, int ao, double[] bp, int bo, double[] c, int co, int ldc, boolean overwrite) {
        double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        double s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
        for (int p = 0; p < kc; p++) {
            int a = ao + p * MR, b = bo + p * NR;
            double b0 = bp[b], b1 = bp[b + 1], b2 = bp[b + 2], b3 = bp[b + 3];
            double x = ap[a];
            s00 += x * b0; s01 += x * b1; s02 += x * b2; s03 += x * b3;
            x = ap[a + 1];
            s10 += x * b0; s11 += x * b1; s12 += x * b2; s13 += x * b3;
            x = ap[a + 2];
            s20 += x * b0; s21 += x * b1; s22 += x * b2; s23 += x * b3;
            x = ap[a + 3];
            s30 += x * b0; s31 += x * b1; s32 += x * b2; s33 += x * b3;
        }
        store(c, co, s00, s01, s02, s03, overwrite);
        store(c, co + ldc, s10, s11, s12, s13, overwrite);
        store(c, co + 2 * ldc, s20, s21, s22, s23, overwrite);
        store(c, co + 3 * ldc, s30, s31, s32, s33, overwrite);
    }

    private static void store(double[] c, int i, double s0, double s1, double s2, double s3, boolean overwrite) {
        if (overwrite) {
            c[i] = s0; c[i + 1] = s1; c[i + 2] = s2; c[i + 3] = s3;
        } else {
            c[i] += s0; c[i + 1] += s1; c[i + 2] += s2; c[i + 3] += s3;
        }
    }
}
