package dev.teak.algorithms.lds;

import dev.teak.autograd.Node;
import dev.teak.autograd.Tensor;
import dev.teak.tensor.MatMul;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.sparse.CsrMatrix;

/**
 * {@code C = A Y} for an {@code [n, n]} A whose value is symmetric (every graph LDS propagates
 * over: {@code A = P + S} with S a symmetric sample and the anchor P = 0), as an autograd op
 * with its own backward rule:
 *
 * <pre>
 *   dL/dA = G Y^T            (as for any A: each entry A_ij is its own input)
 *   dL/dY = A^T G = A G      (A's value is symmetric)
 * </pre>
 *
 * <p>Why: the generic matmul rule computes {@code A^T G} through a transposed view of A, and
 * packing an n x n matrix column by column for the product is the single largest cost of an
 * LDS step on Cora (profiled: about 30 % of the time of a recorded step). Here the product
 * reads A row by row. The gradient with respect to Y is again this op, so second-order
 * gradients (the hypergradient through the inner updates) keep the same saving.
 *
 * <p>Values and first-order gradients are exact. A second-order gradient with respect to A is
 * exact along symmetric perturbations only ({@code A G} and {@code A^T G} differ when A_ij and
 * A_ji move apart): its symmetrisation {@code H_ij + H_ji} is exact, and that is all LDS uses,
 * since both entries are the same Bernoulli edge ({@link EdgeProbabilities#symmetrisedGradient}).
 */
final class SymmetricMatmul {
    private SymmetricMatmul() {}

    /** {@code a y}; {@code a} must be square with a symmetric value (not checked: O(n^2)). */
    static Tensor apply(Tensor a, Tensor y) { return apply(a, null, y); }

    /**
     * {@code a y} with {@code value} (may be null) a sparse copy of a's value: a sampled graph is
     * sparse (Cora: 0.1 % of the entries), so the products {@code A Y} and {@code A G} then cost
     * O(edges k) instead of O(n^2 k); only {@code dL/dA = G Y^T}, which the hypergradient needs
     * in full, stays dense.
     */
    static Tensor apply(Tensor a, CsrMatrix value, Tensor y) {
        if (a.dim() != 2 || a.size(0) != a.size(1) || y.dim() != 2 || y.size(0) != a.size(1)) {
            throw new IllegalArgumentException("SymmetricMatmul: needs A [n, n] and Y [n, k], got "
                    + java.util.Arrays.toString(a.shape()) + " and " + java.util.Arrays.toString(y.shape()));
        }
        if (value != null && (value.rows() != a.size(0) || value.cols() != a.size(1))) {
            throw new IllegalArgumentException("SymmetricMatmul: sparse value " + value.rows() + "x" + value.cols()
                    + " for A " + java.util.Arrays.toString(a.shape()));
        }
        NdArray r = value != null ? value.matmul(y.data()) : MatMul.matmul(a.data(), y.data());
        if (!Tensor.isRecording(a, y)) return new Tensor(r);
        return Tensor.fromNode(r, new Op(a, value, y));
    }

    private static final class Op extends Node {
        private final CsrMatrix value;

        Op(Tensor a, CsrMatrix value, Tensor y) {
            super(a, y);
            this.value = value;
            save(a, y);
        }

        @Override public String name() { return "symmetric_matmul"; }

        @Override protected Tensor[] backward(Tensor g) {
            Tensor a = saved(0), y = saved(1);
            Tensor da = needsGrad(0) ? g.matmul(y.mT()) : null;
            Tensor dy = needsGrad(1) ? apply(a, value, g) : null;
            return new Tensor[] {da, dy};
        }
    }
}
