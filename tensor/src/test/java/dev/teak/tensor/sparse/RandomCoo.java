package dev.teak.tensor.sparse;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import java.util.Random;

/**
 * A random sparse matrix as coordinate triples, with the naive dense arithmetic the tests
 * compare against: some rows left empty on purpose, and coordinates drawn with replacement so
 * duplicates occur. Values are never zero, so "stored" and "non-zero" agree after merging
 * unless duplicates cancel (they are drawn positive).
 */
record RandomCoo(int rows, int cols, int[] r, int[] c, double[] v) {
    static RandomCoo draw(Random rnd, int rows, int cols) {
        int nnz = rows == 0 || cols == 0 ? 0 : rnd.nextInt(2 * rows * cols / 3 + 2);
        boolean[] empty = new boolean[rows];
        for (int i = 0; i < rows; i++) empty[i] = rnd.nextInt(4) == 0;
        int[] r = new int[nnz], c = new int[nnz];
        double[] v = new double[nnz];
        int k = 0;
        for (int t = 0; t < nnz; t++) {
            int i = rnd.nextInt(rows);
            if (empty[i]) continue;
            r[k] = i;
            c[k] = rnd.nextInt(cols);
            v[k++] = 0.25 + rnd.nextDouble(); // positive: duplicates never cancel
        }
        return new RandomCoo(rows, cols, java.util.Arrays.copyOf(r, k), java.util.Arrays.copyOf(c, k), java.util.Arrays.copyOf(v, k));
    }

    CsrMatrix toCsr(DType dtype, boolean sumDuplicates) {
        if (dtype == DType.FLOAT64) return CsrMatrix.fromCoo(rows, cols, r, c, v, sumDuplicates);
        float[] f = new float[v.length];
        for (int k = 0; k < f.length; k++) f[k] = (float) v[k];
        return CsrMatrix.fromCoo(rows, cols, r, c, f, sumDuplicates);
    }

    /** The dense matrix, duplicates summed, with values rounded to the dtype first as the CSR stores them. */
    double[][] dense(DType dtype) {
        double[][] d = new double[rows][cols];
        for (int k = 0; k < v.length; k++) d[r[k]][c[k]] += dtype == DType.FLOAT32 ? (float) v[k] : v[k];
        return d;
    }

    static double[][] random(Random rnd, int m, int n) {
        double[][] a = new double[m][n];
        for (double[] row : a) for (int j = 0; j < n; j++) row[j] = 2 * rnd.nextDouble() - 1;
        return a;
    }

    static double[][] mul(double[][] a, double[][] b, int n) {
        double[][] out = new double[a.length][n];
        for (int i = 0; i < a.length; i++) for (int p = 0; p < b.length; p++) for (int j = 0; j < n; j++) out[i][j] += a[i][p] * b[p][j];
        return out;
    }

    static double[][] transpose(double[][] a, int cols) {
        double[][] t = new double[cols][a.length];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < cols; j++) t[j][i] = a[i][j];
        return t;
    }

    /** A dense NdArray of the dtype; with {@code transposedLayout} a non-contiguous mT() view. */
    static NdArray array(double[][] a, int cols, DType dtype, boolean transposedLayout) {
        double[][] src = transposedLayout ? transpose(a, cols) : a;
        int m = src.length, n = transposedLayout ? a.length : cols;
        double[] flat = new double[m * n];
        for (int i = 0; i < m; i++) System.arraycopy(src[i], 0, flat, i * n, n);
        NdArray x = NdArray.of(flat, m, n).to(dtype);
        return transposedLayout ? x.mT() : x;
    }

    static double[][] read(NdArray x) {
        int m = x.size(0), n = x.size(1);
        double[] f = x.toDoubleArray();
        double[][] out = new double[m][n];
        for (int i = 0; i < m; i++) System.arraycopy(f, i * n, out[i], 0, n);
        return out;
    }

    static double maxAbsDiff(double[][] a, double[][] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) for (int j = 0; j < a[i].length; j++) d = Math.max(d, Math.abs(a[i][j] - b[i][j]));
        return d;
    }
}
