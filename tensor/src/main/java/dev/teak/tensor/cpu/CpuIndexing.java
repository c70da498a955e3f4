package dev.teak.tensor.cpu;

import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;

/** Gather, scatter-add and sort: loops over multi-indices with bounds-checked index values. */
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
        CpuStorage ts = (CpuStorage) target.storage(), is = (CpuStorage) index.storage(), ss = (CpuStorage) src.storage();
        int[] shape = index.shape(), tStr = target.strides(), iStr = index.strides(), sStr = src.strides();
        int size = target.size(axis), n = index.numel();
        int[] idx = new int[shape.length];
        for (int o = 0; o < n; o++) {
            int at = checkedIndex("scatterAdd", is.getLong(Shape.offset(index.offset(), iStr, idx)), size, axis);
            int t = target.offset();
            for (int d = 0; d < idx.length; d++) t += (d == axis ? at : idx[d]) * tStr[d];
            int s = Shape.offset(src.offset(), sStr, idx);
            switch (ts.dtype) {
                case FLOAT32: ts.f32[t] += ss.f32[s]; break;
                case FLOAT64: ts.f64[t] += ss.f64[s]; break;
                default: ts.setLong(t, ts.getLong(t) + ss.getLong(s));
            }
            Shape.increment(idx, shape);
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
