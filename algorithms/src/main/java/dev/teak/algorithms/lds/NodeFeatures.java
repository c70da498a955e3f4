package dev.teak.algorithms.lds;

import dev.teak.autograd.Tensor;
import dev.teak.nn.functional.F;
import dev.teak.tensor.random.Generator;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.sparse.CsrMatrix;

/**
 * The feature matrix X of all nodes, dense or sparse: only {@code X W} is ever needed, and
 * bag-of-words features (Cora: 1.3 % nonzero) make that product about 75 times cheaper as a
 * sparse-dense product. The gradient flows to W either way (X is a constant).
 */
public final class NodeFeatures {
    private final Tensor dense;
    private final CsrMatrix sparse;
    private final Tensor sparseValues;

    private NodeFeatures(Tensor dense, CsrMatrix sparse) {
        this.dense = dense;
        this.sparse = sparse;
        this.sparseValues = sparse == null ? null : new Tensor(sparse.values());
    }

    public static NodeFeatures dense(Tensor x) { return new NodeFeatures(x, null); }

    /** Sparse storage when at most {@code maxDensity} of the entries are nonzero, dense otherwise. */
    public static NodeFeatures of(NdArray x, double maxDensity) {
        double[] d = x.toDoubleArray();
        int nnz = 0;
        for (double v : d) if (v != 0) nnz++;
        if (nnz > maxDensity * d.length) return dense(new Tensor(x));
        return new NodeFeatures(null, CsrMatrix.fromDense(x));
    }

    /** {@code X W}. */
    public Tensor matmul(Tensor w) { return sparse == null ? dense.matmul(w) : Tensor.spmm(sparse, sparseValues, w); }

    /**
     * {@code dropout(X) W} (Kipf and Welling's input dropout; on sparse features it drops stored
     * entries, as their sparse dropout does). {@code gen} null or {@code p = 0}: plain {@code X W}.
     */
    public Tensor matmul(Tensor w, double p, Generator gen) {
        if (gen == null || p == 0) return matmul(w);
        if (sparse == null) return F.dropout(dense, p, true, gen).matmul(w);
        return Tensor.spmm(sparse, F.dropout(sparseValues, p, true, gen), w);
    }

    public DType dtype() { return sparse == null ? dense.dtype() : sparse.values().dtype(); }

    public boolean isSparse() { return sparse != null; }
}
