package dev.teak.tensor.cpu;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.ReduceOp;
import dev.teak.tensor.Shape;

/**
 * Reductions, arg-max/min and prefix sums. Float32 sums over long runs are cut into blocks of
 * fixed size whose partial results are combined in order, so a result is bit-identical
 * whatever the thread count.
 */
final class CpuReduce {
    private CpuReduce() {}

    /** Elements per block of a long reduction; fixed so results never depend on threads. */
    static final int BLOCK = 1 << 14;

    static void reduce(ReduceOp op, NdArray x, int[] axes, NdArray out) {
        int rank = x.dim();
        boolean[] red = new boolean[rank];
        for (int a : axes) red[a] = true;
        int[] perm = new int[rank];
        int k = 0;
        for (int d = 0; d < rank; d++) if (!red[d]) perm[k++] = d;
        int kept = k;
        for (int d = 0; d < rank; d++) if (red[d]) perm[k++] = d;
        NdArray xp = x.permute(perm);
        int[] shape = xp.shape(), strides = xp.strides();
        int inner = 1;
        for (int d = kept; d < rank; d++) inner *= shape[d];
        int outer = out.numel();
        CpuStorage xs = (CpuStorage) x.storage(), os = (CpuStorage) out.storage();
        if (inner == 0) { out.fill(op.identity()); return; }

        if (xs.dtype == DType.FLOAT32 && os.dtype == DType.FLOAT32 && op != ReduceOp.ANY && op != ReduceOp.ALL) {
            int[] redShape = java.util.Arrays.copyOfRange(shape, kept, rank);
            int[] redStrides = java.util.Arrays.copyOfRange(strides, kept, rank);
            if (leadingContiguous(x, axes)) { reduceLeading(op, xs.f32, x.offset(), inner, outer, os.f32); return; }
            if (!Shape.isContiguous(redShape, redStrides)) {
                xp = xp.contiguous();
                strides = xp.strides();
            }
            reduceRuns(op, ((CpuStorage) xp.storage()).f32, xp.offset(), java.util.Arrays.copyOf(shape, kept),
                    java.util.Arrays.copyOf(strides, kept), inner, os.f32);
            return;
        }
        reduceGeneric(op, xs, xp, kept, inner, outer, os);
    }

    /** True when x is contiguous and the reduced axes are exactly its leading axes. */
    private static boolean leadingContiguous(NdArray x, int[] axes) {
        if (!x.isContiguous() || axes.length == 0 || axes.length == x.dim()) return false;
        for (int i = 0; i < axes.length; i++) if (axes[i] != i) return false;
        return true;
    }

    /** out[j] = op over i of x[i * outer + j]: row-wise accumulation, parallel over column ranges. */
    private static void reduceLeading(ReduceOp op, float[] x, int off, int rows, int cols, float[] out) {
        Kernels kern = KernelPath.active();
        int grain = Math.max(64, Parallel.GRAIN / Math.max(rows, 1));
        Parallel.forRange(cols, grain, (lo, hi) -> {
            System.arraycopy(x, off + lo, out, lo, hi - lo);
            for (int i = 1; i < rows; i++) kern.accumulate(op, x, off + i * cols + lo, out, lo, hi - lo);
        });
    }

    /** Each output element reduces a contiguous run of {@code inner} elements. */
    private static void reduceRuns(ReduceOp op, float[] x, int base, int[] keptShape, int[] keptStrides, int inner, float[] out) {
        Kernels kern = KernelPath.active();
        int outer = out.length;
        if (outer == 1 && inner > BLOCK) {
            int blocks = (inner + BLOCK - 1) / BLOCK;
            float[] partial = new float[blocks];
            Parallel.forRange(blocks, 1, (lo, hi) -> {
                for (int b = lo; b < hi; b++) {
                    int start = b * BLOCK;
                    partial[b] = kern.reduce(op, x, base + start, Math.min(BLOCK, inner - start));
                }
            });
            out[0] = kern.reduce(op, partial, 0, blocks);
            return;
        }
        Parallel.forRange(outer, Math.max(1, Parallel.GRAIN / Math.max(inner, 1)), (lo, hi) -> {
            int[] idx = Shape.unravel(lo, keptShape);
            for (int o = lo; o < hi; o++) {
                out[o] = reduceBlocked(kern, op, x, Shape.offset(base, keptStrides, idx), inner);
                Shape.increment(idx, keptShape);
            }
        });
    }

    private static float reduceBlocked(Kernels kern, ReduceOp op, float[] x, int off, int n) {
        if (n <= BLOCK) return kern.reduce(op, x, off, n);
        int blocks = (n + BLOCK - 1) / BLOCK;
        float[] partial = new float[blocks];
        for (int b = 0; b < blocks; b++) partial[b] = kern.reduce(op, x, off + b * BLOCK, Math.min(BLOCK, n - b * BLOCK));
        return kern.reduce(op, partial, 0, blocks);
    }

    /** Any dtype: doubles for floating input, longs for integer sums and products. */
    private static void reduceGeneric(ReduceOp op, CpuStorage xs, NdArray xp, int kept, int inner, int outer, CpuStorage os) {
        int[] shape = xp.shape(), strides = xp.strides();
        int rank = shape.length;
        int[] keptShape = java.util.Arrays.copyOf(shape, kept), keptStrides = java.util.Arrays.copyOf(strides, kept);
        int[] redShape = java.util.Arrays.copyOfRange(shape, kept, rank), redStrides = java.util.Arrays.copyOfRange(strides, kept, rank);
        // integers (and bools) fold as longs, exact beyond 2^53; any/all need only non-zero tests
        boolean integer = !xs.dtype.isFloating() && op != ReduceOp.ANY && op != ReduceOp.ALL;
        Parallel.forRange(outer, Math.max(1, Parallel.GRAIN / Math.max(inner, 1)), (lo, hi) -> {
            int[] idx = Shape.unravel(lo, keptShape);
            int[] r = new int[redShape.length];
            for (int o = lo; o < hi; o++) {
                int base = Shape.offset(xp.offset(), keptStrides, idx);
                java.util.Arrays.fill(r, 0);
                if (integer) {
                    long acc = 0;
                    for (int i = 0; i < inner; i++) {
                        long v = xs.getLong(Shape.offset(base, redStrides, r));
                        if (i == 0) acc = v; // inner > 0 here: empty reductions were filled with the identity
                        else acc = op == ReduceOp.SUM ? acc + v : op == ReduceOp.PROD ? acc * v
                                : op == ReduceOp.MAX ? Math.max(acc, v) : Math.min(acc, v);
                        Shape.increment(r, redShape);
                    }
                    os.setLong(o, acc);
                } else {
                    double acc = op.identity();
                    for (int i = 0; i < inner; i++) {
                        acc = op.combine(acc, xs.getDouble(Shape.offset(base, redStrides, r)));
                        Shape.increment(r, redShape);
                    }
                    os.setDouble(o, acc);
                }
                Shape.increment(idx, keptShape);
            }
        });
    }

    static void argReduce(boolean max, NdArray x, int axis, NdArray values, NdArray indices) {
        CpuStorage xs = (CpuStorage) x.storage(), vs = (CpuStorage) values.storage(), is = (CpuStorage) indices.storage();
        int n = x.size(axis), step = x.stride(axis);
        NdArray lines = x.select(axis, 0);
        int[] shape = lines.shape(), strides = lines.strides();
        int outer = lines.numel();
        Parallel.forRange(outer, Math.max(1, Parallel.GRAIN / Math.max(n, 1)), (lo, hi) -> {
            int[] idx = Shape.unravel(lo, shape);
            for (int o = lo; o < hi; o++) {
                int base = Shape.offset(lines.offset(), strides, idx);
                int bestI = 0;
                if (xs.f32 != null) {   // float32 read directly (max-over-time pooling): the same comparisons as widened
                    float[] a = xs.f32;
                    float best = a[base];
                    for (int i = 1; i < n && best == best; i++) {
                        float v = a[base + i * step];
                        if (v != v || (max ? v > best : v < best)) { best = v; bestI = i; }
                    }
                } else if (xs.dtype.isFloating()) {
                    double best = xs.getDouble(base);
                    for (int i = 1; i < n && !Double.isNaN(best); i++) {
                        double v = xs.getDouble(base + i * step);
                        if (Double.isNaN(v) || (max ? v > best : v < best)) { best = v; bestI = i; }
                    }
                } else { // compare longs: int64 values beyond 2^53 are distinct
                    long best = xs.getLong(base);
                    for (int i = 1; i < n; i++) {
                        long v = xs.getLong(base + i * step);
                        if (max ? v > best : v < best) { best = v; bestI = i; }
                    }
                }
                if (xs.dtype.isFloating()) vs.setDouble(o, xs.getDouble(base + bestI * step)); else vs.setLong(o, xs.getLong(base + bestI * step));
                is.setLong(o, bestI);
                Shape.increment(idx, shape);
            }
        });
    }

    static void cumsum(NdArray x, int axis, NdArray out) {
        CpuStorage xs = (CpuStorage) x.storage(), os = (CpuStorage) out.storage();
        int n = x.size(axis), xStep = x.stride(axis), oStep = out.stride(axis);
        NdArray xl = x.select(axis, 0), ol = out.select(axis, 0);
        int[] shape = xl.shape(), xStr = xl.strides(), oStr = ol.strides();
        boolean integer = !os.dtype.isFloating();
        Parallel.forRange(xl.numel(), Math.max(1, Parallel.GRAIN / Math.max(n, 1)), (lo, hi) -> {
            int[] idx = Shape.unravel(lo, shape);
            for (int o = lo; o < hi; o++) {
                int xb = Shape.offset(xl.offset(), xStr, idx), ob = Shape.offset(ol.offset(), oStr, idx);
                if (integer) {
                    long acc = 0;
                    for (int i = 0; i < n; i++) { acc += xs.getLong(xb + i * xStep); os.setLong(ob + i * oStep, acc); }
                } else {
                    double acc = 0;
                    for (int i = 0; i < n; i++) { acc += xs.getDouble(xb + i * xStep); os.setDouble(ob + i * oStep, acc); }
                }
                Shape.increment(idx, shape);
            }
        });
    }
}
