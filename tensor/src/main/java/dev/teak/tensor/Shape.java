package dev.teak.tensor;

import java.util.Arrays;

/**
 * Index math on shapes and strides, as pure functions (in the manner of minitorch's
 * {@code tensor_data}). A shape is an {@code int[]} of non-negative sizes; strides count
 * elements, not bytes; stride 0 repeats an element (broadcast).
 */
public final class Shape {
    private Shape() {}

    /** Largest element count of one array: Java arrays are indexed by {@code int}. */
    public static final long MAX_NUMEL = Integer.MAX_VALUE - 8;

    /** Product of the sizes; refuses shapes beyond one Java array instead of wrapping around. */
    public static int numel(int... shape) { return numel(null, shape); }

    /**
     * {@link #numel(int...)} with the op named in the error. A size 0 anywhere makes the product
     * 0 whatever the other sizes (as in PyTorch); otherwise the exact count (while it fits a
     * long) is reported against the limit.
     */
    public static int numel(String op, int[] shape) {
        String prefix = op == null ? "" : op + ": ";
        for (int s : shape) {
            if (s < 0) throw new IllegalArgumentException(prefix + "negative size " + s + " in shape " + str(shape));
            if (s == 0) return 0;
        }
        long n = 1;
        for (int s : shape) {
            n = n > Long.MAX_VALUE / s ? Long.MAX_VALUE : n * s;
            if (n > MAX_NUMEL) {
                throw new IllegalArgumentException(prefix + "shape " + str(shape) + " has " + count(shape) + " elements, more than the "
                        + MAX_NUMEL + " one Java array can hold");
            }
        }
        return (int) n;
    }

    private static String count(int[] shape) {
        java.math.BigInteger n = java.math.BigInteger.ONE;
        for (int s : shape) n = n.multiply(java.math.BigInteger.valueOf(s));
        return n.toString();
    }

    /** Row-major (C order) strides of a contiguous array of this shape. */
    public static int[] contiguousStrides(int[] shape) {
        int[] st = new int[shape.length];
        int acc = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            st[d] = acc;
            acc *= Math.max(shape[d], 1);
        }
        return st;
    }

    /**
     * Whether {@code strides} walk {@code shape} in row-major order without gaps. Size-1 axes
     * may have any stride, and an empty array is contiguous whatever its strides (PyTorch's rule).
     */
    public static boolean isContiguous(int[] shape, int[] strides) {
        for (int s : shape) if (s == 0) return true;
        int expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] == 1) continue;
            if (strides[d] != expected) return false;
            expected *= shape[d];
        }
        return true;
    }

    /** NumPy broadcasting of two shapes; the error names the op and both shapes. */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i < n - a.length ? 1 : a[i - (n - a.length)];
            int db = i < n - b.length ? 1 : b[i - (n - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + str(a) + " and " + str(b)
                        + " cannot be broadcast (size " + da + " vs " + db + " at dimension " + i + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * Strides that view an array of {@code shape}/{@code strides} as the larger {@code target}
     * shape: missing leading dimensions and size-1 dimensions get stride 0.
     */
    public static int[] broadcastStrides(int[] shape, int[] strides, int[] target) {
        int[] out = new int[target.length];
        int shift = target.length - shape.length;
        for (int i = 0; i < target.length; i++) {
            int j = i - shift;
            if (j < 0 || shape[j] == 1) out[i] = 0;
            else if (shape[j] == target[i]) out[i] = strides[j];
            else throw new IllegalArgumentException("cannot expand " + str(shape) + " to " + str(target));
        }
        return out;
    }

    /** Turns a possibly negative axis into {@code [0, rank)}; names the op when out of range. */
    public static int axis(String op, int axis, int rank) {
        int r = Math.max(rank, 1);
        if (axis < -r || axis >= r) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for an array of rank " + rank);
        }
        return axis < 0 ? axis + r : axis;
    }

    /** Normalised, sorted, duplicate-free axes; an empty argument means all axes. */
    public static int[] axes(String op, int[] axes, int rank) {
        if (axes == null || axes.length == 0) {
            int[] all = new int[rank];
            for (int i = 0; i < rank; i++) all[i] = i;
            return all;
        }
        boolean[] seen = new boolean[Math.max(rank, 1)];
        for (int a : axes) {
            int ax = axis(op, a, rank);
            if (seen[ax]) throw new IllegalArgumentException(op + ": axis " + a + " given twice in " + Arrays.toString(axes));
            seen[ax] = true;
        }
        int[] out = new int[axes.length];
        int k = 0;
        for (int i = 0; i < seen.length; i++) if (seen[i]) out[k++] = i;
        return Arrays.copyOf(out, k);
    }

    /** Offset of the element at multi-index {@code idx}. */
    public static int offset(int base, int[] strides, int[] idx) {
        int o = base;
        for (int d = 0; d < idx.length; d++) o += idx[d] * strides[d];
        return o;
    }

    /** Advances a row-major multi-index by one; returns false after the last index. */
    public static boolean increment(int[] idx, int[] shape) {
        for (int d = shape.length - 1; d >= 0; d--) {
            if (++idx[d] < shape[d]) return true;
            idx[d] = 0;
        }
        return false;
    }

    /** Multi-index of the {@code flat}-th element in row-major order. */
    public static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] == 0) return idx;
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return idx;
    }

    /** Shape with a {@code -1} entry inferred so the element count matches {@code numel}. */
    public static int[] infer(String op, int[] shape, int numel) {
        int[] out = shape.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (unknown >= 0) throw new IllegalArgumentException(op + ": only one -1 allowed in " + str(shape));
                unknown = i;
            } else if (out[i] < 0) {
                throw new IllegalArgumentException(op + ": negative size in " + str(shape));
            } else {
                known *= out[i];
            }
        }
        if (unknown >= 0) {
            if (known == 0 || numel % known != 0) {
                throw new IllegalArgumentException(op + ": cannot infer -1 in " + str(shape) + " for " + numel + " elements");
            }
            out[unknown] = (int) (numel / known);
        } else if (known != numel) {
            throw new IllegalArgumentException(op + ": shape " + str(shape) + " has " + known
                    + " elements, the array has " + numel);
        }
        return out;
    }

    /** {@code [2, 3]} style rendering used in every error message. */
    public static String str(int[] shape) { return Arrays.toString(shape); }
}
