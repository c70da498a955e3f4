package dev.teak.tensor.sparse;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;

/**
 * A sparse matrix in compressed sparse row form: row {@code i} holds the entries
 * {@code colIdx[rowPtr[i] .. rowPtr[i+1])} with {@code values} at the same positions.
 * Structure ({@code rowPtr}, {@code colIdx}) is host {@code int[]}; values are an
 * {@link NdArray} (1-D, float) so they can live on a device and carry gradients above.
 */
public final class CsrMatrix {
    private final int rows, cols;
    private final int[] rowPtr, colIdx;
    private final NdArray values;

    /** Validates the structure: monotone row pointers, column indices in range. */
    public CsrMatrix(int rows, int cols, int[] rowPtr, int[] colIdx, NdArray values) {
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
    }

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
    public CsrMatrix withValues(NdArray newValues) { return new CsrMatrix(rows, cols, rowPtr, colIdx, newValues); }

    /** {@code this @ dense} for a 2-D dense array with {@code cols} rows. */
    public NdArray matmul(NdArray dense) {
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
}
