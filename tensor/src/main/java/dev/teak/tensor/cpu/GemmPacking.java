package dev.teak.tensor.cpu;

/**
 * Copies blocks of the float32 operands of {@link Gemm} into the contiguous micro-panel layout
 * the micro-kernel reads. Any row and column strides are accepted (a transposed view has unit
 * row stride, a broadcast view a zero stride), so no operand is ever made contiguous first.
 * Panels are zero-padded to full height or width, which makes the padded rows and columns of
 * a tile sum to zero and lets the kernel always run full tiles.
 */
final class GemmPacking {
    private GemmPacking() {}

    /**
     * Packs the {@code mc x kc} block of A starting at {@code a[off]} into micro-panels of
     * {@code mr} rows: element (i, p) goes to {@code ap[(i/mr)*mr*kc + p*mr + i%mr]}.
     */
    static void packA(int mc, int kc, float[] a, int off, int rs, int cs, float[] ap, int mr) {
        int d = 0;
        for (int ir = 0; ir < mc; ir += mr) {
            int h = Math.min(mr, mc - ir);
            int base = off + ir * rs;
            if (cs == 1 && h == mr) {
                // Row-major A: read each row contiguously, write with stride mr.
                for (int i = 0; i < mr; i++) {
                    int src = base + i * rs;
                    for (int p = 0; p < kc; p++) ap[d + p * mr + i] = a[src + p];
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = base + p * cs, dp = d + p * mr;
                    for (int i = 0; i < h; i++) ap[dp + i] = a[src + i * rs];
                    for (int i = h; i < mr; i++) ap[dp + i] = 0f;
                }
            }
            d += mr * kc;
        }
    }

    /**
     * Packs the {@code kc x nc} block of B starting at {@code b[off]} into micro-panels of
     * {@code nr} columns: element (p, j) goes to {@code bp[d0 + (j/nr)*nr*kc + p*nr + j%nr]}.
     */
    static void packB(int kc, int nc, float[] b, int off, int rs, int cs, float[] bp, int d0, int nr) {
        int d = d0;
        for (int jr = 0; jr < nc; jr += nr) {
            int w = Math.min(nr, nc - jr);
            int base = off + jr * cs;
            if (cs == 1 && w == nr) {
                // Row-major B: each micro-panel row is a contiguous run of nr values.
                for (int p = 0; p < kc; p++) System.arraycopy(b, base + p * rs, bp, d + p * nr, nr);
            } else if (rs == 1 && w == nr) {
                // Transposed B: read each column contiguously, write with stride nr.
                for (int j = 0; j < nr; j++) {
                    int src = base + j * cs;
                    for (int p = 0; p < kc; p++) bp[d + p * nr + j] = b[src + p];
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = base + p * rs, dp = d + p * nr;
                    for (int j = 0; j < w; j++) bp[dp + j] = b[src + j * cs];
                    for (int j = w; j < nr; j++) bp[dp + j] = 0f;
                }
            }
            d += nr * kc;
        }
    }
}
