package dev.teak.tensor.linalg;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import java.util.Arrays;
import java.util.Random;

/**
 * Random test matrices and naive reference arithmetic on {@code double[][]}, independent of
 * EJML and of the engine's own matmul: triple-loop products, Laplace-expansion determinants.
 */
final class MatrixFixtures {
    private MatrixFixtures() {}

    /** Entries uniform in [-1, 1). */
    static double[][] random(Random r, int m, int n) {
        double[][] a = new double[m][n];
        for (double[] row : a) for (int j = 0; j < n; j++) row[j] = 2 * r.nextDouble() - 1;
        return a;
    }

    /** Random plus n I: diagonally dominant, so invertible and well conditioned. */
    static double[][] wellConditioned(Random r, int n) {
        double[][] a = random(r, n, n);
        for (int i = 0; i < n; i++) a[i][i] += n;
        return a;
    }

    /** M M^T + n I: symmetric positive definite. */
    static double[][] spd(Random r, int n) {
        double[][] m = random(r, n, n), a = mul(m, transpose(m));
        for (int i = 0; i < n; i++) a[i][i] += n;
        return a;
    }

    /** Random symmetric (indefinite in general). */
    static double[][] symmetric(Random r, int n) {
        double[][] a = random(r, n, n);
        for (int i = 0; i < n; i++) for (int j = 0; j < i; j++) a[j][i] = a[i][j];
        return a;
    }

    static double[][] mul(double[][] a, double[][] b) {
        int m = a.length, k = b.length, n = k == 0 ? 0 : b[0].length;
        double[][] c = new double[m][n];
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) {
            double s = 0;
            for (int p = 0; p < k; p++) s += a[i][p] * b[p][j];
            c[i][j] = s;
        }
        return c;
    }

    static double[][] transpose(double[][] a) {
        int m = a.length, n = m == 0 ? 0 : a[0].length;
        double[][] t = new double[n][m];
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) t[j][i] = a[i][j];
        return t;
    }

    static double[][] identity(int n) {
        double[][] e = new double[n][n];
        for (int i = 0; i < n; i++) e[i][i] = 1;
        return e;
    }

    /** Determinant by Laplace expansion along the first row: O(n!), fine for n <= 6. */
    static double cofactorDet(double[][] a) {
        int n = a.length;
        if (n == 0) return 1;
        if (n == 1) return a[0][0];
        double det = 0;
        for (int j = 0; j < n; j++) {
            double[][] minor = new double[n - 1][n - 1];
            for (int i = 1; i < n; i++) for (int c = 0, k = 0; c < n; c++) if (c != j) minor[i - 1][k++] = a[i][c];
            det += (j % 2 == 0 ? 1 : -1) * a[0][j] * cofactorDet(minor);
        }
        return det;
    }

    static double maxAbsDiff(double[][] a, double[][] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) for (int j = 0; j < a[i].length; j++) d = Math.max(d, Math.abs(a[i][j] - b[i][j]));
        return d;
    }

    /**
     * The matrices as one array of shape {@code batch + [m, n]} (matrices in row-major batch
     * order). With {@code transposedLayout} the storage holds each transpose and the result is
     * its non-contiguous {@code mT()} view, so kernels see column-major strides.
     */
    static NdArray stack(double[][][] mats, int[] batch, DType dtype, boolean transposedLayout) {
        int m = mats[0].length, n = m == 0 ? 0 : mats[0][0].length;
        int rows = transposedLayout ? n : m, cols = transposedLayout ? m : n;
        double[] data = new double[mats.length * m * n];
        for (int b = 0, p = 0; b < mats.length; b++) {
            double[][] src = transposedLayout ? transpose(mats[b]) : mats[b];
            for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) data[p++] = src[i][j];
        }
        int[] shape = Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = rows;
        shape[batch.length + 1] = cols;
        NdArray x = NdArray.of(data, shape).to(dtype);
        return transposedLayout ? x.mT() : x;
    }

    static NdArray matrix(double[][] a, DType dtype) { return stack(new double[][][] {a}, new int[0], dtype, false); }

    /** The matrices of an array {@code [..., m, n]}, in row-major batch order. */
    static double[][][] unstack(NdArray x) {
        int m = x.size(-2), n = x.size(-1);
        int count = 1;
        for (int d = 0; d < x.dim() - 2; d++) count *= x.size(d);
        double[] v = x.toDoubleArray();
        double[][][] out = new double[count][m][n];
        for (int b = 0, p = 0; b < count; b++) for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) out[b][i][j] = v[p++];
        return out;
    }

    /** The vectors of an array {@code [..., k]}, in row-major batch order. */
    static double[][] unstackVectors(NdArray x) {
        int k = x.size(-1);
        double[] v = x.toDoubleArray();
        double[][] out = new double[k == 0 ? 0 : v.length / k][k];
        for (int b = 0, p = 0; b < out.length; b++) for (int i = 0; i < k; i++) out[b][i] = v[p++];
        return out;
    }

    static int count(int[] batch) {
        int c = 1;
        for (int s : batch) c *= s;
        return c;
    }
}
