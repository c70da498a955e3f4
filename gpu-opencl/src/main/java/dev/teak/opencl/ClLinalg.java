package dev.teak.opencl;

import dev.teak.tensor.ConvGeometry;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;
import dev.teak.tensor.sparse.CsrMatrix;

/**
 * Batched matmul (tiled, in local memory), CSR times dense, and im2col/col2im (kernels in
 * {@code linalg.cl} and {@code conv.cl}). Float32 and float64 only, as on the CPU.
 */
final class ClLinalg {
    private ClLinalg() {}

    private static void requireFloat(String op, DType t) {
        if (!t.isFloating()) throw new IllegalArgumentException(op + ": needs float32 or float64 on OpenCL, got " + t.pyName());
    }

    private static long roundUp(long n, long m) { return (n + m - 1) / m * m; }

    static void matmul(OpenClBackend be, NdArray a, NdArray b, NdArray out) {
        requireFloat("matmul", out.dtype());
        int r = a.dim(), m = a.size(-2), k = a.size(-1), n = b.size(-1);
        int[] batch = java.util.Arrays.copyOf(out.shape(), r - 2);
        int batches = Shape.numel(batch);
        if (batches == 0 || m == 0 || n == 0) return;
        if (k == 0) { out.fill(0); return; }
        int[] as = a.strides(), bs = b.strides();
        Layout l = Layout.merged("matmul", batch, java.util.Arrays.copyOf(as, r - 2), java.util.Arrays.copyOf(bs, r - 2));
        String src = be.sources.linalg(out.dtype());
        boolean tiled = be.info().maxWorkGroupSize() >= 256;
        long[] global = tiled ? new long[] {roundUp(n, 64) / 4, roundUp(m, 64) / 4, batches} : new long[] {n, m, batches};
        be.launch(src, tiled ? "matmul_tiled" : "matmul_simple", global, tiled ? new long[] {16, 16, 1} : null,
                m, n, k, OpenClBackend.st(a), a.offset(), as[r - 2], as[r - 1], OpenClBackend.st(b), b.offset(), bs[r - 2], bs[r - 1],
                OpenClBackend.st(out), l.rank, l.shape, l.strides(0), l.strides(1));
    }

    /**
     * The CSR structure lives on the host as {@code int[]}s that CsrMatrix never changes; each
     * is uploaded once and kept while the host array is reachable ({@link OpenClBackend#upload}),
     * so a training loop multiplying by one graph does not copy it every step.
     */
    static void spmm(OpenClBackend be, CsrMatrix a, NdArray dense, NdArray out) {
        requireFloat("spmm", out.dtype());
        int rows = a.rows(), n = dense.size(1);
        if (rows == 0 || n == 0) return;
        NdArray d = dense.contiguous(), vals = a.values().contiguous();
        vals.requireSameDevice("spmm", dense);
        be.launch(be.sources.linalg(out.dtype()), "spmm", new long[] {n, rows}, null, rows, n, be.upload(a.rowPtr()),
                be.upload(a.colIdx()), OpenClBackend.st(vals), vals.offset(), OpenClBackend.st(d), d.offset(), OpenClBackend.st(out));
    }

    private static Object[] geometry(ConvGeometry g) {
        return new Object[] {g.channels(), g.h(), g.w(), g.kh(), g.kw(), g.strideH(), g.strideW(),
            g.padH(), g.padW(), g.dilH(), g.dilW(), g.outH(), g.outW()};
    }

    private static Object[] args(Object[] head, Object[] geometry, Object... tail) {
        Object[] all = new Object[head.length + geometry.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(geometry, 0, all, head.length, geometry.length);
        System.arraycopy(tail, 0, all, head.length + geometry.length, tail.length);
        return all;
    }

    static void im2col(OpenClBackend be, NdArray x, ConvGeometry g, NdArray cols) {
        requireFloat("im2col", cols.dtype());
        NdArray xc = x.contiguous();
        int total = cols.numel();
        if (total == 0) return;
        be.launch(be.sources.conv(cols.dtype()), "im2col", new long[] {total}, null,
                args(new Object[] {total, OpenClBackend.st(xc), xc.offset()}, geometry(g), OpenClBackend.st(cols)));
    }

    static void col2im(OpenClBackend be, NdArray cols, ConvGeometry g, NdArray x) {
        requireFloat("col2im", x.dtype());
        if (!x.isContiguous()) throw new IllegalArgumentException("col2im: the output must be contiguous, got strides " + Shape.str(x.strides()));
        NdArray cc = cols.contiguous();
        int total = x.numel();
        if (total == 0) return;
        be.launch(be.sources.conv(x.dtype()), "col2im", new long[] {total}, null,
                args(new Object[] {total, OpenClBackend.st(cc), cc.offset()}, geometry(g), OpenClBackend.st(x), x.offset()));
    }
}
