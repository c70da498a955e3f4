package dev.teak.autograd;

import dev.teak.tensor.Elementwise;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.ReduceOp;
import dev.teak.tensor.Reductions;
import dev.teak.tensor.Shape;
import dev.teak.tensor.UnaryOp;
import java.util.Arrays;

/**
 * Reductions. Primitives: {@code sum} (gradient: broadcast back) and {@code prod}; max/min are
 * a gather at the arg-extreme indices, so their gradient is a scatter and is differentiable
 * again. Mean, variance and log-sum-exp are composites, so their gradients (of every order)
 * are exactly those of the formulas written here; softmax and log-softmax are in {@link SoftmaxOps}.
 */
final class ReductionOps {
    private ReductionOps() {}

    static int[] keepShape(int[] shape, int[] axes) {
        int[] out = shape.clone();
        for (int a : axes) out[a] = 1;
        return out;
    }

    static int[] dropShape(int[] shape, int[] axes) {
        int[] out = new int[shape.length - axes.length];
        boolean[] red = new boolean[shape.length];
        for (int a : axes) red[a] = true;
        for (int d = 0, k = 0; d < shape.length; d++) if (!red[d]) out[k++] = shape[d];
        return out;
    }

    // ------------------------------------------------------------------ sum

    static Tensor sum(Tensor x, int[] axes, boolean keepdim) {
        NdArray r = Reductions.sum(x.data(), axes, keepdim);
        if (!Tensor.recording(x)) return new Tensor(r);
        int[] ax = x.dim() == 0 ? new int[0] : Shape.axes("sum", axes, x.dim());
        return Tensor.record(r, new Sum(x, keepShape(x.shape(), ax), keepdim));
    }

    /** y = sum over axes; dx = g broadcast back over the reduced axes. */
    static final class Sum extends Node {
        final int[] inShape, keep;
        final boolean keepdim;

        Sum(Tensor x, int[] keep, boolean keepdim) { super(x); this.inShape = x.shape(); this.keep = keep; this.keepdim = keepdim; }

        @Override public String name() { return "sum"; }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor gk = keepdim ? g : g.reshape(keep);
            return new Tensor[] {gk.expand(inShape)};
        }
    }

    /** Sums {@code g} over the axes along which {@code shape} was broadcast to reach g's shape. */
    static Tensor sumToShape(Tensor g, int[] shape) {
        if (g.hasShape(shape)) return g;
        int[] gs = g.shape();
        int lead = gs.length - shape.length;
        if (lead < 0) {
            throw new IllegalArgumentException("sumToShape: gradient of shape " + Shape.str(gs)
                    + " has fewer axes than the input shape " + Shape.str(shape));
        }
        int[] axes = new int[gs.length];
        int n = 0;
        for (int d = 0; d < gs.length; d++) {
            if (d < lead || (shape[d - lead] == 1 && gs[d] != 1)) axes[n++] = d;
        }
        Tensor r = n == 0 ? g : g.sum(Arrays.copyOf(axes, n), true);
        return r.reshape(shape);
    }

    // ------------------------------------------------------------------ prod

    static Tensor prod(Tensor x, int axis, boolean keepdim) {
        NdArray r = Reductions.reduce(ReduceOp.PROD, x.data(), new int[] {axis}, true);
        int[] ax = Shape.axes("prod", new int[] {axis}, x.dim());
        NdArray out = keepdim ? r : r.reshape(dropShape(x.shape(), ax));
        if (!Tensor.recording(x)) return new Tensor(out);
        Prod node = new Prod(x, keepShape(x.shape(), ax), keepdim);
        Tensor y = Tensor.record(out, node);
        node.save(x, y);
        return y;
    }

    /**
     * y = prod over an axis; dx_i = g * y / x_i. Defined for non-zero inputs (a zero gives a
     * division by zero, as the simple formula does in every framework that uses it).
     */
    static final class Prod extends Node {
        final int[] keep;
        final boolean keepdim;

        Prod(Tensor x, int[] keep, boolean keepdim) { super(x); this.keep = keep; this.keepdim = keepdim; }

        @Override public String name() { return "prod"; }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor x = saved(0), y = saved(1);
            Tensor gk = keepdim ? g : g.reshape(keep), yk = keepdim ? y : y.reshape(keep);
            return new Tensor[] {gk.mul(yk).div(x)};
        }
    }

    // ------------------------------------------------------------------ cumsum

    static Tensor cumsum(Tensor x, int axis) {
        if (x.dim() == 0) return x.reshape();
        int ax = Shape.axis("cumsum", axis, x.dim());
        NdArray r = Reductions.cumsum(x.data(), ax);
        if (!Tensor.recording(x)) return new Tensor(r);
        return Tensor.record(r, new Cumsum(x, ax));
    }

    /**
     * y_i = sum_{j <= i} x_j; dx_j = sum_{i >= j} g_i, the reversed prefix sum, written as
     * sum(g) - cumsum(g) + g so that it is differentiable again.
     */
    static final class Cumsum extends Node {
        final int axis;

        Cumsum(Tensor x, int axis) { super(x); this.axis = axis; }

        @Override public String name() { return "cumsum"; }

        @Override
        protected Tensor[] backward(Tensor g) {
            return new Tensor[] {g.sum(axis, true).sub(cumsum(g, axis)).add(g)};
        }
    }

    // ------------------------------------------------------------------ composites

    static Tensor mean(Tensor x, int[] axes, boolean keepdim) {
        return sum(x, axes, keepdim).div(Reductions.count(x.data(), axes));
    }

    /** var = sum((x - mean)^2) / (n - correction). */
    static Tensor var(Tensor x, int[] axes, int correction, boolean keepdim) {
        Tensor centred = x.sub(mean(x, axes, true));
        int n = Reductions.count(x.data(), axes);
        return sum(centred.square(), axes, keepdim).div(Math.max(n - correction, 0));
    }

    /** std = sqrt(var). */
    static Tensor std(Tensor x, int[] axes, int correction, boolean keepdim) { return var(x, axes, correction, keepdim).sqrt(); }

    /** max/min along an axis = gather at the arg-extreme index (the first one on ties). */
    static Tensor extreme(boolean max, Tensor x, int axis, boolean keepdim) {
        if (x.dim() == 0) return extreme(max, x.reshape(1), 0, false);
        NdArray idx = max ? Reductions.argmax(x.data(), axis, true) : Reductions.argmin(x.data(), axis, true);
        Tensor v = x.gather(axis, idx);
        return keepdim ? v : v.squeeze(axis);
    }

    /** The max over axes as a constant shift; infinite maxima shift by 0 so all -inf rows stay -inf. */
    private static Tensor shift(Tensor x, int[] axes) {
        NdArray m = Reductions.reduce(ReduceOp.MAX, x.data(), axes, true);
        return new Tensor(Elementwise.where(m.apply(UnaryOp.ISINF), 0.0, m));
    }

    /**
     * logsumexp(x) = log(sum(exp(x - m))) + m with m = max(x) held constant: m cancels
     * exactly, so the gradient is softmax(x) and nothing overflows for large x.
     */
    static Tensor logsumexp(Tensor x, int[] axes, boolean keepdim) {
        if (x.dim() == 0) return x.add(0);
        int[] ax = Shape.axes("logsumexp", axes, x.dim());
        Tensor m = shift(x, ax);
        Tensor r = x.sub(m).exp().sum(ax, true).log().add(m);
        return keepdim ? r : r.reshape(dropShape(x.shape(), ax));
    }
}
