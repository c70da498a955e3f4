package dev.teak.algorithms.iehgcn;

import dev.teak.nn.graph.Adjacency;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import dev.teak.tensor.sparse.CsrMatrix;

/**
 * The input features of one node type, in one of the three forms the paper uses: given (a
 * sparse bag-of-words matrix such as a target type's text features, or a dense matrix), fixed
 * random (the paper's choice for featureless types: Xavier-uniform draws that are never
 * trained; spec pitfall "fixed random features"), or learned (a free embedding per node, trained
 * with the model: an option, not the paper's method).
 *
 * <p>A sparse given matrix is kept sparse: the first layer's projection {@code X W} is then a
 * sparse-dense product whose gradient reaches {@code W} through the autograd spmm.
 */
public final class NodeFeatures {
    /** How a type's features came about. */
    public enum Kind { GIVEN, FIXED_RANDOM, LEARNED }

    private final Kind kind;
    private final NdArray dense;
    private final CsrMatrix sparse;

    private NodeFeatures(Kind kind, NdArray dense, CsrMatrix sparse) {
        this.kind = kind;
        this.dense = dense;
        this.sparse = sparse;
    }

    /** Given sparse features {@code [n, d]}, rows scaled to sum to 1 (zero rows stay zero). */
    public static NodeFeatures givenSparse(CsrMatrix x) {
        return new NodeFeatures(Kind.GIVEN, null, Adjacency.rowNormalized(x));
    }

    /** Given dense features {@code [n, d]}, used as they are. */
    public static NodeFeatures givenDense(NdArray x) {
        requireMatrix("givenDense", x);
        return new NodeFeatures(Kind.GIVEN, x, null);
    }

    /** Fixed random features {@code [n, d]}: Xavier-uniform with gain 1.414, as the authors' preprocessing draws them. */
    public static NodeFeatures fixedRandom(int n, int d, Generator gen) {
        return new NodeFeatures(Kind.FIXED_RANDOM, xavier(n, d, gen), null);
    }

    /** Learned features {@code [n, d]}, starting from Xavier-uniform draws; the model owns them as a parameter. */
    public static NodeFeatures learned(int n, int d, Generator gen) {
        return new NodeFeatures(Kind.LEARNED, xavier(n, d, gen), null);
    }

    private static NdArray xavier(int n, int d, Generator gen) {
        double a = 1.414 * Math.sqrt(6.0 / (n + d));
        return gen.uniform(DType.FLOAT32, -a, a, n, d);
    }

    private static void requireMatrix(String op, NdArray x) {
        if (x.dim() != 2) throw new IllegalArgumentException("NodeFeatures." + op + ": features must be [n, d], got " + dev.teak.tensor.Shape.str(x.shape()));
    }

    public Kind kind() { return kind; }

    public boolean isSparse() { return sparse != null; }

    public int rows() { return sparse != null ? sparse.rows() : dense.size(0); }

    public int dim() { return sparse != null ? sparse.cols() : dense.size(1); }

    /** The dense matrix (fixed, given dense, or the starting value of learned features); null when sparse. */
    public NdArray dense() { return dense; }

    /** The sparse matrix, or null. */
    public CsrMatrix sparse() { return sparse; }

    /** The same features in another dtype. */
    public NodeFeatures to(DType dtype) {
        return new NodeFeatures(kind, dense == null ? null : dense.to(dtype), sparse == null ? null : sparse.to(dtype));
    }

    /** The layer input these features give; learned features are passed in as the model's parameter. */
    IeHgcnLayer.Input input(dev.teak.autograd.Tensor learnedValue) {
        if (kind == Kind.LEARNED) return IeHgcnLayer.Input.dense(learnedValue);
        return sparse != null ? IeHgcnLayer.Input.sparse(sparse) : IeHgcnLayer.Input.dense(new dev.teak.autograd.Tensor(dense));
    }
}
