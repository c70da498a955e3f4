package dev.teak.tensor.cpu;

import dev.teak.tensor.ConvGeometry;
import dev.teak.tensor.NdArray;

/**
 * im2col and col2im over {@code [N, C, H, W]}: column row {@code (c, i, j)} holds, for every
 * output position, the input element under kernel tap {@code (i, j)} of channel {@code c}
 * (zero in the padding).
 */
final class CpuConv {
    private CpuConv() {}

    static void im2col(NdArray x, ConvGeometry g, NdArray cols) {
        NdArray xc = x.contiguous();
        CpuStorage xs = (CpuStorage) xc.storage(), cs = (CpuStorage) cols.storage();
        int batch = x.size(0), rows = g.colRows(), oh = g.outH(), ow = g.outW(), plane = g.h() * g.w();
        int colSize = rows * oh * ow, inSize = g.channels() * plane;
        Parallel.forRange(batch * rows, Math.max(1, Parallel.GRAIN / Math.max(1, oh * ow)), (lo, hi) -> {
            for (int br = lo; br < hi; br++) {
                int b = br / rows, r = br % rows;
                int c = r / (g.kh() * g.kw()), i = (r / g.kw()) % g.kh(), j = r % g.kw();
                int src = xc.offset() + b * inSize + c * plane, dst = b * colSize + r * oh * ow;
                for (int y = 0; y < oh; y++) {
                    int iy = y * g.strideH() - g.padH() + i * g.dilH();
                    for (int xx = 0; xx < ow; xx++) {
                        int ix = xx * g.strideW() - g.padW() + j * g.dilW();
                        boolean in = iy >= 0 && iy < g.h() && ix >= 0 && ix < g.w();
                        int o = dst + y * ow + xx;
                        if (cs.f32 != null) cs.f32[o] = in ? xs.f32[src + iy * g.w() + ix] : 0f;
                        else cs.f64[o] = in ? xs.f64[src + iy * g.w() + ix] : 0.0;
                    }
                }
            }
        });
    }

    /** Parallel over (batch, channel) planes: the taps of one channel only ever write that channel. */
    static void col2im(NdArray cols, ConvGeometry g, NdArray x) {
        NdArray cc = cols.contiguous();
        CpuStorage cs = (CpuStorage) cc.storage(), xs = (CpuStorage) x.storage();
        int batch = x.size(0), oh = g.outH(), ow = g.outW(), plane = g.h() * g.w(), taps = g.kh() * g.kw();
        int colSize = g.colRows() * oh * ow;
        Parallel.forRange(batch * g.channels(), 1, (lo, hi) -> {
            for (int bc = lo; bc < hi; bc++) {
                int b = bc / g.channels(), c = bc % g.channels();
                int dst = x.offset() + b * g.channels() * plane + c * plane;
                for (int t = 0; t < taps; t++) {
                    int i = t / g.kw(), j = t % g.kw();
                    int src = cc.offset() + b * colSize + (c * taps + t) * oh * ow;
                    for (int y = 0; y < oh; y++) {
                        int iy = y * g.strideH() - g.padH() + i * g.dilH();
                        if (iy < 0 || iy >= g.h()) continue;
                        for (int xx = 0; xx < ow; xx++) {
                            int ix = xx * g.strideW() - g.padW() + j * g.dilW();
                            if (ix < 0 || ix >= g.w()) continue;
                            if (xs.f32 != null) xs.f32[dst + iy * g.w() + ix] += cs.f32[src + y * ow + xx];
                            else xs.f64[dst + iy * g.w() + ix] += cs.f64[src + y * ow + xx];
                        }
                    }
                }
            }
        });
    }
}
