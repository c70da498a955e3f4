package dev.teak.tensor.cpu;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.ReduceOp;
import dev.teak.tensor.Shape;

/**
 * Gather, scatter-add and sort: loops over multi-indices with bounds-checked index values. When
 * the index is constant along the last axis (indexSelect/indexAdd through a stride-0 index),
 * gather and scatter-add move whole rows instead of single elements.
 */
final class CpuIndexing {
    private CpuIndexing() {}

    private static int checkedIndex(String op, long v, int size, int axis) {
        long i = v < 0 ? v + size : v;
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(op + ": index " + v + " is out of range for axis " + axis + " of size " + size);
        }
        return (int) i;
    }

    static void gather(NdArray x, int axis, NdArray index, NdArray out) {
        if (constantAlongLastAxis(index, axis)) { gatherRows(x, axis, index, out); return; }
        CpuStorage xs = (CpuStorage) x.storage(), is = (CpuStorage) index.storage(), os = (CpuStorage) out.storage();
        int[] shape = index.shape(), xStr = x.strides(), iStr = index.strides();
        int size = x.size(axis), n = index.numel();
        Parallel.forRange(n, Parallel.GRAIN, (lo, hi) -> {
            int[] idx = Shape.unravel(lo, shape);
            for (int o = lo; o < hi; o++) {
                int at = checkedIndex("gather", is.getLong(Shape.offset(index.offset(), iStr, idx)), size, axis);
                int src = x.offset();
                for (int d = 0; d < idx.length; d++) src += (d == axis ? at : idx[d]) * xStr[d];
                copyElement(xs, src, os, o);
                Shape.increment(idx, shape);
            }
        });
    }

    /**
     * Whether the index repeats one value along the last axis, which is not the indexed axis:
     * the case of indexSelect and indexAdd (a stride-0 index view). Then whole rows move at once.
     */
    private static boolean constantAlongLastAxis(NdArray index, int axis) {
        int last = index.dim() - 1;
        return last >= 1 && axis != last && index.stride(last) == 0;
    }

    /** Gather a row at a time: one index read and one run copy per row of the last axis. */
    private static void gatherRows(NdArray x, int axis, NdArray index, NdArray out) {
        CpuStorage xs = (CpuStorage) x.storage(), is = (CpuStorage) index.storage(), os = (CpuStorage) out.storage();
        int last = index.dim() - 1, len = index.size(last), size = x.size(axis), xStep = x.stride(last);
        NdArray rowIndex = index.select(last, 0);
        int[] rowShape = rowIndex.shape(), iStr = rowIndex.strides(), xStr = x.strides();
        Parallel.forRange(rowIndex.numel(), Math.max(1, Parallel.GRAIN / Math.max(len, 1)), (lo, hi) -> {
            int[] idx = Shape.unravel(lo, rowShape);
            for (int row = lo; row < hi; row++) {
                int at = checkedIndex("gather", is.getLong(Shape.offset(rowIndex.offset(), iStr, idx)), size, axis);
                int src = x.offset();
                for (int d = 0; d < last; d++) src += (d == axis ? at : idx[d]) * xStr[d];
                copyRun(xs, src, xStep, os, row * len, len);
                Shape.increment(idx, rowShape);
            }
        });
    }

    /** {@code d[o + k] = s[in + k*step]} for {@code k < n}. */
    private static void copyRun(CpuStorage s, int in, int step, CpuStorage d, int o, int n) {
        if (step == 1) { System.arraycopy(s.array(), in, d.array(), o, n); return; }
        switch (s.dtype) {
            case FLOAT32: for (int k = 0; k < n; k++) d.f32[o + k] = s.f32[in + k * step]; break;
            case FLOAT64: for (int k = 0; k < n; k++) d.f64[o + k] = s.f64[in + k * step]; break;
            default: for (int k = 0; k < n; k++) copyElement(s, in + k * step, d, o + k);
        }
    }

    static void copyElement(CpuStorage s, int si, CpuStorage d, int di) {
        switch (s.dtype) {
            case FLOAT32: d.f32[di] = s.f32[si]; break;
            case FLOAT64: d.f64[di] = s.f64[si]; break;
            case INT32: d.i32[di] = s.i32[si]; break;
            case INT64: d.i64[di] = s.i64[si]; break;
            default: d.bool[di] = s.bool[si];
        }
    }

    /** Sequential on purpose: two source elements may hit one target, and order fixes rounding. */
    static void scatterAdd(NdArray target, int axis, NdArray index, NdArray src) {
        if (constantAlongLastAxis(index, axis)) { scatterAddRows(target, axis, index, src); return; }
        CpuStorage ts = (CpuStorage) target.storage(), is = (CpuStorage) index.storage(), ss = (CpuStorage) src.storage();
        int[] shape = index.shape(), tStr = target.strides(), iStr = index.strides(), sStr = src.strides();
        int size = target.size(axis), n = index.numel();
        int[] idx = new int[shape.length];
        for (int o = 0; o < n; o++) {
            int at = checkedIndex("scatterAdd", is.getLong(Shape.offset(index.offset(), iStr, idx)), size, axis);
            int t = target.offset();
            for (int d = 0; d < idx.length; d++) t += (d == axis ? at : idx[d]) * tStr[d];
            int s = Shape.offset(src.offset(), sStr, idx);
            addElement(ts, t, ss, s);
            Shape.increment(idx, shape);
        }
    }

    private static void addElement(CpuStorage ts, int t, CpuStorage ss, int s) {
        switch (ts.dtype) {
            case FLOAT32: ts.f32[t] += ss.f32[s]; break;
            case FLOAT64: ts.f64[t] += ss.f64[s]; break;
            default: ts.setLong(t, ts.getLong(t) + ss.getLong(s));
        }
    }

    /**
     * Scatter-add a row at a time, rows in the same order as the element loop, so every target
     * element receives its contributions in the same order and the sums are bit-identical.
     */
    private static void scatterAddRows(NdArray target, int axis, NdArray index, NdArray src) {
        CpuStorage ts = (CpuStorage) target.storage(), is = (CpuStorage) index.storage(), ss = (CpuStorage) src.storage();
        int last = index.dim() - 1, len = index.size(last), size = target.size(axis);
        int tStep = target.stride(last), sStep = src.stride(last);
        NdArray rowIndex = index.select(last, 0);
        int[] rowShape = rowIndex.shape(), iStr = rowIndex.strides(), tStr = target.strides(), sStr = src.strides();
        Kernels kern = KernelPath.active();
        int rows = rowIndex.numel();
        int[] idx = new int[rowShape.length];
        for (int row = 0; row < rows; row++) {
            int at = checkedIndex("scatterAdd", is.getLong(Shape.offset(rowIndex.offset(), iStr, idx)), size, axis);
            int t = target.offset(), s = src.offset();
            for (int d = 0; d < last; d++) {
                t += (d == axis ? at : idx[d]) * tStr[d];
                s += idx[d] * sStr[d];
            }
            if (ts.dtype == DType.FLOAT32 && tStep == 1 && sStep == 1) kern.accumulate(ReduceOp.SUM, ss.f32, s, ts.f32, t, len);
            else for (int k = 0; k < len; k++) addElement(ts, t + k * tStep, ss, s + k * sStep);
            Shape.increment(idx, rowShape);
        }
    }

    /** Stable merge sort of each line; NaN sorts above every number, as in PyTorch. */
    static void sort(NdArray x, int axis, boolean descending, NdArray values, NdArray indices) {
        CpuStorage xs = (CpuStorage) x.storage(), vs = (CpuStorage) values.storage(), ids = (CpuStorage) indices.storage();
        int n = x.size(axis), xStep = x.stride(axis), oStep = values.stride(axis);
        NdArray xl = x.select(axis, 0), ol = values.select(axis, 0);
        int[] shape = xl.shape(), xStr = xl.strides(), oStr = ol.strides();
        Parallel.forRange(xl.numel(), Math.max(1, Parallel.GRAIN / Math.max(n, 1)), (lo, hi) -> {
            int[] idx = Shape.unravel(lo, shape);
            double[] key = new double[n];
            int[] order = new int[n], tmp = new int[n];
            for (int o = lo; o < hi; o++) {
                int xb = Shape.offset(xl.offset(), xStr, idx), ob = Shape.offset(ol.offset(), oStr, idx);
                for (int i = 0; i < n; i++) { key[i] = xs.getDouble(xb + i * xStep); order[i] = i; }
                mergeSort(order, tmp, key, 0, n, descending);
                for (int i = 0; i < n; i++) {
                    copyElement(xs, xb + order[i] * xStep, vs, ob + i * oStep);
                    ids.i64[ob + i * oStep] = order[i];
                }
                Shape.increment(idx, shape);
            }
        });
    }

    private static boolean before(double a, double b, boolean descending) {
        int c = Double.compare(a, b); // NaN is largest; -0.0 < 0.0 which only affects ties of zeros
        if (a == b) c = 0;
        return descending ? c > 0 : c < 0;
    }

    private static void mergeSort(int[] a, int[] tmp, double[] key, int lo, int hi, boolean desc) {
        if (hi - lo < 2) return;
        if (hi - lo <= 16) {
            for (int i = lo + 1; i < hi; i++) {
                int v = a[i], j = i - 1;
                while (j >= lo && before(key[v], key[a[j]], desc)) { a[j + 1] = a[j]; j--; }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(a, tmp, key, lo, mid, desc);
        mergeSort(a, tmp, key, mid, hi, desc);
        int i = lo, j = mid, k = lo;
        while (i < mid && j < hi) tmp[k++] = before(key[a[j]], key[a[i]], desc) ? a[j++] : a[i++];
        while (i < mid) tmp[k++] = a[i++];
        while (j < hi) tmp[k++] = a[j++];
        System.arraycopy(tmp, lo, a, lo, hi - lo);
    }
}
