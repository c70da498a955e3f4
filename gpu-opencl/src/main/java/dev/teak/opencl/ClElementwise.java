package dev.teak.opencl;

import dev.teak.tensor.BinaryOp;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.UnaryOp;

/**
 * Copy with conversion, fill, unary, binary and where: one work-item per element of the
 * output shape, operands addressed through a merged {@link Layout} (kernels in
 * {@code convert.cl} and {@code elementwise.cl}). All dtypes; integer division and powers report errors as the CPU.
 */
final class ClElementwise {
    private ClElementwise() {}

    private static long[] global(int n) { return new long[] {n}; }

    static void copy(OpenClBackend be, NdArray src, NdArray dst) {
        int n = dst.numel();
        if (n == 0) return;
        Layout l = Layout.merged("copy", dst.shape(), src.strides(), dst.strides());
        be.launch(be.sources.convert(src.dtype(), dst.dtype()), "ew_copy", global(n), null,
                n, l.rank, l.shape, OpenClBackend.st(src), src.offset(), l.strides(0),
                OpenClBackend.st(dst), dst.offset(), l.strides(1));
    }

    /** The fill value converted on the host as CpuStorage.setDouble/setLong would store it. */
    static Object typed(DType t, double value) {
        switch (t) {
            case FLOAT32: return (float) value;
            case FLOAT64: return value;
            case INT32: return (int) (long) value;
            case INT64: return (long) value;
            default: return (byte) (value != 0 ? 1 : 0);
        }
    }

    static void fill(OpenClBackend be, NdArray dst, double value) {
        int n = dst.numel();
        if (n == 0) return;
        Layout l = Layout.merged("fill", dst.shape(), dst.strides());
        be.launch(be.sources.convert(dst.dtype(), dst.dtype()), "ew_fill", global(n), null,
                n, l.rank, l.shape, OpenClBackend.st(dst), dst.offset(), l.strides(0), typed(dst.dtype(), value));
    }

    static void unary(OpenClBackend be, UnaryOp op, NdArray x, NdArray out) {
        int n = out.numel();
        if (n == 0) return;
        if (!x.dtype().isFloating() && !op.keepsIntegers() && !op.isPredicate()) {
            throw new IllegalArgumentException(op.name().toLowerCase(java.util.Locale.ROOT) + ": " + x.dtype().pyName()
                    + " input reached the OpenCL kernel; the front end converts it to a float type first");
        }
        Layout l = Layout.merged("unary", out.shape(), x.strides(), out.strides());
        be.launch(be.sources.elementwise(x.dtype(), out.dtype()), "ew_unary", global(n), null,
                op.ordinal(), n, l.rank, l.shape, OpenClBackend.st(x), x.offset(), l.strides(0),
                OpenClBackend.st(out), out.offset(), l.strides(1));
    }

    static void binary(OpenClBackend be, BinaryOp op, NdArray a, NdArray b, NdArray out) {
        int n = out.numel();
        if (n == 0) return;
        Layout l = Layout.merged("binary", out.shape(), a.strides(), b.strides(), out.strides());
        String src = be.sources.elementwise(a.dtype(), out.dtype());
        Runnable run = () -> be.launch(src, "ew_binary", global(n), null,
                op.ordinal(), n, l.rank, l.shape, OpenClBackend.st(a), a.offset(), l.strides(0),
                OpenClBackend.st(b), b.offset(), l.strides(1), OpenClBackend.st(out), out.offset(), l.strides(2), be.errors());
        boolean canFail = !a.dtype().isFloating() && (op == BinaryOp.DIV || op == BinaryOp.REM || op == BinaryOp.POW);
        if (canFail) be.runChecked(op.name().toLowerCase(java.util.Locale.ROOT), 0, 0, run);
        else run.run();
    }

    static void where(OpenClBackend be, NdArray cond, NdArray a, NdArray b, NdArray out) {
        int n = out.numel();
        if (n == 0) return;
        Layout l = Layout.merged("where", out.shape(), cond.strides(), a.strides(), b.strides(), out.strides());
        be.launch(be.sources.convert(a.dtype(), out.dtype()), "ew_where", global(n), null,
                n, l.rank, l.shape, OpenClBackend.st(cond), cond.offset(), l.strides(0),
                OpenClBackend.st(a), a.offset(), l.strides(1), OpenClBackend.st(b), b.offset(), l.strides(2),
                OpenClBackend.st(out), out.offset(), l.strides(3));
    }
}
