package dev.teak.autograd;

import dev.teak.tensor.LayerNormRows;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;
import dev.teak.tensor.UnaryOp;
import java.util.Arrays;

/**
 * Layer normalisation over the last {@code dims} axes as one node: the forward keeps
 * {@code xhat} and {@code rstd} ({@link LayerNormRows}), and a first-order backward is one
 * fused pass for dx plus two column sums for the weight and bias. When the backward itself is
 * recorded (double backward), it is written with differentiable ops instead, recomputing the
 * statistics from x.
 */
final class NormOps {
    private NormOps() {}

    static Tensor layerNorm(Tensor x, int dims, Tensor weight, Tensor bias, double eps) {
        if (dims < 1 || dims > x.dim()) {
            throw new IllegalArgumentException("layerNorm: cannot normalise the last " + dims + " axes of " + Shape.str(x.shape()));
        }
        int[] normShape = Arrays.copyOfRange(x.shape(), x.dim() - dims, x.dim());
        for (Tensor p : new Tensor[] {weight, bias}) {
            if (p != null && !Arrays.equals(p.shape(), normShape)) {
                throw new IllegalArgumentException("layerNorm: " + (p == weight ? "weight" : "bias") + " of shape " + Shape.str(p.shape())
                        + " does not match the normalised shape " + Shape.str(normShape) + " of input " + Shape.str(x.shape()));
            }
        }
        int n = Shape.numel(normShape), rows = n == 0 ? 0 : x.numel() / n;
        NdArray[] r = LayerNormRows.forward(rows2d(x.data(), rows, n), flat(weight, n), flat(bias, n), eps);
        NdArray y = r[0].reshape(x.shape());
        if (!Tensor.isRecording(x, weight, bias)) return new Tensor(y);
        return Tensor.record(y, new LayerNorm(x, weight, bias, dims, eps, r[1], r[2]));
    }

    private static NdArray rows2d(NdArray a, int rows, int n) { return a.contiguous().reshape(rows, n); }

    private static NdArray flat(Tensor p, int n) { return p == null ? null : p.data().contiguous().reshape(n); }

    static final class LayerNorm extends Node {
        final int dims;
        final double eps;
        final NdArray xhat, rstd;

        LayerNorm(Tensor x, Tensor w, Tensor b, int dims, double eps, NdArray xhat, NdArray rstd) {
            super(x, w, b);
            this.dims = dims;
            this.eps = eps;
            this.xhat = xhat;
            this.rstd = rstd;
            if (w != null) save(x, w);
            else save(x);
        }

        @Override public String name() { return "layerNorm"; }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor x = saved(0), w = input(1) == null ? null : saved(1), b = input(2);
            int n = xhat.size(1), rows = xhat.size(0);
            if (Tensor.isRecording(x, g, w)) return recordedBackward(g, x, w, b);
            NdArray g2 = rows2d(g.data(), rows, n);
            NdArray dx = LayerNormRows.backward(g2, xhat, rstd, flat(w, n)).reshape(x.shape());
            Tensor dw = needsGrad(1) ? new Tensor(g2.mul(xhat).sum(0, false).reshape(w.shape())) : null;
            Tensor db = needsGrad(2) ? new Tensor(g2.sum(0, false).reshape(b.shape())) : null;
            return new Tensor[] {needsGrad(0) ? new Tensor(dx) : null, dw, db};
        }

        /** The same rules as differentiable ops, with mean and rstd recomputed from x so that they carry their own gradients. */
        private Tensor[] recordedBackward(Tensor g, Tensor x, Tensor w, Tensor b) {
            int[] axes = new int[dims];
            for (int i = 0; i < dims; i++) axes[i] = x.dim() - dims + i;
            Tensor xc = x.sub(x.mean(axes, true));
            Tensor inv = xc.square().mean(axes, true).add(eps).apply(UnaryOp.RSQRT);
            Tensor xh = xc.mul(inv);
            Tensor gw = w == null ? g : g.mul(w);
            Tensor dx = gw.sub(gw.mean(axes, true)).sub(xh.mul(gw.mul(xh).mean(axes, true))).mul(inv);
            Tensor dw = needsGrad(1) ? PointwiseOps.reduceTo(g.mul(xh), w) : null;
            Tensor db = needsGrad(2) ? PointwiseOps.reduceTo(g, b) : null;
            return new Tensor[] {needsGrad(0) ? dx : null, dw, db};
        }
    }
}
