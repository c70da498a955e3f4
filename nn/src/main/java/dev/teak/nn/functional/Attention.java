package dev.teak.nn.functional;

import dev.teak.autograd.Tensor;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;

/**
 * Scaled dot-product attention and its masks; {@link F} re-exports them. A mask is a boolean
 * array broadcastable to the scores {@code [..., Tq, Tk]} that is <b>true where attention is
 * blocked</b> (PyTorch's boolean {@code attn_mask} convention for {@code nn.MultiheadAttention}).
 */
public final class Attention {
    private Attention() {}

    /**
     * Blocked scores get this value before the softmax: finite, so a row whose keys are all
     * blocked (a padded query) gives a uniform distribution instead of NaN, and large enough
     * that {@code e^(s - max)} underflows to 0 in float32 and float64 otherwise.
     */
    static final double BLOCKED = -1e30;

    /**
     * {@code softmax(q k^T / sqrt(d) masked) v} (Vaswani et al. 2017, eq. 1) for
     * {@code q [..., Tq, d]}, {@code k [..., Tk, d]}, {@code v [..., Tk, dv]}; {@code mask} may be null.
     */
    public static Tensor scaledDotProduct(Tensor q, Tensor k, Tensor v, NdArray mask) {
        if (q.size(-1) != k.size(-1) || k.size(-2) != v.size(-2)) {
            throw new IllegalArgumentException("scaledDotProductAttention: q " + Shape.str(q.shape()) + ", k " + Shape.str(k.shape())
                    + ", v " + Shape.str(v.shape()) + " do not fit (q, k share d; k, v share Tk)");
        }
        Tensor scores = q.matmul(k.mT()).div(Math.sqrt(q.size(-1)));
        if (mask != null) scores = scores.maskedFill(new Tensor(mask), BLOCKED);
        return scores.softmax(-1).matmul(v);
    }

    /** {@code [T, T]}, true above the diagonal: query {@code i} may not see key {@code j > i}. */
    public static NdArray causalMask(int t) {
        boolean[] m = new boolean[t * t];
        for (int i = 0; i < t; i++) for (int j = i + 1; j < t; j++) m[i * t + j] = true;
        return NdArray.of(m, t, t);
    }

    /**
     * A key-padding mask {@code [B, 1, 1, Tk]} (broadcasts over heads and queries) from the
     * valid lengths of each sequence: key {@code j} of sequence {@code b} is blocked when
     * {@code j >= lengths[b]}.
     */
    public static NdArray paddingMask(int[] lengths, int tk) {
        boolean[] m = new boolean[lengths.length * tk];
        for (int b = 0; b < lengths.length; b++) {
            if (lengths[b] < 0 || lengths[b] > tk) {
                throw new IllegalArgumentException("paddingMask: length " + lengths[b] + " of sequence " + b + " is outside [0, " + tk + "]");
            }
            for (int j = lengths[b]; j < tk; j++) m[b * tk + j] = true;
        }
        return NdArray.of(m, lengths.length, 1, 1, tk);
    }

    /** Elementwise OR of two masks (broadcast); either may be null. */
    public static NdArray combine(NdArray a, NdArray b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.to(dev.teak.tensor.DType.INT32).add(b.to(dev.teak.tensor.DType.INT32)).gt(0);
    }
}
