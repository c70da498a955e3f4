package dev.teak.tensor.cpu;

/**
 * General matrix multiply on heap arrays with arbitrary row and column strides:
 * {@code C[m x n] (+)= A[m x k] * B[k x n]}, {@code C} row-major with leading dimension
 * {@code ldc}. Strides let transposed and broadcast views be multiplied without a copy.
 *
 * <p>float32 follows the GotoBLAS/BLIS scheme: for each {@code KC x NC} panel of B (packed once
 * into micro-panels {@code NR} wide, shared by all threads), the rows of C are cut into
 * {@code MC x KC} blocks of A, each packed by the thread that owns it into micro-panels
 * {@code MR} high, and a register-blocked {@link GemmKernel} computes {@code MR x NR} tiles.
 * KC sizes a B micro-panel for the L1 cache, MC an A block for L2, NC the shared B panel for
 * L3. Every element of C is computed by one thread, summing k in the same order whatever the
 * thread count, so results do not depend on it. A single row or column of C is computed
 * without packing ({@link GemmSkinny}); float64 is in {@link GemmDouble}.
 */
public final class Gemm {
    private Gemm() {}

    // Block sizes. On a 2-core Zen 5 (48 KiB L1, 1 MiB L2 per core, 32 MiB L3) single-thread
    // 1024^3 speed varied by under 5% (within noise) over KC in {128..384} and MC in {72..240},
    // so the sizes follow the cache rule of thumb. KC also fixes the summation order, so it
    // is a constant, not a tuning knob: results must not depend on the machine.
    /** Depth of a packed panel: a KC x NR micro-panel of B (32 KiB) stays in L1 while A streams. */
    static final int KC = 256;
    /** Rows of A per packed block (rounded to the kernel's MR): an MC x KC block (120 KiB) sits in L2. */
    static final int MC = 120;
    /** Columns of B per packed panel (rounded to NR): a KC x NC panel (4 MiB) sits in the shared L3. */
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
        Kernels rows = kern == SCALAR ? KernelPath.scalar() : KernelPath.active();
        if ((m == 1 || n == 1) && GemmSkinny.sgemm(rows, m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, bCol, c, cOff, ldc, accumulate)) {
            return;
        }
        final int mr = kern.mr(), nr = kern.nr();
        final int mcMax = Math.max(mr, MC / mr * mr), ncMax = Math.max(nr, NC / nr * nr);
        final boolean parallel = Parallel.threads() > 1 && (long) m * n * k >= PARALLEL_FMAS;
        GemmWorkspace ws = GemmWorkspace.acquireDriver();
        try {
            for (int jc = 0; jc < n; jc += ncMax) {
                final int nc = Math.min(ncMax, n - jc);
                final int panels = (nc + nr - 1) / nr;
                for (int pc = 0; pc < k; pc += KC) {
                    final int kc = Math.min(KC, k - pc);
                    final boolean overwrite = !accumulate && pc == 0;
                    final float[] bp = ws.b(panels * nr * kc);
                    final int bBase = bOff + pc * bRow + jc * bCol;
                    // Pack the shared B panel, micro-panels split across threads.
                    int packGrain = parallel ? Math.max(1, (1 << 15) / (nr * kc)) : panels;
                    Parallel.forRange(panels, packGrain, (lo, hi) -> GemmPacking.packB(
                            kc, Math.min(nc, hi * nr) - lo * nr, b, bBase + lo * nr * bCol, bRow, bCol, bp, lo * nr * kc, nr));
                    // Tasks: blocks of MC rows, each cut into column groups when there are too
                    // few blocks to occupy every thread.
                    final int blocks = (m + mcMax - 1) / mcMax;
                    final int groups = parallel ? Math.min(panels, Math.max(1, (2 * Parallel.threads() + blocks - 1) / blocks)) : 1;
                    final int aBase = aOff + pc * aCol, cBase = cOff + jc;
                    Parallel.forRange(blocks * groups, parallel ? 1 : blocks * groups, (lo, hi) -> {
                        GemmWorkspace tw = GemmWorkspace.acquireTask();
                        try {
                            for (int t = lo; t < hi; t++) {
                                int ic = (t / groups) * mcMax, g = t % groups;
                                int mc = Math.min(mcMax, m - ic);
                                int p0 = g * panels / groups, p1 = (g + 1) * panels / groups;
                                float[] ap = tw.a(((mc + mr - 1) / mr) * mr * kc);
                                GemmPacking.packA(mc, kc, a, aBase + ic * aRow, aRow, aCol, ap, mr);
                                macro(kern, mc, p0 * nr, Math.min(nc, p1 * nr), kc, ap, bp,
                                        c, cBase + ic * ldc, ldc, overwrite, tw.tile(mr * nr));
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

    /**
     * The macro-kernel: every tile of the {@code mc x (j1-j0)} block of C at {@code c[co]}
     * from a packed A block and the packed B panel. Full tiles go straight to C; partial
     * ones are computed whole into {@code tile} and their valid part copied or added.
     */
    private static void macro(GemmKernel kern, int mc, int j0, int j1, int kc, float[] ap, float[] bp,
                              float[] c, int co, int ldc, boolean overwrite, float[] tile) {
        final int mr = kern.mr(), nr = kern.nr();
        for (int jr = j0; jr < j1; jr += nr) {
            int w = Math.min(nr, j1 - jr);
            int bo = jr * kc;
            for (int ir = 0; ir < mc; ir += mr) {
                int h = Math.min(mr, mc - ir);
                int cpos = co + ir * ldc + jr;
                if (h == mr && w == nr) {
                    kern.tile(kc, ap, ir * kc, bp, bo, c, cpos, ldc, overwrite);
                } else {
                    kern.tile(kc, ap, ir * kc, bp, bo, tile, 0, nr, true);
                    for (int i = 0; i < h; i++) {
                        int ci = cpos + i * ldc, ti = i * nr;
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
