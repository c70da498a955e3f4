package dev.teak.opencl;

import dev.teak.tensor.NdArray;
import dev.teak.tensor.ReduceOp;

/**
 * Reductions over any axes, arg-max/min and cumulative sums (kernels in {@code reduce.cl} and {@code scan.cl}).
 * A long reduction gets a work-group per output element with a fixed-shape tree, a short one
 * a work-item per output element; either way the order of combination depends only on the
 * shape, so results are reproducible run to run.
 */
final class ClReduce {
    private ClReduce() {}

    /** Work-group size of the tree reduction: a power of two the device accepts. */
    static int groupSize(DeviceInfo info) {
        int g = 1;
        while (g * 2 <= Math.min(128, info.maxWorkGroupSize())) g *= 2;
        return g;
    }

    /** Reductions of at most this many elements run one per work-item. */
    static final int SEQUENTIAL_MAX = 64;

    /** Above this many elements per output, and with few outputs, a reduction splits into chunks of this size. */
    static final int CHUNK = 1 << 15;

    /** Fewer outputs than this leave a device idle with one work-group each: split them. */
    static final int FEW_OUTPUTS = 64;

    static void reduce(OpenClBackend be, ReduceOp op, NdArray x, int[] axes, NdArray out) {
        int rank = x.dim();
        boolean[] red = new boolean[rank];
        for (int a : axes) red[a] = true;
        int[] keptShape = new int[rank - axes.length], keptStrides = new int[keptShape.length];
        int[] redShape = new int[axes.length], redStrides = new int[axes.length];
        for (int d = 0, k = 0, r = 0; d < rank; d++) {
            if (red[d]) { redShape[r] = x.size(d); redStrides[r++] = x.stride(d); }
            else { keptShape[k] = x.size(d); keptStrides[k++] = x.stride(d); }
        }
        int outer = out.numel(), inner = 1;
        for (int s : redShape) inner *= s;
        if (outer == 0) return;
        if (inner == 0) { out.fill(op.identity()); return; }
        Layout kept = Layout.merged("reduce", keptShape, keptStrides);
        Layout reduced = Layout.merged("reduce", redShape, redStrides);
        String src = be.sources.reduce(x.dtype(), out.dtype());
        OpenClStorage xs = OpenClBackend.st(x), os = OpenClBackend.st(out);
        if (outer < FEW_OUTPUTS && inner > 2 * CHUNK) {
            reduceInParts(be, op, x, out, outer, inner, kept, reduced, src);
        } else if (inner <= SEQUENTIAL_MAX) {
            be.launch(src, "reduce_seq", new long[] {outer}, null, op.ordinal(), outer, inner, xs, x.offset(),
                    kept.rank, kept.shape, kept.strides(0), reduced.rank, reduced.shape, reduced.strides(0), os);
        } else {
            int g = groupSize(be.info());
            int tcBytes = KernelSource.computeType(x.dtype()).byteSize();
            be.launch(src, "reduce_wg", new long[] {(long) outer * g}, new long[] {g}, op.ordinal(), inner, xs, x.offset(),
                    kept.rank, kept.shape, kept.strides(0), reduced.rank, reduced.shape, reduced.strides(0), os,
                    new OpenClContext.Local((long) g * tcBytes));
        }
    }

    /**
     * Two passes: {@code parts} work-groups per output fold fixed chunks into partial results
     * of the accumulation type, then the ordinary reduction combines each output's parts.
     */
    private static void reduceInParts(OpenClBackend be, ReduceOp op, NdArray x, NdArray out, int outer, int inner,
                                      Layout kept, Layout reduced, String src) {
        int parts = (inner + CHUNK - 1) / CHUNK, g = groupSize(be.info());
        dev.teak.tensor.DType acc = KernelSource.computeType(x.dtype());
        NdArray partial = NdArray.zeros(be, acc, outer, parts);
        be.launch(src, "reduce_parts", new long[] {(long) outer * parts * g}, new long[] {g}, op.ordinal(), inner, CHUNK, parts,
                OpenClBackend.st(x), x.offset(), kept.rank, kept.shape, kept.strides(0), reduced.rank, reduced.shape,
                reduced.strides(0), OpenClBackend.st(partial), new OpenClContext.Local((long) g * acc.byteSize()));
        // ANY/ALL of partial 0/1 values and SUM/PROD/MAX/MIN of partials are the same op again
        reduce(be, op, partial, new int[] {1}, out);
    }

    static void argReduce(OpenClBackend be, boolean max, NdArray x, int axis, NdArray values, NdArray indices) {
        NdArray lines = x.select(axis, 0);
        int n = lines.numel();
        if (n == 0) return;
        Layout l = Layout.merged("argReduce", lines.shape(), lines.strides());
        be.launch(be.sources.scan(x.dtype(), x.dtype()), "arg_reduce", new long[] {n}, null,
                max ? 1 : 0, n, x.size(axis), x.stride(axis), l.rank, l.shape, OpenClBackend.st(x), lines.offset(),
                l.strides(0), OpenClBackend.st(values), OpenClBackend.st(indices));
    }

    static void cumsum(OpenClBackend be, NdArray x, int axis, NdArray out) {
        NdArray xl = x.select(axis, 0), ol = out.select(axis, 0);
        int lines = xl.numel();
        if (lines == 0) return;
        Layout l = Layout.merged("cumsum", xl.shape(), xl.strides(), ol.strides());
        be.launch(be.sources.scan(x.dtype(), out.dtype()), "cumsum", new long[] {lines}, null,
                lines, x.size(axis), l.rank, l.shape, OpenClBackend.st(x), xl.offset(), l.strides(0), x.stride(axis),
                OpenClBackend.st(out), ol.offset(), l.strides(1), out.stride(axis));
    }
}
