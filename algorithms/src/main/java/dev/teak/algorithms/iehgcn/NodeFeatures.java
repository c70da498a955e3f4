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

    /**
     * How given sparse features are scaled before use. The scale matters because the first
     * projection is Xavier-initialised for the input width: with IMDB's 5927 words and rows
     * summing to 1 (about 11 words of weight 1/11), a movie's own message came out about 20
     * times weaker than the messages built from its neighbours' 128-d random features, and the
     * model learned nothing from the words (Micro-F1 at chance). Column standardisation (the
     * authors') goes the other way: rare words reach 65 and the per-node attention saturates.
     * {@link #NONE} (0/1 words) sits between the two; {@link HinData#defaultScaling} picks per set.
     */
    public enum Scaling {
        /** Each row divided by its sum (a bag of words becomes word frequencies). */
        ROW,
        /**
         * Each column divided by its standard deviation over the rows (population), zero
         * columns left alone: the authors standardise the target features (spec "Data"); the
         * centring they also do only shifts every row of {@code X W} by the same vector, which the
         * bias absorbs, so it is left out to keep the matrix sparse.
         */
        COLUMN_STD,
        /** Each row divided by its Euclidean norm. */
        ROW_L2,
        /** {@link #COLUMN_STD}, then {@link #ROW_L2}: rare words weigh more (as with tf-idf) but every row has norm 1. */
        COLUMN_STD_ROW_L2,
        /** The values as stored (0/1 for a bag of words). */
        NONE
    }

    /** Given sparse features {@code [n, d]}, scaled as {@code scaling} says. */
    public static NodeFeatures givenSparse(CsrMatrix x, Scaling scaling) {
        return new NodeFeatures(Kind.GIVEN, null, switch (scaling) {
            case ROW -> Adjacency.rowNormalized(x);
            case COLUMN_STD -> columnStandardized(x);
            case ROW_L2 -> rowL2(x);
            case COLUMN_STD_ROW_L2 -> rowL2(columnStandardized(x));
            case NONE -> x;
        });
    }

    /** {@code x_ij / ‖x_i‖₂}, zero rows left alone. */
    static CsrMatrix rowL2(CsrMatrix x) {
        double[] v = x.values().toDoubleArray();
        int[] ptr = x.rowPtr();
        double[] out = new double[v.length];
        for (int i = 0; i < x.rows(); i++) {
            double sq = 0;
            for (int k = ptr[i]; k < ptr[i + 1]; k++) sq += v[k] * v[k];
            double norm = Math.sqrt(sq);
            for (int k = ptr[i]; k < ptr[i + 1]; k++) out[k] = norm > 0 ? v[k] / norm : v[k];
        }
        return x.withValues(NdArray.of(out).to(x.dtype()));
    }

    /** {@code x_ij / σ_j} with {@code σ_j² = mean_i x_ij² - (mean_i x_ij)²} over all n rows, zeros included. */
    static CsrMatrix columnStandardized(CsrMatrix x) {
        double[] v = x.values().toDoubleArray();
        int[] col = x.colIdx();
        double[] sum = new double[x.cols()], sq = new double[x.cols()];
        for (int k = 0; k < v.length; k++) { sum[col[k]] += v[k]; sq[col[k]] += v[k] * v[k]; }
        double n = x.rows();
        double[] scaled = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            int j = col[k];
            double mean = sum[j] / n, var = sq[j] / n - mean * mean;
            scaled[k] = var > 1e-300 ? v[k] / Math.sqrt(var) : v[k];
        }
        return x.withValues(NdArray.of(scaled).to(x.dtype()));
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
