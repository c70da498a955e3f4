package dev.teak.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API micro-kernel: a 6 x 2L tile of C (L = floats per register, 16 with AVX-512)
 * held in twelve accumulator registers. Each step of k loads two vectors of the B micro-panel,
 * broadcasts one value from each of six rows of A and issues twelve fused multiply-adds, so the
 * loads are amortised over 12 FMAs.
 *
 * <p>Larger tiles lose on JDK 17 (measured on one Zen 5 core, packed operands in cache; a pure
 * FMA loop peaks at 267 GFLOP/s): 6x32 230-245 GFLOP/s, 4x48 205, 12x32 and 8x48 (24
 * accumulators) 155-165, 8x32 and 7x32 115-120. The disassembly (hsdis) shows why: with 16 or
 * more accumulators C2 spills one of them inside the k loop (the accumulators stay live across
 * the strip-mined loop's safepoint), and the store-reload puts memory latency on that
 * accumulator's chain, halving the rate; with 12 there is no spill. Loaded only through
 * {@link Gemm#kernel()} when the module is present.
 */
final class VectorGemmKernel implements GemmKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    static final int MR = 6, NR = 2 * L;

    @Override public int mr() { return MR; }
    @Override public int nr() { return NR; }
    @Override public String describe() { return "vector " + MR + "x" + NR + " (" + S.vectorBitSize() + "-bit)"; }

    @Override
    public void tile(int kc, float[] a, int ao, int lda, float[] bp, int bo, int ldb, float[] c, int co, int ldc, boolean overwrite) {
        // One index per row of A: each is the loop counter plus an invariant, so C2 hoists
        // their bounds checks out of the loop.
        final int a0 = ao, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda;
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (int p = 0; p < kc; p++) {
            int b = bo + p * ldb;
            FloatVector b0 = FloatVector.fromArray(S, bp, b), b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[a4 + p]);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[a5 + p]);
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
        }
        // The stores are written out: a helper taking the accumulators was not inlined once the
        // tile's own code had used up C2's node budget, and its arguments were boxed (see JitDirectives).
        int r1 = co + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc;
        if (overwrite) {
            c00.intoArray(c, co); c01.intoArray(c, co + L);
            c10.intoArray(c, r1); c11.intoArray(c, r1 + L);
            c20.intoArray(c, r2); c21.intoArray(c, r2 + L);
            c30.intoArray(c, r3); c31.intoArray(c, r3 + L);
            c40.intoArray(c, r4); c41.intoArray(c, r4 + L);
            c50.intoArray(c, r5); c51.intoArray(c, r5 + L);
        } else {
            c00.add(FloatVector.fromArray(S, c, co)).intoArray(c, co); c01.add(FloatVector.fromArray(S, c, co + L)).intoArray(c, co + L);
            c10.add(FloatVector.fromArray(S, c, r1)).intoArray(c, r1); c11.add(FloatVector.fromArray(S, c, r1 + L)).intoArray(c, r1 + L);
            c20.add(FloatVector.fromArray(S, c, r2)).intoArray(c, r2); c21.add(FloatVector.fromArray(S, c, r2 + L)).intoArray(c, r2 + L);
            c30.add(FloatVector.fromArray(S, c, r3)).intoArray(c, r3); c31.add(FloatVector.fromArray(S, c, r3 + L)).intoArray(c, r3 + L);
            c40.add(FloatVector.fromArray(S, c, r4)).intoArray(c, r4); c41.add(FloatVector.fromArray(S, c, r4 + L)).intoArray(c, r4 + L);
            c50.add(FloatVector.fromArray(S, c, r5)).intoArray(c, r5); c51.add(FloatVector.fromArray(S, c, r5 + L)).intoArray(c, r5 + L);
        }
    }

    /**
     * {@link #tile} reading A by columns: the six values of step p are adjacent, at
     * {@code a[ao + p*lda]}, so C2 checks their bounds once per step. A copy of the loop above,
     * not a shared one with a flag: C2 would unswitch it into two loops whose accumulators meet
     * in a merge, and JDK 17 boxes vectors there (see JitDirectives).
     */
    @Override
    public void tileColumns(int kc, float[] a, int ao, int lda, float[] bp, int bo, int ldb, float[] c, int co, int ldc, boolean overwrite) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (int p = 0; p < kc; p++) {
            int b = bo + p * ldb, q = ao + p * lda;
            FloatVector b0 = FloatVector.fromArray(S, bp, b), b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector x = FloatVector.broadcast(S, a[q]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[q + 1]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[q + 2]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[q + 3]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[q + 4]);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[q + 5]);
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
        }
        int r1 = co + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc;
        if (overwrite) {
            c00.intoArray(c, co); c01.intoArray(c, co + L);
            c10.intoArray(c, r1); c11.intoArray(c, r1 + L);
            c20.intoArray(c, r2); c21.intoArray(c, r2 + L);
            c30.intoArray(c, r3); c31.intoArray(c, r3 + L);
            c40.intoArray(c, r4); c41.intoArray(c, r4 + L);
            c50.intoArray(c, r5); c51.intoArray(c, r5 + L);
        } else {
            c00.add(FloatVector.fromArray(S, c, co)).intoArray(c, co); c01.add(FloatVector.fromArray(S, c, co + L)).intoArray(c, co + L);
            c10.add(FloatVector.fromArray(S, c, r1)).intoArray(c, r1); c11.add(FloatVector.fromArray(S, c, r1 + L)).intoArray(c, r1 + L);
            c20.add(FloatVector.fromArray(S, c, r2)).intoArray(c, r2); c21.add(FloatVector.fromArray(S, c, r2 + L)).intoArray(c, r2 + L);
            c30.add(FloatVector.fromArray(S, c, r3)).intoArray(c, r3); c31.add(FloatVector.fromArray(S, c, r3 + L)).intoArray(c, r3 + L);
            c40.add(FloatVector.fromArray(S, c, r4)).intoArray(c, r4); c41.add(FloatVector.fromArray(S, c, r4 + L)).intoArray(c, r4 + L);
            c50.add(FloatVector.fromArray(S, c, r5)).intoArray(c, r5); c51.add(FloatVector.fromArray(S, c, r5 + L)).intoArray(c, r5 + L);
        }
    }

    private static final GemmKernel NARROW = new Narrow();
    @Override public GemmKernel narrow() { return NARROW; }
    /**
     * An 8 x L tile for products at most L columns wide (a GCN layer's 16 columns, a
     * classifier's 10): eight accumulators, one B vector and eight broadcasts per step of k.
     * Measured on one core over 16 columns: 186 GFLOP/s of useful work against 121 for the
     * 6 x 2L kernel half padding; 6 x L 167 (too few accumulators to hide the FMA latency),
     * 10 x L 184, 12 x L 154.
     */
    static final class Narrow implements GemmKernel {
        static final int MR = 8;

        @Override public int mr() { return MR; }
        @Override public int nr() { return L; }
        @Override public String describe() { return "vector " + MR + "x" + L + " (" + S.vectorBitSize() + "-bit)"; }

        @Override
        public void tile(int kc, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc, boolean overwrite) {
            final int a0 = ao, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda, a6 = a5 + lda, a7 = a6 + lda;
            FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
            for (int p = 0; p < kc; p++) {
                FloatVector v = FloatVector.fromArray(S, b, bo + p * ldb);
                c0 = FloatVector.broadcast(S, a[a0 + p]).fma(v, c0);
                c1 = FloatVector.broadcast(S, a[a1 + p]).fma(v, c1);
                c2 = FloatVector.broadcast(S, a[a2 + p]).fma(v, c2);
                c3 = FloatVector.broadcast(S, a[a3 + p]).fma(v, c3);
                c4 = FloatVector.broadcast(S, a[a4 + p]).fma(v, c4);
                c5 = FloatVector.broadcast(S, a[a5 + p]).fma(v, c5);
                c6 = FloatVector.broadcast(S, a[a6 + p]).fma(v, c6);
                c7 = FloatVector.broadcast(S, a[a7 + p]).fma(v, c7);
            }
            int r1 = co + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc, r6 = r5 + ldc, r7 = r6 + ldc;
            if (overwrite) {
                c0.intoArray(c, co); c1.intoArray(c, r1); c2.intoArray(c, r2); c3.intoArray(c, r3);
                c4.intoArray(c, r4); c5.intoArray(c, r5); c6.intoArray(c, r6); c7.intoArray(c, r7);
            } else {
                c0.add(FloatVector.fromArray(S, c, co)).intoArray(c, co); c1.add(FloatVector.fromArray(S, c, r1)).intoArray(c, r1);
                c2.add(FloatVector.fromArray(S, c, r2)).intoArray(c, r2); c3.add(FloatVector.fromArray(S, c, r3)).intoArray(c, r3);
                c4.add(FloatVector.fromArray(S, c, r4)).intoArray(c, r4); c5.add(FloatVector.fromArray(S, c, r5)).intoArray(c, r5);
                c6.add(FloatVector.fromArray(S, c, r6)).intoArray(c, r6); c7.add(FloatVector.fromArray(S, c, r7)).intoArray(c, r7);
            }
        }

        /** {@link #tile} reading A by columns, like the wide kernel's {@code tileColumns}. */
        @Override
        public void tileColumns(int kc, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc, boolean overwrite) {
            FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
            for (int p = 0; p < kc; p++) {
                FloatVector v = FloatVector.fromArray(S, b, bo + p * ldb);
                int q = ao + p * lda;
                c0 = FloatVector.broadcast(S, a[q]).fma(v, c0);
                c1 = FloatVector.broadcast(S, a[q + 1]).fma(v, c1);
                c2 = FloatVector.broadcast(S, a[q + 2]).fma(v, c2);
                c3 = FloatVector.broadcast(S, a[q + 3]).fma(v, c3);
                c4 = FloatVector.broadcast(S, a[q + 4]).fma(v, c4);
                c5 = FloatVector.broadcast(S, a[q + 5]).fma(v, c5);
                c6 = FloatVector.broadcast(S, a[q + 6]).fma(v, c6);
                c7 = FloatVector.broadcast(S, a[q + 7]).fma(v, c7);
            }
            int r1 = co + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc, r6 = r5 + ldc, r7 = r6 + ldc;
            if (overwrite) {
                c0.intoArray(c, co); c1.intoArray(c, r1); c2.intoArray(c, r2); c3.intoArray(c, r3);
                c4.intoArray(c, r4); c5.intoArray(c, r5); c6.intoArray(c, r6); c7.intoArray(c, r7);
            } else {
                c0.add(FloatVector.fromArray(S, c, co)).intoArray(c, co); c1.add(FloatVector.fromArray(S, c, r1)).intoArray(c, r1);
                c2.add(FloatVector.fromArray(S, c, r2)).intoArray(c, r2); c3.add(FloatVector.fromArray(S, c, r3)).intoArray(c, r3);
                c4.add(FloatVector.fromArray(S, c, r4)).intoArray(c, r4); c5.add(FloatVector.fromArray(S, c, r5)).intoArray(c, r5);
                c6.add(FloatVector.fromArray(S, c, r6)).intoArray(c, r6); c7.add(FloatVector.fromArray(S, c, r7)).intoArray(c, r7);
            }
        }
    }
}
