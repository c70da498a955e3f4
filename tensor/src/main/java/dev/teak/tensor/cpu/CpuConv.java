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
        int batch = x.size(0), rows = g.colRows(), oh = g.outH(), ow = g.outW(), h = g.h(), w = g.w(), plane = h * w;
        int kw = g.kw(), taps = g.kh() * kw, colSize = rows * oh * ow, inSize = g.channels() * plane;
        int sh = g.strideH(), sw = g.strideW(), ph = g.padH(), pw = g.padW(), dh = g.dilH(), dw = g.dilW();
        int xOff = xc.offset(), cOff = cols.offset();
        Parallel.forRange(batch * rows, Math.max(1, Parallel.GRAIN / Math.max(1, oh * ow)), (lo, hi) -> {
            for (int br = lo; br < hi; br++) {
                int b = br / rows, r = br % rows;
                int c = r / taps, i = (r % taps) / kw, j = r % kw;
                int src = xOff + b * inSize + c * plane, dst = cOff + b * colSize + r * oh * ow;
                int xLo = validFrom(ow, sw, pw, j * dw), xHi = Math.max(xLo, validTo(w, ow, sw, pw, j * dw));
                int yLo = validFrom(oh, sh, ph, i * dh), yHi = Math.max(yLo, validTo(h, oh, sh, ph, i * dh));
                zero(cs, dst, yLo * ow);
                if (xHi > xLo) {
                    for (int y = yLo; y < yHi; y++) {
                        int o = dst + y * ow;
                        // input index of output column xLo in row y: (y*sh - ph + i*dh) * w + (xLo*sw - pw + j*dw)
                        int in = src + (y * sh - ph + i * dh) * w + xLo * sw - pw + j * dw;
                        zero(cs, o, xLo);
                        copyRun(xs, in, sw, cs, o + xLo, xHi - xLo);
                        zero(cs, o + xHi, ow - xHi);
                    }
                } else {
                    zero(cs, dst + yLo * ow, (yHi - yLo) * ow); // every column of this tap lies in the padding
                }
                zero(cs, dst + yHi * ow, (oh - yHi) * ow);
            }
        });
    }

    /** {@code d[o + k] = s[in + k*step]} for {@code k < n}: one arraycopy for unit steps. */
    private static void copyRun(CpuStorage s, int in, int step, CpuStorage d, int o, int n) {
        if (step == 1) {
            System.arraycopy(s.array(), in, d.array(), o, n);
        } else if (s.f32 != null) {
            float[] sf = s.f32, df = d.f32;
            for (int k = 0; k < n; k++) df[o + k] = sf[in + k * step];
        } else {
            double[] sf = s.f64, df = d.f64;
            for (int k = 0; k < n; k++) df[o + k] = sf[in + k * step];
        }
    }

    private static void zero(CpuStorage s, int from, int n) {
        if (n <= 0) return;
        if (s.f32 != null) java.util.Arrays.fill(s.f32, from, from + n, 0f);
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
        Kernels kern = KernelPath.active();
        int batch = x.size(0), channels = g.channels(), oh = g.outH(), ow = g.outW(), h = g.h(), w = g.w(), plane = h * w;
        int kw = g.kw(), taps = g.kh() * kw, colSize = g.colRows() * oh * ow;
        int sh = g.strideH(), sw = g.strideW(), ph = g.padH(), pw = g.padW(), dh = g.dilH(), dw = g.dilW();
        int xOff = x.offset(), cOff = cc.offset();
        Parallel.forRange(batch * channels, 1, (lo, hi) -> {
            for (int bc = lo; bc < hi; bc++) {
                int b = bc / channels, c = bc % channels;
                int dst = xOff + (b * channels + c) * plane;
                for (int t = 0; t < taps; t++) {
                    int i = t / kw, j = t % kw;
                    int src = cOff + b * colSize + (c * taps + t) * oh * ow;
                    int xLo = validFrom(ow, sw, pw, j * dw), xHi = validTo(w, ow, sw, pw, j * dw);
                    int yLo = validFrom(oh, sh, ph, i * dh), yHi = validTo(h, oh, sh, ph, i * dh);
                    int n = xHi - xLo;
                    if (n <= 0) continue;
                    for (int y = yLo; y < yHi; y++) {
                        int from = src + y * ow + xLo;
                        int to = dst + (y * sh - ph + i * dh) * w + xLo * sw - pw + j * dw;
                        addRun(kern, cs, from, xs, to, sw, n);
                    }
                }
            }
        });
    }

    /** {@code d[to + k*step] += s[from + k]} for {@code k < n}; unit-step float32 runs use the vector kernels. */
    private static void addRun(Kernels kern, CpuStorage s, int from, CpuStorage d, int to, int step, int n) {
        if (s.f32 != null) {
            if (step == 1) {
                kern.accumulate(ReduceOp.SUM, s.f32, from, d.f32, to, n);
            } else {
                float[] sf = s.f32, df = d.f32;
                for (int k = 0; k < n; k++) df[to + k * step] += sf[from + k];
            }
        } else {
            double[] sf = s.f64, df = d.f64;
            for (int k = 0; k < n; k++) df[to + k * step] += sf[from + k];
        }
    }
}
