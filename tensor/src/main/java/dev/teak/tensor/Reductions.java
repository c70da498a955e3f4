package dev.teak.tensor;

/**
 * Reductions over any set of axes with {@code keepdim}, and the stable composites built on them
 * (mean, variance, log-sum-exp, softmax). An empty axis list means all axes.
 */
public final class Reductions {
    private Reductions() {}

    /** Values and int64 indices of a max/min along one axis (PyTorch's {@code torch.max(x, dim)}). */
    public record ValuesAndIndices(NdArray values, NdArray indices) {}

    private static int[] keepShape(int[] shape, int[] axes) {
        int[] out = shape.clone();
        for (int a : axes) out[a] = 1;
        return out;
    }

    private static int[] dropShape(int[] shape, int[] axes) {
        int[] out = new int[shape.length - axes.length];
        boolean[] red = new boolean[shape.length];
        for (int a : axes) red[a] = true;
        for (int d = 0, k = 0; d < shape.length; d++) if (!red[d]) out[k++] = shape[d];
        return out;
    }

    public static NdArray reduce(ReduceOp op, NdArray x, int[] axes, boolean keepdim) {
        String name = op.name().toLowerCase(java.util.Locale.ROOT);
        int[] ax = Shape.axes(name, axes, x.dim());
        if (x.dim() == 0) return x.copy().to(resultType(op, x.dtype()));
        if ((op == ReduceOp.MAX || op == ReduceOp.MIN)) {
            for (int a : ax) {
                if (x.size(a) == 0) {
                    throw new IllegalArgumentException(name + ": cannot reduce axis " + a + " of size 0 in shape " + Shape.str(x.shape()));
                }
            }
        }
        NdArray out = NdArray.zeros(x.backend(), resultType(op, x.dtype()), keepShape(x.shape(), ax));
        x.backend().reduce(op, x, ax, out);
        return keepdim ? out : out.view(dropShape(x.shape(), ax));
    }

    private static DType resultType(ReduceOp op, DType in) {
        if (op == ReduceOp.ANY || op == ReduceOp.ALL) return DType.BOOL;
        if ((op == ReduceOp.SUM || op == ReduceOp.PROD) && !in.isFloating()) return DType.INT64;
        return in;
    }

    public static NdArray sum(NdArray x, int[] axes, boolean keepdim) { return reduce(ReduceOp.SUM, x, axes, keepdim); }

    /** Number of elements folded into each result element. */
    public static int count(NdArray x, int[] axes) {
        int n = 1;
        int[] ax = Shape.axes("count", axes, x.dim());
        if (x.dim() == 0) return 1; // a rank-0 array reduced over "axis 0" folds its one element
        for (int a : ax) n *= x.size(a);
        return n;
    }

    /** Arithmetic mean; integer input gives float32. */
    public static NdArray mean(NdArray x, int[] axes, boolean keepdim) {
        NdArray f = x.dtype().isFloating() ? x : x.to(DType.FLOAT32);
        return sum(f, axes, keepdim).div(count(x, axes));
    }

    /** Variance with Bessel-style {@code correction} (1 = unbiased, 0 = population), two-pass for accuracy. */
    public static NdArray var(NdArray x, int[] axes, int correction, boolean keepdim) {
        NdArray f = x.dtype().isFloating() ? x : x.to(DType.FLOAT32);
        NdArray centred = f.sub(mean(f, axes, true));
        int n = count(x, axes);
        return sum(centred.square(), axes, keepdim).div(Math.max(n - correction, 0));
    }

    /** {@code log(sum(exp(x)))} shifted by the maximum so large inputs neither overflow nor lose precision. */
    public static NdArray logsumexp(NdArray x, int[] axes, boolean keepdim) {
        int[] ax = Shape.axes("logsumexp", axes, x.dim());
        if (count(x, ax) == 0 && x.dim() > 0) { // log of an empty sum: -inf, as in PyTorch
            DType t = x.dtype().isFloating() ? x.dtype() : DType.FLOAT32;
            return NdArray.full(Double.NEGATIVE_INFINITY, t, keepdim ? keepShape(x.shape(), ax) : dropShape(x.shape(), ax));
        }
        NdArray m = reduce(ReduceOp.MAX, x, axes, true);
        NdArray safe = Elementwise.where(m.apply(UnaryOp.ISINF), 0.0, m); // all -inf (or +inf) rows: shift by 0
        NdArray r = sum(x.sub(safe).exp(), axes, true).log().add(safe);
        return keepdim ? r : r.view(dropShape(x.shape(), Shape.axes("logsumexp", axes, x.dim())));
    }

    /** Softmax along one axis, stable for large inputs. */
    public static NdArray softmax(NdArray x, int axis) {
        if (x.numel() == 0) return NdArray.zeros(x.backend(), x.dtype().isFloating() ? x.dtype() : DType.FLOAT32, x.shape());
        NdArray fused = fusedLastAxis(x, axis, false);
        if (fused != null) return fused;
        NdArray e = x.sub(reduce(ReduceOp.MAX, x, new int[] {axis}, true)).exp();
        return e.div(sum(e, new int[] {axis}, true));
    }

    public static NdArray logSoftmax(NdArray x, int axis) {
        NdArray fused = x.numel() > 0 ? fusedLastAxis(x, axis, true) : null;
        return fused != null ? fused : x.sub(logsumexp(x, new int[] {axis}, true));
    }

    /**
     * The backend's fused (log-)softmax kernel for the last axis of a contiguous array, or null
     * where it has none (an invalid axis goes on to the composite, whose max names it).
     */
    private static NdArray fusedLastAxis(NdArray x, int axis, boolean log) {
        if (x.dim() == 0 || (axis != -1 && axis != x.dim() - 1) || !x.isContiguous()) return null;
        return x.backend().softmaxLastAxis(x, log);
    }

    public static ValuesAndIndices maxWithIndices(NdArray x, int axis, boolean keepdim) { return arg(true, x, axis, keepdim); }

    public static ValuesAndIndices minWithIndices(NdArray x, int axis, boolean keepdim) { return arg(false, x, axis, keepdim); }

    public static NdArray argmax(NdArray x, int axis, boolean keepdim) { return arg(true, x, axis, keepdim).indices(); }

    public static NdArray argmin(NdArray x, int axis, boolean keepdim) { return arg(false, x, axis, keepdim).indices(); }

    private static ValuesAndIndices arg(boolean max, NdArray x, int axis, boolean keepdim) {
        String name = max ? "argmax" : "argmin";
        if (x.dim() == 0) { // the one element is the extreme, at index 0; the results stay rank 0
            Shape.axis(name, axis, 0);
            ValuesAndIndices r = arg(max, x.reshape(1), 0, false);
            return new ValuesAndIndices(r.values().reshape(), r.indices().reshape());
        }
        int a = Shape.axis(name, axis, x.dim());
        if (x.size(a) == 0) throw new IllegalArgumentException(name + ": axis " + axis + " has size 0 in shape " + Shape.str(x.shape()));
        int[] ks = keepShape(x.shape(), new int[] {a});
        NdArray values = NdArray.zeros(x.backend(), x.dtype(), ks), indices = NdArray.zeros(x.backend(), DType.INT64, ks);
        x.backend().argReduce(max, x, a, values, indices);
        if (keepdim) return new ValuesAndIndices(values, indices);
        return new ValuesAndIndices(values.squeeze(a), indices.squeeze(a));
    }

    /** Inclusive prefix sum along an axis (integers accumulate in int64). */
    public static NdArray cumsum(NdArray x, int axis) {
        int a = Shape.axis("cumsum", axis, x.dim());
        DType t = x.dtype().isFloating() ? x.dtype() : DType.INT64;
        if (x.dim() == 0) return x.to(t).copy();
        NdArray out = NdArray.zeros(x.backend(), t, x.shape());
        if (x.numel() > 0) x.backend().cumsum(x, a, out);
        return out;
    }
}
