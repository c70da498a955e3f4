package dev.teak.tensor.cpu;

import dev.teak.tensor.ConvGeometry;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.ReduceOp;

/**
 * im2col and col2im over {@code [N, C, H, W]}: column row {@code (c, i, j)} holds, for every
 * output position {@code (y, x)}, the input element at
 * {@code (y*sh - ph + i*dh, x*sw - pw + j*dw)} of channel {@code c} (zero in the padding).
 *
 * <p>For a fixed tap the output columns whose input lies inside the image form one interval
 * {@code [xLo, xHi)} (see {@link #validFrom}, {@link #validTo}), the same for every output row.
 * The loops therefore never test bounds per element: each output row is a zero run, a copy
 * (a {@code System.arraycopy} when the width stride is 1) and a zero run, and col2im adds runs
 * with the float32 {@link Kernels#accumulate}.
 */
final class CpuConv {
    private CpuConv() {}

    /** First output column (at most {@code out}) whose input column {@code x*stride - pad + offset} is >= 0. */
    static int validFrom(int out, int stride, int pad, int offset) {
        int need = pad - offset; // x * stride >= need
        return need <= 0 ? 0 : Math.min(out, (need + stride - 1) / stride);
    }

    /** One past the last output column (at most {@code out}) whose input column is < {@code in}. */
    static int validTo(int in, int out, int stride, int pad, int offset) {
        int last = in - 1 + pad - offset; // x * stride <= last
        return last < 0 ? 0 : Math.min(out, last / stride + 1);
    }

    static void im2col(NdArray x, ConvGeometry g, NdArray cols) {
        NdArray xc = x.contiguous();
        CpuStorage xs = (CpuStorage) xc.storage(), cs = (CpuStorage) cols.storage();
        boolean f32 = cs.f32 != null;
        Object xa = xs.array(), ca = cs.array();
        int batch = x.size(0), rows = g.colRows(), oh = g.outH(), ow = g.outW(), w = g.w(), plane = g.h() * w;
        int taps = g.kh() * g.kw(), colSize = rows * oh * ow, inSize = g.channels() * plane;
        int sw = g.strideW();
        Parallel.forRange(batch * rows, Math.max(1, Parallel.GRAIN / Math.max(1, oh * ow)), (lo, hi) -> {
            for (int br = lo; br < hi; br++) {
                int b = br / rows, r = br % rows;
                int c = r / taps, i = (r % taps) / g.kw(), j = r % g.kw();
                int src = xc.offset() + b * inSize + c * plane, dst = cols.offset() + b * colSize + r * oh * ow;
                int colOff = j * g.dilW() - g.padW();
                int xLo = validFrom(ow, sw, g.padW(), j * g.dilW()), xHi = Math.max(xLo, validTo(w, ow, sw, g.padW(), j * g.dilW()));
                int yLo = validFrom(oh, g.strideH(), g.padH(), i * g.dilH());
                int yHi = Math.max(yLo, validTo(g.h(), oh, g.strideH(), g.padH(), i * g.dilH()));
                zero(cs, f32, dst, yLo * ow);
                for (int y = yLo; y < yHi; y++) {
                    int o = dst + y * ow;
                    int in = src + (y * g.strideH() - g.padH() + i * g.dilH()) * w + xLo * sw + colOff;
                    zero(cs, f32, o, xLo);
                    int n = xHi - xLo;
                    if (n > 0) { // n == 0: the whole row lies in the padding, and `in` may point outside
                        if (sw == 1) System.arraycopy(xa, in, ca, o + xLo, n);
                        else if (f32) for (int k = 0; k < n; k++) cs.f32[o + xLo + k] = xs.f32[in + k * sw];
                        else for (int k = 0; k < n; k++) cs.f64[o + xLo + k] = xs.f64[in + k * sw];
                    }
                    zero(cs, f32, o + xHi, ow - xHi);
                }
                zero(cs, f32, dst + yHi * ow, (oh - yHi) * ow);
            }
        });
    }

    private static void zero(CpuStorage s, boolean f32, int from, int n) {
        if (n <= 0) return;
        if (f32) java.util.Arrays.fill(s.f32, from, from + n, 0f);
        else java.util.Arrays.fill(s.f64, from, from + n, 0.0);
    }

    /**
     * Adds every column entry back onto its input element; {@code x} is contiguous and zeroed by
     * the caller. Parallel over (batch, channel) planes: the taps of one channel only ever write
     * that channel, so no two threads touch one element and the order of additions is fixed.
     */
    static void col2im(NdArray cols, ConvGeometry g, NdArray x) {
        NdArray cc = cols.contiguous();
        CpuStorage cs = (CpuStorage) cc.storage(), xs = (CpuStorage) x.storage();
        boolean f32 = xs.f32 != null;
        Kernels kern = KernelPath.active();
        int batch = x.size(0), oh = g.outH(), ow = g.outW(), w = g.w(), plane = g.h() * w, taps = g.kh() * g.kw();
        int colSize = g.colRows() * oh * ow, sw = g.strideW();
        Parallel.forRange(batch * g.channels(), 1, (lo, hi) -> {
            for (int bc = lo; bc < hi; bc++) {
                int b = bc / g.channels(), c = bc % g.channels();
                int dst = x.offset() + b * g.channels() * plane + c * plane;
                for (int t = 0; t < taps; t++) {
                    int i = t / g.kw(), j = t % g.kw();
                    int src = cc.offset() + b * colSize + (c * taps + t) * oh * ow;
                    int xLo = validFrom(ow, sw, g.padW(), j * g.dilW()), xHi = validTo(w, ow, sw, g.padW(), j * g.dilW());
                    int yLo = validFrom(oh, g.strideH(), g.padH(), i * g.dilH());
                    int yHi = validTo(g.h(), oh, g.strideH(), g.padH(), i * g.dilH());
                    int n = xHi - xLo;
                    if (n <= 0) continue;
                    for (int y = yLo; y < yHi; y++) {
                        int from = src + y * ow + xLo;
                        int to = dst + (y * g.strideH() - g.padH() + i * g.dilH()) * w + xLo * sw + j * g.dilW() - g.padW();
                        if (f32 && sw == 1) kern.accumulate(ReduceOp.SUM, cs.f32, from, xs.f32, to, n);
                        else if (f32) for (int k = 0; k < n; k++) xs.f32[to + k * sw] += cs.f32[from + k];
                        else for (int k = 0; k < n; k++) xs.f64[to + k * sw] += cs.f64[from + k];
                    }
                }
            }
        });
    }
}
