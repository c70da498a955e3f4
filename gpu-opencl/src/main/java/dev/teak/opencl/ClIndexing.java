package dev.teak.opencl;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;

/**
 * gather, scatter-add and sort along one axis (kernels in {@code indexing.cl}). gather and
 * sort take every dtype. scatter-add uses atomics: compare-and-swap on the bits for float32,
 * {@code atomic_add} for int32, and the 64-bit forms for float64 and int64 when the device has
 * {@code cl_khr_int64_base_atomics}; without them, and for bool, it adds in source order on
 * one work-item (exactly the CPU's order, but serial).
 */
final class ClIndexing {
    private ClIndexing() {}

    static int atomicKind(DeviceInfo info, DType t) {
        switch (t) {
            case FLOAT32: return 1;
            case FLOAT64: return info.int64Atomics() ? 2 : 0;
            case INT32: return 3;
            case INT64: return info.int64Atomics() ? 4 : 0;
            default: return 0;
        }
    }

    static void gather(OpenClBackend be, NdArray x, int axis, NdArray index, NdArray out) {
        int n = index.numel();
        if (n == 0) return;
        Layout l = Layout.exact("gather", index.shape(), x.strides(), index.strides());
        String src = be.sources.indexing(x.dtype(), atomicKind(be.info(), x.dtype()));
        be.runChecked("gather", axis, x.size(axis), () -> be.launch(src, "gather", new long[] {n}, null,
                n, l.rank, l.shape, OpenClBackend.st(x), x.offset(), l.strides(0), Layout.lane(axis, l.rank), x.size(axis),
                OpenClBackend.st(index), index.offset(), l.strides(1), OpenClBackend.st(out), be.errors()));
    }

    static void scatterAdd(OpenClBackend be, NdArray target, int axis, NdArray index, NdArray src) {
        int n = index.numel();
        if (n == 0) return;
        Layout l = Layout.exact("scatterAdd", index.shape(), target.strides(), index.strides(), src.strides());
        int kind = atomicKind(be.info(), target.dtype());
        String source = be.sources.indexing(target.dtype(), kind);
        be.runChecked("scatterAdd", axis, target.size(axis), () -> be.launch(source,
                kind != 0 ? "scatter_add" : "scatter_add_seq", new long[] {kind != 0 ? n : 1}, null,
                n, l.rank, l.shape, OpenClBackend.st(target), target.offset(), l.strides(0), Layout.lane(axis, l.rank),
                target.size(axis), OpenClBackend.st(index), index.offset(), l.strides(1),
                OpenClBackend.st(src), src.offset(), l.strides(2), be.errors()));
    }

    static void sort(OpenClBackend be, NdArray x, int axis, boolean descending, NdArray values, NdArray indices) {
        NdArray xl = x.select(axis, 0), vl = values.select(axis, 0);
        int lines = xl.numel(), n = x.size(axis);
        if (lines == 0 || n == 0) return;
        if (!java.util.Arrays.equals(values.strides(), indices.strides())) { // the front end allocates both alike
            throw new IllegalArgumentException("sort: values and indices must share a layout");
        }
        Layout l = Layout.merged("sort", xl.shape(), xl.strides(), vl.strides());
        OpenClStorage scratch = (OpenClStorage) be.allocate(DType.INT32, Math.multiplyExact(2 * n, lines));
        try {
            be.launch(be.sources.indexing(x.dtype(), atomicKind(be.info(), x.dtype())), "sort_lines", new long[] {lines}, null,
                    lines, n, l.rank, l.shape, OpenClBackend.st(x), xl.offset(), l.strides(0), x.stride(axis), descending ? 1 : 0,
                    OpenClBackend.st(values), vl.offset(), l.strides(1), values.stride(axis),
                    OpenClBackend.st(indices), indices.offset(), scratch);
        } finally {
            scratch.release();
        }
    }
}
