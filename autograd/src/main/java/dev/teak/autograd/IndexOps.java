package dev.teak.autograd;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;

/**
 * Gather and scatter-add, the two index primitives, each the other's adjoint: the gradient of
 * a gather is a scatter-add into zeros and the gradient of a scatter-add's source is a gather,
 * so gradients of every order exist. index_select and index_add are gathers and scatter-adds
 * with the 1-D index broadcast along the other axes (a stride-0 view, no copy).
 */
final class IndexOps {
    private IndexOps() {}

    private static NdArray checkIndex(String op, NdArray index) {
        if (!index.dtype().isIntegral()) {
            throw new IllegalArgumentException(op + ": index must be int32 or int64, got " + index.dtype().pyName()
                    + Shape.str(index.shape()));
        }
        return index.to(DType.INT64);
    }

    static Tensor gather(Tensor x, int axis, NdArray index) {
        index = checkIndex("gather", index);
        int ax = Shape.axis("gather", axis, x.dim());
        if (index.dim() != x.dim()) {
            throw new IllegalArgumentException("gather: index of shape " + Shape.str(index.shape())
                    + " must have the rank of the input " + Shape.str(x.shape()));
        }
        for (int d = 0; d < x.dim(); d++) {
            if (d != ax && index.size(d) > x.size(d)) {
                throw new IllegalArgumentException("gather: index of shape " + Shape.str(index.shape())
                        + " is larger than the input " + Shape.str(x.shape()) + " at axis " + d);
            }
        }
        x.data().requireSameDevice("gather", index);
        NdArray out = NdArray.zeros(x.data().backend(), x.dtype(), index.shape());
        x.data().backend().gather(x.data(), ax, index, out);
        if (!Tensor.recording(x)) return new Tensor(out);
        return Tensor.record(out, new Gather(x, ax, index));
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
        index = checkIndex("scatterAdd", index);
        int ax = Shape.axis("scatterAdd", axis, x.dim());
        if (!java.util.Arrays.equals(index.shape(), src.shape()) || index.dim() != x.dim()) {
            throw new IllegalArgumentException("scatterAdd: index " + Shape.str(index.shape()) + " and source "
                    + Shape.str(src.shape()) + " must have one shape, of the rank of the target " + Shape.str(x.shape()));
        }
        for (int d = 0; d < x.dim(); d++) {
            if (d != ax && index.size(d) > x.size(d)) {
                throw new IllegalArgumentException("scatterAdd: index of shape " + Shape.str(index.shape())
                        + " is larger than the target " + Shape.str(x.shape()) + " at axis " + d);
            }
        }
        NdArray out = x.data().copy();
        out.backend().scatterAdd(out, ax, index, src.data().to(x.dtype()));
        if (!Tensor.recording(x, src)) return new Tensor(out);
        return Tensor.record(out, new ScatterAdd(x, ax, index, src));
    }

    /** y = x + scatter(src at index); dx = g, dsrc = g gathered at index. */
    static final class ScatterAdd extends Node {
        final int axis;
        final NdArray index;

        ScatterAdd(Tensor x, int axis, NdArray index, Tensor src) { super(x, src); this.axis = axis; this.index = index; }

        @Override public String name() { return "scatterAdd"; }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor ds = needsGrad(1) ? PointwiseOps.reduceTo(g.gather(axis, index), inputs[1]) : null;
            return new Tensor[] {needsGrad(0) ? g : null, ds};
        }
    }

    /** Sorted along an axis (stable); the values are a gather at the sort order, so they are differentiable. */
    static Tensor.ValuesAndIndices sort(Tensor x, int axis, boolean descending) {
        if (x.dim() == 0) return new Tensor.ValuesAndIndices(x, NdArray.zeros(DType.INT64));
        int ax = Shape.axis("sort", axis, x.dim());
        NdArray values = NdArray.zeros(x.data().backend(), x.dtype(), x.shape());
        NdArray order = NdArray.zeros(x.data().backend(), DType.INT64, x.shape());
        x.data().backend().sort(x.data(), ax, descending, values, order);
        return new Tensor.ValuesAndIndices(gather(x, ax, order), order);
    }

    /** The 1-D index as a stride-0 view of {@code shape}, varying along {@code axis}. */
    private static NdArray spread(String op, NdArray index, int axis, int[] shape) {
        if (index.dim() != 1) throw new IllegalArgumentException(op + ": index must be 1-D, got shape " + Shape.str(index.shape()));
        int[] lined = new int[shape.length];
        java.util.Arrays.fill(lined, 1);
        lined[axis] = index.size(0);
        return checkIndex(op, index).reshape(lined).expand(shape);
    }

    static Tensor indexSelect(Tensor x, int axis, NdArray index) {
        if (x.dim() == 0) throw new IllegalArgumentException("indexSelect: needs a tensor of rank >= 1, got a scalar");
        int ax = Shape.axis("indexSelect", axis, x.dim());
        int[] shape = x.shape();
        shape[ax] = index.dim() == 1 ? index.size(0) : -1;
        return gather(x, ax, spread("indexSelect", index, ax, shape));
    }

    static Tensor indexAdd(Tensor x, int axis, NdArray index, Tensor src) {
        int ax = Shape.axis("indexAdd", axis, x.dim());
        int[] expected = x.shape();
        expected[ax] = index.dim() == 1 ? index.size(0) : -1;
        if (!java.util.Arrays.equals(expected, src.shape())) {
            throw new IllegalArgumentException("indexAdd: source of shape " + Shape.str(src.shape()) + " should be "
                    + Shape.str(expected) + " for target " + Shape.str(x.shape()) + ", axis " + axis + " and "
                    + index.numel() + " indices");
        }
        return scatterAdd(x, ax, spread("indexAdd", index, ax, src.shape()), src);
    }
}
