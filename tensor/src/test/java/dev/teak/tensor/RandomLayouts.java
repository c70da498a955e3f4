package dev.teak.tensor;

import java.util.Random;

/**
 * Random test arrays in random memory layouts: contiguous, a permuted view of a transposed
 * buffer, or a view that takes every other element of a larger buffer with an offset. The ops
 * tests run on these so that no op may assume contiguous input. Values are also returned in
 * row-major order as plain doubles, for the naive reference loops.
 */
final class RandomLayouts {
    private RandomLayouts() {}

    /** An array together with its elements in row-major order. */
    record Sample(NdArray array, double[] values) {}

    /** Standard normal values. */
    static Sample gaussian(Random rnd, DType dtype, int... shape) {
        double[] v = new double[Shape.numel(shape)];
        for (int i = 0; i < v.length; i++) v[i] = dtype == DType.FLOAT32 ? (float) rnd.nextGaussian() : rnd.nextGaussian();
        return new Sample(layout(rnd, v, dtype, shape), v);
    }

    /** Integers in {@code [0, bound)}: many ties, exact in every dtype. */
    static Sample smallInts(Random rnd, DType dtype, int bound, int... shape) {
        double[] v = new double[Shape.numel(shape)];
        for (int i = 0; i < v.length; i++) v[i] = rnd.nextInt(bound);
        return new Sample(layout(rnd, v, dtype, shape), v);
    }

    /** The given row-major values in a random layout. */
    static NdArray layout(Random rnd, double[] values, DType dtype, int... shape) {
        NdArray dense = NdArray.of(values).reshape(shape).to(dtype);
        switch (rnd.nextInt(3)) {
            case 0:
                return dense.contiguous();
            case 1: {
                int r = shape.length;
                int[] reversed = new int[r], perm = new int[r];
                for (int d = 0; d < r; d++) { reversed[d] = shape[r - 1 - d]; perm[d] = r - 1 - d; }
                NdArray view = NdArray.zeros(dtype, reversed).permute(perm);
                return view.copyFrom(dense);
            }
            default: {
                int[] big = new int[shape.length];
                for (int d = 0; d < shape.length; d++) big[d] = 2 * shape[d] + 1;
                NdArray view = NdArray.zeros(dtype, big);
                for (int d = 0; d < shape.length; d++) view = view.slice(d, 1, big[d], 2);
                return view.copyFrom(dense);
            }
        }
    }

    /** Random sizes in {@code [lo, hi]}. */
    static int[] shape(Random rnd, int rank, int lo, int hi) {
        int[] s = new int[rank];
        for (int d = 0; d < rank; d++) s[d] = lo + rnd.nextInt(hi - lo + 1);
        return s;
    }

    /** Row-major offset of a multi-index in a contiguous array of {@code shape}. */
    static int flat(int[] shape, int... idx) {
        int o = 0;
        for (int d = 0; d < shape.length; d++) o = o * shape[d] + idx[d];
        return o;
    }
}
