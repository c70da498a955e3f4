package dev.teak.tensor.cpu;

/**
 * General matrix multiply on heap arrays with arbitrary row and column strides:
 * {@code C[m x n] (+)= A[m x k] * B[k x n]}, {@code C} row-major with leading dimension
 * {@code ldc}. Strides let transposed and broadcast views be multiplied without a copy.
 *
 * <p>float32 follows the GotoBLAS/BLIS scheme: for each {@code KC x NC} panel of B (packed into
 * micro-panels {@code NR} wide), the rows of C are taken {@code MC} at a time and a
 * register-blocked {@link GemmKernel} computes {@code MR x NR} tiles from {@code MR} rows of A
 * and one B micro-panel. A is read in place when its rows are contiguous (the usual case:
 * packing it cost about 15% of a 256^3 product) or its columns are (a transposed A, see
 * {@link #readsColumns}), and packed into rows otherwise; B is read in place only when C has
 * few rows (see {@link #block}). KC sizes a B micro-panel for the L1 cache, MC a block of A for
 * L2.
 *
 * <p>Threads: C is cut into a small grid of rectangular tasks of whole tiles (columns first,
 * which needs no extra packing when A is read in place; see {@link #taskCost}), and each task
 * packs its own part of B and runs start to finish on one thread, so a product forks once and
 * never waits at a barrier. Every tile sums k in the same order whatever the grid, so results
 * do not depend on the thread count. A single row or column of C is computed without packing
 * ({@link GemmSkinny}); float64 is in {@link GemmDouble}.
 */
public final class Gemm {
    private Gemm() {}

    // Block sizes. On a 2-core Zen 5 (48 KiB L1, 1 MiB L2 per core, 32 MiB L3) single-thread
    // 1024^3 speed varied by under 5% (within noise) over KC in {128..384} and MC in {72..240},
    // so the sizes follow the cache rule of thumb. KC also fixes the summation order, so it
    // is a constant, not a tuning knob: results must not depend on the machine.
    /** Depth of a packed panel: a KC x NR micro-panel of B (32 KiB) stays in L1 while A streams. */
    static final int KC = 256;
    /** Rows of A per block (rounded to the kernel's MR): an MC x KC block (120 KiB) sits in L2. */
    static final int MC = 120;
    /** Columns of B per packed panel (rounded to NR): a KC x NC panel (up to 4 MiB) sits in L3. */
    static final int NC = 4096;
    /** Multiply-adds (about 100^3) below which a product stays on the calling thread: measured, a
     *  fork-join costs more than it saves for 64^3 on two cores and pays off from 128^3. */
    static final long PARALLEL_FMAS = 1L << 20;

    private static final GemmKernel SCALAR = new ScalarGemmKernel();
    private static final GemmKernel ACTIVE = choose();

    private static GemmKernel choose() {
        if ("scalar".equals(System.getProperty("teak.kernels"))) return SCALAR;
        GemmKernel v = vectorKernelOrNull();
        return v != null ? v : SCALAR;
    }

    /** The micro-kernel in use. */
    static GemmKernel kernel() { return ACTIVE; }

    /** The portable micro-kernel (tests compare it with the vector one). */
    static GemmKernel scalarKernel() { return SCALAR; }

    /** The Vector API micro-kernel, or null when {@code jdk.incubator.vector} is absent. */
    static GemmKernel vectorKernelOrNull() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return null;
        try {
            return (GemmKernel) Class.forName("dev.teak.tensor.cpu.VectorGemmKernel").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** e.g. {@code vector 6x32 (512-bit)}. */
    public static String describe() { return ACTIVE.describe(); }

    /** float32 product; {@code accumulate} adds into C instead of overwriting it. */
    public static void sgemm(int m, int n, int k,
                             float[] a, int aOff, int aRow, int aCol,
                             float[] b, int bOff, int bRow, int bCol,
                             float[] c, int cOff, int ldc, boolean accumulate) {
        sgemm(ACTIVE, m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, bCol, c, cOff, ldc, accumulate);
    }

    /** float64 product (the precision used by gradient checks). */
    public static void dgemm(int m, int n, int k,
                             double[] a, int aOff, int aRow, int aCol,
                             double[] b, int bOff, int bRow, int bCol,
                             double[] c, int cOff, int ldc, boolean accumulate) {
        GemmDouble.dgemm(m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, bCol, c, cOff, ldc, accumulate);
    }

    /** {@link #sgemm} with an explicit micro-kernel. */
    static void sgemm(GemmKernel kern, int m, int n, int k,
                      float[] a, int aOff, int aRow, int aCol,
                      float[] b, int bOff, int bRow, int bCol,
                      float[] c, int cOff, int ldc, boolean accumulate) {
        checkSizes("sgemm", m, n, k, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0) {
            if (!accumulate) for (int i = 0; i < m; i++) java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            return;
        }
        if (!accumulate && aRow == 1 && aCol != 1 && n <= kern.nr() / 2 && m > kern.nr() / 2) {
            // A narrow product whose A is stored transposed (X^T dY, a weight gradient with few
            // outputs) runs as its transpose C^T = B^T A^T: X then packs as row-major B, a copy
            // of each row, where as transposed A every element moved on its own (a GCN's
            // 1433 x 2708 X^T dY with 16 outputs: 3.8 against 1.2 ms on one core). The same sums
            // in the same order (GemmTest checks the results bit for bit), then C^T is transposed.
            float[] ct = new float[n * m];
            sgemm(kern, n, m, k, b, bOff, bCol, bRow, a, aOff, aCol, aRow, ct, 0, m, false);
            for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) c[cOff + i * ldc + j] = ct[j * m + i];
            return;
        }
        Kernels rows = kern == SCALAR ? KernelPath.scalar() : KernelPath.active();
        if ((m == 1 || n == 1) && GemmSkinny.sgemm(rows, m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, bCol, c, cOff, ldc, accumulate)) {
            return;
        }
        final GemmKernel kn = n <= kern.nr() / 2 ? kern.narrow() : kern;
        final int mr = kn.mr(), nr = kn.nr();
        final int tilesM = (m + mr - 1) / mr, tilesN = (n + nr - 1) / nr;
        final boolean aInPlace = aCol == 1 || readsColumns(aRow, aCol);
        int gm = 1, gn = 1;
        final int threads = Parallel.threads();
        if (threads > 1 && (long) m * n * k >= PARALLEL_FMAS) {
            // Cut C into a grid of at most 2 tasks per thread, claimed dynamically: among the
            // grids within 3% of the least estimated time, the one with the most tasks, so a
            // thread the OS deschedules holds back less of the product.
            int most = 2 * threads;
            long[][] cost = new long[Math.min(tilesM, most) + 1][];
            long best = Long.MAX_VALUE;
            for (int i = 1; i < cost.length; i++) {
                cost[i] = new long[Math.min(tilesN, most / i) + 1];
                for (int j = 1; j < cost[i].length; j++) {
                    cost[i][j] = (long) ((i * j + threads - 1) / threads) * taskCost(mr, nr, k, i, j, tilesM, tilesN, aInPlace);
                    best = Math.min(best, cost[i][j]);
                }
            }
            for (int i = 1; i < cost.length; i++) {
                for (int j = 1; j < cost[i].length; j++) {
                    if (cost[i][j] <= best + best / 32 && i * j > gm * gn) { gm = i; gn = j; }
                }
            }
        }
        final int tm = gm, tn = gn;
        Parallel.forRange(tm * tn, 1, (lo, hi) -> {
            GemmWorkspace w = GemmWorkspace.acquireTask();
            try {
                for (int t = lo; t < hi; t++) {
                    int ti = t / tn, tj = t % tn;
                    int i0 = (int) ((long) tilesM * ti / tm) * mr, i1 = Math.min(m, (int) ((long) tilesM * (ti + 1) / tm) * mr);
                    int j0 = (int) ((long) tilesN * tj / tn) * nr, j1 = Math.min(n, (int) ((long) tilesN * (tj + 1) / tn) * nr);
                    if (i0 < i1 && j0 < j1) {
                        block(kn, w, i0, i1, j0, j1, k, a, aOff, aRow, aCol, b, bOff, bRow, bCol, c, cOff, ldc, accumulate);
                    }
                }
            } finally {
                w.release();
            }
        });
    }

    /**
     * Whether a transposed A (unit row stride) is read in place, a column of six rows per step
     * ({@link GemmKernel#tileColumns}), instead of packed: when its column stride is not a
     * multiple of 4 KiB, which would put every step's values in the same L1 set. Measured on one
     * core, 120 rows x 256 deep blocks against 4 micro-panels of B: packing then reading rows
     * 172-179 GFLOP/s, in place 247-251 at column strides of 512 B and 2 KiB, but 185 against
     * 206 at 4 KiB. Both sum each element in the same order, so the results are the same.
     */
    static boolean readsColumns(int aRow, int aCol) {
        return aRow == 1 && aCol > 1 && aCol % 1024 != 0;
    }

    /**
     * Estimated cycles of the largest task when C is cut into a {@code gm x gn} grid of whole
     * tiles: its FMAs (16 lanes, 2 per cycle), packing its columns of B (about half a cycle per
     * element) and, when A is not read in place, its rows of A (about two). Each task packs its
     * own operands, so a grid with gm > 1 packs B gm times and one with gn > 1 packs A gn
     * times; cutting columns packs nothing twice when A is read in place.
     */
    private static long taskCost(int mr, int nr, int k, int gm, int gn, int tilesM, int tilesN, boolean aInPlace) {
        long rows = (long) ((tilesM + gm - 1) / gm) * mr, cols = (long) ((tilesN + gn - 1) / gn) * nr;
        return rows * cols * k / 32 + cols * k / 2 + (aInPlace ? 0 : rows * k * 2);
    }

    /**
     * One task: the block {@code [i0, i1) x [j0, j1)} of C, which is computed entirely by the
     * calling thread. For each {@code KC x NC} panel of B (packed into micro-panels {@code NR}
     * wide, or read in place for short blocks), the rows are taken {@code MC} at a time, A read
     * in place when its rows are contiguous and packed otherwise; the macro-kernel runs every
     * tile.
     */
    private static void block(GemmKernel kern, GemmWorkspace w, int i0, int i1, int j0, int j1, int k,
                              float[] a, int aOff, int aRow, int aCol,
                              float[] b, int bOff, int bRow, int bCol,
                              float[] c, int cOff, int ldc, boolean accumulate) {
        final int mr = kern.mr(), nr = kern.nr();
        final int mcMax = Math.max(mr, MC / mr * mr), ncMax = Math.max(nr, NC / nr * nr);
        final boolean columns = readsColumns(aRow, aCol), aInPlace = aCol == 1 || columns;
        for (int jc = j0; jc < j1; jc += ncMax) {
            int nc = Math.min(ncMax, j1 - jc);
            int panels = (nc + nr - 1) / nr;
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean overwrite = !accumulate && pc == 0;
                float[] bp = w.b(panels * nr * kc);
                int bBase = bOff + pc * bRow + jc * bCol;
                // B is read in place when its rows are contiguous and either already laid out
                // as one micro-panel (n = NR) or this task has at most four row tiles: each
                // packed element would then serve at most 24 rows of C, too few to repay the
                // copy (measured single-thread: 16x512 @ 512x512 143 against 97-111 GFLOP/s,
                // 12x1024 @ 1024x1024 92-95 against 34-50). With more rows reading B at its
                // own stride costs L1 conflicts (1024^3: 125 against 185 GFLOP/s).
                boolean bInPlace = bCol == 1 && (bRow == nr || i1 - i0 <= 4 * mr);
                if (bInPlace) {
                    int full = nc / nr * nr;
                    if (full < nc) GemmPacking.packB(kc, nc - full, b, bBase + full, bRow, 1, bp, 0, nr);
                } else {
                    GemmPacking.packB(kc, nc, b, bBase, bRow, bCol, bp, 0, nr);
                }
                for (int ic = i0; ic < i1; ic += mcMax) {
                    int mc = Math.min(mcMax, i1 - ic);
                    int aBase = aOff + ic * aRow + pc * aCol;
                    float[] as;
                    int ao, lda;
                    float[] edge = null;
                    if (aInPlace) {
                        as = a; ao = aBase; lda = columns ? aCol : aRow;
                        int full = mc / mr * mr;
                        if (full < mc) {
                            // The last rows are fewer than a tile: a zero-padded copy of them.
                            edge = w.tile(mr * kc + mr * nr);
                            GemmPacking.packA(mc - full, kc, a, aBase + full * aRow, aRow, aCol, edge, mr);
                        }
                    } else {
                        as = w.a((mc + mr - 1) / mr * mr * kc); ao = 0; lda = kc;
                        GemmPacking.packA(mc, kc, a, aBase, aRow, aCol, as, mr);
                    }
                    macro(kern, mc, nc, kc, as, ao, lda, columns, edge, bInPlace ? b : null, bBase, bRow, bp, c, cOff + ic * ldc + jc, ldc, overwrite, w.tile(mr * kc + mr * nr));
                }
            }
        }
    }

    /**
     * The macro-kernel: every tile of the {@code mc x nc} block of C at {@code c[co]} from the
     * rows of A at {@code as[ao]} ({@code lda} apart; with {@code columns}, A's columns are
     * {@code lda} apart and its rows adjacent) and the B panel: packed in {@code bp}, or,
     * when {@code b} is given, read in place from {@code b[bBase]} (rows {@code bRow} apart)
     * with only the partial last micro-panel packed at {@code bp[0]}. A partial last row tile
     * reads its rows from {@code edge} (zero-padded, {@code kc} apart) when given. Full tiles
     * go straight to C; partial ones are computed whole into the scratch at {@code tile[mr*kc]}
     * and their valid part copied or added.
     */
    private static void macro(GemmKernel kern, int mc, int nc, int kc, float[] as, int ao, int lda, boolean columns, float[] edge,
                              float[] b, int bBase, int bRow, float[] bp, float[] c, int co, int ldc, boolean overwrite, float[] tile) {
        final int mr = kern.mr(), nr = kern.nr();
        final int t0 = mr * kc;
        for (int jr = 0; jr < nc; jr += nr) {
            int w = Math.min(nr, nc - jr);
            float[] bs = bp;
            int bo = jr * kc, ldb = nr;
            if (b != null) {
                if (w == nr) { bs = b; bo = bBase + jr; ldb = bRow; } else bo = 0;
            }
            for (int ir = 0; ir < mc; ir += mr) {
                int h = Math.min(mr, mc - ir);
                int cpos = co + ir * ldc + jr;
                float[] at = as;
                int ai = columns ? ao + ir : ao + ir * lda, ld = lda;
                boolean cols = columns;
                if (h < mr && edge != null) { at = edge; ai = 0; ld = kc; cols = false; }
                boolean full = h == mr && w == nr;   // a partial tile goes to the scratch first
                float[] ct = full ? c : tile;
                int cp = full ? cpos : t0, ldt = full ? ldc : nr;
                boolean ow = !full || overwrite;
                if (cols) kern.tileColumns(kc, at, ai, ld, bs, bo, ldb, ct, cp, ldt, ow);
                else kern.tile(kc, at, ai, ld, bs, bo, ldb, ct, cp, ldt, ow);
                if (!full) {
                    for (int i = 0; i < h; i++) {
                        int ci = cpos + i * ldc, ti = t0 + i * nr;
                        if (overwrite) System.arraycopy(tile, ti, c, ci, w);
                        else for (int j = 0; j < w; j++) c[ci + j] += tile[ti + j];
                    }
                }
            }
        }
    }

    static void checkSizes(String op, int m, int n, int k, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException(op + ": sizes must be >= 0, got m=" + m + ", n=" + n + ", k=" + k);
        }
        if (m > 1 && ldc < n) {
            throw new IllegalArgumentException(op + ": ldc=" + ldc + " is less than n=" + n + " for a " + m + "x" + n + " C");
        }
    }
}
