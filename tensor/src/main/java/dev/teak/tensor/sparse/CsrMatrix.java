package dev.teak.tensor.sparse;

import dev.teak.tensor.DType;
import dev.teak.tensor.Device;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;
import java.util.Arrays;

/**
 * A sparse matrix in compressed sparse row form: row {@code i} holds the entries
 * {@code colIdx[rowPtr[i] .. rowPtr[i+1])} with {@code values} at the same positions.
 * Structure ({@code rowPtr}, {@code colIdx}) is host {@code int[]}; values are an
 * {@link NdArray} (1-D, float) so they can live on a device and carry gradients above.
 *
 * <p>Within a row the columns need not be sorted and may repeat (repeats add up), but every
 * builder here ({@link #fromCoo}, {@link #fromDense}, {@link #transpose}) returns sorted rows.
 * Structural operations run on the host in O(nnz + rows + cols); values that live on a device
 * are copied over and back.
 */
public final class CsrMatrix {
    private final int rows, cols;
    private final int[] rowPtr, colIdx;
    private final NdArray values;
    /** The transpose's structure, computed on first use; one slot shared by matrices of one structure. */
    private final CsrStructure.Built[] transposed;

    /** Validates the structure: monotone row pointers, column indices in range. */
    public CsrMatrix(int rows, int cols, int[] rowPtr, int[] colIdx, NdArray values) {
        this(rows, cols, rowPtr, colIdx, values, new CsrStructure.Built[1]);
    }

    private CsrMatrix(int rows, int cols, int[] rowPtr, int[] colIdx, NdArray values, CsrStructure.Built[] transposed) {
        if (rows < 0 || cols < 0) throw new IllegalArgumentException("CsrMatrix: negative size " + rows + "x" + cols);
        if (rowPtr.length != rows + 1) {
            throw new IllegalArgumentException("CsrMatrix: rowPtr has " + rowPtr.length + " entries, expected rows + 1 = " + (rows + 1));
        }
        int nnz = colIdx.length;
        if (rowPtr[0] != 0 || rowPtr[rows] != nnz) {
            throw new IllegalArgumentException("CsrMatrix: rowPtr must run from 0 to nnz = " + nnz + ", got " + rowPtr[0] + ".." + rowPtr[rows]);
        }
        for (int i = 0; i < rows; i++) {
            if (rowPtr[i + 1] < rowPtr[i]) throw new IllegalArgumentException("CsrMatrix: rowPtr decreases at row " + i);
        }
        for (int k = 0; k < nnz; k++) {
            if (colIdx[k] < 0 || colIdx[k] >= cols) {
                throw new IndexOutOfBoundsException("CsrMatrix: column index " + colIdx[k] + " at entry " + k + " is outside [0, " + cols + ")");
            }
        }
        if (values.dim() != 1 || values.size(0) != nnz || !values.dtype().isFloating()) {
            throw new IllegalArgumentException("CsrMatrix: values must be a 1-D float array of " + nnz + " entries, got "
                    + values.dtype().pyName() + Shape.str(values.shape()));
        }
        this.rows = rows;
        this.cols = cols;
        this.rowPtr = rowPtr;
        this.colIdx = colIdx;
        this.values = values;
        this.transposed = transposed;
    }

    // ------------------------------------------------------------------ builders

    /**
     * From coordinates {@code (r[k], c[k], values[k])}, sorted by row then column. With
     * {@code sumDuplicates} repeated coordinates become one entry holding their sum (torch's
     * coalesce); without, they stay as separate entries, which products add up anyway.
     */
    public static CsrMatrix fromCoo(int rows, int cols, int[] r, int[] c, float[] values, boolean sumDuplicates) {
        return fromCoo(rows, cols, r, c, NdArray.of(values), sumDuplicates);
    }

    /** {@link #fromCoo(int, int, int[], int[], float[], boolean)} with float64 values. */
    public static CsrMatrix fromCoo(int rows, int cols, int[] r, int[] c, double[] values, boolean sumDuplicates) {
        return fromCoo(rows, cols, r, c, NdArray.of(values), sumDuplicates);
    }

    /** {@link #fromCoo(int, int, int[], int[], float[], boolean)} with values as a 1-D float array. */
    public static CsrMatrix fromCoo(int rows, int cols, int[] r, int[] c, NdArray values, boolean sumDuplicates) {
        if (values.dim() != 1 || !values.dtype().isFloating()) {
            throw new IllegalArgumentException("fromCoo: values must be a 1-D float array, got "
                    + values.dtype().pyName() + Shape.str(values.shape()));
        }
        CsrStructure.Built b = CsrStructure.fromCoo(rows, cols, r, c, values.size(0), sumDuplicates);
        return new CsrMatrix(rows, cols, b.rowPtr(), b.colIdx(), CsrStructure.gather(values, b).to(values.device()));
    }

    /** The non-zero entries of a 2-D float array, in its dtype and on its device. */
    public static CsrMatrix fromDense(NdArray dense) {
        if (dense.dim() != 2 || !dense.dtype().isFloating()) {
            throw new IllegalArgumentException("fromDense: expected a 2-D float array, got " + dense.dtype().pyName() + Shape.str(dense.shape()));
        }
        int rows = dense.size(0), cols = dense.size(1);
        double[] d = dense.toDoubleArray();
        int nnz = 0;
        for (double x : d) if (x != 0) nnz++;
        int[] rowPtr = new int[rows + 1], colIdx = new int[nnz];
        double[] v = new double[nnz];
        for (int i = 0, e = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double x = d[i * cols + j];
                if (x != 0) { colIdx[e] = j; v[e++] = x; }
            }
            rowPtr[i + 1] = e;
        }
        return new CsrMatrix(rows, cols, rowPtr, colIdx, NdArray.of(v).to(dense.dtype()).to(dense.device()));
    }

    /** The dense {@code [rows, cols]} array (repeated entries summed), on the values' device. */
    public NdArray toDense() {
        double[] v = values.toDoubleArray(), d = new double[Math.multiplyExact(rows, cols)];
        for (int i = 0; i < rows; i++) for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) d[i * cols + colIdx[k]] += v[k];
        return NdArray.of(d, rows, cols).to(dtype()).to(values.device());
    }

    // ------------------------------------------------------------------ structure

    public int rows() { return rows; }

    public int cols() { return cols; }

    public int nnz() { return colIdx.length; }

    /** Row pointers (shared, do not modify). */
    public int[] rowPtr() { return rowPtr; }

    /** Column indices (shared, do not modify). */
    public int[] colIdx() { return colIdx; }

    public NdArray values() { return values; }

    public DType dtype() { return values.dtype(); }

    /** The same structure with other values (e.g. a gradient, or values moved to a device). */
    public CsrMatrix withValues(NdArray newValues) { return new CsrMatrix(rows, cols, rowPtr, colIdx, newValues, transposed); }

    /** With values converted to another float dtype. */
    public CsrMatrix to(DType dtype) { return dtype == dtype() ? this : withValues(values.to(dtype)); }

    /** With values on another device (the structure stays on the host). */
    public CsrMatrix to(Device device) { return device.equals(values.device()) ? this : withValues(values.to(device)); }

    /** The row of every entry: {@code rowIndices()[k] = i} for {@code rowPtr[i] <= k < rowPtr[i+1]} (COO rows). */
    public int[] rowIndices() { return CsrStructure.rowIndices(rowPtr, nnz()); }

    /**
     * The transpose, by one counting pass (O(nnz + cols)); its rows are sorted. The structure is
     * computed once per structure and shared by {@link #withValues} copies, so the backward pass
     * of a sparse product can reuse it every step.
     */
    public CsrMatrix transpose() {
        CsrStructure.Built t = transposeStructure();
        return new CsrMatrix(cols, rows, t.rowPtr(), t.colIdx(), CsrStructure.gather(values, t).to(values.device()));
    }

    /**
     * Where the transpose's values come from: {@code transpose().values()[p] == values()[perm[p]]}
     * (shared, do not modify). Autograd uses it to route gradients through {@link #transpose}.
     */
    public int[] transposePermutation() { return transposeStructure().source(); }

    private CsrStructure.Built transposeStructure() {
        CsrStructure.Built t = transposed[0];
        if (t == null) {
            // Benign race: two threads may both compute the same structure; either result is right.
            t = CsrStructure.transpose(rows, cols, rowPtr, colIdx);
            transposed[0] = t;
        }
        return t;
    }

    // ------------------------------------------------------------------ values

    /** The sum of each row, {@code A @ 1}, shape {@code [rows]} (the out-degree of a graph). */
    public NdArray rowSums() {
        return matmul(NdArray.ones(dtype(), cols, 1).to(values.device())).reshape(rows);
    }

    /**
     * {@code diag(left) A diag(right)}: entry {@code (i, j)} times {@code left[i] * right[j]}.
     * Either vector may be null for no scaling on that side.
     */
    public CsrMatrix diagonalScale(NdArray left, NdArray right) {
        double[] l = scaleVector("left", left, rows), r = scaleVector("right", right, cols);
        double[] v = values.toDoubleArray();
        for (int i = 0; i < rows; i++) {
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                if (l != null) v[k] *= l[i];
                if (r != null) v[k] *= r[colIdx[k]];
            }
        }
        return withValues(NdArray.of(v).to(dtype()).to(values.device()));
    }

    private static double[] scaleVector(String side, NdArray s, int n) {
        if (s == null) return null;
        if (s.dim() != 1 || s.size(0) != n) {
            throw new IllegalArgumentException("diagonalScale: " + side + " scale must have shape [" + n + "], got " + Shape.str(s.shape()));
        }
        return s.toDoubleArray();
    }

    /**
     * {@code D^-1/2 A D^-1/2} with {@code D = diag(rowSums())}, the normalisation of graph
     * convolutional networks (Kipf and Welling 2017, eq. 2, applied to {@code A + I}); rows
     * summing to zero get the scale 0 rather than infinity.
     */
    public CsrMatrix symmetricNormalized() {
        if (rows != cols) throw new IllegalArgumentException("symmetricNormalized: needs a square matrix, got " + rows + "x" + cols);
        double[] d = rowSums().toDoubleArray();
        for (int i = 0; i < d.length; i++) d[i] = d[i] > 0 ? 1 / Math.sqrt(d[i]) : 0;
        NdArray s = NdArray.of(d);
        return diagonalScale(s, s);
    }

    /** {@code A + value * I} for a square matrix; diagonal entries are inserted where missing. */
    public CsrMatrix addDiagonal(double value) {
        if (rows != cols) throw new IllegalArgumentException("addDiagonal: needs a square matrix, got " + rows + "x" + cols);
        int[] diag = new int[rows];
        Arrays.fill(diag, -1);
        CsrStructure.Built b = CsrStructure.withDiagonal(rows, rowPtr, colIdx, diag);
        double[] v = CsrStructure.gather(values, b).toDoubleArray();
        for (int e : diag) v[e] += value;
        return new CsrMatrix(rows, cols, b.rowPtr(), b.colIdx(), NdArray.of(v).to(dtype()).to(values.device()));
    }

    // ------------------------------------------------------------------ products

    /** {@code this @ dense} for a dense array {@code [cols, n]} (or a vector {@code [cols]}, giving {@code [rows]}). */
    public NdArray matmul(NdArray dense) {
        if (dense.dim() == 1 && dense.size(0) == cols) return matmul(dense.unsqueeze(1)).squeeze(1);
        if (dense.dim() != 2 || dense.size(0) != cols) {
            throw new IllegalArgumentException("spmm: sparse " + rows + "x" + cols + " times dense " + Shape.str(dense.shape())
                    + ": the dense operand must be 2-D with " + cols + " rows");
        }
        values.requireSameDevice("spmm", dense);
        DType t = DType.promote(values.dtype(), dense.dtype());
        NdArray d = dense.to(t);
        CsrMatrix a = values.dtype() == t ? this : withValues(values.to(t));
        NdArray out = NdArray.zeros(dense.backend(), t, rows, dense.size(1));
        dense.backend().spmm(a, d, out);
        return out;
    }

    /** {@code this^T @ dense} (the backward of {@link #matmul} with respect to the dense operand). */
    public NdArray transposeMatmul(NdArray dense) { return transpose().matmul(dense); }

    @Override
    public String toString() {
        return "CsrMatrix(" + rows + "x" + cols + ", nnz=" + nnz() + ", " + dtype().pyName() + ", " + values.device() + ")";
    }
}
