package dev.teak.autograd;

import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;

/**
 * Movement primitives: reshape/view, permute, expand, slice (and its adjoint, embedding into
 * zeros) and contiguous. Their results are views of the input where the tensor core makes
 * them so, and then share the input's version counter. Backward rules are movements too:
 * reshape back, the inverse permutation, a sum over the broadcast axes, an embedding.
 * narrow, select, squeeze, unsqueeze, flatten and transpose are composites of these.
 */
final class MovementOps {
    private MovementOps() {}

    static Tensor reshape(Tensor x, int[] shape, boolean view) {
        NdArray r = view ? x.data().view(shape) : x.data().reshape(shape);
        if (!Tensor.recording(x)) return Tensor.constant(r, x);
        return Tensor.record(r, new Reshape(x, view), x);
    }

    /** y = reshape(x); dx = reshape(g) to x's shape. */
    static final class Reshape extends Node {
        final int[] inShape;
        final boolean view;

        Reshape(Tensor x, boolean view) { super(x); this.inShape = x.shape(); this.view = view; }

        @Override public String name() { return view ? "view" : "reshape"; }

        @Override protected Tensor[] backward(Tensor g) { return new Tensor[] {g.reshape(inShape)}; }
    }

    static Tensor permute(Tensor x, int[] axes) {
        NdArray r = x.data().permute(axes);
        if (!Tensor.recording(x)) return Tensor.constant(r, x);
        int[] inverse = new int[axes.length];
        for (int i = 0; i < axes.length; i++) inverse[Shape.axis("permute", axes[i], axes.length)] = i;
        return Tensor.record(r, new Permute(x, inverse), x);
    }

    /** y = permute(x, p); dx = permute(g, p^-1). */
    static final class Permute extends Node {
        final int[] inverse;

        Permute(Tensor x, int[] inverse) { super(x); this.inverse = inverse; }

        @Override public String name() { return "permute"; }

        @Override protected Tensor[] backward(Tensor g) { return new Tensor[] {g.permute(inverse)}; }
    }

    static Tensor transpose(Tensor x, int a, int b) {
        int rank = x.dim();
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) perm[i] = i;
        int p = Shape.axis("transpose", a, rank), q = Shape.axis("transpose", b, rank);
        perm[p] = q;
        perm[q] = p;
        return permute(x, perm);
    }

    static Tensor expand(Tensor x, int[] shape) {
        NdArray r = x.data().expand(shape);
        if (java.util.Arrays.equals(r.shape(), x.shape())) return x;
        Shape.broadcast("expand", x.shape(), r.shape()); // validates
        return Tensor.recording(x) ? Tensor.record(r, new Expand(x), x) : Tensor.constant(r, x);
    }

    /** y = broadcast of x (stride 0); dx = g summed over the broadcast axes. */
    static final class Expand extends Node {
        final int[] inShape;

        Expand(Tensor x) { super(x); this.inShape = x.shape(); }

        @Override public String name() { return "expand"; }

        @Override protected Tensor[] backward(Tensor g) { return new Tensor[] {ReductionOps.sumToShape(g, inShape)}; }
    }

    static Tensor slice(Tensor x, int axis, int start, int end, int step) {
        NdArray r = x.data().slice(axis, start, end, step); // validates axis and step
        if (!Tensor.recording(x)) return Tensor.constant(r, x);
        int ax = Shape.axis("slice", axis, x.dim()), n = x.size(ax);
        int s = Math.max(0, Math.min(start < 0 ? start + n : start, n));
        return Tensor.record(r, new Slice(x, ax, s, r.size(ax), step), x);
    }

    /** y = x[s : s+len*step : step] along an axis; dx = g placed back into zeros of x's shape. */
    static final class Slice extends Node {
        final int[] inShape;
        final int axis, start, length, step;

        Slice(Tensor x, int axis, int start, int length, int step) {
            super(x);
            this.inShape = x.shape();
            this.axis = axis;
            this.start = start;
            this.length = length;
            this.step = step;
        }

        @Override public String name() { return "slice"; }

        @Override protected Tensor[] backward(Tensor g) { return new Tensor[] {embed(g, inShape, axis, start, length, step)}; }
    }

    /** Zeros of {@code shape} with {@code x} written at {@code start, start+step, ...} along an axis: slice's adjoint. */
    static Tensor embed(Tensor x, int[] shape, int axis, int start, int length, int step) {
        NdArray out = NdArray.zeros(x.data().backend(), x.dtype(), shape);
        if (length > 0) out.slice(axis, start, start + (length - 1) * step + 1, step).copyFrom(x.data());
        if (!Tensor.recording(x)) return new Tensor(out);
        return Tensor.record(out, new Embed(x, axis, start, length, step));
    }

    /** y = x embedded in zeros; dx = the slice of g where x was written. */
    static final class Embed extends Node {
        final int axis, start, length, step;

        Embed(Tensor x, int axis, int start, int length, int step) {
            super(x);
            this.axis = axis;
            this.start = start;
            this.length = length;
            this.step = step;
        }

        @Override public String name() { return "embed"; }

        @Override
        protected Tensor[] backward(Tensor g) {
            return new Tensor[] {length == 0 ? g.narrow(axis, 0, 0) : g.slice(axis, start, start + (length - 1) * step + 1, step)};
        }
    }

    static Tensor narrow(Tensor x, int axis, int start, int length) {
        int ax = Shape.axis("narrow", axis, x.dim());
        if (start < 0 || length < 0 || start + length > x.size(ax)) {
            throw new IndexOutOfBoundsException("narrow: [" + start + ", " + (start + length) + ") is outside axis "
                    + axis + " of size " + x.size(ax) + " in shape " + Shape.str(x.shape()));
        }
        return slice(x, ax, start, start + length, 1);
    }

    static Tensor select(Tensor x, int axis, int index) {
        int ax = Shape.axis("select", axis, x.dim()), n = x.size(ax);
        int i = index < 0 ? index + n : index;
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException("select: index " + index + " is out of range for axis " + axis
                    + " of size " + n + " in shape " + Shape.str(x.shape()));
        }
        return reshape(slice(x, ax, i, i + 1, 1), x.data().select(ax, i).shape(), false);
    }

    static Tensor squeeze(Tensor x, int axis) { return reshape(x, x.data().squeeze(axis).shape(), false); }

    static Tensor squeezeAll(Tensor x) { return reshape(x, x.data().squeeze().shape(), false); }

    static Tensor unsqueeze(Tensor x, int axis) { return reshape(x, x.data().unsqueeze(axis).shape(), false); }

    static Tensor flatten(Tensor x, int start, int end) {
        if (x.dim() == 0) return reshape(x, new int[] {1}, false);
        int s = Shape.axis("flatten", start, x.dim()), e = Shape.axis("flatten", end, x.dim());
        if (s > e) throw new IllegalArgumentException("flatten: start axis " + start + " is after end axis " + end);
        int[] shape = x.shape(), out = new int[shape.length - (e - s)];
        for (int d = 0, k = 0; d < shape.length; d++) {
            if (d < s || d > e) out[k++] = shape[d];
            else if (d == s) { int p = 1; for (int j = s; j <= e; j++) p *= shape[j]; out[k++] = p; }
        }
        return reshape(x, out, false);
    }

    static Tensor diagonal(Tensor x, int offset, int axis1, int axis2) {
        NdArray r = x.data().diagonal(offset, axis1, axis2);
        if (!Tensor.recording(x)) return Tensor.constant(r, x);
        return Tensor.record(r, new Diagonal(x, offset, axis1, axis2), x);
    }

    /** y = the diagonal view (as the last axis); dx = g written onto the same diagonal of zeros. */
    static final class Diagonal extends Node {
        final int[] inShape;
        final int offset, axis1, axis2;

        Diagonal(Tensor x, int offset, int axis1, int axis2) {
            super(x);
            this.inShape = x.shape();
            this.offset = offset;
            this.axis1 = axis1;
            this.axis2 = axis2;
        }

        @Override public String name() { return "diagonal"; }

        @Override protected Tensor[] backward(Tensor g) { return new Tensor[] {diagonalEmbed(g, inShape, offset, axis1, axis2)}; }
    }

    /** Zeros of {@code shape} with {@code d} on a diagonal: the adjoint of {@link #diagonal}. */
    static Tensor diagonalEmbed(Tensor d, int[] shape, int offset, int axis1, int axis2) {
        NdArray out = NdArray.zeros(d.data().backend(), d.dtype(), shape);
        out.diagonal(offset, axis1, axis2).copyFrom(d.data());
        if (!Tensor.recording(d)) return new Tensor(out);
        return Tensor.record(out, new DiagonalEmbed(d, offset, axis1, axis2));
    }

    static final class DiagonalEmbed extends Node {
        final int offset, axis1, axis2;

        DiagonalEmbed(Tensor d, int offset, int axis1, int axis2) { super(d); this.offset = offset; this.axis1 = axis1; this.axis2 = axis2; }

        @Override public String name() { return "diagonalEmbed"; }

        @Override protected Tensor[] backward(Tensor g) { return new Tensor[] {g.diagonal(offset, axis1, axis2)}; }
    }

    static Tensor contiguous(Tensor x) {
        if (x.data().isContiguous()) return x;
        NdArray r = x.data().contiguous();
        return Tensor.recording(x) ? Tensor.record(r, new Contiguous(x)) : new Tensor(r);
    }

    /** A copy in row-major layout; the gradient passes unchanged. */
    static final class Contiguous extends Node {
        Contiguous(Tensor x) { super(x); }

        @Override public String name() { return "contiguous"; }

        @Override protected Tensor[] backward(Tensor g) { return new Tensor[] {g}; }
    }
}
