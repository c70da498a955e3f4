package dev.teak.autograd;

import dev.teak.tensor.NdArray;
import dev.teak.tensor.Reductions;
import dev.teak.tensor.Shape;

/**
 * Softmax and log-softmax as primitives, so the forward pass is the backend's fused kernel
 * ({@link Reductions#softmax}: one row at a time, no temporaries) rather than four to six
 * whole-array ops each recorded on the tape. With {@code y} the output along axis {@code a}:
 * <pre>
 *   softmax:     dx = y * (g - sum_a(g * y))
 *   logSoftmax:  dx = g - exp(y) * sum_a(g)
 * </pre>
 * The rules are written in differentiable Tensor ops. When the backward pass itself is being
 * recorded (create_graph), {@code y} is recomputed from {@code x} as a recorded op, so the
 * second derivative sees y's dependence on x; otherwise the saved forward result is used.
 */
final class SoftmaxOps {
    private SoftmaxOps() {}

    static Tensor softmax(Tensor x, int axis) {
        if (x.dim() == 0) return x.mul(0).add(1);
        int a = Shape.axis("softmax", axis, x.dim());
        NdArray y = Reductions.softmax(x.data(), a);
        return Tensor.recording(x) ? Tensor.record(y, new Softmax(x, a, y, false)) : new Tensor(y);
    }

    static Tensor logSoftmax(Tensor x, int axis) {
        if (x.dim() == 0) return x.mul(0);
        int a = Shape.axis("logSoftmax", axis, x.dim());
        NdArray y = Reductions.logSoftmax(x.data(), a);
        return Tensor.recording(x) ? Tensor.record(y, new Softmax(x, a, y, true)) : new Tensor(y);
    }

    /** The node of both: {@code log} selects log-softmax. */
    static final class Softmax extends Node {
        final int axis;
        final NdArray y;
        final boolean log;

        Softmax(Tensor x, int axis, NdArray y, boolean log) { super(x); this.axis = axis; this.y = y; this.log = log; }

        @Override public String name() { return log ? "logSoftmax" : "softmax"; }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor x = input(0);
            int[] ax = {axis};
            if (log) {
                Tensor p = Tensor.isRecording(x, g) ? logSoftmax(x, axis).exp() : new Tensor(y.exp());
                return new Tensor[] {g.sub(p.mul(g.sum(ax, true)))};
            }
            Tensor s = Tensor.isRecording(x, g) ? softmax(x, axis) : new Tensor(y);
            return new Tensor[] {s.mul(g.sub(g.mul(s).sum(ax, true)))};
        }
    }
}
