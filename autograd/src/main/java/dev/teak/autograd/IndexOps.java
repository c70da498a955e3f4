package dev.teak.autograd;

import dev.teak.tensor.DType;
import dev.teak.tensor.Indexing;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Reductions;
import dev.teak.tensor.Shape;
import dev.teak.tensor.Sorting;

/**
 * Index primitives in adjoint pairs, forwards from the tensor core's {@link Indexing} (which
 * validates shapes and index ranges): the gradient of gather is a scatter-add into zeros and
 * the gradient of scatter-add's source is a gather; likewise index-select and index-add. So
 * gradients of every order exist. Order statistics (sort, topk, median, kthvalue) take their
 * positions from {@link Sorting} and their values by a differentiable gather.
 */
final class IndexOps {
    private IndexOps() {}

    static Tensor gather(Tensor x, int axis, NdArray index) {
        NdArray out = Indexing.gather(x.data(), axis, index);
        if (!Tensor.recording(x)) return new Tensor(out);
        int ax = x.dim() == 0 ? 0 : Shape.axis("gather", axis, x.dim());
        return Tensor.record(out, new Gather(x, ax, index.to(DType.INT64)));
    }

    /** y = x[index] along an axis; dx = zeros.scatterAdd(index, g). */
    static final class Gather extends Node {
        final int[] inShape;
        final int axis;
        final NdArray index;

        Gather(Tensor x, int axis, NdArray index) { super(x); this.inShape = x.shape(); this.axis = axis; this.index = index; }

        @Override public String name() { return "gather"; }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor zeros = new Tensor(NdArray.zeros(g.data().backend(), g.dtype(), inShape));
            return new Tensor[] {zeros.scatterAdd(axis, index, g)};
        }
    }

    static Tensor scatterAdd(Tensor x, int axis, NdArray index, Tensor src) {
        NdArray out = Indexing.scatterAdd(x.data(), axis, index, src.data());
        if (!Tensor.recording(x, src)) return new Tensor(out);
        int ax = x.dim() == 0 ? 0 : Shape.axis("scatterAdd", axis, x.dim());
        return Tensor.record(out, new ScatterAdd(x, ax, index.to(DType.INT64), src));
    }

    /**
     * y = x + src scattered at index; dx = g, dsrc = g gathered at index (and zero for any
     * part of src beyond the index's shape, which the forward ignores).
     */
    static final class ScatterAdd extends Node {
        final int axis;
        final NdArray index;

        ScatterAdd(Tensor x, int axis, NdArray index, Tensor src) { super(x, src); this.axis = axis; this.index = index; }

        @Override public String name() { return "scatterAdd"; }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor ds = null;
            if (needsGrad(1)) {
                ds = g.gather(axis, index);
                Tensor src = inputs[1];
                if (!ds.sameShape(src)) {
                    int[] pads = new int[2 * src.dim()];
                    for (int d = 0; d < src.dim(); d++) pads[2 * (src.dim() - 1 - d) + 1] = src.size(d) - index.size(d);
                    ds = ds.pad(pads, 0);
                }
                ds = PointwiseOps.reduceTo(ds, src);
            }
            return new Tensor[] {needsGrad(0) ? PointwiseOps.reduceTo(g, inputs[0]) : null, ds};
        }
    }

    static Tensor indexSelect(Tensor x, int axis, NdArray index) {
        NdArray out = Indexing.indexSelect(x.data(), axis, index);
        if (!Tensor.recording(x)) return new Tensor(out);
        int ax = x.dim() == 0 ? 0 : Shape.axis("indexSelect", axis, x.dim());
        return Tensor.record(out, new IndexSelect(x, ax, index));
    }

    /** y = slices of x at a 1-D index; dx = zeros.indexAdd(index, g). */
    static final class IndexSelect extends Node {
        final int[] inShape;
        final int axis;
        final NdArray index;

        IndexSelect(Tensor x, int axis, NdArray index) { super(x); this.inShape = x.shape(); this.axis = axis; this.index = index; }

        @Override public String name() { return "indexSelect"; }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor zeros = new Tensor(NdArray.zeros(g.data().backend(), g.dtype(), inShape));
            Tensor gg = inShape.length == 0 ? g.reshape(-1) : g;
            return new Tensor[] {zeros.indexAdd(axis, index, gg)};
        }
    }

    static Tensor indexAdd(Tensor x, int axis, NdArray index, Tensor src) {
        NdArray out = Indexing.indexAdd(x.data(), axis, index, src.data());
        if (!Tensor.recording(x, src)) return new Tensor(out);
        int ax = x.dim() == 0 ? 0 : Shape.axis("indexAdd", axis, x.dim());
        return Tensor.record(out, new IndexAdd(x, ax, index, src));
    }

    /** y = x + slices of src added at a 1-D index; dx = g, dsrc = g.indexSelect(index). */
    static final class IndexAdd extends Node {
        final int axis;
        final NdArray index;

        IndexAdd(Tensor x, int axis, NdArray index, Tensor src) { super(x, src); this.axis = axis; this.index = index; }

        @Override public String name() { return "indexAdd"; }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor ds = needsGrad(1) ? PointwiseOps.reduceTo(g.indexSelect(axis, index).reshape(inputs[1].shape()), inputs[1]) : null;
            return new Tensor[] {needsGrad(0) ? PointwiseOps.reduceTo(g, inputs[0]) : null, ds};
        }
    }

    // ------------------------------------------------------------------ order statistics

    /** Values gathered at {@code indices} (shaped like the values, keepdim or not) along {@code axis}. */
    private static Tensor.ValuesAndIndices take(Tensor x, int axis, NdArray indices, boolean squeezed) {
        if (x.dim() == 0) return new Tensor.ValuesAndIndices(x.reshape(), indices);
        int ax = Shape.axis("gather", axis, x.dim());
        NdArray idx = squeezed ? indices.unsqueeze(ax) : indices;
        Tensor v = gather(x, ax, idx);
        return new Tensor.ValuesAndIndices(squeezed ? v.squeeze(ax) : v, indices);
    }

    static Tensor.ValuesAndIndices sort(Tensor x, int axis, boolean descending) {
        return take(x, axis, Sorting.sort(x.data(), axis, descending).indices(), false);
    }

    static Tensor.ValuesAndIndices topk(Tensor x, int k, int axis, boolean largest) {
        return take(x, axis, Sorting.topk(x.data(), k, axis, largest, true).indices(), false);
    }

    static Tensor.ValuesAndIndices kthvalue(Tensor x, int k, int axis, boolean keepdim) {
        Reductions.ValuesAndIndices r = Sorting.kthvalue(x.data(), k, axis, keepdim);
        return take(x, axis, r.indices(), !keepdim);
    }

    static Tensor.ValuesAndIndices median(Tensor x, int axis, boolean keepdim) {
        Reductions.ValuesAndIndices r = Sorting.median(x.data(), axis, keepdim);
        return take(x, axis, r.indices(), !keepdim);
    }
}
