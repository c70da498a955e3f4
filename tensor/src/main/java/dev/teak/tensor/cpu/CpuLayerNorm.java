package dev.teak.tensor.cpu;

import dev.teak.tensor.BinaryOp;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.ReduceOp;

/**
 * {@link dev.teak.tensor.LayerNormRows} on float32 rows, one row at a time while it sits in
 * cache, with the vector kernels: the mean, {@code x - mean}, its dot with itself, a scale to
 * xhat, the weight and bias; backward {@code gw = g w}, its sum and its dot with xhat, one
 * {@code axpy} and one affine map. The composites make about ten passes over the whole array
 * forward and twenty backward, each with a temporary.
 */
final class CpuLayerNorm {
    private CpuLayerNorm() {}

    /** Whether every non-null array is a contiguous float32 CPU array. */
    static boolean fits(NdArray... arrays) {
        for (NdArray a : arrays) {
            if (a != null && (a.dtype() != DType.FLOAT32 || !a.isContiguous() || !(a.storage() instanceof CpuStorage))) return false;
        }
        return true;
    }

    static NdArray[] forward(CpuBackend be, NdArray x, NdArray w, NdArray b, double eps) {
        int rows = x.size(0), n = x.size(1);
        NdArray y = NdArray.empty(be, DType.FLOAT32, rows, n), xhat = NdArray.empty(be, DType.FLOAT32, rows, n);
        NdArray rstd = NdArray.empty(be, DType.FLOAT32, rows, 1);
        float[] xs = f32(x), ys = f32(y), hs = f32(xhat), rs = f32(rstd), ws = w == null ? null : f32(w), bs = b == null ? null : f32(b);
        int xo = x.offset(), wo = w == null ? 0 : w.offset(), bo = b == null ? 0 : b.offset();
        Kernels k = KernelPath.active();
        Parallel.forRange(rows, Math.max(1, Parallel.GRAIN / Math.max(1, n)), (lo, hi) -> {
            for (int r = lo; r < hi; r++) {
                int xi = xo + r * n, o = r * n;
                float mean = k.reduce(ReduceOp.SUM, xs, xi, n) / n;
                k.affine(xs, xi, 1f, -mean, hs, o, n);                                    // x - mean
                float inv = (float) (1 / Math.sqrt(k.dot(hs, o, hs, o, n) / n + eps));
                rs[r] = inv;
                k.affine(hs, o, inv, 0f, hs, o, n);                                       // xhat
                if (ws != null) k.binary(BinaryOp.MUL, hs, o, 1, ws, wo, 1, ys, o, n);
                else System.arraycopy(hs, o, ys, o, n);
                if (bs != null) k.binary(BinaryOp.ADD, ys, o, 1, bs, bo, 1, ys, o, n);
            }
        });
        return new NdArray[] {y, xhat, rstd};
    }

    static NdArray backward(CpuBackend be, NdArray g, NdArray xhat, NdArray rstd, NdArray w) {
        int rows = g.size(0), n = g.size(1);
        NdArray dx = NdArray.empty(be, DType.FLOAT32, rows, n);
        float[] gs = f32(g), hs = f32(xhat), rs = f32(rstd), ds = f32(dx), ws = w == null ? null : f32(w);
        int go = g.offset(), ho = xhat.offset(), ro = rstd.offset(), wo = w == null ? 0 : w.offset();
        Kernels k = KernelPath.active();
        Parallel.forRange(rows, Math.max(1, Parallel.GRAIN / Math.max(1, n)), (lo, hi) -> {
            for (int r = lo; r < hi; r++) {
                int gi = go + r * n, xi = ho + r * n, o = r * n;
                if (ws != null) k.binary(BinaryOp.MUL, gs, gi, 1, ws, wo, 1, ds, o, n);   // gw
                else System.arraycopy(gs, gi, ds, o, n);
                float a = k.reduce(ReduceOp.SUM, ds, o, n) / n, c = k.dot(ds, o, hs, xi, n) / n;
                k.axpy(-c, hs, xi, ds, o, n);                                            // gw - c xhat
                float inv = rs[ro + r];
                k.affine(ds, o, inv, -a * inv, ds, o, n);                                 // rstd (gw - c xhat - a)
            }
        });
        return dx;
    }

    private static float[] f32(NdArray a) { return ((CpuStorage) a.storage()).f32; }
}
