package dev.teak.autograd;

import dev.teak.tensor.MatMul;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;

/**
 * Batched matrix product. The primitive takes operands of rank 2 or more; 1-D operands are
 * promoted to a row or column and demoted again around it (torch.matmul's rules), so their
 * gradients come from the reshape rules.
 */
final class MatmulOps {
    private MatmulOps() {}

    static Tensor matmul(Tensor a, Tensor b) {
        if (a.dim() == 0 || b.dim() == 0) {
            throw new IllegalArgumentException("matmul: both operands need at least 1 dimension, got shapes "
                    + Shape.str(a.shape()) + " and " + Shape.str(b.shape()));
        }
        if (a.dim() == 1 && b.dim() == 1) return batched(a.unsqueeze(0), b.unsqueeze(1)).reshape();
        if (a.dim() == 1) return batched(a.unsqueeze(0), b).squeeze(-2);
        if (b.dim() == 1) return batched(a, b.unsqueeze(1)).squeeze(-1);
        if (b.dim() == 2 && a.dim() > 2 && a.size(-1) == b.size(0)) {
            // [..., m, k] @ [k, n] (every Linear on a sequence) as one product of all rows: dB is
            // then one product A^T dC over all rows instead of a batch of products summed after.
            int[] outShape = a.shape().clone();
            outShape[outShape.length - 1] = b.size(1);
            int rows = Shape.numel(java.util.Arrays.copyOf(outShape, outShape.length - 1));
            return batched(a.reshape(rows, a.size(-1)), b).reshape(outShape);
        }
        return batched(a, b);
    }

    private static Tensor batched(Tensor a, Tensor b) {
        NdArray r = MatMul.matmul(a.data(), b.data());
        if (!Tensor.recording(a, b)) return new Tensor(r);
        Matmul node = new Matmul(a, b);
        node.save(a, b);
        return Tensor.record(r, node);
    }

    /**
     * C = A B over broadcast batch axes: dA = dC B^T and dB = A^T dC, each summed over the
     * batch axes its operand was broadcast along. An operand that is the transpose of a
     * contiguous array (a Linear's {@code W.mT()}) gets its gradient as the transpose of the
     * product written out transposed ({@code dB = (dC^T A)^T}): the same numbers, but laid out
     * like W itself, so W's gradient arrives contiguous and W keeps it without a copy.
     */
    static final class Matmul extends Node {
        Matmul(Tensor a, Tensor b) { super(a, b); }

        @Override public String name() { return "matmul"; }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor a = saved(0), b = saved(1);
            Tensor da = !needsGrad(0) ? null : PointwiseOps.reduceTo(transposed(a) ? b.matmul(g.mT()).mT() : g.matmul(b.mT()), a);
            Tensor db = !needsGrad(1) ? null : PointwiseOps.reduceTo(transposed(b) ? g.mT().matmul(a).mT() : a.mT().matmul(g), b);
            return new Tensor[] {da, db};
        }

        /** True when {@code x} is not contiguous but its transpose is. */
        private static boolean transposed(Tensor x) { return !x.data().isContiguous() && x.data().mT().isContiguous(); }
    }
}
