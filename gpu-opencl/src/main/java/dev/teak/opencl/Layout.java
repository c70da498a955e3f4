package dev.teak.opencl;

import dev.teak.tensor.Shape;

/**
 * A shape and per-operand strides packed as OpenCL {@code int8} vectors, for kernels that
 * walk several operands of one shape by a flat index. Dimensions are right-aligned: the
 * innermost dimension sits in lane 7, unused leading lanes hold size 1 and stride 0. Kernels
 * unravel a flat index over the last {@link #rank} lanes (see {@code common.cl}).
 *
 * <p>{@link #merged} first drops size-1 dimensions and merges neighbours that are contiguous
 * with each other for every operand (a contiguous array becomes rank 1), so only arrays
 * that stay above rank 8 after merging are refused.
 */
final class Layout {
    static final int MAX_RANK = 8;

    final int rank;
    final int[] shape;
    final int[][] strides;

    private Layout(int rank, int[] shape, int[][] strides) {
        this.rank = rank;
        this.shape = shape;
        this.strides = strides;
    }

    /** Strides of operand {@code k} as an {@code int8}. */
    int[] strides(int k) { return strides[k]; }

    static Layout merged(String op, int[] shape, int[]... strides) {
        int ops = strides.length;
        int[] sh = new int[shape.length];
        int[][] st = new int[ops][shape.length];
        int rank = 0;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 1) continue; // a size-1 dimension carries no stride information
            boolean merge = rank > 0;
            for (int k = 0; k < ops && merge; k++) merge = st[k][rank - 1] == strides[k][d] * shape[d];
            if (merge) {
                sh[rank - 1] *= shape[d];
                for (int k = 0; k < ops; k++) st[k][rank - 1] = strides[k][d];
            } else {
                sh[rank] = shape[d];
                for (int k = 0; k < ops; k++) st[k][rank] = strides[k][d];
                rank++;
            }
        }
        return pack(op, shape, rank, sh, st);
    }

    /** No merging: dimension {@code d} of the input is lane {@code 8 - shape.length + d}. */
    static Layout exact(String op, int[] shape, int[]... strides) {
        return pack(op, shape, shape.length, shape, strides);
    }

    private static Layout pack(String op, int[] original, int rank, int[] sh, int[][] st) {
        if (rank > MAX_RANK) {
            throw new IllegalArgumentException(op + ": the OpenCL kernels walk at most " + MAX_RANK
                    + " non-mergeable dimensions, shape " + Shape.str(original) + " has " + rank
                    + "; make the array contiguous first");
        }
        int[] shape = new int[MAX_RANK];
        java.util.Arrays.fill(shape, 1);
        int[][] strides = new int[st.length][MAX_RANK];
        int shift = MAX_RANK - rank;
        for (int d = 0; d < rank; d++) {
            shape[shift + d] = sh[d];
            for (int k = 0; k < st.length; k++) strides[k][shift + d] = st[k][d];
        }
        return new Layout(rank, shape, strides);
    }

    /** The lane of input dimension {@code axis} in an {@link #exact} layout of the given rank. */
    static int lane(int axis, int rank) { return MAX_RANK - rank + axis; }
}
