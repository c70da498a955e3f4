package dev.teak.nn.functional;

import dev.teak.autograd.Tensor;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;
import dev.teak.tensor.UnaryOp;

/**
 * Loss functions as differentiable composites; {@link F} re-exports them. Classification
 * losses put the class axis last ({@code [..., C]} scores with {@code [...]} integer targets),
 * which is how sequence models lay out their logits.
 */
public final class Losses {
    private Losses() {}

    /**
     * Cross-entropy of {@code logits [..., C]} against integer {@code targets [...]}:
     * <pre>
     *   l_i = w_{y_i} ( -(1 - eps) log p_{i,y_i} ) + (eps / C) sum_c w_c ( -log p_{i,c} )
     * </pre>
     * with {@code p = softmax(logits)}, class weights {@code w} (null: all 1) and label
     * smoothing {@code eps}; targets equal to {@code ignoreIndex} contribute nothing. MEAN
     * divides by {@code sum_i w_{y_i}} over the kept targets (PyTorch's convention).
     */
    public static Tensor crossEntropy(Tensor logits, NdArray targets, NdArray classWeights, double labelSmoothing,
                                      long ignoreIndex, Reduction reduction) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("crossEntropy: label smoothing must lie in [0, 1], got " + labelSmoothing);
        }
        return classLoss("crossEntropy", logits.logSoftmax(-1), targets, classWeights, labelSmoothing, ignoreIndex, reduction);
    }

    /** Cross-entropy with no weights, smoothing or ignored targets, averaged. */
    public static Tensor crossEntropy(Tensor logits, NdArray targets) {
        return crossEntropy(logits, targets, null, 0, Long.MIN_VALUE, Reduction.MEAN);
    }

    /** Negative log-likelihood of log-probabilities {@code [..., C]}: {@code l_i = -w_{y_i} logp_{i,y_i}}. */
    public static Tensor nll(Tensor logProbs, NdArray targets, NdArray classWeights, long ignoreIndex, Reduction reduction) {
        return classLoss("nll", logProbs, targets, classWeights, 0, ignoreIndex, reduction);
    }

    private static Tensor classLoss(String op, Tensor logp, NdArray targets, NdArray classWeights, double eps,
                                    long ignoreIndex, Reduction reduction) {
        int c = logp.size(-1);
        int[] lead = java.util.Arrays.copyOf(logp.shape(), logp.dim() - 1);
        if (!java.util.Arrays.equals(lead, targets.shape()) || targets.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": scores " + Shape.str(logp.shape()) + " need integer targets of shape "
                    + Shape.str(lead) + ", got " + targets.dtype().pyName() + Shape.str(targets.shape()));
        }
        if (classWeights != null && (classWeights.dim() != 1 || classWeights.size(0) != c)) {
            throw new IllegalArgumentException(op + ": class weights must have shape [" + c + "], got " + Shape.str(classWeights.shape()));
        }
        long[] t = targets.toLongArray();
        double[] w = classWeights == null ? null : classWeights.toDoubleArray();
        int n = t.length;
        long[] safe = new long[n];
        double[] rowWeight = new double[n];
        for (int i = 0; i < n; i++) {
            if (t[i] == ignoreIndex) continue;
            if (t[i] < 0 || t[i] >= c) {
                throw new IllegalArgumentException(op + ": target " + t[i] + " at flat index " + i + " is outside [0, " + c + ")");
            }
            safe[i] = t[i];
            rowWeight[i] = w == null ? 1 : w[(int) t[i]];
        }
        DType dt = logp.dtype();
        Tensor flat = logp.reshape(n, c);
        Tensor picked = flat.gather(1, NdArray.of(safe, n, 1)).reshape(n);
        Tensor rw = new Tensor(NdArray.of(rowWeight).to(dt));
        Tensor loss = picked.mul(rw).neg();
        if (eps > 0) {
            // Keep mask: ignored rows get weight 0 in the smoothing term too.
            double[] keep = new double[n];
            for (int i = 0; i < n; i++) keep[i] = t[i] == ignoreIndex ? 0 : 1;
            Tensor weighted = w == null ? flat : flat.mul(new Tensor(NdArray.of(w).to(dt)));
            Tensor smooth = weighted.sum(1, false).mul(new Tensor(NdArray.of(keep).to(dt))).neg().div(c);
            loss = loss.mul(1 - eps).add(smooth.mul(eps));
        }
        switch (reduction) {
            case NONE: return loss.reshape(lead);
            case SUM: return loss.sum();
            default:
                double total = 0;
                for (double v : rowWeight) total += v;
                return loss.sum().div(total);
        }
    }

    /**
     * Binary cross-entropy on logits, stable for any magnitude:
     * {@code l = max(x, 0) - x y + log(1 + e^-|x|)} (equal to {@code -y log s(x) - (1-y) log(1-s(x))}).
     */
    public static Tensor bceWithLogits(Tensor logits, Tensor targets, Reduction reduction) {
        requireSameShape("bceWithLogits", logits, targets);
        Tensor l = logits.relu().sub(logits.mul(targets)).add(logits.abs().neg().exp().apply(UnaryOp.LOG1P));
        return reduce(l, reduction);
    }

    /** Mean squared error {@code (x - y)^2}. */
    public static Tensor mse(Tensor input, Tensor target, Reduction reduction) {
        requireSameShape("mse", input, target);
        return reduce(input.sub(target).square(), reduction);
    }

    /** Huber loss: {@code 0.5 d^2} for {@code |d| <= delta}, else {@code delta (|d| - 0.5 delta)}, with {@code d = x - y}. */
    public static Tensor huber(Tensor input, Tensor target, double delta, Reduction reduction) {
        requireSameShape("huber", input, target);
        if (!(delta > 0)) throw new IllegalArgumentException("huber: delta must be positive, got " + delta);
        Tensor d = input.sub(target);
        Tensor a = d.abs();
        Tensor quad = d.square().mul(0.5);
        Tensor lin = a.sub(0.5 * delta).mul(delta);
        return reduce(Tensor.where(a.le(Tensor.scalar(delta, a.dtype())), quad, lin), reduction);
    }

    /**
     * Forward KL divergence {@code KL(P || Q) = sum_c p_c (log p_c - log q_c)} from
     * log-probabilities over the last axis, averaged over the leading axes ("batchmean"). With
     * {@code P} the data and {@code Q} the model this is the mass-covering direction.
     */
    public static Tensor klDivergence(Tensor logP, Tensor logQ) {
        requireSameShape("klDivergence", logP, logQ);
        Tensor perRow = logP.exp().mul(logP.sub(logQ)).sum(-1, false);
        return perRow.mean();
    }

    /** Reverse KL divergence {@code KL(Q || P)} (mode-seeking when {@code Q} is the model). */
    public static Tensor reverseKlDivergence(Tensor logP, Tensor logQ) { return klDivergence(logQ, logP); }

    /**
     * InfoNCE with in-batch negatives (van den Oord et al. 2018, eq. 4): row {@code i} of
     * {@code queries [N, D]} should match row {@code i} of {@code keys [N, D]} among all N keys,
     * {@code L = CE(q k^T / temperature, diag)}. Normalise the rows first for cosine similarity.
     */
    public static Tensor infoNce(Tensor queries, Tensor keys, double temperature) {
        requireSameShape("infoNce", queries, keys);
        if (queries.dim() != 2) throw new IllegalArgumentException("infoNce: expected [N, D] embeddings, got " + Shape.str(queries.shape()));
        if (!(temperature > 0)) throw new IllegalArgumentException("infoNce: temperature must be positive, got " + temperature);
        Tensor logits = queries.matmul(keys.mT()).div(temperature);
        return crossEntropy(logits, NdArray.arange(queries.size(0)));
    }

    /** Margin ranking: {@code max(0, -y (x1 - x2) + margin)} with {@code y = +1} when x1 should rank higher. */
    public static Tensor marginRanking(Tensor x1, Tensor x2, Tensor y, double margin, Reduction reduction) {
        requireSameShape("marginRanking", x1, x2);
        requireSameShape("marginRanking", x1, y);
        return reduce(x1.sub(x2).mul(y).neg().add(margin).relu(), reduction);
    }

    static Tensor reduce(Tensor l, Reduction r) {
        return switch (r) {
            case MEAN -> l.mean();
            case SUM -> l.sum();
            case NONE -> l;
        };
    }

    private static void requireSameShape(String op, Tensor a, Tensor b) {
        if (!java.util.Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(op + ": input " + Shape.str(a.shape()) + " and target " + Shape.str(b.shape())
                    + " must have the same shape");
        }
    }
}
