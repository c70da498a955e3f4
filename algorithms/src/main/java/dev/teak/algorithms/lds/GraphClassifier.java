package dev.teak.algorithms.lds;

import dev.teak.autograd.Tensor;
import dev.teak.nn.functional.F;
import dev.teak.tensor.DType;
import dev.teak.tensor.Indexing;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import dev.teak.tensor.sparse.CsrMatrix;
import dev.teak.nn.graph.Adjacency;
import java.util.ArrayList;
import java.util.List;

/**
 * The node classifiers of LDS and its baselines, written functionally (weights passed in as a
 * list of tensors) so that an unrolled optimiser can swap in weights that carry its graph.
 *
 * <ul>
 *   <li>{@link Kind#GCN}: the reference code's bias-free two-layer GCN (spec, "Classifier"),
 *       {@code f_w(X, A) = Ahat dropout(ReLU(Ahat X W0)) W1} with
 *       {@code Ahat = D~^-1/2 (A + I) D~^-1/2}, {@code D~ = diag((A + I) 1)} (Kipf and Welling
 *       2017, eq. 2). Ahat is never formed: {@code Ahat Y = s * (A (s * Y) + s * Y)} with
 *       {@code s = D~^-1/2} as a column, which is exact, keeps one n x n tensor per graph and is
 *       differentiable in A (A may require grad: the hypergradient needs dF/dA).</li>
 *   <li>{@link Kind#MLP}: the same network with Ahat = I, {@code dropout(ReLU(X W0)) W1}.</li>
 *   <li>{@link Kind#LOGREG}: multinomial logistic regression {@code X W0}.</li>
 * </ul>
 * No biases anywhere, as in the reference GCN. The inner objective (spec, "Inner objective") is
 * {@code L(w, A) = CE(f_w(X, A)[train], y[train]) + wd * 1/2 |W0|^2}: only the first layer is
 * regularised.
 */
public final class GraphClassifier {
    /** Which network. */
    public enum Kind { GCN, MLP, LOGREG }

    private final Kind kind;
    private final int in, hidden, classes;
    private final double dropout, weightDecay;
    private double inputDropout;

    public GraphClassifier(Kind kind, int in, int hidden, int classes, double dropout, double weightDecay) {
        if (in < 1 || hidden < 1 || classes < 2) {
            throw new IllegalArgumentException("GraphClassifier: need in >= 1, hidden >= 1, classes >= 2; got " + in + ", " + hidden + ", " + classes);
        }
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("GraphClassifier: dropout must lie in [0, 1), got " + dropout);
        this.kind = kind;
        this.in = in;
        this.hidden = hidden;
        this.classes = classes;
        this.dropout = dropout;
        this.weightDecay = weightDecay;
    }

    public Kind kind() { return kind; }

    /**
     * Dropout on the input features as well (Kipf and Welling's GCN has it; the reference LDS
     * network, and the default here, does not). Returns this.
     */
    public GraphClassifier inputDropout(double p) {
        if (!(p >= 0 && p < 1)) throw new IllegalArgumentException("GraphClassifier: input dropout must lie in [0, 1), got " + p);
        this.inputDropout = p;
        return this;
    }

    /** Whether the output depends on the graph. */
    public boolean usesGraph() { return kind == Kind.GCN; }

    /** Fresh Glorot-uniform weights, {@code U(-sqrt(6/(fan_in+fan_out)), +)}, as leaves that require grad. */
    public List<Tensor> initWeights(Generator gen, DType dtype) {
        List<Tensor> w = new ArrayList<>();
        if (kind == Kind.LOGREG) {
            w.add(glorot(gen, dtype, in, classes));
        } else {
            w.add(glorot(gen, dtype, in, hidden));
            w.add(glorot(gen, dtype, hidden, classes));
        }
        return w;
    }

    private static Tensor glorot(Generator gen, DType dtype, int fanIn, int fanOut) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        return new Tensor(gen.uniform(dtype, -limit, limit, fanIn, fanOut), true);
    }

    /**
     * The propagation {@code Y -> Ahat Y} for a (raw, symmetric, non-negative, zero-diagonal)
     * adjacency {@code a [n, n]}; null stands for the identity (no graph).
     */
    public static final class Propagation {
        private final Tensor a, s;
        private final CsrMatrix sparse, value;

        public Propagation(Tensor a) { this(a, null); }

        /**
         * As {@link #Propagation(Tensor)} with {@code value} a sparse copy of a's value (e.g. from
         * {@link EdgeProbabilities#sampleGraph}); null builds it from a.
         */
        public Propagation(Tensor a, CsrMatrix value) {
            if (a.dim() != 2 || a.size(0) != a.size(1)) {
                throw new IllegalArgumentException("Propagation: needs a square [n, n] adjacency, got " + java.util.Arrays.toString(a.shape()));
            }
            // A must be symmetric (SymmetricMatmul relies on it); a sample E + E^T always is.
            this.a = a;
            // D~ = rowsum(A) + 1 >= 1, so the inverse square root is always finite.
            this.s = a.sum(1, true).add(1).sqrt().reciprocal();
            this.sparse = null;
            // A sampled graph is sparse: its value as CSR makes A Y cheap (SymmetricMatmul).
            this.value = value != null ? value : CsrMatrix.fromDense(a.data());
        }

        private Propagation(CsrMatrix ahat) {
            this.a = null;
            this.s = null;
            this.sparse = ahat;
            this.value = null;
        }

        /**
         * A fixed graph (no gradient to it), held as the sparse matrix Ahat: the baselines on
         * Cora cost O(edges) per product instead of O(n^2).
         */
        public static Propagation fixedSparse(NdArray adjacency) {
            return new Propagation(Adjacency.gcnNormalized(CsrMatrix.fromDense(adjacency)));
        }

        /** {@code Ahat y = s * (A (s * y) + s * y)}. */
        public Tensor apply(Tensor y) {
            if (sparse != null) return Tensor.spmm(sparse, new Tensor(sparse.values()), y);
            Tensor sy = y.mul(s);
            return SymmetricMatmul.apply(a, value, sy).add(sy).mul(s);
        }

        /** The dense normalised matrix (for tests and inspection; training never forms it). */
        public Tensor dense() {
            if (sparse != null) return new Tensor(sparse.toDense());
            int n = a.size(0);
            return apply(new Tensor(NdArray.eye(n, a.dtype())));
        }
    }

    /**
     * Logits {@code [n, classes]}. {@code prop} is ignored unless the kind uses a graph;
     * {@code dropoutGen} null means evaluation (no dropout).
     */
    public Tensor logits(NodeFeatures x, Propagation prop, List<Tensor> w, Generator dropoutGen) {
        if (kind == Kind.LOGREG) return x.matmul(w.get(0), inputDropout, dropoutGen);
        boolean graph = kind == Kind.GCN;
        if (graph && prop == null) throw new IllegalArgumentException("GraphClassifier: the GCN needs a propagation (graph)");
        Tensor h = x.matmul(w.get(0), inputDropout, dropoutGen);
        if (graph) h = prop.apply(h);
        h = F.relu(h);
        h = F.dropout(h, dropout, dropoutGen != null, dropoutGen);
        Tensor out = h.matmul(w.get(1));
        return graph ? prop.apply(out) : out;
    }

    /** {@code CE(logits[idx], y[idx]) + wd/2 |W0|^2} (the inner objective; wd = 0 gives the outer one). */
    public Tensor loss(Tensor logits, NdArray labels, NdArray idx, List<Tensor> w, boolean regularise) {
        Tensor ce = F.crossEntropy(logits.indexSelect(0, idx), Indexing.indexSelect(labels, 0, idx));
        if (!regularise || weightDecay == 0) return ce;
        return ce.add(w.get(0).square().sum().mul(0.5 * weightDecay));
    }

    /** Row-wise softmax probabilities of the logits (what the expected output averages). */
    public static NdArray probabilities(Tensor logits) { return logits.detach().softmax(1).data(); }
}
