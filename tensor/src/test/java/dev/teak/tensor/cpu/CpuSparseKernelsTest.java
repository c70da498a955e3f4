package dev.teak.tensor.cpu;

import static org.junit.jupiter.api.Assertions.*;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.sparse.CsrMatrix;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Both sparse row loops, scalar and vector, run on the same random CSR matrices and compared
 * with a naive double-precision sum per output element, in float32 and float64, for widths
 * that cover full vector blocks, single vectors and scalar tails.
 */
class CpuSparseKernelsTest {
    @Test
    void vectorModuleIsPresentInTheTestJvm() {
        assertNotNull(CpuSparse.vectorOrNull(), "the surefire argLine adds jdk.incubator.vector");
    }

    @Test
    void scalarAndVectorLoopsMatchNaiveSums() {
        CpuSparse.Rows vector = CpuSparse.vectorOrNull();
        qt().withExamples(150).forAll(integers().between(0, 40), integers().between(1, 140), integers().between(0, 1), longs().all())
                .checkAssert((rows, n, f64, seed) -> {
                    Random rnd = new Random(seed);
                    DType t = f64 == 1 ? DType.FLOAT64 : DType.FLOAT32;
                    int cols = 1 + rnd.nextInt(30), nnz = rows == 0 ? 0 : rnd.nextInt(rows * 6 + 1);
                    int[] r = new int[nnz], c = new int[nnz];
                    double[] v = new double[nnz];
                    for (int k = 0; k < nnz; k++) { r[k] = rnd.nextInt(rows); c[k] = rnd.nextInt(cols); v[k] = rnd.nextDouble() - 0.5; }
                    CsrMatrix a = CsrMatrix.fromCoo(rows, cols, r, c, v, false).to(t);
                    double[] x = new double[cols * n];
                    for (int i = 0; i < x.length; i++) x[i] = rnd.nextDouble() - 0.5;
                    NdArray xs = NdArray.of(x, cols, n).to(t);
                    double[] xr = xs.toDoubleArray(), vr = a.values().toDoubleArray();
                    double[] ref = new double[rows * n];
                    for (int i = 0; i < rows; i++) {
                        for (int k = a.rowPtr()[i]; k < a.rowPtr()[i + 1]; k++) {
                            for (int j = 0; j < n; j++) ref[i * n + j] += vr[k] * xr[a.colIdx()[k] * n + j];
                        }
                    }
                    double tol = t == DType.FLOAT64 ? 1e-13 : 1e-5;
                    for (CpuSparse.Rows loops : new CpuSparse.Rows[] {CpuSparse.SCALAR, vector}) {
                        NdArray out = NdArray.zeros(t, rows, n);
                        CpuSparse.spmm(a, xs, out, loops);
                        assertArrayEquals(ref, out.toDoubleArray(), tol, loops == vector ? "vector loops" : "scalar loops");
                    }
                });
    }
}
