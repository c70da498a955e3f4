package dev.teak.tensor.linalg;

import static dev.teak.tensor.linalg.MatrixFixtures.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every {@link Linalg} result checked by the identity that defines it, against triple-loop
 * products in double: random well-conditioned matrices, float64 (tight) and float32 (loose),
 * contiguous and transposed layouts, plain and batched shapes. Each property draws the size n,
 * a batch shape, a flag pair (bit 0: float64, bit 1: transposed layout) and a seed.
 */
class LinalgPropertiesTest {
    private static final int[][] BATCHES = {{}, {3}, {2, 2}};

    private static DType dtype(int flags) { return (flags & 1) != 0 ? DType.FLOAT64 : DType.FLOAT32; }

    private static boolean transposed(int flags) { return (flags & 2) != 0; }

    /** Absolute tolerance for entries of order 1-20. */
    private static double tol(DType t) { return t == DType.FLOAT64 ? 1e-10 : 5e-4; }

    private interface MatrixMaker { double[][] make(Random r, int n); }

    private static NdArray batchOf(MatrixMaker maker, Random r, int n, int[] batch, int flags) {
        double[][][] mats = new double[count(batch)][][];
        for (int i = 0; i < mats.length; i++) mats[i] = maker.make(r, n);
        return stack(mats, batch, dtype(flags), transposed(flags));
    }

    private static int[] shape(int[] batch, int... tail) {
        int[] s = Arrays.copyOf(batch, batch.length + tail.length);
        System.arraycopy(tail, 0, s, batch.length, tail.length);
        return s;
    }

    private static void checkOrthonormalColumns(double[][] q, double tol) {
        assertTrue(maxAbsDiff(mul(transpose(q), q), identity(q[0].length)) <= tol, "Q^T Q != I");
    }

    @Test
    void solveLeavesSmallResidual() {
        qt().withExamples(150).forAll(integers().between(1, 8), integers().between(0, 2), integers().between(0, 3), longs().all())
                .checkAssert((n, bk, flags, seed) -> {
                    Random r = new Random(seed);
                    int[] batch = BATCHES[bk];
                    int k = 1 + r.nextInt(3);
                    NdArray a = batchOf(MatrixFixtures::wellConditioned, r, n, batch, flags);
                    NdArray b = batchOf((rr, nn) -> random(rr, nn, k), r, n, batch, flags & 1);
                    NdArray x = Linalg.solve(a, b);
                    assertArrayEquals(shape(batch, n, k), x.shape());
                    assertEquals(dtype(flags), x.dtype());
                    double[][][] as = unstack(a), bs = unstack(b), xs = unstack(x);
                    for (int i = 0; i < as.length; i++) assertTrue(maxAbsDiff(mul(as[i], xs[i]), bs[i]) <= tol(x.dtype()), "A X != B");
                });
    }

    @Test
    void invTimesMatrixIsIdentity() {
        qt().withExamples(150).forAll(integers().between(1, 8), integers().between(0, 2), integers().between(0, 3), longs().all())
                .checkAssert((n, bk, flags, seed) -> {
                    NdArray a = batchOf(MatrixFixtures::wellConditioned, new Random(seed), n, BATCHES[bk], flags);
                    NdArray ai = Linalg.inv(a);
                    assertArrayEquals(a.shape(), ai.shape());
                    double[][][] as = unstack(a), is = unstack(ai);
                    for (int i = 0; i < as.length; i++) {
                        assertTrue(maxAbsDiff(mul(as[i], is[i]), identity(n)) <= tol(ai.dtype()), "A inv(A) != I");
                    }
                });
    }

    @Test
    void choleskyFactorIsLowerAndReproducesMatrix() {
        qt().withExamples(150).forAll(integers().between(1, 8), integers().between(0, 2), integers().between(0, 3), longs().all())
                .checkAssert((n, bk, flags, seed) -> {
                    NdArray a = batchOf(MatrixFixtures::spd, new Random(seed), n, BATCHES[bk], flags);
                    NdArray l = Linalg.cholesky(a);
                    double[][][] as = unstack(a), ls = unstack(l);
                    for (int b = 0; b < as.length; b++) {
                        for (int i = 0; i < n; i++) {
                            assertTrue(ls[b][i][i] > 0, "diagonal of L must be positive");
                            for (int j = i + 1; j < n; j++) assertEquals(0.0, ls[b][i][j], "L must be lower triangular");
                        }
                        assertTrue(maxAbsDiff(mul(ls[b], transpose(ls[b])), as[b]) <= tol(l.dtype()), "L L^T != A");
                    }
                });
    }

    @Test
    void qrReproducesMatrixWithOrthonormalQAndTriangularR() {
        qt().withExamples(150).forAll(integers().between(1, 7), integers().between(1, 7), integers().between(0, 3), longs().all())
                .checkAssert((m, n, flags, seed) -> {
                    Random r = new Random(seed);
                    int[] batch = BATCHES[r.nextInt(3)];
                    NdArray a = batchOf((rr, nn) -> random(rr, m, n), r, m, batch, flags);
                    Linalg.QR qr = Linalg.qr(a);
                    int k = Math.min(m, n);
                    assertArrayEquals(shape(batch, m, k), qr.q().shape());
                    assertArrayEquals(shape(batch, k, n), qr.r().shape());
                    double[][][] as = unstack(a), qs = unstack(qr.q()), rs = unstack(qr.r());
                    double tol = tol(a.dtype());
                    for (int b = 0; b < as.length; b++) {
                        for (int i = 0; i < k; i++) for (int j = 0; j < i; j++) assertEquals(0.0, rs[b][i][j], "R must be upper triangular");
                        checkOrthonormalColumns(qs[b], tol);
                        assertTrue(maxAbsDiff(mul(qs[b], rs[b]), as[b]) <= tol, "Q R != A");
                    }
                });
    }

    @Test
    void svdReproducesMatrixWithDescendingValues() {
        qt().withExamples(150).forAll(integers().between(1, 7), integers().between(1, 7), integers().between(0, 3), longs().all())
                .checkAssert((m, n, flags, seed) -> {
                    Random r = new Random(seed);
                    int[] batch = BATCHES[r.nextInt(3)];
                    NdArray a = batchOf((rr, nn) -> random(rr, m, n), r, m, batch, flags);
                    Linalg.SVD svd = Linalg.svd(a);
                    int k = Math.min(m, n);
                    assertArrayEquals(shape(batch, m, k), svd.u().shape());
                    assertArrayEquals(shape(batch, k), svd.s().shape());
                    assertArrayEquals(shape(batch, k, n), svd.vh().shape());
                    double[][][] as = unstack(a), us = unstack(svd.u()), vhs = unstack(svd.vh());
                    double[][] ss = unstackVectors(svd.s());
                    double tol = tol(a.dtype());
                    for (int b = 0; b < as.length; b++) {
                        double[][] sd = new double[k][k];
                        for (int i = 0; i < k; i++) {
                            sd[i][i] = ss[b][i];
                            assertTrue(ss[b][i] >= 0, "singular values are non-negative");
                            if (i > 0) assertTrue(ss[b][i - 1] >= ss[b][i], "singular values descend");
                        }
                        checkOrthonormalColumns(us[b], tol);
                        checkOrthonormalColumns(transpose(vhs[b]), tol);
                        assertTrue(maxAbsDiff(mul(mul(us[b], sd), vhs[b]), as[b]) <= tol, "U diag(S) Vh != A");
                    }
                });
    }

    @Test
    void eighDiagonalisesSymmetricMatrices() {
        qt().withExamples(150).forAll(integers().between(1, 8), integers().between(0, 2), integers().between(0, 3), longs().all())
                .checkAssert((n, bk, flags, seed) -> {
                    NdArray a = batchOf(MatrixFixtures::symmetric, new Random(seed), n, BATCHES[bk], flags);
                    Linalg.Eigh e = Linalg.eigh(a);
                    assertArrayEquals(shape(BATCHES[bk], n), e.eigenvalues().shape());
                    double[][][] as = unstack(a), vs = unstack(e.eigenvectors());
                    double[][] ws = unstackVectors(e.eigenvalues());
                    double tol = tol(a.dtype());
                    for (int b = 0; b < as.length; b++) {
                        double[][] wd = new double[n][n];
                        for (int i = 0; i < n; i++) {
                            wd[i][i] = ws[b][i];
                            if (i > 0) assertTrue(ws[b][i - 1] <= ws[b][i], "eigenvalues ascend");
                        }
                        checkOrthonormalColumns(vs[b], tol);
                        assertTrue(maxAbsDiff(mul(as[b], vs[b]), mul(vs[b], wd)) <= tol, "A V != V diag(w)");
                    }
                });
    }

    @Test
    void detMatchesCofactorExpansionAndSlogdetAgrees() {
        qt().withExamples(150).forAll(integers().between(1, 6), integers().between(0, 2), integers().between(0, 3), longs().all())
                .checkAssert((n, bk, flags, seed) -> {
                    // Unshifted random matrices: determinants of either sign, some near zero.
                    NdArray a = batchOf((r, nn) -> random(r, nn, nn), new Random(seed), n, BATCHES[bk], flags);
                    NdArray det = Linalg.det(a);
                    Linalg.SlogDet sl = Linalg.slogdet(a);
                    assertArrayEquals(BATCHES[bk], det.shape());
                    double[][][] as = unstack(a);
                    double[] d = det.toDoubleArray(), sign = sl.sign().toDoubleArray(), logAbs = sl.logabsdet().toDoubleArray();
                    double rel = a.dtype() == DType.FLOAT64 ? 1e-12 : 1e-4;
                    for (int b = 0; b < as.length; b++) {
                        double ref = cofactorDet(as[b]);
                        assertEquals(ref, d[b], rel * (1 + n * n), "det against cofactor expansion");
                        assertEquals(Math.signum(d[b]), sign[b], "slogdet sign");
                        assertEquals(d[b], sign[b] * Math.exp(logAbs[b]), rel * (1 + Math.abs(d[b])), "sign * exp(logabsdet) != det");
                    }
                });
    }
}
