package dev.teak.autograd;

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
        if (dense.dim() == 1) return spmm(structure, values, dense.unsqueeze(1)).squeeze(1); // A @ vector
        NdArray r = structure.withValues(values.data()).matmul(dense.data());
        if (!Tensor.recording(values, dense)) return new Tensor(r);
        SpMM node = new SpMM(structure, values, dense);
        node.save(values, dense);
        return Tensor.record(r, node);
    }

    /** Entry positions as an int64 index array. */
    private static NdArray index(int[] positions) {
        long[] v = new long[positions.length];
        for (int i = 0; i < v.length; i++) v[i] = positions[i];
        return NdArray.of(v);
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
                dv = g.indexSelect(0, index(structure.rowIndices())).mul(x.indexSelect(0, index(structure.colIdx()))).sum(1, false);
                dv = PointwiseOps.reduceTo(dv, v);
            }
            if (needsGrad(1)) {
                // A^T's pattern is computed once per structure by CsrMatrix and cached; its values are v permuted.
                CsrMatrix t = structure.transpose();
                dx = PointwiseOps.reduceTo(spmm(t, v.indexSelect(0, index(structure.transposePermutation())), g), x);
            }
            return new Tensor[] {dv, dx};
        }
    }
}
