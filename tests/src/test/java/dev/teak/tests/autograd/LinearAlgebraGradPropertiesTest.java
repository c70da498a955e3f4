package dev.teak.tests.autograd;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.teak.autograd.Tensor;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.sparse.CsrMatrix;
import dev.teak.tests.autograd.Inputs.Domain;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Batched matmul with broadcast batch axes and 1-D operands, and sparse x dense, to second order. */
class LinearAlgebraGradPropertiesTest {
    /** Shapes [batchA..., m, k] and [batchB..., k, n] whose batch axes broadcast; 1-D operands sometimes. */
    private static Tensor[] operands(SplittableRandom r) {
        int m = r.nextInt(1, 4), k = r.nextInt(1, 4), n = r.nextInt(1, 4);
        int[] batch = Inputs.shape(r, 0, 2), partner = Inputs.broadcastPartner(r, batch);
        boolean swap = r.nextBoolean();
        int[] ba = swap ? partner : batch, bb = swap ? batch : partner;
        int form = r.nextInt(6);
        int[] sa = form == 0 || form == 2 ? new int[] {k} : concat(ba, m, k);
        int[] sb = form == 1 || form == 2 ? new int[] {k} : concat(bb, k, n);
        return new Tensor[] {Inputs.leaf(r, sa, Domain.ANY), Inputs.leaf(r, sb, Domain.ANY)};
    }

    private static int[] concat(int[] batch, int a, int b) {
        int[] s = java.util.Arrays.copyOf(batch, batch.length + 2);
        s[batch.length] = a;
        s[batch.length + 1] = b;
        return s;
    }

    @Test
    void matmulFirstAndSecondOrder() {
        qt().withExamples(80).forAll(longs().all()).checkAssert(seed -> {
            Tensor[] ab = operands(new SplittableRandom(seed));
            Checks.firstOrder("matmul", in -> in[0].matmul(in[1]), seed, ab);
            Checks.secondOrder("matmul", in -> in[0].matmul(in[1]).square(), seed, ab);
        });
    }

    /** A random rows x cols CSR pattern with about half the entries present. */
    static CsrMatrix randomPattern(SplittableRandom r, int rows, int cols) {
        int[] rowPtr = new int[rows + 1];
        int[] colIdx = new int[rows * cols];
        int nnz = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) if (r.nextBoolean()) colIdx[nnz++] = j;
            rowPtr[i + 1] = nnz;
        }
        return new CsrMatrix(rows, cols, rowPtr, java.util.Arrays.copyOf(colIdx, nnz), NdArray.zeros(dev.teak.tensor.DType.FLOAT64, nnz));
    }

    @Test
    void sparseTimesDenseToValuesAndDense() {
        qt().withExamples(80).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int rows = r.nextInt(1, 5), cols = r.nextInt(1, 5), n = r.nextInt(1, 4);
            CsrMatrix pattern = randomPattern(r, rows, cols);
            Tensor values = Inputs.leaf(r, new int[] {pattern.nnz()}, Domain.ANY);
            Tensor dense = Inputs.leaf(r, new int[] {cols, n}, Domain.ANY);
            Checks.firstOrder("spmm", in -> Tensor.spmm(pattern, in[0], in[1]), seed, values, dense);
            Checks.secondOrder("spmm", in -> Tensor.spmm(pattern, in[0], in[1]).square(), seed, values, dense);
            Tensor vector = Inputs.leaf(r, new int[] {cols}, Domain.ANY);
            Checks.firstOrder("spmm vector", in -> Tensor.spmm(pattern, in[0], in[1]), seed, values, vector);
            // Against the dense product of the same matrix (A assembled by index-add): equal values, and their
            // difference has zero gradient, so spmm's backward must match the dense rules.
            org.junit.jupiter.api.Assertions.assertArrayEquals(dense(pattern, values).matmul(dense).data().toDoubleArray(),
                    Tensor.spmm(pattern, values, dense).data().toDoubleArray(), 1e-12, "spmm value, seed " + seed);
            Checks.firstOrder("spmm vs dense", in -> Tensor.spmm(pattern, in[0], in[1]).sub(dense(pattern, in[0]).matmul(in[1])).mul(1e3), seed, values, dense);
        });
    }

    /** The dense matrix of a pattern and differentiable values: index-add of each value into its row. */
    static Tensor dense(CsrMatrix p, Tensor values) {
        long[] flat = new long[p.nnz()];
        for (int i = 0; i < p.rows(); i++) for (int k = p.rowPtr()[i]; k < p.rowPtr()[i + 1]; k++) flat[k] = (long) i * p.cols() + p.colIdx()[k];
        Tensor zeros = new Tensor(NdArray.zeros(dev.teak.tensor.DType.FLOAT64, p.rows() * p.cols()));
        return zeros.indexAdd(0, NdArray.of(flat), values).reshape(p.rows(), p.cols());
    }
}
