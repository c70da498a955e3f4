package dev.teak.autograd;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;
import dev.teak.tensor.sparse.CsrMatrix;

/**
 * Sparse (CSR) times dense, differentiable in the sparse values and in the dense operand.
 * For {@code Y = A X} with {@code A[i, j] = v_k} at entry k:
 * <pre>
 *   dX   = A^T dY                        (a sparse product with the transposed pattern)
 *   dv_k = sum_c dY[i_k, c] X[j_k, c]    (dY's row i_k against X's row j_k)
 * </pre>
 * Both are written with differentiable ops (the transposed values are an index-select of v),
 * so second-order gradients flow to v, X and dY.
 */
final class SparseOps {
    private SparseOps() {}

    static Tensor spmm(CsrMatrix structure, Tensor values, Tensor dense) {
        if (values.dim() != 1 || values.size(0) != structure.nnz()) {
            throw new IllegalArgumentException("spmm: values of shape " + Shape.str(values.shape()) + " do not match the "
                    + structure.nnz() + " stored entries of a " + structure.rows() + "x" + structure.cols() + " sparse matrix");
        }
        NdArray r = structure.withValues(values.data()).matmul(dense.data());
        if (!Tensor.recording(values, dense)) return new Tensor(r);
        SpMM node = new SpMM(structure, values, dense);
        node.save(values, dense);
        return Tensor.record(r, node);
    }

    /** The CSR pattern of A^T and, for each of its entries, the entry of A it came from. */
    record Transposed(CsrMatrix structure, NdArray perm) {}

    /** Counting sort of the entries by column: A^T's rows are A's columns, in row order. */
    static Transposed transpose(CsrMatrix a) {
        int rows = a.rows(), cols = a.cols(), nnz = a.nnz();
        int[] rp = a.rowPtr(), ci = a.colIdx();
        int[] tPtr = new int[cols + 1], tIdx = new int[nnz], next = new int[cols];
        long[] perm = new long[nnz];
        for (int k = 0; k < nnz; k++) tPtr[ci[k] + 1]++;
        for (int c = 0; c < cols; c++) tPtr[c + 1] += tPtr[c];
        System.arraycopy(tPtr, 0, next, 0, cols);
        for (int i = 0; i < rows; i++) {
            for (int k = rp[i]; k < rp[i + 1]; k++) {
                int pos = next[ci[k]]++;
                tIdx[pos] = i;
                perm[pos] = k;
            }
        }
        NdArray zeros = NdArray.zeros(a.values().backend(), a.dtype(), nnz);
        return new Transposed(new CsrMatrix(cols, rows, tPtr, tIdx, zeros), NdArray.of(perm));
    }

    /** The row of each stored entry, as an int64 index. */
    static NdArray entryRows(CsrMatrix a) {
        long[] rows = new long[a.nnz()];
        int[] rp = a.rowPtr();
        for (int i = 0; i < a.rows(); i++) for (int k = rp[i]; k < rp[i + 1]; k++) rows[k] = i;
        return NdArray.of(rows);
    }

    /** Y = A X; see the class comment for the two gradients. */
    static final class SpMM extends Node {
        final CsrMatrix structure;

        SpMM(CsrMatrix structure, Tensor values, Tensor dense) { super(values, dense); this.structure = structure; }

        @Override public String name() { return "spmm"; }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor v = saved(0), x = saved(1);
            Tensor dv = null, dx = null;
            if (needsGrad(0)) {
                NdArray cols = NdArray.of(structure.colIdx()).to(DType.INT64);
                dv = g.indexSelect(0, entryRows(structure)).mul(x.indexSelect(0, cols)).sum(1, false);
                dv = PointwiseOps.reduceTo(dv, v);
            }
            if (needsGrad(1)) {
                Transposed t = transpose(structure);
                dx = PointwiseOps.reduceTo(spmm(t.structure(), v.indexSelect(0, t.perm()), g), x);
            }
            return new Tensor[] {dv, dx};
        }
    }
}
