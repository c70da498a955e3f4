package dev.teak.tensor.sparse;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import java.util.Arrays;

/**
 * The index work behind {@link CsrMatrix}: sorting coordinates into rows, transposing,
 * inserting a diagonal. Each algorithm builds the new {@code rowPtr}/{@code colIdx} and says
 * where every new entry's value comes from, as indices into the old values; {@link #gather}
 * then moves the values (host side, in their own dtype). All passes are counting sorts, so
 * the cost is O(nnz + rows + cols) with no comparisons.
 */
final class CsrStructure {
    private CsrStructure() {}

    /**
     * A structure plus its value sources: new entry {@code e} is the sum of old values
     * {@code source[sourceStart[e] .. sourceStart[e+1])} ({@code sourceStart} null means one
     * source each, {@code source[e]}; a source of -1 means a zero).
     */
    record Built(int[] rowPtr, int[] colIdx, int[] source, int[] sourceStart) {}

    /** COO to CSR, sorted by row then column (both stable); duplicates summed when asked. */
    static Built fromCoo(int rows, int cols, int[] r, int[] c, int nnzValues, boolean sumDuplicates) {
        if (rows < 0 || cols < 0) throw new IllegalArgumentException("fromCoo: negative size " + rows + "x" + cols);
        if (r.length != c.length || r.length != nnzValues) {
            throw new IllegalArgumentException("fromCoo: row indices (" + r.length + "), column indices (" + c.length
                    + ") and values (" + nnzValues + ") must have the same length");
        }
        int nnz = r.length;
        for (int k = 0; k < nnz; k++) {
            if (r[k] < 0 || r[k] >= rows) {
                throw new IndexOutOfBoundsException("fromCoo: row index " + r[k] + " at entry " + k + " is outside [0, " + rows + ")");
            }
            if (c[k] < 0 || c[k] >= cols) {
                throw new IndexOutOfBoundsException("fromCoo: column index " + c[k] + " at entry " + k + " is outside [0, " + cols + ")");
            }
        }
        // Radix sort in two stable counting passes: by column, then by row.
        int[] byCol = new int[nnz];
        int[] next = new int[cols + 1];
        for (int k = 0; k < nnz; k++) next[c[k] + 1]++;
        for (int j = 0; j < cols; j++) next[j + 1] += next[j];
        for (int k = 0; k < nnz; k++) byCol[next[c[k]]++] = k;
        int[] rowPtr = new int[rows + 1];
        for (int k = 0; k < nnz; k++) rowPtr[r[k] + 1]++;
        for (int i = 0; i < rows; i++) rowPtr[i + 1] += rowPtr[i];
        int[] order = new int[nnz];
        int[] fill = Arrays.copyOf(rowPtr, rows);
        for (int k : byCol) order[fill[r[k]]++] = k;
        if (!sumDuplicates) {
            int[] colIdx = new int[nnz];
            for (int e = 0; e < nnz; e++) colIdx[e] = c[order[e]];
            return new Built(rowPtr, colIdx, order, null);
        }
        // Merge runs of equal (row, column): within a row the columns are now ascending.
        int[] mergedPtr = new int[rows + 1], colIdx = new int[nnz], start = new int[nnz + 1];
        int e = 0;
        for (int i = 0; i < rows; i++) {
            for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                if (p > rowPtr[i] && c[order[p]] == c[order[p - 1]]) continue;
                colIdx[e] = c[order[p]];
                start[e++] = p;
            }
            mergedPtr[i + 1] = e;
        }
        start[e] = nnz;
        return new Built(mergedPtr, Arrays.copyOf(colIdx, e), order, Arrays.copyOf(start, e + 1));
    }

    /** The transpose by one counting pass over the columns; rows of the result come out sorted. */
    static Built transpose(int rows, int cols, int[] rowPtr, int[] colIdx) {
        int nnz = colIdx.length;
        int[] tPtr = new int[cols + 1];
        for (int k = 0; k < nnz; k++) tPtr[colIdx[k] + 1]++;
        for (int j = 0; j < cols; j++) tPtr[j + 1] += tPtr[j];
        int[] fill = Arrays.copyOf(tPtr, cols), tCol = new int[nnz], perm = new int[nnz];
        for (int i = 0; i < rows; i++) {
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                int p = fill[colIdx[k]]++;
                tCol[p] = i;
                perm[p] = k;
            }
        }
        return new Built(tPtr, tCol, perm, null);
    }

    /**
     * Ensures every diagonal position holds an entry: existing ones keep their place (the first,
     * if repeated), missing ones are inserted before the first larger column, or at the row's end.
     * {@code source} is -1 for inserted entries; {@code diagonal} lists the entries on the diagonal.
     */
    static Built withDiagonal(int n, int[] rowPtr, int[] colIdx, int[] diagonal) {
        int missing = 0;
        for (int i = 0; i < n; i++) if (find(rowPtr, colIdx, i) < 0) missing++;
        int nnz = colIdx.length + missing;
        int[] ptr = new int[n + 1], cols = new int[nnz], source = new int[nnz];
        int e = 0;
        for (int i = 0; i < n; i++) {
            boolean has = find(rowPtr, colIdx, i) >= 0, placed = has;
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                if (!placed && colIdx[k] > i) { diagonal[i] = e; cols[e] = i; source[e++] = -1; placed = true; }
                if (has && colIdx[k] == i && diagonal[i] < 0) diagonal[i] = e;
                cols[e] = colIdx[k];
                source[e++] = k;
            }
            if (!placed) { diagonal[i] = e; cols[e] = i; source[e++] = -1; }
            ptr[i + 1] = e;
        }
        return new Built(ptr, cols, source, null);
    }

    private static int find(int[] rowPtr, int[] colIdx, int i) {
        for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) if (colIdx[k] == i) return k;
        return -1;
    }

    /** The row of every entry, {@code rowIndices[k] = i} for {@code rowPtr[i] <= k < rowPtr[i+1]}. */
    static int[] rowIndices(int[] rowPtr, int nnz) {
        int[] out = new int[nnz];
        for (int i = 0; i + 1 < rowPtr.length; i++) Arrays.fill(out, rowPtr[i], rowPtr[i + 1], i);
        return out;
    }

    /** New values from old ones as {@code b} says, in the old values' dtype, on the CPU. */
    static NdArray gather(NdArray values, Built b) {
        int n = b.colIdx().length;
        int[] src = b.source(), start = b.sourceStart();
        if (values.dtype() == DType.FLOAT32) {
            float[] v = values.toFloatArray(), out = new float[n];
            for (int e = 0; e < n; e++) {
                if (start == null) out[e] = src[e] < 0 ? 0 : v[src[e]];
                else { double s = 0; for (int p = start[e]; p < start[e + 1]; p++) s += v[src[p]]; out[e] = (float) s; }
            }
            return NdArray.of(out);
        }
        double[] v = values.toDoubleArray(), out = new double[n];
        for (int e = 0; e < n; e++) {
            if (start == null) out[e] = src[e] < 0 ? 0 : v[src[e]];
            else { double s = 0; for (int p = start[e]; p < start[e + 1]; p++) s += v[src[p]]; out[e] = s; }
        }
        return NdArray.of(out);
    }
}
