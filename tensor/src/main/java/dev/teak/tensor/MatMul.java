package dev.teak.tensor;

/**
 * {@code torch.matmul} semantics: 1-D operands are promoted to a row (left) or column (right)
 * vector and the added axis removed again; batch axes broadcast.
 */
public final class MatMul {
    private MatMul() {}

    public static NdArray matmul(NdArray a, NdArray b) {
        a.requireSameDevice("matmul", b);
        if (a.dim() == 0 || b.dim() == 0) {
            throw new IllegalArgumentException("matmul: both operands need at least 1 dimension, got shapes "
                    + Shape.str(a.shape()) + " and " + Shape.str(b.shape()));
        }
        boolean vecA = a.dim() == 1, vecB = b.dim() == 1;
        NdArray x = vecA ? a.unsqueeze(0) : a, y = vecB ? b.unsqueeze(1) : b;
        int m = x.size(-2), k = x.size(-1), k2 = y.size(-2), n = y.size(-1);
        if (k != k2) {
            throw new IllegalArgumentException("matmul: shapes " + Shape.str(a.shape()) + " and " + Shape.str(b.shape())
                    + " cannot be multiplied (" + k + " columns against " + k2 + " rows)");
        }
        int[] batchA = java.util.Arrays.copyOf(x.shape(), x.dim() - 2), batchB = java.util.Arrays.copyOf(y.shape(), y.dim() - 2);
        int[] batch = Shape.broadcast("matmul", batchA, batchB);
        DType t = DType.promote(a.dtype(), b.dtype());
        if (!t.isFloating()) {
            throw new IllegalArgumentException("matmul: needs float32 or float64 operands, got " + a.dtype().pyName()
                    + " and " + b.dtype().pyName() + "; convert with to(DType.FLOAT32)");
        }
        int[] outShape = concat(batch, m, n);
        NdArray out;
        if (y.dim() == 2 && x.dim() > 2) {
            // [..., m, k] @ [k, n] is one product of (batch * m) rows, as torch.matmul folds it:
            // one product per batch entry would pack the same B again for each.
            int rows = Shape.numel(batch) * m;
            out = NdArray.empty(a.backend(), t, rows, n);
            a.backend().matmul(x.to(t).reshape(rows, k), y.to(t), out);
            out = out.reshape(outShape);
        } else {
            out = NdArray.empty(a.backend(), t, outShape);
            a.backend().matmul(x.to(t).broadcastTo(concat(batch, m, k)), y.to(t).broadcastTo(concat(batch, k, n)), out);
        }
        if (vecA && vecB) return out.reshape();
        if (vecA) return out.squeeze(-2);
        if (vecB) return out.squeeze(-1);
        return out;
    }

    private static int[] concat(int[] batch, int r, int c) {
        int[] s = java.util.Arrays.copyOf(batch, batch.length + 2);
        s[batch.length] = r;
        s[batch.length + 1] = c;
        return s;
    }
}
