package dev.teak.tensor;

import dev.teak.tensor.Reductions.ValuesAndIndices;

/**
 * Order statistics along one axis with PyTorch's semantics: {@code sort}, {@code argsort},
 * {@code topk}, {@code kthvalue} and {@code median}. Everything rests on the backend's stable
 * sort: equal elements keep their original order, so indices are deterministic, and NaN sorts
 * above every number (last ascending, first descending), as in PyTorch.
 */
public final class Sorting {
    private Sorting() {}

    /** Sorted values and the int64 positions they came from, along {@code axis} ({@code torch.sort(stable=True)}). */
    public static ValuesAndIndices sort(NdArray x, int axis, boolean descending) {
        if (x.dim() == 0) {
            Shape.axis("sort", axis, 0);
            return new ValuesAndIndices(x.copy(), NdArray.zeros(x.backend(), DType.INT64));
        }
        int ax = Shape.axis("sort", axis, x.dim());
        NdArray values = NdArray.zeros(x.backend(), x.dtype(), x.shape());
        NdArray indices = NdArray.zeros(x.backend(), DType.INT64, x.shape());
        if (x.numel() > 0) x.backend().sort(x, ax, descending, values, indices);
        return new ValuesAndIndices(values, indices);
    }

    /** Ascending sort along the last axis. */
    public static ValuesAndIndices sort(NdArray x) { return sort(x, -1, false); }

    /** The positions that sort {@code x} along {@code axis} (stable). */
    public static NdArray argsort(NdArray x, int axis, boolean descending) { return sort(x, axis, descending).indices(); }

    /**
     * The {@code k} largest ({@code largest = true}) or smallest elements along {@code axis} and
     * their positions ({@code torch.topk}). Ties go to the lower position. The result is always
     * in sorted order, which {@code sorted = false} permits.
     */
    public static ValuesAndIndices topk(NdArray x, int k, int axis, boolean largest, boolean sorted) {
        NdArray a = x.dim() == 0 ? x.reshape(1) : x;
        int ax = Shape.axis("topk", axis, a.dim());
        if (k < 0 || k > a.size(ax)) {
            throw new IllegalArgumentException("topk: k = " + k + " is out of range for axis " + axis + " of size " + a.size(ax)
                    + " in shape " + Shape.str(x.shape()));
        }
        ValuesAndIndices s = sort(a, ax, largest);
        NdArray v = s.values().narrow(ax, 0, k).contiguous(), i = s.indices().narrow(ax, 0, k).contiguous();
        if (x.dim() == 0) return new ValuesAndIndices(v.reshape(), i.reshape());
        return new ValuesAndIndices(v, i);
    }

    /** The {@code k} largest elements along the last axis. */
    public static ValuesAndIndices topk(NdArray x, int k) { return topk(x, k, -1, true, true); }

    /**
     * The {@code k}-th smallest element (1-based) along {@code axis} and its position
     * ({@code torch.kthvalue}); among equal elements the one first in the input is reported.
     */
    public static ValuesAndIndices kthvalue(NdArray x, int k, int axis, boolean keepdim) {
        NdArray a = x.dim() == 0 ? x.reshape(1) : x;
        int ax = Shape.axis("kthvalue", axis, a.dim());
        if (k < 1 || k > a.size(ax)) {
            throw new IllegalArgumentException("kthvalue: k = " + k + " is out of range [1, " + a.size(ax) + "] for axis " + axis
                    + " in shape " + Shape.str(x.shape()));
        }
        ValuesAndIndices s = sort(a, ax, false);
        return pick(x, s, ax, k - 1, keepdim);
    }

    /**
     * The lower median along {@code axis} (element {@code (n-1)/2} of the sorted line) and its
     * position ({@code torch.median(x, dim)}). A line holding NaN has median NaN, reported at its
     * first NaN, as PyTorch propagates NaN here.
     */
    public static ValuesAndIndices median(NdArray x, int axis, boolean keepdim) {
        NdArray a = x.dim() == 0 ? x.reshape(1) : x;
        int ax = Shape.axis("median", axis, a.dim());
        int n = a.size(ax);
        if (n == 0) throw new IllegalArgumentException("median: axis " + axis + " has size 0 in shape " + Shape.str(x.shape()));
        ValuesAndIndices s = sort(a, ax, false);
        if (!a.dtype().isFloating()) return pick(x, s, ax, (n - 1) / 2, keepdim);
        // Ascending order puts the NaNs of a line last, in input order: the first NaN sits at
        // n - count(NaN). Lines without NaN pick (n - 1) / 2.
        NdArray nans = Reductions.sum(a.apply(UnaryOp.ISNAN), new int[] {ax}, true);
        NdArray noNan = NdArray.full((n - 1) / 2, DType.INT64);
        NdArray firstNan = nans.neg().add(n);
        NdArray pos = Elementwise.where(nans.gt(0), firstNan, onDevice(noNan, a));
        NdArray values = Indexing.gather(s.values(), ax, pos), indices = Indexing.gather(s.indices(), ax, pos);
        return shaped(x, values, indices, ax, keepdim);
    }

    /** The median of all elements (lower median; NaN if any element is NaN), as a rank-0 array. */
    public static NdArray median(NdArray x) {
        if (x.numel() == 0) throw new IllegalArgumentException("median: array of shape " + Shape.str(x.shape()) + " is empty");
        return median(x.reshape(-1), 0, false).values();
    }

    private static ValuesAndIndices pick(NdArray x, ValuesAndIndices sorted, int ax, int at, boolean keepdim) {
        NdArray v = sorted.values().narrow(ax, at, 1).contiguous(), i = sorted.indices().narrow(ax, at, 1).contiguous();
        return shaped(x, v, i, ax, keepdim);
    }

    /** Keep-dim results reshaped for {@code keepdim} and for rank-0 input. */
    private static ValuesAndIndices shaped(NdArray x, NdArray v, NdArray i, int ax, boolean keepdim) {
        if (x.dim() == 0) return new ValuesAndIndices(v.reshape(), i.reshape());
        if (keepdim) return new ValuesAndIndices(v, i);
        return new ValuesAndIndices(v.squeeze(ax), i.squeeze(ax));
    }

    private static NdArray onDevice(NdArray a, NdArray like) {
        return a.device().equals(like.device()) ? a : a.to(like.device());
    }
}
