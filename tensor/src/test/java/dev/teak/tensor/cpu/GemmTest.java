package dev.teak.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * {@link Gemm} against a naive float64 triple loop on random sizes (0, 1, primes, sizes
 * straddling the tile and block edges), random operand layouts (transposed, stride-0
 * broadcast, padded strides, offsets) and both accumulate modes; the scalar and vector
 * micro-kernels side by side; and bit-identical results for 1 and 2 threads.
 */
class GemmTest {
    /** Two roundings per multiply-add (the scalar kernel does not fuse) of unit roundoff 2^-24. */
    private static final double F32_UNIT = 0x1p-23;
    /** As for float32, doubled again for the reference's own rounding. */
    private static final double F64_UNIT = 0x1p-51;

    @Test
    void sgemmMatchesNaiveProduct() {
        qt().withExamples(200).forAll(GemmCase.small()).checkAssert(cs -> {
            GemmCase.Operand a = cs.a(), b = cs.b();
            double[] c0 = cs.c0();
            float[] c = cs.runFloat(Gemm.kernel(), a, b, c0);
            cs.check("sgemm", a, b, c0, i -> c[i], F32_UNIT);
        });
    }

    @Test
    void scalarAndVectorKernelsAgree() {
        GemmKernel vector = Gemm.vectorKernelOrNull();
        assertNotNull(vector, "the test JVM runs with --add-modules jdk.incubator.vector");
        GemmKernel scalar = Gemm.scalarKernel();
        assertTrue(vector.describe().startsWith("vector") && scalar.describe().startsWith("scalar"));
        qt().withExamples(100).forAll(GemmCase.small()).checkAssert(cs -> {
            GemmCase.Operand a = cs.a(), b = cs.b();
            double[] c0 = cs.c0();
            float[] cv = cs.runFloat(vector, a, b, c0), csc = cs.runFloat(scalar, a, b, c0);
            cs.check("vector kernel", a, b, c0, i -> cv[i], F32_UNIT);
            cs.check("scalar kernel", a, b, c0, i -> csc[i], F32_UNIT);
            // Each is within the bound of the reference, so they are within twice it of each other;
            // check that directly too, elementwise.
            for (int i = 0; i < cv.length; i++) {
                float tol = (float) (2 * F32_UNIT * (cs.k + 3) * (cs.k + 1));
                assertEquals(csc[i], cv[i], tol, cs + " at " + i);
            }
        });
    }

    @Test
    void resultsDoNotDependOnThreadCount() {
        // Big enough to be split across threads (m*n*k >= PARALLEL_FMAS): tall, wide, narrow and
        // square, so row, column and two-way task grids are all exercised (2 and 3 threads give
        // different grids), and single rows and columns (the unpacked path).
        Gen<GemmCase> big = GemmCase.shaped(Generate.range(90, 260), Generate.range(60, 200), Generate.range(100, 300))
                .mix(GemmCase.shaped(Generate.range(1, 12), Generate.range(700, 1100), Generate.range(200, 300)))
                .mix(GemmCase.shaped(Generate.range(300, 700), Generate.range(1, 40), Generate.range(200, 300)))
                .mix(GemmCase.shaped(Generate.constant(1), Generate.range(4000, 6000), Generate.range(200, 300)))
                .mix(GemmCase.shaped(Generate.range(4000, 6000), Generate.constant(1), Generate.range(200, 300)));
        int before = Parallel.threads();
        try {
            qt().withExamples(16).forAll(big).checkAssert(cs -> {
                GemmCase.Operand a = cs.a(), b = cs.b();
                double[] c0 = cs.c0();
                Parallel.setThreads(1);
                float[] one = cs.runFloat(Gemm.kernel(), a, b, c0);
                double[] dOne = cs.runDouble(a, b, c0);
                Parallel.setThreads(2);
                float[] two = cs.runFloat(Gemm.kernel(), a, b, c0);
                double[] dTwo = cs.runDouble(a, b, c0);
                Parallel.setThreads(3);
                float[] three = cs.runFloat(Gemm.kernel(), a, b, c0);
                assertArrayEquals(one, two, cs.toString());
                assertArrayEquals(one, three, "3 threads: " + cs);
                assertArrayEquals(dOne, dTwo, cs.toString());
            });
            // And one of them against the reference, through the parallel path.
            GemmCase cs = new GemmCase(131, 97, 277, GemmCase.Layout.TRANSPOSED, GemmCase.Layout.STRIDED, 2, 1, true, 7);
            GemmCase.Operand a = cs.a(), b = cs.b();
            double[] c0 = cs.c0();
            float[] c = cs.runFloat(Gemm.kernel(), a, b, c0);
            cs.check("parallel sgemm", a, b, c0, i -> c[i], F32_UNIT);
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void narrowProductsEqualTheColumnsOfAWideOne() {
        // C = A B with B of n <= 16 columns takes the narrow kernel; the same columns inside a
        // 48-column product take the wide one. Each element sums k in the same order, so the
        // two must agree bit for bit (here through the vector kernels, when present). A single
        // row or column goes the unpacked way (GemmSkinny), so both sizes start at 2.
        qt().withExamples(60).forAll(Generate.range(2, 40), Generate.range(2, 16), Generate.range(1, 300), Generate.longRange(0, 1L << 40))
                .checkAssert((m, n, k, seed) -> {
                    java.util.Random rnd = new java.util.Random(seed);
                    int wide = 48;
                    float[] a = new float[m * k], bw = new float[k * wide], bn = new float[k * n];
                    for (int i = 0; i < a.length; i++) a[i] = rnd.nextFloat() * 2 - 1;
                    for (int i = 0; i < bw.length; i++) bw[i] = rnd.nextFloat() * 2 - 1;
                    for (int p = 0; p < k; p++) System.arraycopy(bw, p * wide, bn, p * n, n);
                    float[] cw = new float[m * wide], cn = new float[m * n];
                    Gemm.sgemm(m, wide, k, a, 0, k, 1, bw, 0, wide, 1, cw, 0, wide, false);
                    Gemm.sgemm(m, n, k, a, 0, k, 1, bn, 0, n, 1, cn, 0, n, false);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            assertEquals(cw[i * wide + j], cn[i * n + j], 0f, "m=" + m + " n=" + n + " k=" + k + " at (" + i + ", " + j + ")");
                        }
                    }
                });
    }

    @Test
    void aNarrowProductOfATransposedAEqualsTheSameProductOfItsCopyBitForBit() {
        // C = X^T B with n <= 16 runs transposed (C^T = B^T X, X as row-major B); with X^T copied
        // to row-major it runs the ordinary way. The sums and their order are the same.
        qt().withExamples(60).forAll(Generate.range(2, 300), Generate.range(2, 16), Generate.range(1, 400), Generate.longRange(0, 1L << 40))
                .checkAssert((m, n, k, seed) -> {
                    java.util.Random rnd = new java.util.Random(seed);
                    float[] x = new float[k * m], xt = new float[m * k], b = new float[k * n];
                    for (int i = 0; i < x.length; i++) x[i] = rnd.nextFloat() * 2 - 1;
                    for (int p = 0; p < k; p++) for (int i = 0; i < m; i++) xt[i * k + p] = x[p * m + i];
                    for (int i = 0; i < b.length; i++) b[i] = rnd.nextFloat() * 2 - 1;
                    float[] viaT = new float[m * n], viaCopy = new float[m * n];
                    Gemm.sgemm(m, n, k, x, 0, 1, m, b, 0, n, 1, viaT, 0, n, false);       // A = X^T: row stride 1
                    Gemm.sgemm(m, n, k, xt, 0, k, 1, b, 0, n, 1, viaCopy, 0, n, false);
                    assertArrayEquals(viaCopy, viaT, 0f, "m=" + m + " n=" + n + " k=" + k);
                });
    }

    @Test
    void dgemmMatchesNaiveProduct() {
        qt().withExamples(120).forAll(GemmCase.small()).checkAssert(cs -> {
            GemmCase.Operand a = cs.a(), b = cs.b();
            double[] c0 = cs.c0();
            double[] c = cs.runDouble(a, b, c0);
            cs.check("dgemm", a, b, c0, i -> c[i], F64_UNIT);
        });
    }

    @Test
    void widthBeyondOneBPanel() {
        // n > NC (and > GemmDouble.NC) makes the outer loop take a second packed panel of B.
        for (GemmCase.Layout lb : List.of(GemmCase.Layout.ROW_MAJOR, GemmCase.Layout.TRANSPOSED)) {
            GemmCase cs = new GemmCase(7, Gemm.NC + 37, 5, GemmCase.Layout.ROW_MAJOR, lb, 1, 2, false, 11);
            GemmCase.Operand a = cs.a(), b = cs.b();
            double[] c0 = cs.c0();
            float[] c = cs.runFloat(Gemm.kernel(), a, b, c0);
            cs.check("sgemm", a, b, c0, i -> c[i], F32_UNIT);
            double[] d = cs.runDouble(a, b, c0);
            cs.check("dgemm", a, b, c0, i -> d[i], F64_UNIT);
        }
    }

    @Test
    void transposedAReadInPlaceEqualsItsRowMajorCopyBitForBit() {
        // A stored by columns (unit row stride: a transposed view) is read in place by
        // tileColumns unless its column stride is a multiple of 1024 floats (then packed into
        // rows); a partial last tile goes through a row copy. Each element of C sums k in the
        // same order as with a row-major A, so both kernels must give the same bits, in both
        // accumulate modes and for narrow and wide products. (A single row or column of C goes
        // the unpacked way, GemmSkinny, whose dot and axpy orders depend on the layout.)
        assertTrue(Gemm.readsColumns(1, 130) && !Gemm.readsColumns(1, 1024) && !Gemm.readsColumns(1, 2048) && !Gemm.readsColumns(130, 1));
        qt().withExamples(60).forAll(Generate.range(2, 150), Generate.range(2, 80), Generate.range(1, 600), Generate.longRange(0, 1L << 40))
                .checkAssert((m, n, k, seed) -> {
                    java.util.Random rnd = new java.util.Random(seed);
                    int ld = new int[] {m, m + 5, 1024}[rnd.nextInt(3)];
                    float[] a = new float[m * k], at = new float[k * ld], b = new float[k * n], c0 = new float[m * n];
                    for (int i = 0; i < a.length; i++) a[i] = rnd.nextFloat() * 2 - 1;
                    for (int i = 0; i < m; i++) for (int p = 0; p < k; p++) at[p * ld + i] = a[i * k + p];
                    for (int i = 0; i < b.length; i++) b[i] = rnd.nextFloat() * 2 - 1;
                    for (int i = 0; i < c0.length; i++) c0[i] = rnd.nextFloat() * 2 - 1;
                    boolean accumulate = rnd.nextBoolean();
                    for (GemmKernel kern : List.of(Gemm.kernel(), Gemm.scalarKernel())) {
                        float[] rows = c0.clone(), cols = c0.clone();
                        Gemm.sgemm(kern, m, n, k, a, 0, k, 1, b, 0, n, 1, rows, 0, n, accumulate);
                        Gemm.sgemm(kern, m, n, k, at, 0, 1, ld, b, 0, n, 1, cols, 0, n, accumulate);
                        assertArrayEquals(rows, cols, kern.describe() + " m=" + m + " n=" + n + " k=" + k + " ld=" + ld + " accumulate=" + accumulate);
                    }
                });
    }

    @Test
    void handComputedProduct() {
        // [1 2 3; 4 5 6] * [7 8; 9 10; 11 12] = [58 64; 139 154], then accumulated once more.
        float[] a = {1, 2, 3, 4, 5, 6}, b = {7, 8, 9, 10, 11, 12}, c = new float[4];
        Gemm.sgemm(2, 2, 3, a, 0, 3, 1, b, 0, 2, 1, c, 0, 2, false);
        assertArrayEquals(new float[] {58, 64, 139, 154}, c);
        Gemm.sgemm(2, 2, 3, a, 0, 3, 1, b, 0, 2, 1, c, 0, 2, true);
        assertArrayEquals(new float[] {116, 128, 278, 308}, c);
        // A read transposed from its column-major copy gives the same product.
        float[] at = {1, 4, 2, 5, 3, 6};
        Gemm.sgemm(2, 2, 3, at, 0, 1, 2, b, 0, 2, 1, c, 0, 2, false);
        assertArrayEquals(new float[] {58, 64, 139, 154}, c);
        double[] d = new double[4];
        Gemm.dgemm(2, 2, 3, new double[] {1, 2, 3, 4, 5, 6}, 0, 3, 1, new double[] {7, 8, 9, 10, 11, 12}, 0, 2, 1, d, 0, 2, false);
        assertArrayEquals(new double[] {58, 64, 139, 154}, d);
    }

    @Test
    void emptyInnerDimensionClearsOrKeepsC() {
        float[] c = {5, 5, 5, 5};
        Gemm.sgemm(2, 2, 0, new float[0], 0, 0, 1, new float[0], 0, 2, 1, c, 0, 2, true);
        assertArrayEquals(new float[] {5, 5, 5, 5}, c);
        Gemm.sgemm(2, 2, 0, new float[0], 0, 0, 1, new float[0], 0, 2, 1, c, 0, 2, false);
        assertArrayEquals(new float[4], c);
    }

    @Test
    void badSizesAreRejectedWithTheirValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(2, -1, 3, new float[6], 0, 3, 1, new float[6], 0, 2, 1, new float[4], 0, 2, false));
        assertTrue(e.getMessage().contains("sgemm") && e.getMessage().contains("n=-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.dgemm(2, 3, 1, new double[2], 0, 1, 1, new double[3], 0, 3, 1, new double[6], 0, 2, false));
        assertTrue(e.getMessage().contains("dgemm") && e.getMessage().contains("ldc=2"), e.getMessage());
    }
}
