package dev.teak.algorithms.demi;

import dev.teak.autograd.GradMode;
import dev.teak.autograd.Tensor;
import dev.teak.nn.Module;
import dev.teak.nn.Parameter;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import java.util.ArrayList;
import java.util.List;

/**
 * One decomposed estimator of I(x; y) over N nested subviews x_1 c ... c x_N = x (the chain
 * rule, spec "Decomposition"): I(x; y) = I(x_1; y) + sum_{n>=2} I(x_n; y | x_{n-1}). Term 1 is
 * InfoNCE with in-batch negatives (K = batch size); each later term is a conditional InfoNCE
 * with its own critic phi_n(x_n, y), whose negatives are
 * <ul>
 *   <li>{@link Negatives#EXACT}: K-1 fresh draws of p(y | x_{n-1}) per anchor, from the
 *       Gaussian's exact conditional sampler;</li>
 *   <li>{@link Negatives#IMPORTANCE}: the in-batch (marginal) negatives re-weighted by
 *       self-normalised weights w_k proportional to exp(psi(x_{n-1}, y_k)). For psi we use the
 *       sum of this estimator's earlier critics, sum_{m<n} phi_m(x_m, y): at their optima
 *       phi_1 = log p(y|x_1)/p(y) and phi_m = log p(y|x_m)/p(y|x_{m-1}) + c(x), so the sum is
 *       log p(y|x_{n-1})/p(y) + c(x), the unconditional critic the paper's step 1 asks for
 *       (for N = 2 it is exactly the critic of I(x_1; y)). The weights are detached.</li>
 * </ul>
 * N = 1 is plain InfoNCE. A value of the estimator is the sum of its terms, at most N log K.
 */
public final class DemiEstimator {
    /** Where the conditional terms take their negatives from. */
    public enum Negatives { EXACT, IMPORTANCE }

    /** One evaluation: per-term per-anchor values [B] (with graph when training) and per-term mean ESS (NaN where none). */
    public record Terms(List<Tensor> values, double[] ess) {
        /** The estimator's per-anchor value, the sum of its terms. */
        public Tensor total() {
            Tensor t = values.get(0);
            for (int i = 1; i < values.size(); i++) t = t.add(values.get(i));
            return t;
        }
    }

    private final String key;
    private final GaussianViews views;
    private final int[] prefixes;
    private final Negatives negatives;
    private final List<Critic> critics = new ArrayList<>();

    /**
     * @param key      the summary key ({@code infonce}, {@code demi_4}, {@code demi_4_is})
     * @param views    the data model (its conditional sampler serves {@link Negatives#EXACT})
     * @param n        number of subviews N
     */
    public DemiEstimator(String key, GaussianViews views, int n, Negatives negatives, String critic, int hidden, int embed,
                         Generator init) {
        this.key = key;
        this.views = views;
        this.prefixes = GaussianViews.prefixes(views.dim(), n);
        this.negatives = negatives;
        for (int p : prefixes) critics.add(Critic.of(critic, p, views.dim(), hidden, embed, init));
    }

    /** The stable key of an estimator with {@code n} subviews: infonce, demi_n, demi_n_is. */
    public static String keyOf(int n, Negatives negatives) {
        if (n == 1) return "infonce";
        return "demi_" + n + (negatives == Negatives.IMPORTANCE ? "_is" : "");
    }

    public String key() { return key; }

    public int subviews() { return prefixes.length; }

    public Negatives negatives() { return negatives; }

    public List<Critic> critics() { return critics; }

    /** Every critic's parameters, for one optimizer over the whole estimator. */
    public List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        for (Module c : critics) out.addAll(c.parameters());
        return out;
    }

    /** {@link #terms(NdArray, NdArray, NdArray)} drawing the conditional noise from {@code gen}. */
    public Terms terms(NdArray x, NdArray y, Generator gen) {
        int b = x.shape()[0];
        return terms(x, y, negatives == Negatives.EXACT && prefixes.length > 1 ? gen.randn(DType.FLOAT64, b, b - 1, views.dim()) : null);
    }

    /**
     * The terms on one batch x, y ([B, d] float64; K = B); in EXACT mode the conditional
     * negatives of every term are made from {@code noise} [B, B-1, d] (standard normal, see
     * {@link GaussianViews#conditionalCandidates(NdArray, NdArray, int, NdArray)}). Records a
     * graph unless called under no-grad.
     */
    public Terms terms(NdArray x, NdArray y, NdArray noise) {
        int b = x.shape()[0];
        Tensor yt = new Tensor(y);
        NdArray order = inBatchIndex(b).reshape(b, b);     // row i: i first, then the others
        List<Tensor> values = new ArrayList<>();
        double[] ess = new double[prefixes.length];
        ess[0] = Double.NaN;
        Tensor earlier = null;      // sum of the earlier critics' scores on the in-batch candidates (IMPORTANCE)
        for (int n = 0; n < prefixes.length; n++) {
            Tensor xn = new Tensor(x.slice(1, 0, prefixes[n], 1).contiguous());
            if (n == 0) {
                Tensor s = critics.get(0).pairwise(xn, yt).gather(1, order);
                values.add(Bounds.infoNce(s));
                earlier = s.detach();
            } else if (negatives == Negatives.EXACT) {
                NdArray cand = views.conditionalCandidates(x, y, prefixes[n - 1], noise);
                values.add(Bounds.infoNce(critics.get(n).scores(xn, new Tensor(cand))));
                ess[n] = Double.NaN;
            } else {
                Tensor s = critics.get(n).pairwise(xn, yt).gather(1, order);
                Tensor logW = Bounds.logWeights(earlier.narrow(1, 1, b - 1));
                values.add(Bounds.importanceSampled(s, logW));
                ess[n] = Bounds.effectiveSampleSize(logW).mean().item();
                earlier = earlier.add(s.detach());
            }
        }
        return new Terms(values, ess);
    }

    /** The estimate on one batch without a graph: {total, term 1, ..., term N}, and the ESS per term. */
    public double[][] evaluate(NdArray x, NdArray y, NdArray noise) {
        try (GradMode.Guard g = GradMode.noGrad()) {
            Terms t = terms(x, y, noise);
            double[] v = new double[prefixes.length + 1];
            v[0] = t.total().mean().item();
            for (int n = 0; n < prefixes.length; n++) v[n + 1] = t.values().get(n).mean().item();
            return new double[][] {v, t.ess()};
        }
    }

    /**
     * Row i lists anchor i's candidates among the batch: i itself (the positive) in slot 0, then
     * every other j in order, so column k of the [B, B] score matrix is candidate k.
     */
    static NdArray inBatchIndex(int b) {
        long[] idx = new long[b * b];
        for (int i = 0; i < b; i++) {
            idx[i * b] = i;
            for (int k = 1; k < b; k++) idx[i * b + k] = k - 1 < i ? k - 1 : k;
        }
        return NdArray.of(idx, b * b);
    }
}
