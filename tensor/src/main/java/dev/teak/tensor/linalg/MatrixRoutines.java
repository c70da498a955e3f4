package dev.teak.tensor.linalg;

import dev.teak.tensor.NdArray;

/**
 * The per-matrix work behind {@link Linalg}, implemented by {@link DdrmRoutines} over EJML's
 * DDRM: every dtype is computed in double and rounded back. Inputs are 2-D CPU views of any layout;
 * outputs are CPU views of freshly allocated arrays of the right shape, written in place.
 * Shapes are already checked; a {@code false} return means the matrix failed the method's
 * precondition (singular, not positive definite, no convergence) and {@link Linalg} reports it.
 */
interface MatrixRoutines {
    /** {@code x = a^-1 b} through an LU factorisation with partial pivoting; false when a is singular. */
    boolean solve(NdArray a, NdArray b, NdArray x);

    /** {@code out = a^-1}; false when a is singular. */
    boolean inv(NdArray a, NdArray out);

    /** The lower factor {@code L} with {@code L L^T = a}; false when a is not positive definite. */
    boolean cholesky(NdArray a, NdArray lower);

    /** Reduced Householder QR: {@code q [m, k]}, {@code r [k, n]}, {@code k = min(m, n)}. */
    void qr(NdArray a, NdArray q, NdArray r);

    /** Reduced SVD with singular values descending; false when the iteration did not converge. */
    boolean svd(NdArray a, NdArray u, NdArray s, NdArray vh);

    /** Eigenvalues ascending and eigenvectors (columns) of the symmetric matrix read from a's lower triangle. */
    boolean eigh(NdArray a, NdArray w, NdArray v);

    /** {@code {sign, log|det|, det}} from an LU factorisation; sign 0 and log -inf when an exact zero pivot appears. */
    double[] determinant(NdArray a);

    /**
     * Whether the LU pivots say the matrix is numerically singular: the smallest |u_ii| is at
     * most {@code n * eps} times the largest, so the solution would carry no correct digits.
     */
    static boolean singular(double minPivot, double maxPivot, int n, double eps) {
        return !(minPivot > maxPivot * n * eps);
    }

    /** +1 or -1: the parity of a permutation of {@code 0..n-1} (the first n entries), by counting cycles. */
    static int permutationSign(int[] perm, int n) {
        boolean[] seen = new boolean[n];
        int sign = 1;
        for (int i = 0; i < n; i++) {
            if (seen[i]) continue;
            int len = 0;
            for (int j = i; !seen[j]; j = perm[j]) { seen[j] = true; len++; }
            if (len % 2 == 0) sign = -sign; // a cycle of length L is L - 1 transpositions
        }
        return sign;
    }

    /** Indices that sort {@code v} ascending (insertion sort: n is small next to the O(n^3) decomposition). */
    static int[] ascendingOrder(double[] v) {
        int[] idx = new int[v.length];
        for (int i = 0; i < idx.length; i++) {
            int j = i;
            while (j > 0 && v[idx[j - 1]] > v[i]) { idx[j] = idx[j - 1]; j--; }
            idx[j] = i;
        }
        return idx;
    }
}
