package dev.teak.tensor.linalg;

import static org.junit.jupiter.api.Assertions.*;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import org.junit.jupiter.api.Test;

/** Hand-computed results, the conventions shared with torch.linalg, and the error messages. */
class LinalgExamplesTest {
    private static NdArray m(double[] v, int... shape) { return NdArray.of(v, shape); }

    @Test
    void handComputedValues() {
        // [[2, 1], [1, 3]] x = [3, 5]  =>  x = [4/5, 7/5] (Cramer: det 5).
        NdArray a = m(new double[] {2, 1, 1, 3}, 2, 2);
        assertArrayEquals(new double[] {0.8, 1.4}, Linalg.solve(a, m(new double[] {3, 5}, 2)).toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {0.6, -0.2, -0.2, 0.4}, Linalg.inv(a).toDoubleArray(), 1e-15);
        assertEquals(-2, Linalg.det(m(new double[] {1, 2, 3, 4}, 2, 2)).item(), 1e-15);
        // [[4, 2], [2, 3]] = L L^T with L = [[2, 0], [1, sqrt 2]].
        assertArrayEquals(new double[] {2, 0, 1, Math.sqrt(2)}, Linalg.cholesky(m(new double[] {4, 2, 2, 3}, 2, 2)).toDoubleArray(), 1e-15);
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3 with eigenvectors (1, -1) and (1, 1) / sqrt 2.
        Linalg.Eigh e = Linalg.eigh(m(new double[] {2, 1, 1, 2}, 2, 2));
        assertArrayEquals(new double[] {1, 3}, e.eigenvalues().toDoubleArray(), 1e-14);
        double[] v = e.eigenvectors().toDoubleArray();
        assertEquals(0, v[0] + v[2], 1e-14); // first column along (1, -1)
        assertEquals(0, v[1] - v[3], 1e-14); // second column along (1, 1)
        // diag(3, -5) has singular values 5, 3.
        assertArrayEquals(new double[] {5, 3}, Linalg.svd(m(new double[] {3, 0, 0, -5}, 2, 2)).s().toDoubleArray(), 1e-14);
    }

    @Test
    void slogdetSurvivesOverflowAndReadsPermutationSign() {
        int n = 200;
        NdArray big = NdArray.eye(n, DType.FLOAT64).mul(1e3); // det = 1e600 overflows a double
        Linalg.SlogDet s = Linalg.slogdet(big);
        assertEquals(1, s.sign().item());
        assertEquals(600 * Math.log(10), s.logabsdet().item(), 1e-9);
        assertEquals(Double.POSITIVE_INFINITY, Linalg.det(big).item());
        // A row swap of diag(1, 2, 3): det = -6; pivoting must not lose the sign.
        NdArray p = m(new double[] {0, 2, 0, 1, 0, 0, 0, 0, 3}, 3, 3);
        assertEquals(-6, Linalg.det(p).item(), 1e-14);
        assertEquals(-1, Linalg.slogdet(p).sign().item());
        Linalg.SlogDet zero = Linalg.slogdet(m(new double[] {1, 2, 2, 4}, 2, 2));
        assertEquals(0, zero.sign().item());
        assertEquals(Double.NEGATIVE_INFINITY, zero.logabsdet().item());
    }

    @Test
    void solveBroadcastsBatchesAndTreatsVectorsLikeTorch() {
        // A [2, 2, 2] against a single vector b [2]: x [2, 2], one solution per matrix.
        NdArray a = m(new double[] {2, 0, 0, 4, 1, 0, 0, 2}, 2, 2, 2);
        NdArray x = Linalg.solve(a, m(new double[] {2, 4}, 2));
        assertArrayEquals(new int[] {2, 2}, x.shape());
        assertArrayEquals(new double[] {1, 1, 2, 2}, x.toDoubleArray(), 1e-15);
        // b [2, 2] has A's shape without the last axis, so it is a batch of vectors too.
        NdArray y = Linalg.solve(a, m(new double[] {2, 4, 1, 2}, 2, 2));
        assertArrayEquals(new double[] {1, 1, 1, 1}, y.toDoubleArray(), 1e-15);
        // A single matrix against a batch of right-hand sides [3, 2, 1].
        NdArray z = Linalg.solve(a.select(0, 0), m(new double[] {2, 4, 4, 8, 0, 0}, 3, 2, 1));
        assertArrayEquals(new int[] {3, 2, 1}, z.shape());
        assertArrayEquals(new double[] {1, 1, 2, 2, 0, 0}, z.toDoubleArray(), 1e-15);
    }

    @Test
    void float32StaysFloat32AndZeroSizedMatricesWork() {
        NdArray a = NdArray.of(new float[] {4, 2, 2, 3}, 2, 2);
        assertEquals(DType.FLOAT32, Linalg.cholesky(a).dtype());
        assertEquals(DType.FLOAT32, Linalg.svd(a).s().dtype());
        assertEquals(DType.FLOAT32, Linalg.slogdet(a).logabsdet().dtype());
        assertEquals(8, Linalg.det(a).item(), 1e-5);
        assertEquals(1, Linalg.det(NdArray.zeros(DType.FLOAT64, 0, 0)).item());
        assertArrayEquals(new int[] {0, 0}, Linalg.inv(NdArray.zeros(DType.FLOAT64, 0, 0)).shape());
        assertArrayEquals(new int[] {0, 3, 3}, Linalg.eigh(NdArray.zeros(DType.FLOAT64, 0, 3, 3)).eigenvectors().shape());
        assertArrayEquals(new int[] {2, 0}, Linalg.solve(NdArray.eye(2, DType.FLOAT64), NdArray.zeros(DType.FLOAT64, 2, 0)).shape());
        assertArrayEquals(new int[] {3, 0}, Linalg.qr(NdArray.zeros(DType.FLOAT64, 3, 0)).q().shape());
    }

    @Test
    void eighReadsOnlyTheLowerTriangle() {
        NdArray lower = m(new double[] {2, 99, 1, 2}, 2, 2); // upper entry is ignored, as with UPLO="L"
        assertArrayEquals(new double[] {1, 3}, Linalg.eigh(lower).eigenvalues().toDoubleArray(), 1e-14);
        assertArrayEquals(new double[] {Math.sqrt(2), 0, Math.sqrt(0.5), Math.sqrt(1.5)},
                Linalg.cholesky(m(new double[] {2, -7, 1, 2}, 2, 2)).toDoubleArray(), 1e-15);
    }

    @Test
    void degenerateSpectraKeepOrthonormalFactors() {
        // eigh of the identity: a triple eigenvalue, and still an orthonormal basis.
        Linalg.Eigh e = Linalg.eigh(NdArray.eye(3, DType.FLOAT64));
        assertArrayEquals(new double[] {1, 1, 1}, e.eigenvalues().toDoubleArray(), 1e-15);
        NdArray v = e.eigenvectors();
        assertArrayEquals(NdArray.eye(3, DType.FLOAT64).toDoubleArray(), v.mT().matmul(v).toDoubleArray(), 1e-14);
        // A rank-1 matrix u v^T with |u| = 3, |v| = 5: singular values 15, 0, 0.
        NdArray u = m(new double[] {1, 2, 2}, 3, 1), w = m(new double[] {3, 4}, 1, 2);
        NdArray a = u.matmul(w).mT(); // [2, 3], non-contiguous
        Linalg.SVD svd = Linalg.svd(a);
        assertArrayEquals(new double[] {15, 0}, svd.s().toDoubleArray(), 1e-13);
        assertArrayEquals(NdArray.eye(2, DType.FLOAT64).toDoubleArray(), svd.u().mT().matmul(svd.u()).toDoubleArray(), 1e-13);
        assertArrayEquals(NdArray.eye(2, DType.FLOAT64).toDoubleArray(), svd.vh().matmul(svd.vh().mT()).toDoubleArray(), 1e-13);
        NdArray rebuilt = svd.u().mul(svd.s().unsqueeze(0)).matmul(svd.vh());
        assertArrayEquals(a.toDoubleArray(), rebuilt.toDoubleArray(), 1e-13);
        // Positive semi-definite but singular: not positive definite, so refused.
        String msg = error(ArithmeticException.class, () -> Linalg.cholesky(m(new double[] {1, 1, 1, 1}, 2, 2)));
        assertTrue(msg.startsWith("cholesky: A of shape [2, 2]") && msg.contains("not positive definite"), msg);
    }

    private static String error(Class<? extends RuntimeException> type, Runnable r) {
        return assertThrows(type, r::run).getMessage();
    }

    @Test
    void errorsNameOpShapesAndBatchIndex() {
        NdArray rect = NdArray.zeros(DType.FLOAT64, 2, 3);
        String msg = error(IllegalArgumentException.class, () -> Linalg.inv(rect));
        assertTrue(msg.startsWith("inv:") && msg.contains("[2, 3]") && msg.contains("square"), msg);
        msg = error(IllegalArgumentException.class, () -> Linalg.cholesky(NdArray.zeros(DType.FLOAT64, 3)));
        assertTrue(msg.startsWith("cholesky:") && msg.contains("[3]"), msg);
        msg = error(IllegalArgumentException.class, () -> Linalg.solve(NdArray.eye(3, DType.FLOAT64), NdArray.zeros(DType.FLOAT64, 2, 1)));
        assertTrue(msg.startsWith("solve:") && msg.contains("[3, 3]") && msg.contains("[2, 1]"), msg);
        msg = error(IllegalArgumentException.class, () -> Linalg.det(NdArray.of(new long[] {1, 0, 0, 1}, 2, 2)));
        assertTrue(msg.startsWith("det:") && msg.contains("int64"), msg);

        NdArray singular = m(new double[] {1, 2, 2, 4}, 2, 2);
        msg = error(ArithmeticException.class, () -> Linalg.solve(singular, m(new double[] {1, 1}, 2)));
        assertTrue(msg.startsWith("solve:") && msg.contains("singular"), msg);
        msg = error(ArithmeticException.class, () -> Linalg.inv(NdArray.of(new float[] {1, 2, 2, 4}, 2, 2)));
        assertTrue(msg.startsWith("inv:") && msg.contains("singular"), msg);

        // The second matrix of the batch is indefinite (eigenvalues 3 and -1).
        NdArray batch = m(new double[] {1, 0, 0, 1, 1, 2, 2, 1}, 2, 2, 2);
        msg = error(ArithmeticException.class, () -> Linalg.cholesky(batch));
        assertTrue(msg.startsWith("cholesky:") && msg.contains("batch index [1]") && msg.contains("positive definite"), msg);
        msg = error(ArithmeticException.class, () -> Linalg.cholesky(batch.to(DType.FLOAT32)));
        assertTrue(msg.contains("batch index [1]"), msg);
    }
}
