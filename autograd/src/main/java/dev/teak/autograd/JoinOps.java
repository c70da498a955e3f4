package dev.teak.autograd;

import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;

/**
 * Joining and padding: concat is a primitive (the gradient of each input is its slice of the
 * output gradient); stack, split and constant padding are composites of concat, unsqueeze,
 * narrow and the embedding adjoint of slice.
 */
final class JoinOps {
    private JoinOps() {}

    static Tensor concat(int axis, Tensor... xs) {
        if (xs.length == 0) throw new IllegalArgumentException("concat: needs at least one tensor");
        int rank = xs[0].dim();
        if (rank == 0) throw new IllegalArgumentException("concat: zero-dimensional tensors cannot be concatenated; use stack");
        int ax = Shape.axis("concat", axis, rank);
        int[] shape = xs[0].shape();
        int total = 0;
        boolean record = false;
        for (int i = 0; i < xs.length; i++) {
            int[] s = xs[i].shape();
            boolean ok = s.length == rank && xs[i].dtype() == xs[0].dtype();
            for (int d = 0; ok && d < rank; d++) ok = d == ax || s[d] == shape[d];
            if (!ok) {
                throw new IllegalArgumentException("concat: tensor " + i + " is " + xs[i].dtype().pyName() + Shape.str(s)
                        + " but tensor 0 is " + xs[0].dtype().pyName() + Shape.str(shape) + "; all must agree except along axis " + axis);
            }
            total += s[ax];
            record |= xs[i].requiresGrad();
        }
        shape[ax] = total;
        NdArray out = NdArray.zeros(xs[0].data().backend(), xs[0].dtype(), shape);
        int[] offsets = new int[xs.length];
        for (int i = 0, off = 0; i < xs.length; off += xs[i].size(ax), i++) {
            offsets[i] = off;
            out.narrow(ax, off, xs[i].size(ax)).copyFrom(xs[i].data());
        }
        if (!record || !GradMode.isEnabled()) return new Tensor(out);
        return Tensor.record(out, new Concat(xs, ax, offsets));
    }

    /** y = [x0; x1; ...] along an axis; dx_i = g narrowed to x_i's place. */
    static final class Concat extends Node {
        final int axis;
        final int[] offsets;

        Concat(Tensor[] xs, int axis, int[] offsets) { super(xs.clone()); this.axis = axis; this.offsets = offsets; }

        @Override public String name() { return "concat"; }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor[] out = new Tensor[inputs.length];
            for (int i = 0; i < out.length; i++) {
                if (needsGrad(i)) out[i] = g.narrow(axis, offsets[i], inputs[i].size(axis));
            }
            return out;
        }
    }

    static Tensor stack(int axis, Tensor... xs) {
        if (xs.length == 0) throw new IllegalArgumentException("stack: needs at least one tensor");
        int ax = Shape.axis("stack", axis, xs[0].dim() + 1);
        Tensor[] u = new Tensor[xs.length];
        for (int i = 0; i < xs.length; i++) {
            if (!java.util.Arrays.equals(xs[i].shape(), xs[0].shape())) {
                throw new IllegalArgumentException("stack: tensor " + i + " has shape " + Shape.str(xs[i].shape())
                        + " but tensor 0 has " + Shape.str(xs[0].shape()));
            }
            u[i] = xs[i].unsqueeze(ax);
        }
        return concat(ax, u);
    }

    /** Chunks of {@code size} along an axis (the last may be shorter), like torch.split. */
    static Tensor[] split(Tensor x, int size, int axis) {
        int ax = Shape.axis("split", axis, x.dim());
        if (size <= 0) throw new IllegalArgumentException("split: chunk size must be positive, got " + size);
        int n = x.size(ax), k = Math.max(1, (n + size - 1) / size);
        Tensor[] out = new Tensor[k];
        for (int i = 0; i < k; i++) out[i] = x.narrow(ax, i * size, Math.min(size, n - i * size));
        return out;
    }

    /**
     * Constant padding with torch.nn.functional.pad's argument order: {@code pads} holds
     * (before, after) pairs starting from the last axis. The values go in by embedding (so
     * the gradient is the inner slice); {@code value} outside is a constant.
     */
    static Tensor pad(Tensor x, int[] pads, double value) {
        if (pads.length % 2 != 0 || pads.length / 2 > x.dim()) {
            throw new IllegalArgumentException("pad: " + pads.length + " padding sizes for a tensor of shape "
                    + Shape.str(x.shape()) + "; give (before, after) pairs for at most " + x.dim() + " axes, last axis first");
        }
        Tensor r = x;
        int[] shape = x.shape();
        int rank = shape.length;
        int[][] region = new int[pads.length / 2][];
        for (int p = 0; p < pads.length / 2; p++) {
            int ax = rank - 1 - p, before = pads[2 * p], after = pads[2 * p + 1];
            if (before < 0 || after < 0) {
                throw new IllegalArgumentException("pad: negative padding " + before + ", " + after + " at axis " + ax + " is not supported");
            }
            int len = shape[ax];
            shape[ax] = len + before + after;
            region[p] = new int[] {ax, before, len};
            if (before + after > 0) r = MovementOps.embed(r, shape.clone(), ax, before, len, 1);
        }
        if (value == 0) return r;
        NdArray fill = NdArray.full(value, x.dtype(), shape);
        NdArray inner = fill;
        for (int[] reg : region) inner = inner.narrow(reg[0], reg[1], reg[2]);
        inner.fill(0);
        return r.add(new Tensor(fill));
    }
}
